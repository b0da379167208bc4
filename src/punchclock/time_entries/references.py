"""Checks that an entry's project and task exist in its workspace and the user may use them."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Connection

from punchclock.errors import BadRequest
from punchclock.projects.lookup import ProjectLookup
from punchclock.projects.models import ProjectReference
from punchclock.tasks.lookup import TaskLookup

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
        self.projects = ProjectLookup(conn)
        self.tasks = TaskLookup(conn)

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
            place = self.tasks.place(task_id)
            if place is None or place.workspace_id != workspace_id:
                raise BadRequest(TASK_NOT_ACCESSIBLE)
            if project_id is None:
                project_id = place.project_id
                project = self._project(workspace_id, project_id)
            elif place.project_id != project_id:
                raise BadRequest(TASK_NOT_ACCESSIBLE)
        if project is None:
            return References(project_id, task_id, False)
        if project.is_private and user_id is not None and not is_admin:
            # Private projects are for their members (and admins) only.
            assert project_id is not None
            if not self.projects.is_member(project_id, user_id):
                raise BadRequest(PROJECT_NOT_ACCESSIBLE)
        return References(project_id, task_id, project.billable)

    def _project(self, workspace_id: int, project_id: int) -> ProjectReference:
        project = self.projects.reference(project_id)
        if project is None:
            raise BadRequest(PROJECT_NOT_ACCESSIBLE)
        if project.workspace_id != workspace_id:
            raise BadRequest(PROJECT_OTHER_WORKSPACE)
        return project
