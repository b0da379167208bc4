"""Task rules with access checks: reading and creating tasks, and the workspace task pages."""

from __future__ import annotations

from typing import TypeVar

from msgspec import UNSET, UnsetType
from sqlalchemy import Connection

from punchclock.clients.lookup import ClientLookup
from punchclock.clock import Clock
from punchclock.db.bigint import storable_id
from punchclock.errors import BadRequest, NotFound
from punchclock.projects.lookup import ProjectLookup
from punchclock.tasks import rules
from punchclock.tasks.access import TaskAccess
from punchclock.tasks.dependents import TaskTime
from punchclock.tasks.models import (
    MyTasksQuery,
    Task,
    TaskDraft,
    TaskMeta,
    TaskPage,
    TaskQuery,
    TaskView,
)
from punchclock.tasks.repository import TaskRepository
from punchclock.users.lookup import UserLookup
from punchclock.users.models import User

T = TypeVar("T")


class TaskService:
    """Everything a workspace member may read, and what admins and managers may create."""

    def __init__(self, conn: Connection, clock: Clock, tracked: TaskTime) -> None:
        self.conn = conn
        self.clock = clock
        self.tracked = tracked
        self.repo = TaskRepository(conn)
        self.access = TaskAccess(conn, clock)
        self.users = UserLookup(conn)

    def list_for_project(self, user: User, workspace_id: int, project_id: int) -> list[TaskView]:
        """All live tasks of a project, done ones included (Toggl takes no filters here)."""
        self.access.readable(user, workspace_id, project_id)
        return self.views(self.repo.list_for_project(project_id))

    def get(self, user: User, workspace_id: int, project_id: int, task_id: int) -> TaskView:
        """One live task of the project; 404 when unknown or elsewhere."""
        self.access.readable(user, workspace_id, project_id)
        return self.views([self.live(project_id, task_id)])[0]

    def create(self, user: User, workspace_id: int, project_id: int, draft: TaskDraft) -> TaskView:
        """A new task in an active project; names are unique among the project's live tasks."""
        self.access.writable(user, workspace_id, project_id)
        name = rules.clean_name(_given(draft.name))
        assignee = self.access.assignee(workspace_id, _given(draft.user_id))
        estimate = rules.check_estimate(_given(draft.estimated_seconds))
        if self.repo.name_taken(project_id, name):
            raise BadRequest(rules.name_taken(name))
        now = self.clock.now_us()
        task_id = self.repo.insert(
            {
                "workspace_id": workspace_id,
                "project_id": project_id,
                "name": name,
                "active": True if draft.active is UNSET else draft.active,
                "user_id": assignee,
                "estimated_seconds": estimate,
                "recurring": False,
                "created_at": now,
                "at": now,
            }
        )
        return self.views([self.live(project_id, task_id)])[0]

    def page(self, user: User, workspace_id: int, query: TaskQuery) -> TaskPage:
        """One page of the workspace's tasks (of projects the caller sees)."""
        reader = self.access.reader_in(user, workspace_id)
        found, total = self.repo.page(workspace_id, reader, query)
        return TaskPage(self.views(found), total)

    def for_user(self, user: User, query: MyTasksQuery) -> list[TaskView]:
        """Tasks of all the caller's workspaces, of projects they see (GET /me/tasks)."""
        reader, workspace_ids = self.access.reader_everywhere(user)
        found = self.repo.list_for_user(workspace_ids, reader, query)
        return self.views(found, with_meta=query.meta)

    def for_workspaces(self, workspace_ids: list[int]) -> list[TaskView]:
        """Live tasks of workspaces the caller is already known to belong to."""
        return self.views(self.repo.list_in_workspaces(workspace_ids))

    def live(self, project_id: int, task_id: int) -> Task:
        """A live task of the project; 404 otherwise."""
        task = self.repo.get(task_id) if storable_id(task_id) else None
        if task is None or task.project_id != project_id:
            raise NotFound(rules.TASK_NOT_FOUND)
        return task

    def views(self, found: list[Task], with_meta: bool = False) -> list[TaskView]:
        """Tasks with tracked time and assignee account ids (and project details if asked)."""
        tracked = self.tracked.seconds_by_task(
            sorted({task.workspace_id for task in found}), [task.id for task in found]
        )
        assignees = self.users.many(
            sorted({task.user_id for task in found if task.user_id is not None})
        )
        metas = self._metas(found) if with_meta else {}
        result = []
        for task in found:
            assignee = assignees.get(task.user_id) if task.user_id is not None else None
            accounts_id = assignee.toggl_accounts_id if assignee else None
            meta = metas.get(task.project_id) if with_meta else None
            result.append(TaskView(task, tracked.get(task.id, 0), accounts_id, meta))
        return result

    def _metas(self, found: list[Task]) -> dict[int, TaskMeta]:
        projects = ProjectLookup(self.conn).many(sorted({t.project_id for t in found}))
        client_ids = sorted({p.client_id for p in projects.values() if p.client_id is not None})
        client_names = ClientLookup(self.conn).names(client_ids)
        return {
            project.id: TaskMeta(
                project_name=project.name,
                project_color=project.color,
                project_billable=project.billable,
                client_name=client_names.get(project.client_id) if project.client_id else None,
            )
            for project in projects.values()
        }


def _given(value: T | UnsetType) -> T | None:
    """None for UNSET, else the value."""
    return None if isinstance(value, UnsetType) else value
