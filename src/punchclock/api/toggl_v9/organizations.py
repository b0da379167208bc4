"""Handlers for organizations: read, create, rename, their users and (empty) groups."""

from __future__ import annotations

from litestar import Response, get, post, put

from punchclock.api.http import decode_body, id_from_path, json_response
from punchclock.api.openapi_document import doc
from punchclock.api.toggl_v9.schemas.organizations import (
    OrganizationPayload,
    created_organization_out,
    organization_user_out,
    text_or_none,
)
from punchclock.api.toggl_v9.schemas.workspaces import new_workspace_settings, organization_out
from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.users.models import User
from punchclock.workspaces.organization_service import OrganizationService
from punchclock.workspaces.rules import INVALID_ORGANIZATION


def _organization_id(raw: str) -> int:
    return id_from_path(raw, INVALID_ORGANIZATION, 404)


@get("/organizations/{organization_id:str}", sync_to_thread=False)
def get_organization(
    organization_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /organizations/{id}."""
    oid = _organization_id(organization_id)
    org, role, count = OrganizationService(uow.conn, clock).get(user.id, oid)
    return json_response(organization_out(org, role, count))


@post("/organizations", sync_to_thread=False, status_code=200, opt=doc(OrganizationPayload))
def create_organization(body: bytes, user: User, uow: UnitOfWork, clock: Clock) -> Response[bytes]:
    """POST /organizations: {"name","workspace_name"} → ids and names (recorded shape)."""
    payload = decode_body(body, OrganizationPayload)
    org, workspace = OrganizationService(uow.conn, clock).create(
        user.id,
        text_or_none(payload.name),
        text_or_none(payload.workspace_name),
        new_workspace_settings(),
    )
    return json_response(created_organization_out(org, workspace))


@put("/organizations/{organization_id:str}", sync_to_thread=False, opt=doc(OrganizationPayload))
def update_organization(
    organization_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """PUT /organizations/{id}: {"name"} (owners and admins); the organization."""
    oid = _organization_id(organization_id)
    payload = decode_body(body, OrganizationPayload)
    org, role, count = OrganizationService(uow.conn, clock).rename(
        user.id, oid, text_or_none(payload.name)
    )
    return json_response(organization_out(org, role, count))


@get("/organizations/{organization_id:str}/users", sync_to_thread=False)
def organization_users(
    organization_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /organizations/{oid}/users: owners and admins see every user and membership."""
    oid = _organization_id(organization_id)
    rows = OrganizationService(uow.conn, clock).users(user.id, oid)
    return json_response([organization_user_out(org_user, ms) for org_user, ms in rows])


@get("/organizations/{organization_id:str}/groups", sync_to_thread=False)
def organization_groups(
    organization_id: str, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """GET /organizations/{oid}/groups: Punchclock has no groups, so always []."""
    OrganizationService(uow.conn, clock).check_member(user.id, _organization_id(organization_id))
    return json_response([])


ROUTES = [
    get_organization,
    create_organization,
    update_organization,
    organization_users,
    organization_groups,
]
