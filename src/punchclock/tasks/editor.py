"""Changing and deleting tasks: single updates, bulk edits and soft deletes (admins, managers)."""

from __future__ import annotations

from msgspec import UnsetType
from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.db.savepoints import BulkResult, each_on_its_own
from punchclock.errors import BadRequest
from punchclock.stamps import next_at
from punchclock.tasks import rules
from punchclock.tasks.access import TaskAccess
from punchclock.tasks.dependents import TaskHolders
from punchclock.tasks.models import Task, TaskChanges, TaskView
from punchclock.tasks.repository import TaskRepository
from punchclock.tasks.service import TaskService
from punchclock.users.models import User


class TaskEditor:
    """Writes to existing tasks of an active project."""

    def __init__(
        self, conn: Connection, clock: Clock, reader: TaskService, holders: TaskHolders
    ) -> None:
        self.conn = conn
        self.clock = clock
        self.holders = holders
        self.repo = TaskRepository(conn)
        self.access = TaskAccess(conn, clock)
        self.reader = reader

    def update(
        self, user: User, workspace_id: int, project_id: int, task_id: int, changes: TaskChanges
    ) -> TaskView:
        """A partial update: only the given fields change."""
        self.access.writable(user, workspace_id, project_id)
        task = self._apply(self.reader.live(project_id, task_id), changes)
        return self.reader.views([task])[0]

    def bulk_update(
        self,
        user: User,
        workspace_id: int,
        project_id: int,
        task_ids: list[int],
        operations: list[TaskChanges],
    ) -> BulkResult:
        """Apply the operations to each task on its own: failures do not undo the others."""
        self.access.writable(user, workspace_id, project_id)

        def apply(task_id: int) -> None:
            task = self.reader.live(project_id, task_id)
            for changes in operations:
                task = self._apply(task, changes)

        return each_on_its_own(self.conn, dict.fromkeys(task_ids), apply)

    def delete(self, user: User, workspace_id: int, project_id: int, task_id: int) -> None:
        """Soft-delete a task; entries that used it lose it (and keep their project)."""
        self.access.writable(user, workspace_id, project_id)
        task = self.reader.live(project_id, task_id)
        now = self.clock.now_us()
        at = next_at(task.at, now)
        self.repo.update(task.id, {"server_deleted_at": at, "at": at})
        self.holders.clear_tasks(workspace_id, [task.id], now)

    def _apply(self, task: Task, changes: TaskChanges) -> Task:
        values: dict[str, object] = {}
        if not isinstance(changes.name, UnsetType):
            name = rules.clean_name(changes.name)
            if name != task.name:
                if self.repo.name_taken(task.project_id, name, except_id=task.id):
                    raise BadRequest(rules.name_taken(name))
                values["name"] = name
        if not isinstance(changes.active, UnsetType) and changes.active != task.active:
            values["active"] = changes.active
        if not isinstance(changes.estimated_seconds, UnsetType):
            estimate = rules.check_estimate(changes.estimated_seconds)
            if estimate != task.estimated_seconds:
                values["estimated_seconds"] = estimate
        if not isinstance(changes.user_id, UnsetType):
            assignee = self.access.assignee(task.workspace_id, changes.user_id)
            if assignee != task.user_id:
                values["user_id"] = assignee
        if not values:
            return task
        values["at"] = next_at(task.at, self.clock.now_us())
        self.repo.update(task.id, values)
        return self.reader.live(task.project_id, task.id)
