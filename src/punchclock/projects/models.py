"""Projects as the domain sees them, and what a caller may ask for."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

import msgspec
from msgspec import UNSET, UnsetType

DEFAULT_PER_PAGE = 151
SORT_FIELDS = ("name", "client_name", "created_at", "at", "start_date", "end_date")


class ProjectReference(NamedTuple):
    """What a time-entry write needs to know of the live project it names."""

    workspace_id: int
    is_private: bool
    billable: bool


class ProjectLabel(NamedTuple):
    """What an entry list shows of a project (deleted ones included)."""

    name: str
    color: str
    active: bool
    billable: bool
    client_id: int | None


class Project(msgspec.Struct, frozen=True):
    """A project in a workspace (instants in Unix microseconds)."""

    id: int
    workspace_id: int
    client_id: int | None
    name: str
    is_private: bool
    active: bool
    color: str
    billable: bool | None
    template: bool | None
    auto_estimates: bool | None
    estimated_seconds: int | None
    rate: Decimal | None
    currency: str | None
    fixed_fee: Decimal | None
    recurring: bool
    start_date: str
    end_date: str | None
    creator_id: int
    created_at: int
    at: int
    server_deleted_at: int | None


class ProjectView(msgspec.Struct, frozen=True):
    """A project as one caller sees it: tracked seconds, status, whether they may track on it."""

    project: Project
    actual_seconds: int
    status: str
    can_track_time: bool = True


class ProjectDraft(msgspec.Struct, kw_only=True):
    """What a create or update asks for.

    UNSET means "not given" (create: workspace defaults apply; update: unchanged). None, where
    the type allows it, clears the value on update and means "not given" on create.
    """

    name: str | UnsetType | None = UNSET
    client_id: int | UnsetType | None = UNSET
    client_name: str | UnsetType | None = UNSET
    active: bool | UnsetType = UNSET
    is_private: bool | UnsetType = UNSET
    color: str | UnsetType = UNSET
    billable: bool | UnsetType = UNSET
    template: bool | UnsetType = UNSET
    auto_estimates: bool | UnsetType = UNSET
    estimated_seconds: int | UnsetType | None = UNSET
    rate: Decimal | UnsetType | None = UNSET
    currency: str | UnsetType | None = UNSET
    fixed_fee: Decimal | UnsetType | None = UNSET
    recurring: bool | UnsetType = UNSET
    start_date: dt.date | UnsetType = UNSET
    end_date: dt.date | UnsetType | None = UNSET


class ProjectQuery(msgspec.Struct, kw_only=True):
    """Which of a workspace's projects to list; `active`/`billable` None means both.

    `since` (Unix microseconds) lists projects changed at or after it, deleted ones included.
    """

    active: bool | None = True
    name: str | None = None
    client_ids: list[int] | None = None
    since: int | None = None
    billable: bool | None = None
    user_ids: list[int] | None = None
    sort_field: str = "name"
    descending: bool = False
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE


class MyProjectsQuery(msgspec.Struct, kw_only=True):
    """The caller's projects across workspaces (GET /me/projects[/paginated]).

    Without `limit` the list is by workspace and name; with it, by id from `start_id` on.
    """

    active: bool | None = True
    since: int | None = None
    start_id: int | None = None
    limit: int | None = None
