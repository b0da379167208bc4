"""Handlers for workspace members: list, add an existing user, change and deactivate."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, delete, get, post, put

from punchclock.api.http import (
    decode_body,
    empty_ok,
    id_from_path,
    json_response,
    query_bool,
    workspace_id_from_path,
)
from punchclock.api.openapi_document import doc
from punchclock.api.toggl_v9.schemas.workspace_users import (
    MemberPayload,
    NewMemberPayload,
    member_changes,
    new_member,
    workspace_user_brief_out,
    workspace_user_out,
)
from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.users.models import User
from punchclock.workspaces.member_service import MemberService
from punchclock.workspaces.rules import MEMBER_NOT_FOUND

AnyRequest = Request[Any, Any, Any]
_MEMBER_PATH = "/workspaces/{workspace_id:str}/workspace_users/{workspace_user_id:str}"


def _member_id(raw: str) -> int:
    return id_from_path(raw, MEMBER_NOT_FOUND, 404)


@get(
    "/workspaces/{workspace_id:str}/users",
    sync_to_thread=False,
    opt=doc(query={"exclude_deleted": bool}),
)
def list_users(
    request: AnyRequest, workspace_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/users: members (deactivated ones unless exclude_deleted=true)."""
    wid = workspace_id_from_path(workspace_id)
    exclude = query_bool(request.query_params.get("exclude_deleted"), "exclude_deleted")
    members = MemberService(uow.conn, clock).list_members(
        user.id, wid, include_inactive=not exclude
    )
    return json_response([workspace_user_brief_out(m) for m in members])


@get("/workspaces/{workspace_id:str}/workspace_users", sync_to_thread=False)
def list_workspace_users(
    workspace_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /workspaces/{wid}/workspace_users: one object per membership."""
    wid = workspace_id_from_path(workspace_id)
    members = MemberService(uow.conn, clock).list_members(user.id, wid)
    return json_response([workspace_user_out(m) for m in members])


@post(
    "/workspaces/{workspace_id:str}/workspace_users",
    sync_to_thread=False,
    status_code=200,
    opt=doc(NewMemberPayload),
)
def add_workspace_user(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """POST /workspaces/{wid}/workspace_users {"email","admin"}: add an existing user."""
    wid = workspace_id_from_path(workspace_id)
    email, admin = new_member(decode_body(body, NewMemberPayload))
    member = MemberService(uow.conn, clock).add_as(user.id, wid, email, admin)
    return json_response(workspace_user_out(member))


@put(_MEMBER_PATH, sync_to_thread=False, opt=doc(MemberPayload))
def update_workspace_user(
    workspace_id: str,
    workspace_user_id: str,
    body: bytes,
    user: User,
    uow: UnitOfWork,
    clock: Clock,
) -> Response[bytes]:
    """PUT …/workspace_users/{id}: admin/role, active/inactive, rate, labor_cost."""
    wid = workspace_id_from_path(workspace_id)
    member_id = _member_id(workspace_user_id)
    changes = member_changes(decode_body(body, MemberPayload))
    member = MemberService(uow.conn, clock).update(user.id, wid, member_id, changes)
    return json_response(workspace_user_out(member))


@delete(_MEMBER_PATH, sync_to_thread=False, status_code=200)
def delete_workspace_user(
    workspace_id: str, workspace_user_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """DELETE …/workspace_users/{id}: deactivate; the member's entries stay."""
    wid = workspace_id_from_path(workspace_id)
    MemberService(uow.conn, clock).remove(user.id, wid, _member_id(workspace_user_id))
    return empty_ok()


ROUTES = [
    list_users,
    list_workspace_users,
    add_workspace_user,
    update_workspace_user,
    delete_workspace_user,
]
