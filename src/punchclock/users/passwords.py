"""Password hashing (argon2id) and a bounded cache of recently verified credentials."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD_LENGTH = 6

_hasher = PasswordHasher()


def use_hash_parameters(*, time_cost: int, memory_cost: int) -> None:
    """Change the cost of new hashes (tests make them cheap; a hash records its own cost)."""
    global _hasher
    _hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=1)


def hash_password(password: str) -> str:
    """An argon2id hash of the password."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when the password matches the hash (slow by design)."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


class CredentialCache:
    """Remembers email:password pairs that verified, so repeat requests skip argon2.

    An entry is keyed by email and a keyed digest of the password (the plain password is never
    kept), and stores the password hash and `authorization_updated_at` it verified against. A
    password change or token reset changes those on the user row, so a stale entry stops
    matching in every process, without any explicit invalidation message.
    """

    def __init__(self, max_entries: int, ttl_seconds: float) -> None:
        self._max = max_entries
        self._ttl = ttl_seconds
        self._key = secrets.token_bytes(32)
        self._entries: OrderedDict[tuple[str, bytes], tuple[str, int, float]] = OrderedDict()
        self._lock = threading.Lock()

    def _digest(self, password: str) -> bytes:
        return hmac.new(self._key, password.encode(), hashlib.sha256).digest()

    def is_verified(self, email: str, password: str, password_hash: str, stamp: int) -> bool:
        """True when this exact pair verified against this hash and stamp recently."""
        if self._max == 0:
            return False
        key = (email, self._digest(password))
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return False
            cached_hash, cached_stamp, expires = entry
            if expires < time.monotonic() or cached_stamp != stamp:
                del self._entries[key]
                return False
            self._entries.move_to_end(key)
        return hmac.compare_digest(cached_hash, password_hash)

    def remember(self, email: str, password: str, password_hash: str, stamp: int) -> None:
        """Record a successful verification."""
        if self._max == 0:
            return
        key = (email, self._digest(password))
        with self._lock:
            self._entries[key] = (password_hash, stamp, time.monotonic() + self._ttl)
            self._entries.move_to_end(key)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)
