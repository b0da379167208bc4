"""Handlers for tasks: per project (plain lists), per workspace (pages) and /me/tasks, §11."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, delete, get, patch, post, put

from punchclock.api.http import (
    decode_body,
    empty_ok,
    id_from_path,
    ids_from_path,
    json_response,
    workspace_id_from_path,
)
from punchclock.api.openapi_document import doc
from punchclock.api.toggl_v9.schemas.json_patch import PatchOperation, limited_ids
from punchclock.api.toggl_v9.schemas.task_patch import bulk_out, changes_from_patch
from punchclock.api.toggl_v9.schemas.tasks import (
    INVALID_PROJECT_ID,
    TaskPayload,
    changes_from_payload,
    draft_from_payload,
    my_tasks_query,
    task_out,
    task_page_out,
    task_query,
)
from punchclock.clock import Clock
from punchclock.composition import task_editor, task_service
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.users.models import User

AnyRequest = Request[Any, Any, Any]
INVALID_TASK_ID = "Invalid task_id"
PROJECT_TASKS = "/workspaces/{workspace_id:str}/projects/{project_id:str}/tasks"
PROJECT_TASK = PROJECT_TASKS + "/{task_id:str}"
# Query parameters, for the OpenAPI document only: the query builders read them by hand.
TASK_LIST_QUERY = {
    "active": str,
    "pid": int,
    "search": str,
    "since": int,
    "sort_field": str,
    "sort_order": str,
    "page": int,
    "per_page": int,
}
MY_TASKS_QUERY = {
    "since": int,
    "include_not_active": bool,
    "meta": bool,
    "offset": int,
    "per_page": int,
}


@get(PROJECT_TASKS, sync_to_thread=False)
def list_project_tasks(
    workspace_id: str, project_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/projects/{pid}/tasks: a plain list."""
    wid = workspace_id_from_path(workspace_id)
    pid = id_from_path(project_id, INVALID_PROJECT_ID)
    views = task_service(uow.conn, clock).list_for_project(user, wid, pid)
    return json_response([task_out(view) for view in views])


@post(PROJECT_TASKS, sync_to_thread=False, status_code=200, opt=doc(TaskPayload))
def create_task(
    workspace_id: str, project_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """POST /workspaces/{wid}/projects/{pid}/tasks: the created task."""
    wid = workspace_id_from_path(workspace_id)
    pid = id_from_path(project_id, INVALID_PROJECT_ID)
    draft = draft_from_payload(decode_body(body, TaskPayload), wid, pid)
    view = task_service(uow.conn, clock).create(user, wid, pid, draft)
    return json_response(task_out(view))


@get(PROJECT_TASK, sync_to_thread=False)
def get_task(
    workspace_id: str, project_id: str, task_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/projects/{pid}/tasks/{tid}."""
    wid = workspace_id_from_path(workspace_id)
    pid = id_from_path(project_id, INVALID_PROJECT_ID)
    tid = id_from_path(task_id, INVALID_TASK_ID)
    view = task_service(uow.conn, clock).get(user, wid, pid, tid)
    return json_response(task_out(view))


@put(PROJECT_TASK, sync_to_thread=False, opt=doc(TaskPayload))
def update_task(
    workspace_id: str,
    project_id: str,
    task_id: str,
    body: bytes,
    user: User,
    uow: UnitOfWork,
    clock: Clock,
) -> Response[bytes]:
    """PUT /workspaces/{wid}/projects/{pid}/tasks/{tid}: the updated task."""
    wid = workspace_id_from_path(workspace_id)
    pid = id_from_path(project_id, INVALID_PROJECT_ID)
    tid = id_from_path(task_id, INVALID_TASK_ID)
    changes = changes_from_payload(decode_body(body, TaskPayload), wid, pid)
    view = task_editor(uow.conn, clock).update(user, wid, pid, tid, changes)
    return json_response(task_out(view))


@patch(PROJECT_TASK, sync_to_thread=False, opt=doc(list[PatchOperation], id_list="task_id"))
def bulk_update_tasks(
    workspace_id: str,
    project_id: str,
    task_id: str,
    body: bytes,
    user: User,
    uow: UnitOfWork,
    clock: Clock,
) -> Response[bytes]:
    """PATCH /workspaces/{wid}/projects/{pid}/tasks/{ids}: per-id results, always 200."""
    wid = workspace_id_from_path(workspace_id)
    pid = id_from_path(project_id, INVALID_PROJECT_ID)
    task_ids = limited_ids(ids_from_path(task_id, INVALID_TASK_ID))
    operations = changes_from_patch(decode_body(body, list[PatchOperation]))
    result = task_editor(uow.conn, clock).bulk_update(user, wid, pid, task_ids, operations)
    return json_response(bulk_out(result))


@delete(PROJECT_TASK, sync_to_thread=False, status_code=200)
def delete_task(
    workspace_id: str, project_id: str, task_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """DELETE /workspaces/{wid}/projects/{pid}/tasks/{tid}: 200 with an empty body."""
    wid = workspace_id_from_path(workspace_id)
    pid = id_from_path(project_id, INVALID_PROJECT_ID)
    tid = id_from_path(task_id, INVALID_TASK_ID)
    task_editor(uow.conn, clock).delete(user, wid, pid, tid)
    return empty_ok()


@get("/workspaces/{workspace_id:str}/tasks", sync_to_thread=False, opt=doc(query=TASK_LIST_QUERY))
def list_workspace_tasks(
    request: AnyRequest, workspace_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/tasks: a page object; a page past the end has empty `data`."""
    wid = workspace_id_from_path(workspace_id)
    query = task_query(request.query_params)
    found = task_service(uow.conn, clock).page(user, wid, query)
    return json_response(task_page_out(found, query))


@get("/me/tasks", sync_to_thread=False, opt=doc(query=MY_TASKS_QUERY))
def my_tasks(request: AnyRequest, user: User, uow: UnitOfWork, clock: Clock) -> Response[bytes]:
    """GET /me/tasks: tasks of every workspace, by id; done ones with include_not_active."""
    query = my_tasks_query(request.query_params)
    views = task_service(uow.conn, clock).for_user(user, query)
    return json_response([task_out(view) for view in views])


ROUTES = [
    list_project_tasks,
    create_task,
    get_task,
    update_task,
    bulk_update_tasks,
    delete_task,
    list_workspace_tasks,
    my_tasks,
]
