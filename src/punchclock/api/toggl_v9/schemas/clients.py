"""Client wire types (key order as recorded, §9) and their mappers."""

from __future__ import annotations

import msgspec
from msgspec import UNSET, UnsetType

from punchclock.api.toggl_v9.schemas.projects import check_body_workspace
from punchclock.api.toggl_v9.timestamps import format_micros_as_seconds
from punchclock.clients.models import Client
from punchclock.clients.rules import STATUS_INVALID
from punchclock.errors import BadRequest


class ClientOut(msgspec.Struct):
    """A client. Toggl's object says `wid`, not `workspace_id`; `notes` only when set."""

    id: int
    wid: int
    archived: bool
    name: str
    at: str
    creator_id: int
    notes: str | UnsetType = UNSET


def client_out(client: Client) -> ClientOut:
    """The wire form; `at` is whole seconds with +00:00 (open question 9)."""
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
    return out


class ClientPayload(msgspec.Struct, kw_only=True):
    """POST body; togglcli sends {"id":null,"wid":…,"name":"Acme","notes":null}."""

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


def archived_filter(status: str | None) -> bool | None:
    """`status=active` (default), `archived` or `both` as an archived flag (None for both)."""
    if status is None or status == "" or status == "active":
        return False
    if status == "archived":
        return True
    if status == "both":
        return None
    raise BadRequest(STATUS_INVALID)
