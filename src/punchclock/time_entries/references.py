"""Checks that an entry's project and task exist in its workspace and the user may use them."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Connection

from punchclock.errors import BadRequest
from punchclock.projects.member_repository import ProjectUserRepository
from punchclock.projects.repository import ProjectRepository
from punchclock.tasks.repository import TaskRepository

PROJECT_NOT_ACCESSIBLE = "User cannot access the selected project"
TASK_NOT_ACCESSIBLE = "User cannot access selected task"
PROJECT_OTHER_WORKSPACE = (
    "Conflict with project/workspace: project needs to be in the same workspace as the time entry"
)


class References(NamedTuple):
    """What an entry points at, checked: ids to store and the project's billable default."""

    project_id: int | None
    task_id: int | None
    project_billable: bool


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
    ) -> References:
        """The project and task to store; a task alone implies its project.

        With `user_id` (the acting user), a private project is only for its members and admins.
        Archived projects stay usable: the contract does not say Toggl refuses them.
        """
        project = self._project(workspace_id, project_id) if project_id is not None else None
        if task_id is not None:
            found = self.tasks.project_of(task_id)
            if found is None or found[0] != workspace_id:
                raise BadRequest(TASK_NOT_ACCESSIBLE)
            if project_id is None:
                project_id = found[1]
                project = self._project(workspace_id, project_id)
            elif found[1] != project_id:
                raise BadRequest(TASK_NOT_ACCESSIBLE)
        if project is None:
            return References(project_id, task_id, False)
        _, is_private, billable = project
        if is_private and user_id is not None and not is_admin:
            # Private projects are for their members (and admins) only.
            assert project_id is not None
            if self.members.find(project_id, user_id) is None:
                raise BadRequest(PROJECT_NOT_ACCESSIBLE)
        return References(project_id, task_id, billable)

    def _project(self, workspace_id: int, project_id: int) -> tuple[int, bool, bool]:
        project = self.projects.reference(project_id)
        if project is None:
            raise BadRequest(PROJECT_NOT_ACCESSIBLE)
        if project[0] != workspace_id:
            raise BadRequest(PROJECT_OTHER_WORKSPACE)
        return project
