"""Tasks as the domain sees them, and what a caller may ask for."""

from __future__ import annotations

from typing import Literal

import msgspec
from msgspec import UNSET, UnsetType

SortField = Literal["name", "created_at"]
SortOrder = Literal["ASC", "DESC"]
DEFAULT_PER_PAGE = 50


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


class TaskView(msgspec.Struct, frozen=True):
    """A task with its tracked seconds and its assignee's `toggl_accounts_id`."""

    task: Task
    tracked_seconds: int
    assignee_accounts_id: str | None


class TaskDraft(msgspec.Struct, kw_only=True):
    """What a create asks for; UNSET means "not given"."""

    name: str | UnsetType | None = UNSET
    active: bool | UnsetType = UNSET
    estimated_seconds: int | UnsetType | None = UNSET
    user_id: int | UnsetType | None = UNSET


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
