"""Handlers for project members (Toggl's paths under /workspaces/{wid}/project_users)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, delete, get, post, put

from punchclock.api.http import (
    decode_body,
    empty_ok,
    id_from_path,
    json_response,
    workspace_id_from_path,
)
from punchclock.api.openapi_document import doc
from punchclock.api.toggl_v9.schemas.project_users import (
    ProjectUserPayload,
    member_draft,
    project_user_out,
    project_user_query,
)
from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.projects.member_service import ProjectUserService
from punchclock.users.models import User

AnyRequest = Request[Any, Any, Any]
INVALID_PROJECT_USER_ID = "Invalid project_user_id"
MEMBERS = "/workspaces/{workspace_id:str}/project_users"
MEMBER = MEMBERS + "/{project_user_id:str}"


@get(MEMBERS, sync_to_thread=False, opt=doc(query={"project_ids": str, "user_id": int}))
def list_project_users(
    request: AnyRequest, workspace_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/project_users: project_ids, user_id."""
    wid = workspace_id_from_path(workspace_id)
    query = project_user_query(request.query_params)
    found = ProjectUserService(uow.conn, clock).find(user, wid, query)
    return json_response([project_user_out(member) for member in found])


@post(MEMBERS, sync_to_thread=False, status_code=200, opt=doc(ProjectUserPayload))
def create_project_user(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """POST /workspaces/{wid}/project_users: the new membership."""
    wid = workspace_id_from_path(workspace_id)
    draft = member_draft(decode_body(body, ProjectUserPayload), wid, updating=False)
    member = ProjectUserService(uow.conn, clock).create(user, wid, draft)
    return json_response(project_user_out(member))


@put(MEMBER, sync_to_thread=False, opt=doc(ProjectUserPayload))
def update_project_user(
    workspace_id: str,
    project_user_id: str,
    body: bytes,
    user: User,
    uow: UnitOfWork,
    clock: Clock,
) -> Response[bytes]:
    """PUT /workspaces/{wid}/project_users/{id}: manager, rate, labor_cost."""
    wid = workspace_id_from_path(workspace_id)
    member_id = id_from_path(project_user_id, INVALID_PROJECT_USER_ID)
    draft = member_draft(decode_body(body, ProjectUserPayload), wid, updating=True)
    member = ProjectUserService(uow.conn, clock).update(user, wid, member_id, draft)
    return json_response(project_user_out(member))


@delete(MEMBER, sync_to_thread=False, status_code=200)
def delete_project_user(
    workspace_id: str, project_user_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """DELETE /workspaces/{wid}/project_users/{id}: 200 with an empty body."""
    wid = workspace_id_from_path(workspace_id)
    member_id = id_from_path(project_user_id, INVALID_PROJECT_USER_ID)
    ProjectUserService(uow.conn, clock).delete(user, wid, member_id)
    return empty_ok()


ROUTES = [list_project_users, create_project_user, update_project_user, delete_project_user]
