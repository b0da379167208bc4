"""Who may see, track on and manage which projects, and who sees billable rates."""

from __future__ import annotations

import msgspec
from sqlalchemy import ColumnElement, Connection

from punchclock.clock import Clock
from punchclock.errors import NO_ACCESS, Forbidden
from punchclock.projects.member_repository import ProjectUserRepository
from punchclock.projects.models import Project
from punchclock.projects.repository import visible_to
from punchclock.workspaces.models import WORKSPACE_ADMIN, Workspace
from punchclock.workspaces.service import WorkspaceService

BILLING_INFO = "User can not edit project billing info"


class Viewer(msgspec.Struct, frozen=True):
    """A caller's standing in some workspaces: roles, rate visibility and project memberships."""

    user_id: int
    workspace_ids: list[int]
    admin_of: frozenset[int]
    rates_hidden_in: frozenset[int]
    # project id -> whether the caller manages it
    memberships: dict[int, bool]

    def is_admin(self, workspace_id: int) -> bool:
        """Workspace admins see and manage every project of the workspace."""
        return workspace_id in self.admin_of

    def sees_rates(self, workspace_id: int) -> bool:
        """False where only admins see billable rates and the caller is no admin."""
        return workspace_id not in self.rates_hidden_in

    def sees(self, project: Project) -> bool:
        """Public projects, every project for admins, private ones only for their members."""
        return (
            not project.is_private
            or self.is_admin(project.workspace_id)
            or project.id in self.memberships
        )

    def can_track(self, project: Project) -> bool:
        """What the time-entry reference check allows: every visible, live project."""
        return project.server_deleted_at is None and self.sees(project)

    def manages(self, project: Project) -> bool:
        """Admins and the project's managers may edit it and its members."""
        return self.is_admin(project.workspace_id) or self.memberships.get(project.id, False)

    def require_manager(self, project: Project) -> None:
        """403 unless the caller may edit the project."""
        if not self.manages(project):
            raise Forbidden(NO_ACCESS)

    def visible(self) -> ColumnElement[bool]:
        """The SQL condition for projects this viewer may see."""
        return visible_to(self.user_id, self.admin_of)


class ViewerLoader:
    """Builds viewers from workspace memberships and project memberships."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.workspaces = WorkspaceService(conn, clock)
        self.members = ProjectUserRepository(conn)

    def in_workspace(self, user_id: int, workspace_id: int) -> tuple[Viewer, Workspace]:
        """The caller's view of one workspace; 403 when they are not a member."""
        membership = self.workspaces.require_member(user_id, workspace_id)
        workspace = self.workspaces.live(workspace_id)
        assert workspace is not None  # a membership implies a live workspace
        return self._viewer(user_id, [(workspace, membership.role)]), workspace

    def everywhere(self, user_id: int) -> Viewer:
        """The caller's view of all their workspaces."""
        return self._viewer(user_id, self.workspaces.list_for_user(user_id))

    def _viewer(self, user_id: int, rows: list[tuple[Workspace, str]]) -> Viewer:
        admin_of = frozenset(ws.id for ws, role in rows if role == WORKSPACE_ADMIN)
        hidden = frozenset(
            ws.id for ws, _ in rows if ws.only_admins_see_billable_rates and ws.id not in admin_of
        )
        ids = [ws.id for ws, _ in rows]
        return Viewer(user_id, ids, admin_of, hidden, self.members.memberships(user_id, ids))
