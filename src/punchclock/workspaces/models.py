"""Organizations and workspaces as the domain sees them."""

from __future__ import annotations

from decimal import Decimal

import msgspec

WORKSPACE_ADMIN = "admin"
WORKSPACE_MEMBER = "user"
ORG_OWNER = "owner"
ORG_ADMIN = "admin"
ORG_MEMBER = "member"


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
    """A user's role in a workspace."""

    workspace_id: int
    user_id: int
    role: str
    active: bool

    @property
    def is_admin(self) -> bool:
        """Workspace admins manage the workspace and other members' entries."""
        return self.role == WORKSPACE_ADMIN


class OrganizationMembership(msgspec.Struct, frozen=True):
    """A user's role in an organization."""

    organization_id: int
    user_id: int
    role: str
