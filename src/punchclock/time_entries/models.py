"""Time entries as the domain sees them, and the changes a caller may ask for."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec
from msgspec import UNSET, UnsetType

TagAction = Literal["add", "delete"]


class TimeEntry(msgspec.Struct):
    """A stored entry: start/stop in whole Unix seconds, other instants in microseconds."""

    id: int
    workspace_id: int
    user_id: int
    project_id: int | None
    task_id: int | None
    billable: bool
    description: str | None
    start: int
    stop: int | None
    tag_ids: list[int]
    at: int
    server_deleted_at: int | None

    @property
    def running(self) -> bool:
        """A running entry has no stop yet."""
        return self.stop is None


class EntryView(msgspec.Struct):
    """An entry with its tag names (same order as `entry.tag_ids`)."""

    entry: TimeEntry
    tag_names: list[str]


class EntryDetails(msgspec.Struct):
    """Names of what an entry points at (Toggl's `meta=true` fields)."""

    user_name: str
    user_avatar_url: str
    project_name: str | None = None
    project_color: str | None = None
    project_active: bool | None = None
    project_billable: bool | None = None
    client_name: str | None = None
    task_name: str | None = None


class Share(msgspec.Struct):
    """Someone an entry is shared with."""

    user_id: int
    user_name: str
    accepted: bool


class EntryChanges(msgspec.Struct, kw_only=True):
    """What a create or update asks for; UNSET means "not given".

    Instants (`start`, `stop`) are Unix microseconds; `start_date`/`stop_date` replace only the
    date part (UTC) and keep the time of day. `duration` is whole seconds; `running=True` asks
    for a timer (no stop), unless a `stop` is given.
    """

    start: int | UnsetType = UNSET
    start_date: dt.date | UnsetType = UNSET
    stop: int | UnsetType | None = UNSET
    stop_date: dt.date | UnsetType = UNSET
    duration: int | UnsetType = UNSET
    running: bool | UnsetType = UNSET
    description: str | UnsetType | None = UNSET
    project_id: int | UnsetType | None = UNSET
    task_id: int | UnsetType | None = UNSET
    billable: bool | UnsetType = UNSET
    tags: list[str] | UnsetType = UNSET
    tag_ids: list[int] | UnsetType = UNSET
    tag_action: TagAction | UnsetType = UNSET
    user_id: int | UnsetType = UNSET
    shared_with_user_ids: list[int] | UnsetType = UNSET
    created_with: str | UnsetType = UNSET


class ListQuery(msgspec.Struct, kw_only=True):
    """Which of the caller's entries to list (instants in Unix microseconds)."""

    since: int | None = None
    before: int | None = None
    start: int | None = None
    end: int | None = None
