"""What other domains may ask about tasks (time entries point at them)."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.tasks.models import TaskPlace
from punchclock.tasks.repository import TaskRepository


class TaskLookup:
    """Read-only answers about tasks, without access checks (callers hold theirs)."""

    def __init__(self, conn: Connection) -> None:
        self.repo = TaskRepository(conn)

    def place(self, task_id: int) -> TaskPlace | None:
        """The workspace and project of a live task (share-locked for writers)."""
        return self.repo.place(task_id)

    def names(self, task_ids: list[int]) -> dict[int, str]:
        """Names of the given tasks, deleted ones included."""
        return self.repo.names(task_ids) if task_ids else {}
