"""Random identifiers in the formats Toggl clients validate."""

from __future__ import annotations

import secrets
import string

_ALPHANUM = string.ascii_letters + string.digits


def new_api_token() -> str:
    """A 32-character lowercase hex API token."""
    return secrets.token_hex(16)


def new_toggl_accounts_id() -> str:
    """A 22-character id, like Toggl's `toggl_accounts_id` (toggl-python checks the length)."""
    return "".join(secrets.choice(_ALPHANUM) for _ in range(22))


def is_api_token(value: str) -> bool:
    """True for 32 lowercase hex characters."""
    return len(value) == 32 and all(c in "0123456789abcdef" for c in value)
