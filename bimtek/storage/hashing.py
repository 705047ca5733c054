"""Password and PIN hashes (argon2id via argon2-cffi): only hashes reach the store."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# argon2-cffi's default parameters are RFC 9106's low-memory profile (argon2id, t=3, m=64 MiB, p=4): ~0.15 s per hash
# on a 2-core machine. Tests swap `hasher` for a cheaper argon2id; the parameters are part of every stored hash.
DEFAULT = PasswordHasher()
hasher = DEFAULT


def hash_secret(secret: str) -> str:
    return hasher.hash(secret)


def verify_secret(stored_hash: str | None, secret: str) -> bool:
    """True when `secret` matches; False for a wrong secret, a missing hash or a damaged one."""
    if not stored_hash:
        return False
    try:
        return hasher.verify(stored_hash, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


_DECOYS: dict[int, str] = {}  # id(hasher) -> a hash of nothing anyone knows, made once per hasher


def verify_decoy(secret: str | None) -> None:
    """Spends the time of one real verification, for a name that does not exist or an account that is locked.

    Sign-in then takes about as long whether or not the name exists, so timing does not tell names apart either.
    """
    decoy = _DECOYS.get(id(hasher))
    if decoy is None:
        decoy = _DECOYS.setdefault(id(hasher), hasher.hash(secrets.token_urlsafe(16)))
    verify_secret(decoy, str(secret or ""))


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's (re-hash it at the next good login)."""
    return hasher.check_needs_rehash(stored_hash)
