"""Organizations, workspaces and memberships as the domain sees them."""

from __future__ import annotations

from decimal import Decimal

import msgspec
from msgspec import UNSET, UnsetType

WORKSPACE_ADMIN = "admin"
WORKSPACE_MEMBER = "user"
ORG_OWNER = "owner"
ORG_ADMIN = "admin"
ORG_MEMBER = "member"
ORG_ADMIN_ROLES = frozenset({ORG_OWNER, ORG_ADMIN})


def is_effective_admin(role: str, organization_role: str | None) -> bool:
    """Workspace admins, and (as in Toggl) owners and admins of the workspace's organization."""
    return role == WORKSPACE_ADMIN or organization_role in ORG_ADMIN_ROLES


class Organization(msgspec.Struct, frozen=True):
    """A billing/ownership unit holding workspaces."""

    id: int
    name: str
    created_at: int
    at: int
    server_deleted_at: int | None


class Workspace(msgspec.Struct, frozen=True):
    """A workspace and its settings."""

    id: int
    organization_id: int
    name: str
    default_currency: str
    default_hourly_rate: Decimal | None
    only_admins_may_create_projects: bool
    only_admins_may_create_tags: bool
    only_admins_see_billable_rates: bool
    only_admins_see_team_dashboard: bool
    projects_billable_by_default: bool
    projects_private_by_default: bool
    projects_enforce_billable: bool
    limit_public_project_data: bool
    reports_collapse: bool
    rounding: int
    rounding_minutes: int
    ical_token: str
    created_at: int
    at: int
    server_deleted_at: int | None


class Membership(msgspec.Struct, frozen=True):
    """A user's role in a workspace, with their role in its organization (if any)."""

    workspace_id: int
    user_id: int
    role: str
    active: bool
    organization_role: str | None = None

    @property
    def is_admin(self) -> bool:
        """Admins manage the workspace and other members' entries."""
        return is_effective_admin(self.role, self.organization_role)


class OrganizationMembership(msgspec.Struct, frozen=True):
    """A user's role in an organization."""

    organization_id: int
    user_id: int
    role: str


class Member(msgspec.Struct, frozen=True):
    """One workspace membership (active or deactivated) with the member's profile."""

    id: int
    workspace_id: int
    user_id: int
    role: str
    active: bool
    rate: Decimal | None
    labor_cost: Decimal | None
    at: int
    fullname: str
    email: str
    image_url: str | None
    timezone: str
    organization_role: str | None

    @property
    def is_admin(self) -> bool:
        """Admin through the workspace role or the organization role."""
        return is_effective_admin(self.role, self.organization_role)


class OrganizationUser(msgspec.Struct, frozen=True):
    """A user of an organization, with their role in it."""

    id: int
    organization_id: int
    user_id: int
    role: str
    fullname: str
    email: str
    image_url: str | None


class OrganizationWorkspaceMembership(msgspec.Struct, frozen=True):
    """A membership in one of an organization's workspaces (for the organization's user list)."""

    member_id: int
    workspace_id: int
    workspace_name: str
    user_id: int
    role: str
    active: bool
    rate: Decimal | None


class SettingsChanges(msgspec.Struct, kw_only=True):
    """Workspace settings a caller asks to change; UNSET means unchanged."""

    name: str | UnsetType = UNSET
    default_currency: str | UnsetType = UNSET
    default_hourly_rate: Decimal | UnsetType | None = UNSET
    only_admins_may_create_projects: bool | UnsetType = UNSET
    only_admins_may_create_tags: bool | UnsetType = UNSET
    only_admins_see_billable_rates: bool | UnsetType = UNSET
    only_admins_see_team_dashboard: bool | UnsetType = UNSET
    projects_billable_by_default: bool | UnsetType = UNSET
    projects_private_by_default: bool | UnsetType = UNSET
    projects_enforce_billable: bool | UnsetType = UNSET
    limit_public_project_data: bool | UnsetType = UNSET
    reports_collapse: bool | UnsetType = UNSET
    rounding: int | UnsetType = UNSET
    rounding_minutes: int | UnsetType = UNSET


class MemberChanges(msgspec.Struct, kw_only=True):
    """Changes to one membership; UNSET means unchanged, None clears a rate."""

    admin: bool | UnsetType = UNSET
    active: bool | UnsetType = UNSET
    rate: Decimal | UnsetType | None = UNSET
    labor_cost: Decimal | UnsetType | None = UNSET


class WorkspaceAccess(msgspec.Struct, frozen=True):
    """What a caller may do in a workspace: see it (member) and manage it (admin)."""

    workspace: Workspace
    is_member: bool
    is_admin: bool
