"""Handlers for projects (paths exactly as Toggl's, §8 and §5.3)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, delete, get, patch, post, put

from punchclock.api.http import (
    decode_body,
    id_from_path,
    ids_from_path,
    json_response,
    workspace_id_from_path,
)
from punchclock.api.openapi_document import doc
from punchclock.api.toggl_v9.schemas.json_patch import (
    NO_IDS,
    BulkResultOut,
    PatchOperation,
    bulk_result_out,
    limited_ids,
)
from punchclock.api.toggl_v9.schemas.project_patch import draft_from_operations
from punchclock.api.toggl_v9.schemas.project_queries import my_projects_query, project_query
from punchclock.api.toggl_v9.schemas.projects import (
    ProjectPayload,
    draft_from_payload,
    project_out,
)
from punchclock.clock import Clock
from punchclock.composition import project_editor, project_service
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.errors import BadRequest
from punchclock.projects.editor import EntryMode
from punchclock.users.models import User

AnyRequest = Request[Any, Any, Any]
INVALID_PROJECT_ID = "Invalid project_id"
PROJECT = "/workspaces/{workspace_id:str}/projects/{project_id:str}"
_MODES: dict[str, EntryMode] = {"delete": "delete", "unassign": "unassign"}
# Query parameters, for the OpenAPI document only: project_query reads them by hand.
PROJECT_LIST_QUERY = {
    "active": str,
    "name": str,
    "client_ids": str,
    "user_ids": str,
    "since": int,
    "billable": bool,
    "sort_field": str,
    "sort_order": str,
    "page": int,
    "per_page": int,
}


@get(
    "/workspaces/{workspace_id:str}/projects",
    sync_to_thread=False,
    opt=doc(query=PROJECT_LIST_QUERY),
)
def list_projects(
    request: AnyRequest, workspace_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/projects: filters, sorting and pages (project_query)."""
    wid = workspace_id_from_path(workspace_id)
    query = project_query(request.query_params)
    views = project_service(uow.conn, clock).list_page(user, wid, query)
    return json_response([project_out(view) for view in views])


@post(
    "/workspaces/{workspace_id:str}/projects",
    sync_to_thread=False,
    status_code=200,
    opt=doc(ProjectPayload),
)
def create_project(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """POST /workspaces/{wid}/projects: the created project."""
    wid = workspace_id_from_path(workspace_id)
    draft = draft_from_payload(decode_body(body, ProjectPayload), wid)
    view = project_service(uow.conn, clock).create(user, wid, draft)
    return json_response(project_out(view))


@get(PROJECT, sync_to_thread=False)
def get_project(
    workspace_id: str, project_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/projects/{pid}."""
    wid = workspace_id_from_path(workspace_id)
    pid = id_from_path(project_id, INVALID_PROJECT_ID)
    view = project_service(uow.conn, clock).get(user, wid, pid)
    return json_response(project_out(view))


@put(PROJECT, sync_to_thread=False, opt=doc(ProjectPayload))
def update_project(
    workspace_id: str, project_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """PUT /workspaces/{wid}/projects/{pid}: a partial update."""
    wid = workspace_id_from_path(workspace_id)
    pid = id_from_path(project_id, INVALID_PROJECT_ID)
    draft = draft_from_payload(decode_body(body, ProjectPayload), wid, updating=True)
    view = project_editor(uow.conn, clock).update(user, wid, pid, draft)
    return json_response(project_out(view))


@patch(
    PROJECT,
    sync_to_thread=False,
    opt=doc(list[PatchOperation], response=BulkResultOut, id_list="project_id"),
)
def bulk_update_projects(
    workspace_id: str, project_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """PATCH /workspaces/{wid}/projects/{ids}: per-id results, always 200."""
    wid = workspace_id_from_path(workspace_id)
    project_ids = limited_ids(ids_from_path(project_id, NO_IDS))
    draft = draft_from_operations(decode_body(body, list[PatchOperation]))
    outcome = project_editor(uow.conn, clock).bulk_update(user, wid, project_ids, draft)
    return json_response(bulk_result_out(outcome.success, outcome.failure))


@delete(PROJECT, sync_to_thread=False, status_code=200, opt=doc(query={"teDeletionMode": str}))
def delete_project(
    request: AnyRequest,
    workspace_id: str,
    project_id: str,
    user: User,
    uow: UnitOfWork,
    clock: Clock,
) -> Response[bytes]:
    """DELETE /workspaces/{wid}/projects/{pid}?teDeletionMode=delete|unassign: the id."""
    wid = workspace_id_from_path(workspace_id)
    pid = id_from_path(project_id, INVALID_PROJECT_ID)
    raw_mode = (request.query_params.get("teDeletionMode") or "unassign").lower()
    mode = _MODES.get(raw_mode)
    if mode is None:
        raise BadRequest("Invalid teDeletionMode")
    deleted = project_editor(uow.conn, clock).delete(user, wid, pid, mode)
    return json_response(deleted)


@get("/me/projects", sync_to_thread=False, opt=doc(query={"since": int, "include_archived": bool}))
def my_projects(request: AnyRequest, user: User, uow: UnitOfWork, clock: Clock) -> Response[bytes]:
    """GET /me/projects: include_archived, since (deleted ones carry server_deleted_at)."""
    query = my_projects_query(request.query_params, paginated=False)
    views = project_service(uow.conn, clock).list_for_user(user, query)
    return json_response([project_out(view) for view in views])


@get(
    "/me/projects/paginated",
    sync_to_thread=False,
    opt=doc(
        query={"since": int, "include_archived": bool, "start_project_id": int, "per_page": int}
    ),
)
def my_projects_paginated(
    request: AnyRequest, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /me/projects/paginated: by id from start_project_id on, per_page (default 201)."""
    query = my_projects_query(request.query_params, paginated=True)
    views = project_service(uow.conn, clock).list_for_user(user, query)
    return json_response([project_out(view) for view in views])


ROUTES = [
    list_projects,
    create_project,
    get_project,
    update_project,
    bulk_update_projects,
    delete_project,
    my_projects,
    my_projects_paginated,
]
