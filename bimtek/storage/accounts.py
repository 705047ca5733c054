"""Who works in the store: learners (self-learners, cohort trainees, guests), trainers and cohorts; PINs and lockout.

Every user mistake raises InputError with one Indonesian sentence naming the value; secrets are never echoed.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Table, and_, case, literal, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bimtek.errors import InputError
from bimtek.storage import hashing
from bimtek.storage.models import Cohort, Learner, LearnerSession, Trainer
from bimtek.storage.store import Store

SELF_SCOPE = "mandiri"
GUEST_NAME = "Tamu"
MAX_FAILURES = 5  # wrong PINs / passwords in a row before the account is locked for LOCK_MINUTES
LOCK_MINUTES = 15
PIN_PATTERN = re.compile(r"[0-9]{4,6}")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: a code read off a projector
CODE_LENGTH = 6
USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{2,39}")
MIN_PASSWORD = 8


def now() -> dt.datetime:
    """The clock of lockouts (tests move it)."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class LearnerInfo:
    id: str
    name: str
    guest: bool
    has_pin: bool
    cohort_id: int | None = None
    cohort_name: str | None = None
    cohort_code: str | None = None
    last_seen_at: dt.datetime | None = None


@dataclass(frozen=True)
class CohortInfo:
    id: int
    name: str
    join_code: str
    trainer: str


@dataclass(frozen=True)
class TrainerInfo:
    id: int
    username: str


# --- validation ---------------------------------------------------------------------------------------------------


def clean_name(name: str) -> str:
    cleaned = " ".join(str(name).split())
    if not 2 <= len(cleaned) <= 60:
        raise InputError([f"Nama '{cleaned}' tidak dapat dipakai: isi 2 sampai 60 karakter."])
    return cleaned


def _name_key(name: str) -> str:
    return name.casefold()


def check_pin(pin: str | None) -> str:
    pin = str(pin or "").strip()
    if not pin:
        raise InputError(["PIN harus 4 sampai 6 angka; PIN belum diisi."])
    if not re.fullmatch(r"[0-9]+", pin):
        raise InputError(["PIN harus 4 sampai 6 angka; yang diisi memuat huruf atau tanda lain."])
    if not PIN_PATTERN.fullmatch(pin):
        raise InputError([f"PIN harus 4 sampai 6 angka; yang diisi {len(pin)} angka."])
    return pin


def normalise_code(code: str) -> str:
    return re.sub(r"[\s-]", "", str(code)).upper()


def _scope(cohort_id: int | None) -> str:
    return SELF_SCOPE if cohort_id is None else f"kelas:{cohort_id}"


def _new_id() -> str:
    return secrets.token_urlsafe(16)


def _info(session: Session, row: Learner) -> LearnerInfo:
    cohort = session.get(Cohort, row.cohort_id) if row.cohort_id is not None else None
    return LearnerInfo(
        id=row.id,
        name=row.name,
        guest=row.guest,
        has_pin=row.pin_hash is not None,
        cohort_id=row.cohort_id,
        cohort_name=cohort.name if cohort else None,
        cohort_code=cohort.join_code if cohort else None,
        last_seen_at=row.last_seen_at,
    )


# --- learners -----------------------------------------------------------------------------------------------------


def create_guest(store: Store) -> LearnerInfo:
    """An unnamed profile, made when a guest's first piece of work is saved; naming it later keeps the work."""

    def work(session: Session) -> LearnerInfo:
        row = Learner(id=_new_id(), name=GUEST_NAME, name_key=None, scope=SELF_SCOPE, guest=True, failed_pins=0)
        session.add(row)
        session.flush()
        return _info(session, row)

    return store.write(work)


def get_learner(store: Store, learner_id: str) -> LearnerInfo | None:
    def work(session: Session) -> LearnerInfo | None:
        row = session.get(Learner, str(learner_id))
        return _info(session, row) if row is not None else None

    return store.read(work)


def touch_learner(store: Store, learner_id: str) -> None:
    """Notes that the learner came back (orders this device's profile list)."""

    def work(session: Session) -> None:
        row = session.get(Learner, learner_id)
        if row is not None:
            row.last_seen_at = now()

    store.write(work)


def create_profile(
    store: Store, name: str, pin: str | None = None, *, pin_required: bool = False, guest_id: str | None = None
) -> LearnerInfo:
    """A self-learner's profile (no cohort). A guest's profile, when given, is named instead so its work stays."""
    name = clean_name(name)
    pin = check_pin(pin) if pin or pin_required else None
    return _name_profile(store, name, pin, cohort_id=None, guest_id=guest_id, where="di perangkat/server ini")


