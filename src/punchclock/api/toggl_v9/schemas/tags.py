"""Tag wire types (key order as recorded, §10) and their mappers."""

from __future__ import annotations

import msgspec
from msgspec import UNSET, UnsetType

from punchclock.api.toggl_v9.schemas.projects import check_body_workspace
from punchclock.api.toggl_v9.timestamps import format_micros
from punchclock.tags.models import Tag


class TagOut(msgspec.Struct):
    """A tag; `permissions` is left out, as Toggl has since late 2024 (open question 25)."""

    id: int
    workspace_id: int
    name: str
    at: str
    creator_id: int


def tag_out(tag: Tag) -> TagOut:
    """The wire form; tag `at` has microseconds and `Z` (§1.5)."""
    return TagOut(
        id=tag.id,
        workspace_id=tag.workspace_id,
        name=tag.name,
        at=format_micros(tag.at),
        creator_id=tag.creator_id,
    )


class TagPayload(msgspec.Struct, kw_only=True):
    """POST body; togglcli sends {"id":null,"workspace_id":…,"name":"dev"}."""

    name: str | UnsetType | None = UNSET
    workspace_id: int | UnsetType | None = UNSET
    wid: int | UnsetType | None = UNSET


def tag_name(payload: TagPayload, workspace_id: int) -> str | None:
    """The name from a POST body whose workspace, if given, must be the path's."""
    check_body_workspace(payload.workspace_id, payload.wid, workspace_id)
    return payload.name if isinstance(payload.name, str) else None
