"""Organization rules: creating and renaming organizations, adding workspaces, listing users."""

from __future__ import annotations

from msgspec import UNSET
from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.errors import Forbidden, NotFound
from punchclock.workspaces import rules
from punchclock.workspaces.member_repository import MemberRepository
from punchclock.workspaces.models import (
    ORG_ADMIN_ROLES,
    Organization,
    OrganizationMembership,
    OrganizationUser,
    OrganizationWorkspaceMembership,
    SettingsChanges,
    Workspace,
)
from punchclock.workspaces.repository import WorkspaceRepository
from punchclock.workspaces.service import WorkspaceService


class OrganizationService:
    """What organization members, owners and admins may do with their organization."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.clock = clock
        self.repo = WorkspaceRepository(conn)
        self.members = MemberRepository(conn)
        self.workspaces = WorkspaceService(conn, clock)

    def create(
        self, user_id: int, name: str | None, workspace_name: str | None
    ) -> tuple[Organization, Workspace]:
        """POST /organizations: the caller owns the organization and administers its workspace."""
        org_name = rules.organization_name(name)
        ws_name = rules.workspace_name(workspace_name)
        org_id, workspace_id = self.workspaces.create_organization(user_id, org_name, ws_name)
        org = self.repo.get_organization(org_id)
        workspace = self.repo.get_workspace(workspace_id)
        assert org is not None and workspace is not None
        return org, workspace

    def rename(
        self, user_id: int, organization_id: int, name: str | None
    ) -> tuple[Organization, str, int]:
        """PUT /organizations/{id}: owners and admins only."""
        self._require(user_id, organization_id, admin=True)
        cleaned = rules.organization_name(name)
        self.repo.update_organization(organization_id, {"name": cleaned, "at": self.clock.now_us()})
        return self.workspaces.get_organization(user_id, organization_id)

    def add_workspace(
        self, user_id: int, organization_id: int, changes: SettingsChanges
    ) -> Workspace:
        """POST /organizations/{oid}/workspaces: the creator administers the new workspace."""
        self._require(user_id, organization_id, admin=True)
        name = rules.workspace_name(None if changes.name is UNSET else changes.name)
        settings = rules.settings_values(changes)
        settings.pop("name", None)
        workspace_id = self.workspaces.create_workspace(user_id, organization_id, name, settings)
        workspace = self.repo.get_workspace(workspace_id)
        assert workspace is not None
        return workspace

    def users(
        self, user_id: int, organization_id: int
    ) -> list[tuple[OrganizationUser, list[OrganizationWorkspaceMembership]]]:
        """GET /organizations/{oid}/users: each user with their memberships; admins only."""
        self._require(user_id, organization_id, admin=True)
        memberships = self.members.organization_memberships(organization_id)
        return [
            (org_user, [m for m in memberships if m.user_id == org_user.user_id])
            for org_user in self.members.organization_users(organization_id)
        ]

    def check_member(self, user_id: int, organization_id: int) -> None:
        """404 unless the caller belongs to the organization (GET …/groups)."""
        self._require(user_id, organization_id, admin=False)

    def _require(
        self, user_id: int, organization_id: int, *, admin: bool
    ) -> OrganizationMembership:
        # Toggl's 404 texts for GET /organizations/{id}: unknown id, then not a member.
        if self.repo.get_organization(organization_id) is None:
            raise NotFound(rules.INVALID_ORGANIZATION)
        membership = self.repo.organization_membership(organization_id, user_id)
        if membership is None:
            raise NotFound(rules.NOT_IN_ORGANIZATION)
        if admin and membership.role not in ORG_ADMIN_ROLES:
            raise Forbidden(rules.ONLY_ORG_ADMINS)
        return membership
