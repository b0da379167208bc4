"""Task wire types (key order of the reference, §11), mappers and page-query parsing."""

from __future__ import annotations

from collections.abc import Mapping

import msgspec
from msgspec import UNSET, UnsetType

from punchclock.api.http import parse_ascii_int, query_bool, search_text
from punchclock.api.timestamps import format_micros_as_seconds
from punchclock.api.toggl_v9.schemas.projects import (
    MAX_PAGE,
    MAX_PER_PAGE,
    check_body_workspace,
    parse_active,
    positive_int,
)
from punchclock.api.toggl_v9.schemas.references import zero_is_none
from punchclock.errors import BadRequest
from punchclock.tasks.models import (
    DEFAULT_PER_PAGE,
    MyTasksQuery,
    TaskChanges,
    TaskDraft,
    TaskPage,
    TaskQuery,
    TaskView,
)

INVALID_PROJECT_ID = "Invalid project_id"
MAX_SINCE = 10**11


class TaskOut(msgspec.Struct):
    """A task on the wire; the four meta keys only when `meta=true` asks for them."""

    id: int
    name: str
    workspace_id: int
    project_id: int
    user_id: int | None
    recurring: bool
    active: bool
    at: str
    server_deleted_at: str | None
    estimated_seconds: int | None
    tracked_seconds: int
    rate: None
    rate_last_updated: None
    toggl_accounts_id: str | None
    permissions: None
    integration_provider: None
    start_date: None
    end_date: None
    project_name: str | UnsetType | None = UNSET
    project_color: str | UnsetType | None = UNSET
    project_billable: bool | UnsetType | None = UNSET
    client_name: str | UnsetType | None = UNSET


def task_out(view: TaskView) -> TaskOut:
    """The wire form. `tracked_seconds` holds milliseconds, as Toggl's reference says it does."""
    task = view.task
    out = TaskOut(
        id=task.id,
        name=task.name,
        workspace_id=task.workspace_id,
        project_id=task.project_id,
        user_id=task.user_id,
        recurring=task.recurring,
        active=task.active,
        at=format_micros_as_seconds(task.at),
        server_deleted_at=(
            None
            if task.server_deleted_at is None
            else format_micros_as_seconds(task.server_deleted_at)
        ),
        estimated_seconds=task.estimated_seconds,
        tracked_seconds=view.tracked_seconds * 1000,
        rate=None,
        rate_last_updated=None,
        toggl_accounts_id=view.assignee_accounts_id,
        permissions=None,
        integration_provider=None,
        start_date=None,
        end_date=None,
    )
    if view.meta is not None:
        out.project_name = view.meta.project_name
        out.project_color = view.meta.project_color
        out.project_billable = view.meta.project_billable
        out.client_name = view.meta.client_name
    return out


class TaskPageOut(msgspec.Struct):
    """GET /workspaces/{wid}/tasks: a page object, not a list."""

    data: list[TaskOut]
    page: int
    per_page: int
    sort_field: str
    sort_order: str
    total_count: int


def task_page_out(found: TaskPage, query: TaskQuery) -> TaskPageOut:
    """The page object; a page past the end has `"data":[]`."""
    return TaskPageOut(
        data=[task_out(view) for view in found.views],
        page=query.page,
        per_page=query.per_page,
        sort_field=query.sort_field,
        sort_order=query.sort_order,
        total_count=found.total_count,
    )


class TaskPayload(msgspec.Struct, kw_only=True):
    """POST/PUT body. `external_reference` and other unknown keys are ignored."""

    name: str | UnsetType | None = UNSET
    active: bool | UnsetType | None = UNSET
    estimated_seconds: int | UnsetType | None = UNSET
    user_id: int | UnsetType | None = UNSET
    project_id: int | UnsetType | None = UNSET
    pid: int | UnsetType | None = UNSET
    workspace_id: int | UnsetType | None = UNSET
    wid: int | UnsetType | None = UNSET


def _check_body_path(payload: TaskPayload, workspace_id: int, project_id: int) -> None:
    check_body_workspace(payload.workspace_id, payload.wid, workspace_id)
    body_project = payload.project_id if payload.project_id not in (UNSET, None) else payload.pid
    if isinstance(body_project, int) and body_project != project_id:
        raise BadRequest(INVALID_PROJECT_ID)


def draft_from_payload(payload: TaskPayload, workspace_id: int, project_id: int) -> TaskDraft:
    """Domain draft from a POST body; the path's workspace and project win over the body's."""
    _check_body_path(payload, workspace_id, project_id)
    return TaskDraft(
        name=payload.name,
        active=payload.active if isinstance(payload.active, bool) else UNSET,
        estimated_seconds=payload.estimated_seconds,
        user_id=zero_is_none(payload.user_id),
    )


def changes_from_payload(payload: TaskPayload, workspace_id: int, project_id: int) -> TaskChanges:
    """A PUT body as changes: null `name`/`active` keep them; null estimate or assignee clears."""
    _check_body_path(payload, workspace_id, project_id)
    changes = TaskChanges()
    if isinstance(payload.name, str):
        changes.name = payload.name
    if isinstance(payload.active, bool):
        changes.active = payload.active
    if not isinstance(payload.estimated_seconds, UnsetType):
        changes.estimated_seconds = payload.estimated_seconds
    if not isinstance(payload.user_id, UnsetType):
        changes.user_id = zero_is_none(payload.user_id)
    return changes


def my_tasks_query(params: Mapping[str, str]) -> MyTasksQuery:
    """The query of GET /me/tasks; `per_page` absent means every task."""
    raw_offset = params.get("offset") or "0"
    offset = parse_ascii_int(raw_offset, 0, 10**18 - 1)
    if offset is None:
        raise BadRequest("Invalid offset")
    per_page = params.get("per_page")
    return MyTasksQuery(
        since=parse_since(params.get("since")),
        include_not_active=query_bool(params.get("include_not_active"), "include_not_active"),
        meta=query_bool(params.get("meta"), "meta"),
        offset=offset,
        per_page=positive_int(per_page, "per_page", 0, MAX_PER_PAGE) if per_page else None,
    )


def task_query(params: Mapping[str, str]) -> TaskQuery:
    """The page query of GET /workspaces/{wid}/tasks (`start_date`/`end_date` are ignored)."""
    sort_field = params.get("sort_field") or "name"
    if sort_field not in ("name", "created_at"):
        raise BadRequest("Invalid sort_field")
    sort_order = (params.get("sort_order") or "ASC").upper()
    if sort_order not in ("ASC", "DESC"):
        raise BadRequest("Invalid sort_order")
    pid = params.get("pid")
    return TaskQuery(
        active=parse_active(params.get("active")),
        project_id=positive_int(pid, "pid", 0, 2**63 - 1) if pid else None,
        search=search_text(params.get("search"), "search"),
        since=parse_since(params.get("since")),
        sort_field="name" if sort_field == "name" else "created_at",
        sort_order="ASC" if sort_order == "ASC" else "DESC",
        page=positive_int(params.get("page"), "page", 1, MAX_PAGE),
        per_page=positive_int(params.get("per_page"), "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
    )


def parse_since(value: str | None) -> int | None:
    """A `since` query value (Unix seconds) as microseconds; absent or empty means none."""
    if not value:
        return None
    seconds = parse_ascii_int(value.strip(), 0, MAX_SINCE - 1)
    if seconds is None:
        raise BadRequest("Invalid since")
    return seconds * 1_000_000
