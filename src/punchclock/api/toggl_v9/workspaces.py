"""Handlers for single workspaces and organizations."""

from __future__ import annotations

from litestar import Response, get

from punchclock.api.toggl_v9.http import id_from_path, json_response, workspace_id_from_path
from punchclock.api.toggl_v9.schemas.workspaces import organization_out, workspace_out
from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.users.models import User
from punchclock.workspaces.service import WorkspaceService


@get("/workspaces/{workspace_id:str}", sync_to_thread=False)
def get_workspace(workspace_id: str, user: User, uow: UnitOfWork, clock: Clock) -> Response[bytes]:
    """GET /workspaces/{wid}; 404 "Workspace not found" when not a member."""
    wid = workspace_id_from_path(workspace_id)
    workspace, role = WorkspaceService(uow.conn, clock).get_for_member(user.id, wid)
    return json_response(workspace_out(workspace, role))


@get("/organizations/{organization_id:str}", sync_to_thread=False)
def get_organization(
    organization_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /organizations/{id}."""
    oid = id_from_path(organization_id, "Invalid organization ID", 404)
    org, role, count = WorkspaceService(uow.conn, clock).get_organization(user.id, oid)
    return json_response(organization_out(org, role, count))


ROUTES = [get_workspace, get_organization]
