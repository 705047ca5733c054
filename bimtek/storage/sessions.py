"""Trainer sessions that survive a browser refresh: a random token in the URL, only its SHA-256 hash in the store.

The token is 256 random bits, so a plain SHA-256 (not a slow password hash) is enough: nobody can guess a preimage,
and the store alone (a backup, a leaked file) does not let anyone sign in. Lookups cost one indexed read per run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bimtek.storage.accounts import TrainerInfo
from bimtek.storage.models import Trainer, TrainerSession, utcnow
from bimtek.storage.store import Store

LIFETIME = dt.timedelta(hours=12)  # a workshop day; the trainer logs in again the next morning
TOKEN_BYTES = 32  # 256 bits


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(store: Store, trainer_id: int, lifetime: dt.timedelta = LIFETIME) -> str:
    """A new session for the trainer; returns the raw token (shown only in the URL, never stored)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = utcnow()

    def work(session: Session) -> None:
        session.add(TrainerSession(token_hash=token_hash(token), trainer_id=trainer_id, created_at=now,
                                   expires_at=now + lifetime))  # fmt: skip

    store.write(work)
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


def end_session(store: Store, token: str | None) -> bool:
    """Revokes the token's session ("Keluar"); True when a live session was revoked."""
    if not token:
        return False
    digest = token_hash(token)

    def work(session: Session) -> bool:
        result = session.execute(
            update(TrainerSession)
            .where(TrainerSession.token_hash == digest, TrainerSession.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        return bool(getattr(result, "rowcount", 0))

    return store.write(work)
