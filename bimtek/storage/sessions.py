"""Sessions that survive a browser refresh: a random token in the URL, only its SHA-256 hash in the store.

Trainers (?sesi=) and learners whose profile has a PIN (?akses=): their link opens the account only while the session
lives; "Keluar" revokes it, and a learner's sessions all end when the PIN changes or a trainer resets it.

The token is 256 random bits, so a plain SHA-256 (not a slow password hash) is enough: nobody can guess a preimage,
and the store alone (a backup, a leaked file) does not let anyone sign in. Lookups cost one indexed read per run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bimtek.storage.accounts import LearnerInfo, TrainerInfo, get_learner
from bimtek.storage.models import LearnerSession, Trainer, TrainerSession, utcnow
from bimtek.storage.store import Store

LIFETIME = dt.timedelta(hours=12)  # a workshop day; the trainer (or trainee) signs in again the next morning
TOKEN_BYTES = 32  # 256 bits


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(store: Store, trainer_id: int, lifetime: dt.timedelta = LIFETIME) -> str:
    """A new session for the trainer; returns the raw token (shown only in the URL, never stored)."""
    return _start(store, lambda digest, now: TrainerSession(token_hash=digest, trainer_id=trainer_id, created_at=now,
                                                            expires_at=now + lifetime))  # fmt: skip


def start_learner_session(store: Store, learner_id: str, lifetime: dt.timedelta = LIFETIME) -> str:
    """A new session for a learner who just gave their PIN; returns the raw token for the URL (?akses=)."""
    return _start(store, lambda digest, now: LearnerSession(token_hash=digest, learner_id=learner_id, created_at=now,
                                                            expires_at=now + lifetime))  # fmt: skip


def _start(store: Store, row: Callable[[str, dt.datetime], TrainerSession | LearnerSession]) -> str:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = utcnow()
    store.write(lambda session: session.add(row(token_hash(token), now)))
    return token


def session_trainer(store: Store, token: str | None) -> TrainerInfo | None:
    """The trainer of a valid (known, unexpired, unrevoked) token; None for anything else, without raising."""
    if not token or len(token) > 200:
        return None
    digest = token_hash(token)

    def work(session: Session) -> TrainerInfo | None:
        row = session.execute(
            select(Trainer.id, Trainer.username)
            .join(TrainerSession, TrainerSession.trainer_id == Trainer.id)
            .where(
                TrainerSession.token_hash == digest,
                TrainerSession.revoked_at.is_(None),
                TrainerSession.expires_at > utcnow(),
            )
        ).first()
        return TrainerInfo(row.id, row.username) if row is not None else None

    return store.read(work)


def session_learner(store: Store, token: str | None) -> LearnerInfo | None:
    """The learner of a valid (known, unexpired, unrevoked) learner token; None for anything else, without raising."""
    if not token or len(token) > 200:
        return None
    digest = token_hash(token)
    learner_id = store.read(
        lambda session: session.scalar(
            select(LearnerSession.learner_id).where(
                LearnerSession.token_hash == digest,
                LearnerSession.revoked_at.is_(None),
                LearnerSession.expires_at > utcnow(),
            )
        )
    )
    return get_learner(store, learner_id) if learner_id is not None else None


def end_session(store: Store, token: str | None) -> bool:
    """Revokes the trainer token's session ("Keluar"); True when a live session was revoked."""
    return _revoke(store, TrainerSession, token)


def end_learner_session(store: Store, token: str | None) -> bool:
    """Revokes the learner token's session ("Keluar"); True when a live session was revoked."""
    return _revoke(store, LearnerSession, token)


def _revoke(store: Store, model: type[TrainerSession] | type[LearnerSession], token: str | None) -> bool:
    if not token:
        return False
    digest = token_hash(token)

    def work(session: Session) -> bool:
        result = session.execute(
            update(model).where(model.token_hash == digest, model.revoked_at.is_(None)).values(revoked_at=utcnow())
        )
        return bool(getattr(result, "rowcount", 0))

    return store.write(work)
