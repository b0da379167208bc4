"""Sessions as the domain sees them."""

from __future__ import annotations

import msgspec


class WebSession(msgspec.Struct, frozen=True):
    """A signed-in browser: whose it is, its CSRF token and when it ends (Unix microseconds)."""

    id: int
    user_id: int
    csrf_token: str
    expires_at: int


class StartedSession(msgspec.Struct, frozen=True):
    """A new session and the token for its cookie (only its hash is stored)."""

    token: str
    session: WebSession
