"""Client wire types (key order as recorded, §9) and their mappers."""

from __future__ import annotations

import msgspec
from msgspec import UNSET, UnsetType

from punchclock.api.timestamps import format_micros_as_seconds
from punchclock.api.toggl_v9.schemas.projects import check_body_workspace
from punchclock.clients.models import Client, ClientChanges
from punchclock.clients.rules import STATUS_INVALID
from punchclock.db.bigint import storable_id
from punchclock.errors import BadRequest

INVALID_PROJECT_ID = "Invalid project_id"


class ClientOut(msgspec.Struct):
    """A client. Toggl's object says `wid`, not `workspace_id`; `notes` only when set and
    `server_deleted_at` only on tombstones (which only `since` lists return)."""

    id: int
    wid: int
    archived: bool
    name: str
    at: str
    creator_id: int
    notes: str | UnsetType = UNSET
    server_deleted_at: str | UnsetType = UNSET


def client_out(client: Client) -> ClientOut:
    """The wire form; timestamps are whole seconds with +00:00 (open question 9)."""
    out = ClientOut(
        id=client.id,
        wid=client.workspace_id,
        archived=client.archived,
        name=client.name,
        at=format_micros_as_seconds(client.at),
        creator_id=client.creator_id,
    )
    if client.notes:
        out.notes = client.notes
    if client.server_deleted_at is not None:
        out.server_deleted_at = format_micros_as_seconds(client.server_deleted_at)
    return out


class ClientPayload(msgspec.Struct, kw_only=True):
    """POST/PUT body; togglcli sends {"id":null,"wid":…,"name":"Acme","notes":null}."""

    name: str | UnsetType | None = UNSET
    notes: str | UnsetType | None = UNSET
    wid: int | UnsetType | None = UNSET
    workspace_id: int | UnsetType | None = UNSET


def client_fields(payload: ClientPayload, workspace_id: int) -> tuple[str | None, str | None]:
    """(name, notes) from a POST body whose workspace, if given, must be the path's."""
    check_body_workspace(payload.workspace_id, payload.wid, workspace_id)
    name = payload.name if isinstance(payload.name, str) else None
    notes = payload.notes if isinstance(payload.notes, str) else None
    return name, notes


def client_changes(payload: ClientPayload, workspace_id: int) -> ClientChanges:
    """A PUT body as changes: absent or null `name` keeps it; null or "" `notes` clears them."""
    check_body_workspace(payload.workspace_id, payload.wid, workspace_id)
    changes = ClientChanges()
    if isinstance(payload.name, str):
        changes.name = payload.name
    if not isinstance(payload.notes, UnsetType):
        changes.notes = payload.notes
    return changes


class RestorePayload(msgspec.Struct, kw_only=True):
    """POST …/restore body: which archived projects come back with the client."""

    projects: list[int] | None = None
    restore_all_projects: bool | None = None


def restore_fields(payload: RestorePayload) -> tuple[list[int], bool]:
    """(project ids without repeats, restore_all_projects)."""
    ids = list(dict.fromkeys(payload.projects or []))
    if not all(storable_id(project_id) for project_id in ids):
        raise BadRequest(INVALID_PROJECT_ID)
    return ids, bool(payload.restore_all_projects)


def archived_filter(status: str | None) -> bool | None:
    """`status=active` (default), `archived` or `both` as an archived flag (None for both)."""
    if status is None or status == "" or status == "active":
        return False
    if status == "archived":
        return True
    if status == "both":
        return None
    raise BadRequest(STATUS_INVALID)
