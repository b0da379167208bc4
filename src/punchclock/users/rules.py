"""Pure validation rules for user profile fields (no I/O)."""

from __future__ import annotations

import re
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from punchclock.errors import BadRequest

INVALID_EMAIL = "Invalid email"
# Deliberately close to what client-side validators (e.g. pydantic's EmailStr) accept.
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def is_valid_email(email: str) -> bool:
    """A plausible address: local part, @, a dotted domain."""
    return len(email) <= 255 and _EMAIL.match(email) is not None


def clean_email(email: str | None) -> str:
    """The address trimmed and lower-cased (as stored), or 400 "Invalid email"."""
    cleaned = (email or "").strip().lower()
    if not is_valid_email(cleaned):
        raise BadRequest(INVALID_EMAIL)
    return cleaned


@lru_cache(maxsize=1024)
def is_valid_timezone(name: str) -> bool:
    """An IANA zone name that this Python knows."""
    if not name or name != name.strip() or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def is_valid_fullname(name: str) -> bool:
    """Non-blank and at most 255 characters."""
    return bool(name.strip()) and len(name) <= 255
