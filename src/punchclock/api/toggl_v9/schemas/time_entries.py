"""Time-entry wire types (key order as Toggl sends them, §4.1) and their mappers."""

from __future__ import annotations

from typing import Annotated

import msgspec
from msgspec import UNSET, UnsetType

from punchclock.api.timestamps import (
    format_micros,
    format_micros_as_seconds,
    format_seconds,
    parse_date,
    parse_instant,
)
from punchclock.api.toggl_v9.schemas.references import zero_is_none
from punchclock.errors import BadRequest
from punchclock.time_entries.models import (
    EntryChanges,
    EntryDetails,
    EntryView,
    Share,
    TagAction,
)

WORKSPACE_MISMATCH = "workspace_id in body does not match path"


class SharedWith(msgspec.Struct):
    """One element of `shared_with`."""

    user_id: int
    user_name: str
    accepted: bool


class TimeEntryOut(msgspec.Struct):
    """A time entry on the wire. UNSET keys are omitted, as Toggl omits them."""

    id: int
    workspace_id: int
    project_id: int | None
    task_id: int | None
    billable: bool
    start: str
    stop: str | None
    duration: int
    description: str | None
    tags: list[str]
    tag_ids: list[int]
    duronly: bool
    at: str
    server_deleted_at: str | None
    user_id: int
    uid: int | UnsetType = UNSET
    wid: int | UnsetType = UNSET
    pid: int | UnsetType = UNSET
    tid: int | UnsetType = UNSET
    client_name: str | UnsetType = UNSET
    project_name: str | UnsetType = UNSET
    project_color: str | UnsetType = UNSET
    project_active: bool | UnsetType = UNSET
    project_billable: bool | UnsetType = UNSET
    task_name: str | UnsetType = UNSET
    user_name: str | UnsetType = UNSET
    user_avatar_url: str | UnsetType = UNSET
    shared_with: list[SharedWith] | UnsetType = UNSET


def entry_out(
    view: EntryView,
    *,
    legacy: bool = True,
    details: EntryDetails | None = None,
    shares: list[Share] | None = None,
) -> TimeEntryOut:
    """The wire form of an entry.

    Running entries have `stop: null` and `duration = -start` (Toggl's encoding, §4.5). The
    legacy keys `uid`/`wid` are present except on by-id reads, and `pid`/`tid` only when set.
    """
    entry = view.entry
    if entry.stop is None:
        stop, duration = None, -entry.start
    else:
        stop, duration = format_seconds(entry.stop), entry.stop - entry.start
    out = TimeEntryOut(
        id=entry.id,
        workspace_id=entry.workspace_id,
        project_id=entry.project_id,
        task_id=entry.task_id,
        billable=entry.billable,
        start=format_seconds(entry.start),
        stop=stop,
        duration=duration,
        description=entry.description,
        tags=view.tag_names,
        tag_ids=entry.tag_ids,
        duronly=True,  # deprecated; Toggl always sends true
        at=format_micros(entry.at),
        server_deleted_at=(
            None
            if entry.server_deleted_at is None
            else format_micros_as_seconds(entry.server_deleted_at)
        ),
        user_id=entry.user_id,
    )
    if legacy:
        out.uid = entry.user_id
        out.wid = entry.workspace_id
        if entry.project_id is not None:
            out.pid = entry.project_id
        if entry.task_id is not None:
            out.tid = entry.task_id
    if details is not None:
        # Only the meta fields that apply are present (§4.10).
        if details.client_name is not None:
            out.client_name = details.client_name
        if details.project_name is not None:
            out.project_name = details.project_name
            out.project_color = details.project_color or ""
            out.project_active = bool(details.project_active)
            out.project_billable = bool(details.project_billable)
        if details.task_name is not None:
            out.task_name = details.task_name
        out.user_name = details.user_name
        out.user_avatar_url = details.user_avatar_url
    if shares:
        out.shared_with = [SharedWith(s.user_id, s.user_name, s.accepted) for s in shares]
    return out


# Ids are int64 (§1.6). A bigger JSON number fails decoding with a 400, as it does in Toggl's
# Go decoder, instead of overflowing the database driver later (a 500).
Id = Annotated[int, msgspec.Meta(ge=-(2**63), le=2**63 - 1)]


