"""Handlers for /me: profile, token, workspaces and organizations of the caller."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post, put
from msgspec import UNSET

from punchclock.api.http import decode_body, empty_ok, json_response, query_bool
from punchclock.api.openapi_document import doc
from punchclock.api.toggl_v9.related import related_data
from punchclock.api.toggl_v9.schemas.me import MeOut, MePayload, me_out
from punchclock.api.toggl_v9.schemas.workspaces import organization_out, workspace_list_out
from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.sessions.service import sign_out_everywhere
from punchclock.users.models import User
from punchclock.users.service import UserService
from punchclock.workspaces.organization_service import OrganizationService
from punchclock.workspaces.service import WorkspaceService

AnyRequest = Request[Any, Any, Any]


@get("/me", sync_to_thread=False, opt=doc(response=MeOut, query={"with_related_data": bool}))
def get_me(request: AnyRequest, user: User, uow: UnitOfWork, clock: Clock) -> Response[bytes]:
    """GET /me, optionally with_related_data=true."""
    out = me_out(user)
    if query_bool(request.query_params.get("with_related_data"), "with_related_data"):
        related_data(out, user, uow.conn, clock)
    return json_response(out)


@put("/me", sync_to_thread=False, opt=doc(MePayload, response=MeOut))
def update_me(body: bytes, user: User, uow: UnitOfWork, clock: Clock) -> Response[bytes]:
    """PUT /me: profile fields and password change."""
    changes = decode_body(body, MePayload).to_changes()
    memberships = WorkspaceService(uow.conn, clock)
    updated = UserService(uow.conn, clock).update_profile(user, changes, memberships=memberships)
    if changes.password is not UNSET:
        # A new password signs every browser out of the web app, as its own form does.
        sign_out_everywhere(uow.conn, user.id)
    return json_response(me_out(updated, with_accounts_stamp=True))


@get("/me/logged", sync_to_thread=False)
def me_logged(user: User) -> Response[bytes]:
    """GET /me/logged: 200 with an empty body when the credentials are good."""
    return empty_ok()


@post("/me/reset_token", sync_to_thread=False, status_code=200, opt=doc(response=str))
def reset_token(user: User, uow: UnitOfWork, clock: Clock) -> Response[bytes]:
    """POST /me/reset_token: the new token as a JSON string; the old one dies at once."""
    return json_response(UserService(uow.conn, clock).reset_token(user))


def _workspaces_payload(user: User, uow: UnitOfWork, clock: Clock) -> Response[bytes]:
    service = WorkspaceService(uow.conn, clock)
    rows = service.list_for_user(user.id)
    counts = service.active_project_counts([ws.id for ws, _ in rows])
    return json_response(workspace_list_out(rows, counts, user.default_workspace_id))


@get("/me/workspaces", sync_to_thread=False)
def my_workspaces(user: User, uow: UnitOfWork, clock: Clock) -> Response[bytes]:
    """GET /me/workspaces."""
    return _workspaces_payload(user, uow, clock)


@get("/workspaces", sync_to_thread=False)
def list_workspaces(user: User, uow: UnitOfWork, clock: Clock) -> Response[bytes]:
    """GET /workspaces (the same list; tgl-cli uses it)."""
    return _workspaces_payload(user, uow, clock)


@get("/me/organizations", sync_to_thread=False)
def my_organizations(user: User, uow: UnitOfWork, clock: Clock) -> Response[bytes]:
    """GET /me/organizations."""
    rows = OrganizationService(uow.conn, clock).list_for_user(user.id)
    return json_response([organization_out(org, role, count) for org, role, count in rows])


ROUTES = [
    get_me,
    update_me,
    me_logged,
    reset_token,
    my_workspaces,
    list_workspaces,
    my_organizations,
]
