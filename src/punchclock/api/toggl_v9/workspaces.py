"""Handlers for single workspaces: read, change settings, add one to an organization."""

from __future__ import annotations

from litestar import Response, get, post, put

from punchclock.api.http import (
    decode_body,
    id_from_path,
    json_response,
    workspace_id_from_path,
)
from punchclock.api.openapi_document import doc
from punchclock.api.toggl_v9.schemas.workspaces import (
    WorkspacePayload,
    new_workspace_settings,
    settings_changes,
    workspace_out,
)
from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.users.models import User
from punchclock.workspaces.models import WORKSPACE_ADMIN
from punchclock.workspaces.organization_service import OrganizationService
from punchclock.workspaces.rules import INVALID_ORGANIZATION
from punchclock.workspaces.service import WorkspaceService


@get("/workspaces/{workspace_id:str}", sync_to_thread=False)
def get_workspace(workspace_id: str, user: User, uow: UnitOfWork, clock: Clock) -> Response[bytes]:
    """GET /workspaces/{wid}; 404 "Workspace not found" when not a member."""
    wid = workspace_id_from_path(workspace_id)
    workspace, role = WorkspaceService(uow.conn, clock).get_for_member(user.id, wid)
    return json_response(workspace_out(workspace, role))


@put("/workspaces/{workspace_id:str}", sync_to_thread=False, opt=doc(WorkspacePayload))
def update_workspace(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """PUT /workspaces/{wid}: settings (admins only); the updated workspace."""
    wid = workspace_id_from_path(workspace_id)
    changes = settings_changes(decode_body(body, WorkspacePayload))
    workspace = WorkspaceService(uow.conn, clock).update_settings(user.id, wid, changes)
    # Only admins get here, members or not (organization admins administer every workspace).
    return json_response(workspace_out(workspace, WORKSPACE_ADMIN))


@post(
    "/organizations/{organization_id:str}/workspaces",
    sync_to_thread=False,
    status_code=200,
    opt=doc(WorkspacePayload),
)
def create_workspace(
    organization_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """POST /organizations/{oid}/workspaces: {"name", ...settings} → the new workspace."""
    oid = id_from_path(organization_id, INVALID_ORGANIZATION, 404)
    changes = new_workspace_settings(decode_body(body, WorkspacePayload))
    workspace = OrganizationService(uow.conn, clock).add_workspace(user.id, oid, changes)
    return json_response(workspace_out(workspace, WORKSPACE_ADMIN))


ROUTES = [get_workspace, update_workspace, create_workspace]
