"""Pure rules for sessions: token hashing and how long a failed sign-in makes the next one wait."""

from __future__ import annotations

import hashlib
import math
import secrets

# A few mistyped passwords cost nothing; after that each failure doubles the wait, up to 15
# minutes. An address (shared by an office behind one NAT) gets more free tries than an account.
FREE_ACCOUNT_FAILURES = 5
FREE_ADDRESS_FAILURES = 20
MAX_WAIT_SECONDS = 900
# Failures are forgotten an hour after the last one.
FORGET_AFTER_SECONDS = 3600


def new_token() -> str:
    """A random cookie token (256 bits)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What the database keeps of a token: its SHA-256, hex."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def account_key(email: str) -> str:
    """The throttle key of an account (emails compare case-insensitively)."""
    return "account:" + email.strip().lower()[:300]


def address_key(address: str) -> str:
    """The throttle key of a client address."""
    return "address:" + address[:300]


def free_failures(key: str) -> int:
    """How many failures this key may have before sign-ins wait."""
    return FREE_ADDRESS_FAILURES if key.startswith("address:") else FREE_ACCOUNT_FAILURES


def seconds_to_wait(failures: int, last_failure_at_us: int, now_us: int, free: int) -> int:
    """Whole seconds until the next sign-in may be tried (0: now)."""
    elapsed_us = now_us - last_failure_at_us
    if failures < free or elapsed_us >= FORGET_AFTER_SECONDS * 1_000_000:
        return 0
    wait_us = min(1 << min(failures - free, 20), MAX_WAIT_SECONDS) * 1_000_000
    return max(0, math.ceil((wait_us - elapsed_us) / 1_000_000))
