"""Trainers' tools for accounts: reset a trainee's PIN, lift a lock, reset a trainer's password from the command line.

Every action is written to the audit log (AccountAudit) in the same transaction, with who did it; a trainer acts only
on trainees of their own cohorts. Secrets are never logged: a new PIN is returned once, to be handed over in person.
"""

from __future__ import annotations

import datetime as dt
import getpass
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bimtek.errors import InputError
from bimtek.storage import accounts, hashing
from bimtek.storage.models import AccountAudit, Cohort, Learner, Trainer, TrainerSession
from bimtek.storage.store import Store

RESET_PIN = "atur_ulang_pin"
UNLOCK = "buka_kunci"
RESET_PASSWORD = "atur_ulang_sandi"
ACTIONS = {
    RESET_PIN: "PIN diatur ulang",
    UNLOCK: "Kunci dibuka",
    RESET_PASSWORD: "Kata sandi narasumber diatur ulang",
}
NEW_PIN_DIGITS = 6


@dataclass(frozen=True)
class MemberAccount:
    id: str
    name: str
    locked_until: dt.datetime | None
    failed_pins: int

    @property
    def locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > accounts.now()


@dataclass(frozen=True)
class AuditEntry:
    when: dt.datetime
    actor: str
    action: str  # the Indonesian label of ACTIONS
    target: str


def cli_actor() -> str:
    """The command line's name in the log: the operating-system user who ran it."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "tidak dikenal"
    return f"baris perintah ({user})"[:80]


def _log(session: Session, actor: str, action: str, target: str, target_id: str, cohort_id: int | None) -> None:
    session.add(AccountAudit(actor=actor[:80], action=action, target=target[:80], target_id=str(target_id),
                             cohort_id=cohort_id, created_at=accounts.now()))  # fmt: skip


def member_accounts(store: Store, cohort_id: int) -> list[MemberAccount]:
    """The cohort's trainees with their lock state, by name."""

    def work(session: Session) -> list[MemberAccount]:
        rows = session.execute(
            select(Learner.id, Learner.name, Learner.locked_until, Learner.failed_pins)
            .where(Learner.cohort_id == cohort_id)
            .order_by(Learner.name_key)
        )
        return [MemberAccount(r.id, r.name, r.locked_until, r.failed_pins) for r in rows]

    return store.read(work)


def _own_trainee(session: Session, trainer_id: int, learner_id: str) -> Learner:
    row = session.get(Learner, str(learner_id))
    cohort = session.get(Cohort, row.cohort_id) if row is not None and row.cohort_id is not None else None
    if row is None or cohort is None or cohort.trainer_id != trainer_id:
        raise InputError(
            ["Peserta itu bukan anggota kelas Anda; hanya narasumber pemilik kelas yang dapat mengubahnya."]
        )
    return row


def reset_learner_pin(store: Store, trainer: accounts.TrainerInfo, learner_id: str) -> str:
    """A new random PIN for a trainee of the trainer's cohort (returned once), the lock lifted, every session ended."""
    pin = "".join(secrets.choice("0123456789") for _ in range(NEW_PIN_DIGITS))
    pin_hash = hashing.hash_secret(pin)

    def work(session: Session) -> None:
        row = _own_trainee(session, trainer.id, learner_id)
        row.pin_hash, row.failed_pins, row.locked_until = pin_hash, 0, None
        accounts.end_learner_sessions(session, row.id)
        _log(session, trainer.username, RESET_PIN, row.name, row.id, row.cohort_id)

    store.write(work)
    return pin


def unlock_learner(store: Store, trainer: accounts.TrainerInfo, learner_id: str) -> None:
    """Lifts the lock of a trainee of the trainer's cohort (and forgets their wrong PINs)."""

    def work(session: Session) -> None:
        row = _own_trainee(session, trainer.id, learner_id)
        row.failed_pins, row.locked_until = 0, None
        _log(session, trainer.username, UNLOCK, row.name, row.id, row.cohort_id)

    store.write(work)


def reset_trainer_password(store: Store, username: str, password: str, actor: str) -> accounts.TrainerInfo:
    """A trainer's new password (the command line: whoever runs it owns the server): the lock lifted, every session
    ended, the action logged."""
    username = str(username).strip().lower()
    if len(password) < accounts.MIN_PASSWORD:
        raise InputError(
            [f"Kata sandi terlalu pendek ({len(password)} karakter); minimal {accounts.MIN_PASSWORD} karakter."]
        )
    password_hash = hashing.hash_secret(password)

    def work(session: Session) -> accounts.TrainerInfo:
        row = session.scalar(select(Trainer).where(Trainer.username == username))
        if row is None:
            raise InputError([f"Narasumber '{username}' tidak ditemukan; buat dengan: python -m bimtek trainer create"])
        row.password_hash, row.failed_logins, row.locked_until = password_hash, 0, None
        session.execute(
            update(TrainerSession)
            .where(TrainerSession.trainer_id == row.id, TrainerSession.revoked_at.is_(None))
            .values(revoked_at=accounts.now())
        )
        _log(session, actor, RESET_PASSWORD, row.username, str(row.id), None)
        return accounts.TrainerInfo(row.id, row.username)

    return store.write(work)


def cohort_audit(store: Store, cohort_id: int, limit: int = 200) -> list[AuditEntry]:
    """The cohort's account actions, newest first."""

    def work(session: Session) -> list[AuditEntry]:
        rows = session.scalars(
            select(AccountAudit)
            .where(AccountAudit.cohort_id == cohort_id)
            .order_by(AccountAudit.id.desc())
            .limit(limit)
        )
        return [AuditEntry(r.created_at, r.actor, ACTIONS.get(r.action, r.action), r.target) for r in rows]

    return store.read(work)


def trainer_audit(store: Store, username: str) -> list[AuditEntry]:
    """The password resets of one trainer account, newest first."""

    def work(session: Session) -> list[AuditEntry]:
        rows = session.scalars(
            select(AccountAudit)
            .where(AccountAudit.action == RESET_PASSWORD, AccountAudit.target == str(username).strip().lower())
            .order_by(AccountAudit.id.desc())
        )
        return [AuditEntry(r.created_at, r.actor, ACTIONS[r.action], r.target) for r in rows]

    return store.read(work)