class TimeEntryPayload(msgspec.Struct, kw_only=True):
    """POST/PUT body. Unknown keys (`id`, `meta`, `event_metadata`, ...) are ignored."""

    billable: bool | UnsetType | None = UNSET
    created_with: str | UnsetType | None = UNSET
    description: str | UnsetType | None = UNSET
    duration: int | UnsetType | None = UNSET
    duronly: bool | UnsetType | None = UNSET
    pid: Id | UnsetType | None = UNSET
    project_id: Id | UnsetType | None = UNSET
    shared_with_user_ids: list[Id] | UnsetType | None = UNSET
    start: str | UnsetType | None = UNSET
    start_date: str | UnsetType | None = UNSET
    stop: str | UnsetType | None = UNSET
    tag_action: str | UnsetType | None = UNSET
    tag_ids: list[Id] | UnsetType | None = UNSET
    tags: list[str] | UnsetType | None = UNSET
    task_id: Id | UnsetType | None = UNSET
    tid: Id | UnsetType | None = UNSET
    uid: Id | UnsetType | None = UNSET
    user_id: Id | UnsetType | None = UNSET
    wid: Id | UnsetType | None = UNSET
    workspace_id: Id | UnsetType | None = UNSET


def _modern_or_legacy(modern: object, legacy: object) -> object:
    # When both forms are given the modern key wins (documented).
    return modern if modern is not UNSET else legacy


def _instant(value: str | UnsetType | None, name: str) -> int | UnsetType:
    if value is UNSET or value is None:
        return UNSET
    try:
        return parse_instant(value)
    except ValueError:
        raise BadRequest(f"Invalid {name}") from None


def changes_from_payload(
    payload: TimeEntryPayload, workspace_id: int, *, creating: bool
) -> EntryChanges:
    """Domain changes from a POST (creating) or PUT body, applying Toggl's null rules."""
    body_workspace = _modern_or_legacy(payload.workspace_id, payload.wid)
    if isinstance(body_workspace, int) and body_workspace != workspace_id:
        raise BadRequest(WORKSPACE_MISMATCH)
    changes = EntryChanges(
        start=_instant(payload.start, "start"),
        stop=_instant(payload.stop, "stop"),
    )
    if isinstance(payload.start_date, str):
        try:
            changes.start_date = parse_date(payload.start_date)
        except ValueError:
            raise BadRequest("Invalid start_date") from None
    if isinstance(payload.duration, int):
        _set_duration(changes, payload.duration)
    # PUT: null means "unchanged" (toggl-api-wrapper sends it on every edit); "" clears.
    if payload.description is not UNSET and (payload.description is not None or creating):
        changes.description = payload.description
    project_id = _modern_or_legacy(payload.project_id, payload.pid)
    if project_id is not UNSET:
        changes.project_id = zero_is_none(project_id)  # type: ignore[assignment]
    task_id = _modern_or_legacy(payload.task_id, payload.tid)
    if task_id is not UNSET:
        changes.task_id = zero_is_none(task_id)  # type: ignore[assignment]
    if isinstance(payload.billable, bool):
        changes.billable = payload.billable
    # `tags: null` means "no change" on PUT and "no tags" on POST.
    if isinstance(payload.tags, list):
        changes.tags = payload.tags
    if isinstance(payload.tag_ids, list):
        changes.tag_ids = payload.tag_ids
    if not creating and payload.tag_action not in (UNSET, None, ""):
        changes.tag_action = _tag_action(str(payload.tag_action))
    user_id = _modern_or_legacy(payload.user_id, payload.uid)
    if isinstance(user_id, int):
        changes.user_id = user_id
    if isinstance(payload.shared_with_user_ids, list):
        changes.shared_with_user_ids = payload.shared_with_user_ids
    if isinstance(payload.created_with, str):
        changes.created_with = payload.created_with
    return changes


def _set_duration(changes: EntryChanges, duration: int) -> None:
    """Toggl encodes a running timer as a negative duration: -1 (toggl-python,
    toggl-api-wrapper) or -start (togglcli, and what Toggl itself answers)."""
    if duration < 0:
        changes.running = True
    else:
        changes.duration = duration


def _tag_action(value: str) -> TagAction:
    # The reference documents add/delete; v8 and toggl-api-wrapper use remove.
    if value == "add":
        return "add"
    if value in ("delete", "remove"):
        return "delete"
    raise BadRequest("Invalid tag_action")
