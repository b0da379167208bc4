"""Checks that an entry's project and task exist in its workspace and the user may use them."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.errors import BadRequest
from punchclock.project_users.repository import ProjectUserRepository
from punchclock.projects.repository import ProjectRepository
from punchclock.tasks.repository import TaskRepository

PROJECT_NOT_ACCESSIBLE = "User cannot access the selected project"
TASK_NOT_ACCESSIBLE = "User cannot access selected task"
PROJECT_OTHER_WORKSPACE = (
    "Conflict with project/workspace: project needs to be in the same workspace as the time entry"
)


class ReferenceChecker:
    """Validates project_id/task_id against the entry's workspace and the acting user."""

    def __init__(self, conn: Connection) -> None:
        self.projects = ProjectRepository(conn)
        self.tasks = TaskRepository(conn)
        self.members = ProjectUserRepository(conn)

    def check(
        self,
        workspace_id: int,
        project_id: int | None,
        task_id: int | None,
        *,
        user_id: int | None = None,
        is_admin: bool = False,
    ) -> tuple[int | None, int | None]:
        """The (project_id, task_id) to store; a task alone implies its project.

        With `user_id` (the acting user), a private project is only for its members and admins.
        Archived projects stay usable: the contract does not say Toggl refuses them.
        """
        # Some clients send 0 for "no project".
        project_id = project_id or None
        task_id = task_id or None
        if project_id is not None:
            project = self.projects.get_for_share(project_id)
            if project is None:
                raise BadRequest(PROJECT_NOT_ACCESSIBLE)
            if project.workspace_id != workspace_id:
                raise BadRequest(PROJECT_OTHER_WORKSPACE)
        if task_id is not None:
            found = self.tasks.project_of(task_id)
            if found is None or found[0] != workspace_id:
                raise BadRequest(TASK_NOT_ACCESSIBLE)
            if project_id is None:
                project_id = found[1]
            elif found[1] != project_id:
                raise BadRequest(TASK_NOT_ACCESSIBLE)
        if project_id is not None and user_id is not None and not is_admin:
            self._check_member(project_id, user_id)
        return project_id, task_id

    def _check_member(self, project_id: int, user_id: int) -> None:
        project = self.projects.get(project_id)
        private = project is not None and project.is_private
        if private and self.members.find(project_id, user_id) is None:
            raise BadRequest(PROJECT_NOT_ACCESSIBLE)

    def project_billable(self, project_id: int | None) -> bool:
        """New entries on a billable project are billable unless told otherwise."""
        if project_id is None:
            return False
        project = self.projects.get(project_id)
        return bool(project and project.billable)
