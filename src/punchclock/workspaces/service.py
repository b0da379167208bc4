"""Workspace rules: access checks, settings, and creating organizations and workspaces."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.errors import NO_ACCESS, Forbidden, NotFound
from punchclock.ids import new_api_token
from punchclock.workspaces import rules
from punchclock.workspaces.models import (
    ORG_ADMIN_ROLES,
    ORG_OWNER,
    WORKSPACE_ADMIN,
    Membership,
    Organization,
    SettingsChanges,
    Workspace,
    WorkspaceAccess,
)
from punchclock.workspaces.repository import WorkspaceRepository


class WorkspaceService:
    """Access checks and queries over workspaces and organizations."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.repo = WorkspaceRepository(conn)
        self.clock = clock

    def require_member(self, user_id: int, workspace_id: int) -> Membership:
        """The caller's active membership (`is_admin` counts organization admins), or 403."""
        # 403 either way: Toggl does not reveal whether the workspace exists.
        membership = self.repo.membership(workspace_id, user_id)
        if membership is None:
            raise Forbidden(NO_ACCESS)
        return membership

    def access(self, user_id: int, workspace_id: int) -> WorkspaceAccess:
        """What the caller may do in a live workspace; 403 when nothing at all."""
        workspace = self.repo.get_workspace(workspace_id)
        if workspace is None:
            raise Forbidden(NO_ACCESS)
        membership = self.repo.membership(workspace_id, user_id)
        if membership is not None:
            return WorkspaceAccess(workspace, is_member=True, is_admin=membership.is_admin)
        # Organization owners and admins manage every workspace of their organization, even
        # one they do not track time in (Toggl: "do everything a workspace admin can do").
        org = self.repo.organization_membership(workspace.organization_id, user_id)
        if org is not None and org.role in ORG_ADMIN_ROLES:
            return WorkspaceAccess(workspace, is_member=False, is_admin=True)
        raise Forbidden(NO_ACCESS)

    def require_admin(self, user_id: int, workspace_id: int, message: str) -> Workspace:
        """The workspace, if the caller administers it; 403 `message` for plain members."""
        access = self.access(user_id, workspace_id)
        if not access.is_admin:
            raise Forbidden(message)
        return access.workspace

    def get_for_member(self, user_id: int, workspace_id: int) -> tuple[Workspace, str]:
        """A workspace the user belongs to, with their effective role; 404 otherwise."""
        membership = self.repo.membership(workspace_id, user_id)
        workspace = self.repo.get_workspace(workspace_id) if membership else None
        if membership is None or workspace is None:
            # Toggl answers 404 "Workspace not found" for workspaces the caller cannot see.
            raise NotFound(rules.WORKSPACE_NOT_FOUND)
        return workspace, WORKSPACE_ADMIN if membership.is_admin else membership.role

    def update_settings(
        self, user_id: int, workspace_id: int, changes: SettingsChanges
    ) -> Workspace:
        """PUT /workspaces/{wid}: admins only; every given setting is validated first."""
        self.require_admin(user_id, workspace_id, rules.ONLY_ADMINS_SETTINGS)
        values = rules.settings_values(changes)
        values["at"] = self.clock.now_us()
        self.repo.update_workspace(workspace_id, values)
        workspace = self.repo.get_workspace(workspace_id)
        assert workspace is not None
        return workspace

    def list_for_user(self, user_id: int) -> list[tuple[Workspace, str]]:
        """The user's workspaces and their role in each."""
        return self.repo.workspaces_of_user(user_id)

    def list_organizations(self, user_id: int) -> list[tuple[Organization, str, int]]:
        """The user's organizations with role and user count."""
        return [
            (org, role, self.repo.organization_user_count(org.id))
            for org, role in self.repo.organizations_of_user(user_id)
        ]

    def get_organization(self, user_id: int, organization_id: int) -> tuple[Organization, str, int]:
        """One organization the user belongs to, with role and user count."""
        org = self.repo.get_organization(organization_id)
        if org is None:
            raise NotFound(rules.INVALID_ORGANIZATION)
        membership = self.repo.organization_membership(organization_id, user_id)
        if membership is None:
            raise NotFound(rules.NOT_IN_ORGANIZATION)
        return org, membership.role, self.repo.organization_user_count(org.id)

    def create_organization(
        self, owner_id: int, organization_name: str, workspace_name: str
    ) -> tuple[int, int]:
        """A new organization owned by the user, with one workspace they administer."""
        now = self.clock.now_us()
        org_id = self.repo.insert_organization(
            {"name": organization_name, "created_at": now, "at": now}
        )
        self.repo.add_organization_user(
            {"organization_id": org_id, "user_id": owner_id, "role": ORG_OWNER, "created_at": now}
        )
        workspace_id = self.create_workspace(owner_id, org_id, workspace_name)
        return org_id, workspace_id

    def create_workspace(
        self,
        admin_id: int,
        organization_id: int,
        name: str,
        settings: Mapping[str, Any] | None = None,
    ) -> int:
        """A new workspace in the organization, administered by the user."""
        now = self.clock.now_us()
        workspace_id = self.repo.insert_workspace(
            {
                "organization_id": organization_id,
                "name": name,
                # Billable is a paid feature in Toggl and we report `premium: false`; clients
                # such as togglcli refuse to save billable entries in such a workspace.
                "projects_billable_by_default": False,
                **(settings or {}),
                "ical_token": new_api_token(),
                "created_at": now,
                "at": now,
            }
        )
        self.repo.add_workspace_user(
            {
                "workspace_id": workspace_id,
                "user_id": admin_id,
                "role": WORKSPACE_ADMIN,
                "active": True,
                "created_at": now,
                "at": now,
            }
        )
        return workspace_id

    def active_project_counts(self, workspace_ids: list[int]) -> dict[int, int]:
        """Live, active projects per workspace."""
        return self.repo.active_project_counts(workspace_ids)

    def is_member(self, user_id: int, workspace_id: int) -> bool:
        """Whether the user is an active member of the workspace (no access check)."""
        return self.repo.membership(workspace_id, user_id) is not None

    def member_ids(self, workspace_id: int) -> list[int]:
        """The workspace's active members (no access check: callers already checked theirs)."""
        return self.repo.workspace_member_ids(workspace_id)
