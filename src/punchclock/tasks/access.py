"""Who may read and who may change a project's tasks, and which assignees are allowed."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.db.bigint import storable_id
from punchclock.errors import NO_ACCESS, BadRequest, Forbidden
from punchclock.projects.lookup import ProjectLookup
from punchclock.projects.models import Project
from punchclock.tasks import rules
from punchclock.tasks.models import Reader
from punchclock.tasks.repository import TaskRepository
from punchclock.users.models import User
from punchclock.workspaces.models import WORKSPACE_ADMIN
from punchclock.workspaces.service import WorkspaceService


class TaskAccess:
    """Members read the tasks of projects they see; admins and project managers change them.

    Private projects are seen by admins and their members only, as the projects package rules.
    """

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.repo = TaskRepository(conn)
        self.projects = ProjectLookup(conn)
        self.workspaces = WorkspaceService(conn, clock)

    def readable(self, user: User, workspace_id: int, project_id: int) -> Project:
        """The project, for a member of its workspace who may see it."""
        membership = self.workspaces.require_member(user.id, workspace_id)
        project = self._project(workspace_id, project_id)
        if (
            project.is_private
            and not membership.is_admin
            and not self.repo.is_project_member(project.id, user.id)
        ):
            # Like an unknown project: a private project's existence is not revealed.
            raise BadRequest(rules.PROJECT_NOT_ACCESSIBLE)
        return project

    def reader_in(self, user: User, workspace_id: int) -> Reader:
        """The caller as a reader of one workspace's tasks; 403 when not a member."""
        membership = self.workspaces.require_member(user.id, workspace_id)
        return Reader(user.id, frozenset([workspace_id] if membership.is_admin else []))

    def reader_everywhere(self, user: User) -> tuple[Reader, list[int]]:
        """The caller as a reader of all their workspaces' tasks, and those workspaces."""
        rows = self.workspaces.list_for_user(user.id)
        admin_of = frozenset(ws.id for ws, role in rows if role == WORKSPACE_ADMIN)
        return Reader(user.id, admin_of), [ws.id for ws, _ in rows]

    def writable(self, user: User, workspace_id: int, project_id: int) -> Project:
        """The project, for an admin or one of its managers, while it is active.

        Task writes of the project are serialised from here on (see TaskRepository).
        """
        membership = self.workspaces.require_member(user.id, workspace_id)
        project = self._project(workspace_id, project_id)
        if not membership.is_admin and not self.repo.is_manager(project.id, user.id):
            raise Forbidden(NO_ACCESS)
        if not project.active:
            raise BadRequest(rules.ARCHIVED_PROJECT)
        self.repo.lock_project(project.id)
        return project

    def assignee(self, workspace_id: int, user_id: int | None) -> int | None:
        """The user to assign (None: nobody); 400 unless a member of the workspace."""
        if user_id is None:
            return None
        if not storable_id(user_id) or (not self.workspaces.is_member(user_id, workspace_id)):
            raise BadRequest(rules.INVALID_ASSIGNEE)
        return user_id

    def _project(self, workspace_id: int, project_id: int) -> Project:
        project = self.projects.live(project_id) if storable_id(project_id) else None
        if project is None or project.workspace_id != workspace_id:
            raise BadRequest(rules.PROJECT_NOT_ACCESSIBLE)
        return project
