"""The user as the domain sees it."""

from __future__ import annotations

import msgspec


class User(msgspec.Struct, frozen=True):
    """A person with an account (timestamps in Unix microseconds)."""

    id: int
    email: str
    fullname: str
    password_hash: str | None
    api_token: str
    toggl_accounts_id: str
    timezone: str
    beginning_of_week: int
    country_id: int | None
    default_workspace_id: int | None
    image_url: str | None
    created_at: int
    updated_at: int
    at: int
    authorization_updated_at: int
    toggl_accounts_updated_at: int
