"""Workspace rules: the membership and access checks, settings, creating a workspace."""

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
    WORKSPACE_ADMIN,
    Membership,
    SettingsChanges,
    Workspace,
    WorkspaceAccess,
)
from punchclock.workspaces.organization_repository import OrganizationRepository
from punchclock.workspaces.repository import WorkspaceRepository


class WorkspaceService:
    """Who may do what in a workspace, its settings, and the user's workspaces."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.repo = WorkspaceRepository(conn)
        self.organizations = OrganizationRepository(conn)
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
        org = self.organizations.organization_membership(workspace.organization_id, user_id)
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

    def create_workspace(
        self,
        admin_id: int,
        organization_id: int,
        name: str,
        settings: Mapping[str, Any],
    ) -> int:
        """A new workspace in the organization, administered by the user.

        `settings` are validated column values (`rules.settings_values`); the rest keep the
        database defaults. Each front door passes the defaults its clients need.
        """
        now = self.clock.now_us()
        workspace_id = self.repo.insert_workspace(
            {
                "organization_id": organization_id,
                "name": name,
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

    def live(self, workspace_id: int) -> Workspace | None:
        """A live workspace (no access check: callers hold theirs, e.g. a membership)."""
        return self.repo.get_workspace(workspace_id)

    def ids_for_user(self, user_id: int) -> list[int]:
        """The ids of the workspaces the user is an active member of."""
        return self.repo.workspace_ids_of_user(user_id)

    def member_ids(self, workspace_id: int) -> list[int]:
        """The workspace's active members (no access check: callers already checked theirs)."""
        return self.repo.workspace_member_ids(workspace_id)