def join_cohort(store: Store, code: str, name: str, pin: str, *, guest_id: str | None = None) -> LearnerInfo:
    """A trainee joins a cohort by its join code, with their name and a 4-6 digit PIN to resume elsewhere."""
    cohort = find_cohort(store, code)
    name = clean_name(name)
    pin = check_pin(pin)
    return _name_profile(store, name, pin, cohort_id=cohort.id, guest_id=guest_id, where=f"kelas '{cohort.join_code}'")


def _name_profile(
    store: Store, name: str, pin: str | None, *, cohort_id: int | None, guest_id: str | None, where: str
) -> LearnerInfo:
    pin_hash = hashing.hash_secret(pin) if pin else None  # hashed outside the transaction: it takes ~50 ms

    def work(session: Session) -> LearnerInfo:
        guest = session.get(Learner, guest_id) if guest_id else None
        row = guest if guest is not None and guest.guest else Learner(id=_new_id(), failed_pins=0)
        row.name, row.name_key, row.scope, row.cohort_id = name, _name_key(name), _scope(cohort_id), cohort_id
        row.guest, row.pin_hash, row.last_seen_at = False, pin_hash, now()
        session.add(row)
        session.flush()
        return _info(session, row)

    try:
        return store.write(work)
    except IntegrityError:
        hint = "gunakan 'Lanjutkan' dengan PIN Anda" if cohort_id is not None else "pilih profil itu untuk melanjutkan"
        raise InputError(
            [f"Nama '{name}' sudah terdaftar di {where}. Jika itu Anda, {hint}; jika bukan, tambahkan inisial."]
        ) from None


def local_profiles(store: Store) -> list[LearnerInfo]:
    """Named self-learner profiles, most recently used first (the device's list when the store is a local file)."""

    def work(session: Session) -> list[LearnerInfo]:
        rows = session.scalars(
            select(Learner)
            .where(Learner.scope == SELF_SCOPE, Learner.guest.is_(False))
            .order_by(Learner.last_seen_at.desc())
        )
        return [_info(session, row) for row in rows]

    return store.read(work)


def resume(store: Store, name: str, pin: str | None, code: str | None = None) -> LearnerInfo:
    """A learner found by name (in the cohort of `code`, else among self-learners) whose PIN matches.

    An unknown name, a wrong PIN, a profile without a PIN and a locked profile all get the same message after the same
    work (one hash verification), so this form does not tell which names exist.
    """
    cohort = find_cohort(store, code) if code and code.strip() else None
    name = clean_name(name)
    where = f" di kelas '{cohort.join_code}'" if cohort else " di antara peserta belajar mandiri"
    helper = "; narasumber kelas dapat membukanya lebih cepat" if cohort else ""
    refused = InputError(
        [
            f"Nama atau PIN tidak cocok{where}. Periksa ejaan nama dan PIN Anda; setelah {MAX_FAILURES} percobaan "
            f"salah, profil dikunci {LOCK_MINUTES} menit{helper}."
        ]
    )

    def find(session: Session) -> tuple[str, str | None] | None:
        row = session.execute(
            select(Learner.id, Learner.pin_hash).where(
                Learner.scope == _scope(cohort.id if cohort else None), Learner.name_key == _name_key(name)
            )
        ).first()
        return (row.id, row.pin_hash) if row is not None else None

    found = store.read(find)
    if found is None or found[1] is None:  # a profile without a PIN is opened from its device, never by name
        hashing.verify_decoy(pin)
        raise refused
    if _try_secret(store, Learner, found[0], found[1], pin) != "ok":
        raise refused
    return _opened(store, found[0])


def open_profile(store: Store, learner_id: str, pin: str | None) -> LearnerInfo:
    """The learner, after checking their PIN when they set one; MAX_FAILURES wrong PINs lock it for LOCK_MINUTES.

    For a profile already named on the screen (this device's list, a link): the messages say how many tries are left.
    """
    row = store.read(lambda session: session.get(Learner, learner_id))
    if row is None:
        raise InputError([f"Profil '{learner_id}' tidak ditemukan."])
    if row.pin_hash is not None:
        outcome = _try_secret(store, Learner, learner_id, row.pin_hash, pin)
        if outcome == "locked":
            raise InputError([_locked_message(row.name, _lock_of(store, Learner, learner_id)) or _BUSY])
        if outcome == "wrong":
            raise InputError([_wrong_secret_message(store, "PIN", row.name, learner_id)])
    return _opened(store, learner_id)


