"""Project-member rules with access checks: admins and project managers manage members."""

from __future__ import annotations

from typing import Any

import msgspec
from msgspec import UNSET
from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.db.bigint import storable_id
from punchclock.errors import BadRequest, Forbidden, NotFound
from punchclock.projects import rules
from punchclock.projects.access import BILLING_INFO, Viewer, ViewerLoader
from punchclock.projects.member_models import ProjectUser, ProjectUserDraft, ProjectUserQuery
from punchclock.projects.member_repository import ProjectUserRepository
from punchclock.projects.models import Project
from punchclock.projects.repository import ProjectRepository
from punchclock.stamps import next_at
from punchclock.users.models import User
from punchclock.workspaces.service import WorkspaceService

INVALID_PROJECT_ID = "Invalid project_id"
INVALID_USER_ID = "Invalid user_id"
PROJECT_NOT_ACCESSIBLE = "Project not found/accessible"
NOT_A_MEMBER = "User is not a member of this workspace"
ALREADY_MEMBER = "User is already a member of this project"
MEMBER_NOT_FOUND = "Project user not found"


class ProjectUserService:
    """Listing and managing who belongs to a workspace's projects."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.conn = conn
        self.clock = clock
        self.repo = ProjectUserRepository(conn)
        self.projects = ProjectRepository(conn)
        self.workspaces = WorkspaceService(conn, clock)
        self.viewers = ViewerLoader(conn, clock)

    def find(self, user: User, workspace_id: int, query: ProjectUserQuery) -> list[ProjectUser]:
        """Members of the workspace's projects the caller may see."""
        viewer, _ = self.viewers.in_workspace(user.id, workspace_id)
        found = self.repo.list_in_workspace(workspace_id, query, viewer.visible())
        return [_shown(viewer, member) for member in found]

    def create(self, user: User, workspace_id: int, draft: ProjectUserDraft) -> ProjectUser:
        """Add a workspace member to a project the caller manages."""
        viewer, _ = self.viewers.in_workspace(user.id, workspace_id)
        project = self._project(viewer, workspace_id, draft.project_id)
        viewer.require_manager(project)
        target = draft.user_id
        if not isinstance(target, int) or not storable_id(target):
            raise BadRequest(INVALID_USER_ID)
        if not self.workspaces.is_member(target, workspace_id):
            raise BadRequest(NOT_A_MEMBER)
        if self.repo.find(project.id, target) is not None:
            raise BadRequest(ALREADY_MEMBER)
        now = self.clock.now_us()
        columns: dict[str, Any] = {
            "workspace_id": workspace_id,
            "project_id": project.id,
            "user_id": target,
            "manager": draft.manager is True,
            "created_at": now,
            "at": now,
        }
        columns.update(self._money(viewer, workspace_id, draft, None, now))
        member_id = self.repo.insert_unique(columns)
        if member_id is None:
            raise BadRequest(ALREADY_MEMBER)
        self._touch(project, now)
        return self._stored(viewer, member_id)

    def update(
        self, user: User, workspace_id: int, member_id: int, draft: ProjectUserDraft
    ) -> ProjectUser:
        """Change a member's manager flag, rate or labor cost."""
        viewer, _ = self.viewers.in_workspace(user.id, workspace_id)
        member, project = self._member(viewer, workspace_id, member_id)
        viewer.require_manager(project)
        now = self.clock.now_us()
        columns = self._money(viewer, workspace_id, draft, member, now)
        if isinstance(draft.manager, bool):
            columns["manager"] = draft.manager
        columns["at"] = next_at(member.at, now)
        self.repo.update(member.id, columns)
        self._touch(project, now)
        return self._stored(viewer, member.id)

    def delete(self, user: User, workspace_id: int, member_id: int) -> None:
        """Remove a member from a project the caller manages."""
        viewer, _ = self.viewers.in_workspace(user.id, workspace_id)
        member, project = self._member(viewer, workspace_id, member_id)
        viewer.require_manager(project)
        self.repo.delete(member.id)
        self._touch(project, self.clock.now_us())

    def _project(self, viewer: Viewer, workspace_id: int, project_id: object) -> Project:
        if not isinstance(project_id, int) or not storable_id(project_id):
            raise BadRequest(INVALID_PROJECT_ID)
        project = self.projects.get(project_id)
        if project is None or project.workspace_id != workspace_id or not viewer.sees(project):
            raise BadRequest(PROJECT_NOT_ACCESSIBLE)
        return project

    def _member(
        self, viewer: Viewer, workspace_id: int, member_id: int
    ) -> tuple[ProjectUser, Project]:
        member = self.repo.get(member_id) if storable_id(member_id) else None
        project = self.projects.get(member.project_id) if member else None
        if (
            member is None
            or project is None
            or member.workspace_id != workspace_id
            or not viewer.sees(project)
        ):
            raise NotFound(MEMBER_NOT_FOUND)
        return member, project

    def _money(
        self,
        viewer: Viewer,
        workspace_id: int,
        draft: ProjectUserDraft,
        member: ProjectUser | None,
        now: int,
    ) -> dict[str, Any]:
        """Rate and labor cost columns; only those who may see them may set them."""
        columns: dict[str, Any] = {}
        if draft.rate is not UNSET:
            rate = None if draft.rate is None else rules.clean_money(draft.rate, "rate")
            if not viewer.sees_rates(workspace_id):
                # They were shown null, so echoing null back changes nothing.
                if rate is not None:
                    raise Forbidden(BILLING_INFO)
            elif rate != (member.rate if member else None):
                columns["rate"] = rate
                columns["rate_last_updated"] = now
        if draft.labor_cost is not UNSET:
            cost = draft.labor_cost
            cost = None if cost is None else rules.clean_money(cost, "labor_cost")
            # Labor costs are an admin matter in Toggl.
            if not viewer.is_admin(workspace_id) and cost is not None:
                raise Forbidden(BILLING_INFO)
            if viewer.is_admin(workspace_id):
                columns["labor_cost"] = cost
        return columns

    def _touch(self, project: Project, now: int) -> None:
        # Membership decides who sees a private project: `since` sync must notice the change.
        self.projects.update(project.id, {"at": next_at(project.at, now)})

    def _stored(self, viewer: Viewer, member_id: int) -> ProjectUser:
        member = self.repo.get(member_id)
        assert member is not None
        return _shown(viewer, member)


def _shown(viewer: Viewer, member: ProjectUser) -> ProjectUser:
    """Rates hidden where the caller may not see them; labor costs for admins only."""
    wid = member.workspace_id
    rate = member.rate if viewer.sees_rates(wid) else None
    cost = member.labor_cost if viewer.is_admin(wid) else None
    return msgspec.structs.replace(member, rate=rate, labor_cost=cost)
