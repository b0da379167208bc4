"""Tasks as the domain sees them, and what a caller may ask for."""

from __future__ import annotations

from typing import Literal, NamedTuple

import msgspec
from msgspec import UNSET, UnsetType

SortField = Literal["name", "created_at"]
SortOrder = Literal["ASC", "DESC"]
DEFAULT_PER_PAGE = 50


class TaskPlace(NamedTuple):
    """Where a live task belongs."""

    workspace_id: int
    project_id: int


class Task(msgspec.Struct, frozen=True):
    """A subdivision of a project (instants in Unix microseconds)."""

    id: int
    workspace_id: int
    project_id: int
    name: str
    active: bool
    user_id: int | None
    estimated_seconds: int | None
    recurring: bool
    created_at: int
    at: int
    server_deleted_at: int | None


class Reader(msgspec.Struct, frozen=True):
    """Whose eyes a task list is for: admins see every project's tasks, others those of public
    projects and of private ones they belong to."""

    user_id: int
    admin_workspace_ids: frozenset[int]


class TaskMeta(msgspec.Struct, frozen=True):
    """What `meta=true` adds: the task's project and client."""

    project_name: str | None
    project_color: str | None
    project_billable: bool | None
    client_name: str | None


class TaskView(msgspec.Struct, frozen=True):
    """A task with its tracked seconds, its assignee's `toggl_accounts_id` and, if asked, meta."""

    task: Task
    tracked_seconds: int
    assignee_accounts_id: str | None
    meta: TaskMeta | None = None


class TaskDraft(msgspec.Struct, kw_only=True):
    """What a create asks for; UNSET means "not given"."""

    name: str | UnsetType | None = UNSET
    active: bool | UnsetType = UNSET
    estimated_seconds: int | UnsetType | None = UNSET
    user_id: int | UnsetType | None = UNSET


class TaskChanges(msgspec.Struct, kw_only=True):
    """What an update asks for: UNSET leaves a field alone; None clears estimate or assignee."""

    name: str | UnsetType = UNSET
    active: bool | UnsetType = UNSET
    estimated_seconds: int | UnsetType | None = UNSET
    user_id: int | UnsetType | None = UNSET


class MyTasksQuery(msgspec.Struct, kw_only=True):
    """GET /me/tasks: done tasks only when asked; `since` (Unix microseconds) adds tombstones."""

    since: int | None = None
    include_not_active: bool = False
    meta: bool = False
    offset: int = 0
    per_page: int | None = None


class TaskQuery(msgspec.Struct, kw_only=True):
    """Which of a workspace's tasks to page through; `active` None means both.

    `since` (Unix microseconds) returns what changed from then on, tombstones included.
    """

    active: bool | None = True
    project_id: int | None = None
    search: str | None = None
    since: int | None = None
    sort_field: SortField = "name"
    sort_order: SortOrder = "ASC"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE


class TaskPage(msgspec.Struct):
    """One page of tasks and how many match in all."""

    views: list[TaskView]
    total_count: int