def _opened(store: Store, learner_id: str) -> LearnerInfo:
    """A right PIN (or none needed): the count of wrong ones starts again and the profile is seen now."""

    def reset(session: Session) -> LearnerInfo:
        fresh = session.get(Learner, learner_id)
        assert fresh is not None
        fresh.failed_pins, fresh.locked_until, fresh.last_seen_at = 0, None, now()
        return _info(session, fresh)

    return store.write(reset)


def _try_secret(
    store: Store, model: type[Learner] | type[Trainer], key: str | int, stored_hash: str, secret: str | None
) -> str:
    """'ok', 'wrong' or 'locked': a try is claimed (counted) atomically before the slow hash is verified, so parallel
    guesses cannot all be checked while the lock is still open; at most MAX_FAILURES of them ever reach the hash."""
    if not _claim_try(store, model, key):
        hashing.verify_decoy(secret)  # a locked account answers as slowly as an open one
        return "locked"
    return "ok" if secret and hashing.verify_secret(stored_hash, str(secret).strip()) else "wrong"


_BUSY = "Terlalu banyak percobaan masuk sekaligus untuk akun ini; tunggu sebentar lalu coba lagi."


def _claim_try(store: Store, model: type[Learner] | type[Trainer], key: str | int) -> bool:
    """Counts one try at the account's secret, in one atomic UPDATE, before the secret is verified.

    False when the account is locked (or MAX_FAILURES tries are already counted): the caller must not verify. The try
    that reaches MAX_FAILURES also sets the lock, so a wrong guess finishing later has nothing left to record; a right
    secret resets both (see the callers). An expired lock starts a fresh count. SQLite serialises writers (BEGIN
    IMMEDIATE); PostgreSQL re-checks the WHERE clause on the row it waited for, so both count every try once.
    """
    table = Learner.__table__ if model is Learner else Trainer.__table__
    assert isinstance(table, Table)
    counter = table.c.failed_pins if model is Learner else table.c.failed_logins
    moment = now()
    until = literal(moment + dt.timedelta(minutes=LOCK_MINUTES), type_=table.c.locked_until.type)
    open_lock = or_(table.c.locked_until.is_(None), table.c.locked_until <= moment)
    expired = table.c.locked_until.is_not(None)  # within `open_lock`: a lock that has run out
    statement = (
        update(table)
        .where(table.c.id == key, open_lock, or_(counter < MAX_FAILURES, expired))
        .values(
            {
                counter: case((expired, 1), else_=counter + 1),
                table.c.locked_until: case(
                    (and_(table.c.locked_until.is_(None), counter + 1 >= MAX_FAILURES), until), else_=None
                ),
            }
        )
    )
    return store.write(lambda session: session.execute(statement).rowcount == 1)  # type: ignore[attr-defined]


def _lock_of(store: Store, model: type[Learner] | type[Trainer], key: str | int) -> dt.datetime | None:
    return store.read(lambda session: session.scalar(select(model.locked_until).where(model.id == key)))


def set_pin(store: Store, learner_id: str, pin: str) -> None:
    pin_hash = hashing.hash_secret(check_pin(pin))

    def work(session: Session) -> None:
        row = session.get(Learner, learner_id)
        if row is None:
            raise InputError([f"Profil '{learner_id}' tidak ditemukan."])
        row.pin_hash, row.failed_pins, row.locked_until = pin_hash, 0, None
        end_learner_sessions(session, learner_id)

    store.write(work)


def end_learner_sessions(session: Session, learner_id: str) -> None:
    """Revokes every live session of the learner (a new PIN: links issued before it stop opening the profile)."""
    session.execute(
        update(LearnerSession)
        .where(LearnerSession.learner_id == learner_id, LearnerSession.revoked_at.is_(None))
        .values(revoked_at=now())
    )


def _locked_message(who: str, locked_until: dt.datetime | None) -> str | None:
    if locked_until is None or locked_until <= now():
        return None
    minutes = max(1, round((locked_until - now()).total_seconds() / 60))
    return (
        f"Terlalu banyak percobaan salah untuk '{who}'; akun dikunci, coba lagi {minutes} menit lagi "
        "atau minta bantuan narasumber."
    )


