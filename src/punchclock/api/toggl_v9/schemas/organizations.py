"""Wire types for creating and changing organizations and listing their users (§7)."""

from __future__ import annotations

from decimal import Decimal

import msgspec
from msgspec import UNSET, UnsetType

from punchclock.api.toggl_v9.schemas.me import DEFAULT_IMAGE_URL
from punchclock.api.toggl_v9.schemas.workspace_users import money_out
from punchclock.workspaces.models import (
    ORG_ADMIN_ROLES,
    ORG_OWNER,
    WORKSPACE_ADMIN,
    WORKSPACE_MEMBER,
    Organization,
    OrganizationUser,
    OrganizationWorkspaceMembership,
    Workspace,
    is_effective_admin,
)


class OrganizationPayload(msgspec.Struct, kw_only=True):
    """POST /organizations and PUT /organizations/{id} body."""

    name: str | UnsetType | None = UNSET
    workspace_name: str | UnsetType | None = UNSET


def text_or_none(value: str | UnsetType | None) -> str | None:
    """A given string, or None when missing or null."""
    return value if isinstance(value, str) else None


class CreatedOrganizationOut(msgspec.Struct):
    """POST /organizations answer (recorded, §7)."""

    id: int
    name: str
    workspace_id: int
    workspace_name: str


def created_organization_out(org: Organization, workspace: Workspace) -> CreatedOrganizationOut:
    """The recorded four keys."""
    return CreatedOrganizationOut(
        id=org.id, name=org.name, workspace_id=workspace.id, workspace_name=workspace.name
    )


class OrganizationUserWorkspaceOut(msgspec.Struct):
    """One workspace of an organization user (Toggl's OrgUserWorkspace keys)."""

    workspace_id: int
    workspace_name: str
    workspace_user_id: int
    admin: bool
    role: str
    inactive: bool
    rate: int | Decimal | None
    groups: list[int]


class OrganizationUserOut(msgspec.Struct):
    """One item of GET /organizations/{oid}/users (Toggl's OrgUser keys; order not recorded)."""

    id: int
    user_id: int
    name: str
    email: str
    avatar_url: str
    admin: bool
    owner: bool
    joined: bool
    inactive: bool
    organization_id: int
    groups: list[int]
    workspace_count: int
    workspaces: list[OrganizationUserWorkspaceOut]


def organization_user_out(
    user: OrganizationUser, memberships: list[OrganizationWorkspaceMembership]
) -> OrganizationUserOut:
    """The organization role shows as `owner`/`admin`; workspaces list every membership."""
    workspaces = []
    for membership in memberships:
        admin = is_effective_admin(membership.role, user.role)
        workspaces.append(
            OrganizationUserWorkspaceOut(
                workspace_id=membership.workspace_id,
                workspace_name=membership.workspace_name,
                workspace_user_id=membership.member_id,
                admin=admin,
                role=WORKSPACE_ADMIN if admin else WORKSPACE_MEMBER,
                inactive=not membership.active,
                rate=money_out(membership.rate),
                groups=[],
            )
        )
    return OrganizationUserOut(
        id=user.id,
        user_id=user.user_id,
        name=user.fullname,
        email=user.email,
        avatar_url=user.image_url or DEFAULT_IMAGE_URL,
        admin=user.role in ORG_ADMIN_ROLES,
        owner=user.role == ORG_OWNER,
        joined=True,
        inactive=False,
        organization_id=user.organization_id,
        groups=[],
        workspace_count=sum(1 for m in memberships if m.active),
        workspaces=workspaces,
    )
