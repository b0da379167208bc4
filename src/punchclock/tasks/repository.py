"""SQL for tasks."""

from __future__ import annotations

from sqlalchemy import Connection, select

from punchclock.db.schema import tasks


class TaskRepository:
    """Reads and writes tasks on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def project_of(self, task_id: int) -> tuple[int, int] | None:
        """(workspace_id, project_id) of a live task."""
        row = self.conn.execute(
            select(tasks.c.workspace_id, tasks.c.project_id).where(
                tasks.c.id == task_id, tasks.c.server_deleted_at.is_(None)
            )
        ).first()
        return (row[0], row[1]) if row else None

    def names(self, task_ids: list[int]) -> dict[int, str]:
        """Names of the given tasks."""
        if not task_ids:
            return {}
        rows = self.conn.execute(select(tasks.c.id, tasks.c.name).where(tasks.c.id.in_(task_ids)))
        return {row[0]: row[1] for row in rows}
