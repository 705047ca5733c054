"""Password and PIN hashes (argon2id via argon2-cffi): only hashes reach the store."""

from __future__ import annotations

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


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's (re-hash it at the next good login)."""
    return hasher.check_needs_rehash(stored_hash)
