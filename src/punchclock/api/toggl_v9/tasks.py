"""Handlers for tasks: per project (plain lists) and per workspace (pages), §11."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post

from punchclock.api.toggl_v9.http import (
    decode_body,
    id_from_path,
    json_response,
    workspace_id_from_path,
)
from punchclock.api.toggl_v9.schemas.tasks import (
    INVALID_PROJECT_ID,
    TaskPayload,
    draft_from_payload,
    task_out,
    task_page_out,
    task_query,
)
from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.tasks.service import TaskService
from punchclock.users.models import User

AnyRequest = Request[Any, Any, Any]
INVALID_TASK_ID = "Invalid task_id"
PROJECT_TASKS = "/workspaces/{workspace_id:str}/projects/{project_id:str}/tasks"


@get(PROJECT_TASKS, sync_to_thread=False)
def list_project_tasks(
    workspace_id: str, project_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/projects/{pid}/tasks: a plain list."""
    wid = workspace_id_from_path(workspace_id)
    pid = id_from_path(project_id, INVALID_PROJECT_ID)
    views = TaskService(uow.conn, clock).list_for_project(user, wid, pid)
    return json_response([task_out(view) for view in views])


@post(PROJECT_TASKS, sync_to_thread=False, status_code=200)
def create_task(
    workspace_id: str, project_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """POST /workspaces/{wid}/projects/{pid}/tasks: the created task."""
    wid = workspace_id_from_path(workspace_id)
    pid = id_from_path(project_id, INVALID_PROJECT_ID)
    draft = draft_from_payload(decode_body(body, TaskPayload), wid, pid)
    view = TaskService(uow.conn, clock).create(user, wid, pid, draft)
    return json_response(task_out(view))


@get(PROJECT_TASKS + "/{task_id:str}", sync_to_thread=False)
def get_task(
    workspace_id: str, project_id: str, task_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/projects/{pid}/tasks/{tid}."""
    wid = workspace_id_from_path(workspace_id)
    pid = id_from_path(project_id, INVALID_PROJECT_ID)
    tid = id_from_path(task_id, INVALID_TASK_ID)
    view = TaskService(uow.conn, clock).get(user, wid, pid, tid)
    return json_response(task_out(view))


@get("/workspaces/{workspace_id:str}/tasks", sync_to_thread=False)
def list_workspace_tasks(
    request: AnyRequest, workspace_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/tasks: a page object; a page past the end has empty `data`."""
    wid = workspace_id_from_path(workspace_id)
    query = task_query(request.query_params)
    found = TaskService(uow.conn, clock).page(user, wid, query)
    return json_response(task_page_out(found, query))


ROUTES = [list_project_tasks, create_task, get_task, list_workspace_tasks]
