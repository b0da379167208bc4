"""Wire types for /me (key order as recorded, §5.1)."""

from __future__ import annotations

from typing import Annotated

import msgspec
from msgspec import UNSET, UnsetType

from punchclock.api.timestamps import format_micros
from punchclock.users.models import User
from punchclock.users.service import ProfileChanges

DEFAULT_IMAGE_URL = "https://assets.track.toggl.com/images/profile.png"
# Ids are int64: a bigger number is a 400 at decoding, not a database overflow (a 500).
Id = Annotated[int, msgspec.Meta(ge=-(2**63), le=2**63 - 1)]


class MeOut(msgspec.Struct):
    """GET/PUT /me. Related-data arrays sit between `oauth_providers` and
    `authorization_updated_at`, and are omitted when the user has none of that kind."""

    id: int
    api_token: str
    email: str
    fullname: str
    timezone: str
    toggl_accounts_id: str
    default_workspace_id: int | None
    beginning_of_week: int
    image_url: str
    created_at: str
    updated_at: str
    openid_email: None
    openid_enabled: bool
    country_id: int | None
    has_password: bool
    at: str
    intercom_hash: None
    tags: list[object] | UnsetType = UNSET
    clients: list[object] | UnsetType = UNSET
    time_entries: list[object] | UnsetType = UNSET
    projects: list[object] | UnsetType = UNSET
    workspaces: list[object] | UnsetType = UNSET
    tasks: list[object] | UnsetType = UNSET
    authorization_updated_at: str = ""
    toggl_accounts_updated_at: str | UnsetType = UNSET
    two_fa_enabled: bool = msgspec.field(default=False, name="2fa_enabled")


def me_out(user: User, *, with_accounts_stamp: bool = False) -> MeOut:
    """The caller's own profile."""
    out = MeOut(
        id=user.id,
        api_token=user.api_token,
        email=user.email,
        fullname=user.fullname,
        timezone=user.timezone,
        toggl_accounts_id=user.toggl_accounts_id,
        default_workspace_id=user.default_workspace_id,
        beginning_of_week=user.beginning_of_week,
        image_url=user.image_url or DEFAULT_IMAGE_URL,
        created_at=format_micros(user.created_at),
        updated_at=format_micros(user.updated_at),
        openid_email=None,
        openid_enabled=False,
        country_id=user.country_id,
        has_password=user.password_hash is not None,
        at=format_micros(user.at),
        intercom_hash=None,
        authorization_updated_at=format_micros(user.authorization_updated_at),
    )
    if with_accounts_stamp:
        # PUT /me adds it; toggl-python requires it there.
        out.toggl_accounts_updated_at = format_micros(user.toggl_accounts_updated_at)
    return out


class MePayload(msgspec.Struct, kw_only=True):
    """PUT /me body."""

    beginning_of_week: int | UnsetType = UNSET
    country_id: Id | UnsetType | None = UNSET
    default_workspace_id: Id | UnsetType = UNSET
    email: str | UnsetType = UNSET
    fullname: str | UnsetType = UNSET
    timezone: str | UnsetType = UNSET
    current_password: str | UnsetType = UNSET
    password: str | UnsetType = UNSET

    def to_changes(self) -> ProfileChanges:
        """The domain's view of the body."""
        return ProfileChanges(
            beginning_of_week=self.beginning_of_week,
            country_id=self.country_id,
            default_workspace_id=self.default_workspace_id,
            email=self.email,
            fullname=self.fullname,
            timezone=self.timezone,
            current_password=self.current_password,
            password=self.password,
        )
