"""Organization rules: creating and renaming organizations, adding workspaces, listing users."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msgspec import UNSET
from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.errors import Forbidden, NotFound
from punchclock.workspaces import rules
from punchclock.workspaces.member_repository import MemberRepository
from punchclock.workspaces.models import (
    ORG_ADMIN_ROLES,
    ORG_OWNER,
    Organization,
    OrganizationMembership,
    OrganizationUser,
    OrganizationWorkspaceMembership,
    SettingsChanges,
    Workspace,
)
from punchclock.workspaces.organization_repository import OrganizationRepository
from punchclock.workspaces.repository import WorkspaceRepository
from punchclock.workspaces.service import WorkspaceService


class OrganizationService:
    """What organization members, owners and admins may do with their organization."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.clock = clock
        self.repo = OrganizationRepository(conn)
        self.members = MemberRepository(conn)
        self.workspace_repo = WorkspaceRepository(conn)
        self.workspaces = WorkspaceService(conn, clock)

    def list_for_user(self, user_id: int) -> list[tuple[Organization, str, int]]:
        """The user's organizations with their role and user count."""
        return [
            (org, role, self.repo.organization_user_count(org.id))
            for org, role in self.repo.organizations_of_user(user_id)
        ]

    def get(self, user_id: int, organization_id: int) -> tuple[Organization, str, int]:
        """One organization the user belongs to, with their role and its user count."""
        org, membership = self._require(user_id, organization_id, admin=False)
        return org, membership.role, self.repo.organization_user_count(org.id)

    def create(
        self,
        user_id: int,
        name: str | None,
        workspace_name: str | None,
        settings: SettingsChanges,
    ) -> tuple[Organization, Workspace]:
        """POST /organizations: the caller owns the organization and administers its workspace."""
        org_name = rules.organization_name(name)
        ws_name = rules.workspace_name(workspace_name)
        org_id, workspace_id = self.create_with_workspace(
            user_id, org_name, ws_name, _workspace_settings(settings)
        )
        org = self.repo.get_organization(org_id)
        workspace = self.workspace_repo.get_workspace(workspace_id)
        assert org is not None and workspace is not None
        return org, workspace

    def create_with_workspace(
        self,
        owner_id: int,
        organization_name: str,
        workspace_name: str,
        settings: Mapping[str, Any],
    ) -> tuple[int, int]:
        """A new organization owned by the user, with one workspace they administer.

        The names are already clean; `settings` are validated workspace column values.
        """
        now = self.clock.now_us()
        org_id = self.repo.insert_organization(
            {"name": organization_name, "created_at": now, "at": now}
        )
        self.repo.add_organization_user(
            {"organization_id": org_id, "user_id": owner_id, "role": ORG_OWNER, "created_at": now}
        )
        workspace_id = self.workspaces.create_workspace(owner_id, org_id, workspace_name, settings)
        return org_id, workspace_id

    def rename(
        self, user_id: int, organization_id: int, name: str | None
    ) -> tuple[Organization, str, int]:
        """PUT /organizations/{id}: owners and admins only."""
        self._require(user_id, organization_id, admin=True)
        cleaned = rules.organization_name(name)
        self.repo.update_organization(organization_id, {"name": cleaned, "at": self.clock.now_us()})
        return self.get(user_id, organization_id)

    def add_workspace(
        self, user_id: int, organization_id: int, changes: SettingsChanges
    ) -> Workspace:
        """POST /organizations/{oid}/workspaces: the creator administers the new workspace."""
        self._require(user_id, organization_id, admin=True)
        name = rules.workspace_name(None if changes.name is UNSET else changes.name)
        settings = _workspace_settings(changes)
        workspace_id = self.workspaces.create_workspace(user_id, organization_id, name, settings)
        workspace = self.workspace_repo.get_workspace(workspace_id)
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
            for org_user in self.repo.organization_users(organization_id)
        ]

    def check_member(self, user_id: int, organization_id: int) -> None:
        """404 unless the caller belongs to the organization (GET …/groups)."""
        self._require(user_id, organization_id, admin=False)

    def _require(
        self, user_id: int, organization_id: int, *, admin: bool
    ) -> tuple[Organization, OrganizationMembership]:
        # Toggl's 404 texts for GET /organizations/{id}: unknown id, then not a member.
        org = self.repo.get_organization(organization_id)
        if org is None:
            raise NotFound(rules.INVALID_ORGANIZATION)
        membership = self.repo.organization_membership(organization_id, user_id)
        if membership is None:
            raise NotFound(rules.NOT_IN_ORGANIZATION)
        if admin and membership.role not in ORG_ADMIN_ROLES:
            raise Forbidden(rules.ONLY_ORG_ADMINS)
        return org, membership


def _workspace_settings(changes: SettingsChanges) -> dict[str, Any]:
    """Validated column values for a new workspace (its name is given on its own)."""
    settings = rules.settings_values(changes)
    settings.pop("name", None)
    return settings
