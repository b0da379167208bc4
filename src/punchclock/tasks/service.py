"""Task rules with access checks: a project's tasks and the workspace task pages."""

from __future__ import annotations

from typing import TypeVar

from msgspec import UNSET, UnsetType
from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.errors import BadRequest, NotFound
from punchclock.projects.models import Project
from punchclock.projects.repository import ProjectRepository
from punchclock.tasks import rules
from punchclock.tasks.models import Task, TaskDraft, TaskPage, TaskQuery, TaskView
from punchclock.tasks.repository import TaskRepository
from punchclock.users.models import User
from punchclock.users.repository import UserRepository
from punchclock.workspaces.repository import WorkspaceRepository
from punchclock.workspaces.service import WorkspaceService

T = TypeVar("T")


class TaskService:
    """Everything a workspace member may do with tasks."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.clock = clock
        self.repo = TaskRepository(conn)
        self.projects = ProjectRepository(conn)
        self.users = UserRepository(conn)
        self.workspaces = WorkspaceService(conn, clock)
        self.workspace_repo = WorkspaceRepository(conn)

    def list_for_project(self, user: User, workspace_id: int, project_id: int) -> list[TaskView]:
        """All live tasks of a project, done ones included (Toggl takes no filters here)."""
        self.workspaces.require_member(user.id, workspace_id)
        self._project(workspace_id, project_id)
        return self.views(self.repo.list_for_project(project_id))

    def get(self, user: User, workspace_id: int, project_id: int, task_id: int) -> TaskView:
        """One live task of the project; 404 when unknown or elsewhere."""
        self.workspaces.require_member(user.id, workspace_id)
        self._project(workspace_id, project_id)
        task = self.repo.get(task_id) if task_id <= rules.MAX_ID else None
        if task is None or task.project_id != project_id:
            raise NotFound(rules.TASK_NOT_FOUND)
        return self.views([task])[0]

    def create(self, user: User, workspace_id: int, project_id: int, draft: TaskDraft) -> TaskView:
        """A new task in an active project."""
        self.workspaces.require_member(user.id, workspace_id)
        project = self._project(workspace_id, project_id)
        if not project.active:
            raise BadRequest(rules.ARCHIVED_PROJECT)
        name = rules.clean_name(_given(draft.name))
        assignee = _given(draft.user_id) or None  # 0 means "nobody", as for project ids
        if assignee is not None and (
            not 0 < assignee <= rules.MAX_ID
            or self.workspace_repo.membership(workspace_id, assignee) is None
        ):
            raise BadRequest(rules.INVALID_ASSIGNEE)
        now = self.clock.now_us()
        task_id = self.repo.insert(
            {
                "workspace_id": workspace_id,
                "project_id": project_id,
                "name": name,
                "active": True if draft.active is UNSET else draft.active,
                "user_id": assignee,
                "estimated_seconds": rules.check_estimate(_given(draft.estimated_seconds)),
                "recurring": False,
                "created_at": now,
                "at": now,
            }
        )
        task = self.repo.get(task_id)
        assert task is not None
        return self.views([task])[0]

    def page(self, user: User, workspace_id: int, query: TaskQuery) -> TaskPage:
        """One page of the workspace's tasks."""
        self.workspaces.require_member(user.id, workspace_id)
        found, total = self.repo.page(workspace_id, query)
        return TaskPage(self.views(found), total)

    def for_workspaces(self, workspace_ids: list[int]) -> list[TaskView]:
        """Live tasks of workspaces the caller is already known to belong to."""
        return self.views(self.repo.list_in_workspaces(workspace_ids))

    def views(self, found: list[Task]) -> list[TaskView]:
        """Tasks with tracked time and assignee account ids."""
        tracked = self.repo.tracked_seconds(
            sorted({task.workspace_id for task in found}), [task.id for task in found]
        )
        assignees = self.users.get_many(
            sorted({task.user_id for task in found if task.user_id is not None})
        )
        result = []
        for task in found:
            assignee = assignees.get(task.user_id) if task.user_id is not None else None
            accounts_id = assignee.toggl_accounts_id if assignee else None
            result.append(TaskView(task, tracked.get(task.id, 0), accounts_id))
        return result

    def _project(self, workspace_id: int, project_id: int) -> Project:
        project = self.projects.get(project_id) if project_id <= rules.MAX_ID else None
        if project is None or project.workspace_id != workspace_id:
            raise BadRequest(rules.PROJECT_NOT_ACCESSIBLE)
        return project


def _given(value: T | UnsetType) -> T | None:
    """None for UNSET, else the value."""
    return None if isinstance(value, UnsetType) else value
