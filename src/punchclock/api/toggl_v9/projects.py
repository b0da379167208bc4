"""Handlers for workspace projects (paths exactly as Toggl's, §8)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post

from punchclock.api.toggl_v9.http import (
    decode_body,
    id_from_path,
    json_response,
    workspace_id_from_path,
)
from punchclock.api.toggl_v9.schemas.projects import (
    ProjectPayload,
    draft_from_payload,
    project_out,
    project_query,
)
from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.projects.service import ProjectService
from punchclock.users.models import User

AnyRequest = Request[Any, Any, Any]
INVALID_PROJECT_ID = "Invalid project_id"


@get("/workspaces/{workspace_id:str}/projects", sync_to_thread=False)
def list_projects(
    request: AnyRequest, workspace_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/projects: active (default true), name, client_ids, page, per_page."""
    wid = workspace_id_from_path(workspace_id)
    query = project_query(request.query_params)
    views = ProjectService(uow.conn, clock).list_page(user, wid, query)
    return json_response([project_out(view) for view in views])


@post("/workspaces/{workspace_id:str}/projects", sync_to_thread=False, status_code=200)
def create_project(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """POST /workspaces/{wid}/projects: the created project."""
    wid = workspace_id_from_path(workspace_id)
    draft = draft_from_payload(decode_body(body, ProjectPayload), wid)
    view = ProjectService(uow.conn, clock).create(user, wid, draft)
    return json_response(project_out(view))


@get("/workspaces/{workspace_id:str}/projects/{project_id:str}", sync_to_thread=False)
def get_project(
    workspace_id: str, project_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/projects/{pid}."""
    wid = workspace_id_from_path(workspace_id)
    pid = id_from_path(project_id, INVALID_PROJECT_ID)
    view = ProjectService(uow.conn, clock).get(user, wid, pid)
    return json_response(project_out(view))


ROUTES = [list_projects, create_project, get_project]
