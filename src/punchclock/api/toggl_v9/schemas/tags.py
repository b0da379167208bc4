"""Tag wire types (key order as recorded, §10) and their mappers."""

from __future__ import annotations

import msgspec
from msgspec import UNSET, UnsetType

from punchclock.api.timestamps import format_micros
from punchclock.api.toggl_v9.schemas.projects import check_body_workspace
from punchclock.tags.models import Tag


class TagOut(msgspec.Struct):
    """A tag; `permissions` is left out, as Toggl has since late 2024 (open question 25).

    Tombstones (only `since` lists return them) carry Toggl's tag key `deleted_at`.
    """

    id: int
    workspace_id: int
    name: str
    at: str
    creator_id: int
    deleted_at: str | UnsetType = UNSET


def tag_out(tag: Tag) -> TagOut:
    """The wire form; tag `at` has microseconds and `Z` (§1.5), and so has `deleted_at`."""
    out = TagOut(
        id=tag.id,
        workspace_id=tag.workspace_id,
        name=tag.name,
        at=format_micros(tag.at),
        creator_id=tag.creator_id,
    )
    if tag.server_deleted_at is not None:
        out.deleted_at = format_micros(tag.server_deleted_at)
    return out


class TagPayload(msgspec.Struct, kw_only=True):
    """POST/PUT body; togglcli sends {"id":null,"workspace_id":…,"name":"dev"}."""

    name: str | UnsetType | None = UNSET
    workspace_id: int | UnsetType | None = UNSET
    wid: int | UnsetType | None = UNSET


def tag_name(payload: TagPayload, workspace_id: int) -> str | None:
    """The name from a POST/PUT body whose workspace, if given, must be the path's."""
    check_body_workspace(payload.workspace_id, payload.wid, workspace_id)
    return payload.name if isinstance(payload.name, str) else None


class BulkDeletePayload(msgspec.Struct, kw_only=True):
    """PATCH /workspaces/{wid}/tags: {"delete": [ids]}, as Toggl's bulk-delete PATCHes take."""

    delete: list[int] | None = None


def ids_to_delete(payload: list[int] | BulkDeletePayload) -> list[int]:
    """The tag ids of a bulk delete; a bare array of ids is accepted too."""
    if isinstance(payload, BulkDeletePayload):
        return payload.delete or []
    return payload