def _wrong_secret_message(store: Store, what: str, who: str, learner_id: str) -> str:
    row = store.read(lambda session: session.get(Learner, learner_id))
    failed, locked_until = (row.failed_pins, row.locked_until) if row else (0, None)
    locked = _locked_message(who, locked_until)
    if locked:
        return f"{what} untuk '{who}' salah. {locked}"
    left = MAX_FAILURES - failed
    return f"{what} untuk '{who}' salah; sisa {left} percobaan sebelum akun dikunci {LOCK_MINUTES} menit."


# --- cohorts ------------------------------------------------------------------------------------------------------


def create_cohort(store: Store, name: str, trainer_username: str) -> CohortInfo:
    """A new cohort with a fresh join code (six letters and digits without look-alikes)."""
    name = " ".join(str(name).split())
    if not 3 <= len(name) <= 120:
        raise InputError([f"Nama kelas '{name}' tidak dapat dipakai: isi 3 sampai 120 karakter."])
    username = str(trainer_username).strip().lower()
    for _ in range(10):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))

        def work(session: Session, code: str = code) -> CohortInfo:
            trainer = session.scalar(select(Trainer).where(Trainer.username == username))
            if trainer is None:
                raise InputError(
                    [f"Narasumber '{username}' tidak ditemukan; buat dulu: python -m bimtek trainer create {username}"]
                )
            row = Cohort(name=name, join_code=code, trainer_id=trainer.id)
            session.add(row)
            session.flush()
            return CohortInfo(row.id, row.name, row.join_code, trainer.username)

        try:
            return store.write(work)
        except IntegrityError:
            continue  # the code was taken: draw another
    raise AssertionError("could not draw a free join code in 10 tries")


def find_cohort(store: Store, code: str) -> CohortInfo:
    wanted = normalise_code(code)

    def work(session: Session) -> CohortInfo | None:
        row = session.scalar(select(Cohort).where(Cohort.join_code == wanted))
        if row is None:
            return None
        trainer = session.get(Trainer, row.trainer_id)
        return CohortInfo(row.id, row.name, row.join_code, trainer.username if trainer else "")

    found = store.read(work) if wanted else None
    if found is None:
        raise InputError(
            [
                f"Kode kelas '{str(code).strip()}' tidak ditemukan; periksa kode {CODE_LENGTH} huruf/angka "
                "yang ditampilkan narasumber."
            ]
        )
    return found


# --- trainers -----------------------------------------------------------------------------------------------------


def create_trainer(store: Store, username: str, password: str) -> TrainerInfo:
    username = str(username).strip().lower()
    if not USERNAME_PATTERN.fullmatch(username):
        raise InputError(
            [f"Nama pengguna '{username}' tidak valid: 3-40 huruf kecil, angka, titik, garis bawah atau tanda minus."]
        )
    if len(password) < MIN_PASSWORD:
        raise InputError([f"Kata sandi terlalu pendek ({len(password)} karakter); minimal {MIN_PASSWORD} karakter."])
    password_hash = hashing.hash_secret(password)

    def work(session: Session) -> TrainerInfo:
        row = Trainer(username=username, password_hash=password_hash, failed_logins=0)
        session.add(row)
        session.flush()
        return TrainerInfo(row.id, row.username)

    try:
        return store.write(work)
    except IntegrityError:
        raise InputError([f"Narasumber '{username}' sudah ada; pilih nama pengguna lain."]) from None


def authenticate_trainer(store: Store, username: str, password: str) -> TrainerInfo:
    """The trainer whose password matches; MAX_FAILURES wrong passwords lock the account for LOCK_MINUTES.

    Like resume: an unknown name, a wrong password and a locked account get the same message after one verification.
    """
    username = str(username).strip().lower()
    refused = InputError(
        [
            f"Nama pengguna atau kata sandi narasumber tidak cocok. Setelah {MAX_FAILURES} percobaan salah, akun "
            f"dikunci {LOCK_MINUTES} menit; pengelola server dapat mengatur ulang kata sandi dengan "
            "python -m bimtek trainer reset-password NAMA."
        ]
    )
    row = store.read(lambda session: session.scalar(select(Trainer).where(Trainer.username == username)))
    if row is None:
        hashing.verify_decoy(password)
        raise refused
    if _try_secret(store, Trainer, row.id, row.password_hash, password) != "ok":
        raise refused
    rehash = hashing.hash_secret(password) if hashing.needs_rehash(row.password_hash) else None

    def reset(session: Session) -> None:
        fresh = session.get(Trainer, row.id)
        assert fresh is not None
        fresh.failed_logins, fresh.locked_until = 0, None
        if rehash:
            fresh.password_hash = rehash

    store.write(reset)
    return TrainerInfo(row.id, row.username)
