"""SQL for tasks."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, insert, select

from punchclock.db.schema import tasks, time_entries
from punchclock.tasks.models import Task, TaskQuery

_COLUMNS = [tasks.c[name] for name in Task.__struct_fields__]
_BY_NAME = (func.lower(tasks.c.name), tasks.c.id)


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

    def get(self, task_id: int) -> Task | None:
        """A live task by id, in any project (callers check the project)."""
        row = self.conn.execute(
            select(*_COLUMNS).where(tasks.c.id == task_id, tasks.c.server_deleted_at.is_(None))
        ).first()
        return Task(*row) if row else None

    def list_for_project(self, project_id: int) -> list[Task]:
        """The project's live tasks, done ones included, by name."""
        rows = self.conn.execute(
            select(*_COLUMNS)
            .where(tasks.c.project_id == project_id, tasks.c.server_deleted_at.is_(None))
            .order_by(*_BY_NAME)
        ).all()
        return [Task(*row) for row in rows]

    def list_in_workspaces(self, workspace_ids: list[int]) -> list[Task]:
        """Live tasks of several workspaces, by workspace, project and name."""
        if not workspace_ids:
            return []
        rows = self.conn.execute(
            select(*_COLUMNS)
            .where(tasks.c.workspace_id.in_(workspace_ids), tasks.c.server_deleted_at.is_(None))
            .order_by(tasks.c.workspace_id, tasks.c.project_id, *_BY_NAME)
        ).all()
        return [Task(*row) for row in rows]

    def page(self, workspace_id: int, query: TaskQuery) -> tuple[list[Task], int]:
        """One page of the workspace's tasks matching the query, and the total match count."""
        conditions: list[Any] = [tasks.c.workspace_id == workspace_id]
        if query.since is not None:
            conditions.append(tasks.c.at >= query.since)
        else:
            conditions.append(tasks.c.server_deleted_at.is_(None))
        if query.active is not None:
            conditions.append(tasks.c.active.is_(query.active))
        if query.project_id is not None:
            conditions.append(tasks.c.project_id == query.project_id)
        if query.search:
            conditions.append(tasks.c.name.icontains(query.search, autoescape=True))
        total = int(
            self.conn.execute(
                select(func.count()).select_from(tasks).where(*conditions)
            ).scalar_one()
        )
        key = func.lower(tasks.c.name) if query.sort_field == "name" else tasks.c.created_at
        order = (key.desc(), tasks.c.id.desc()) if query.sort_order == "DESC" else (key, tasks.c.id)
        rows = self.conn.execute(
            select(*_COLUMNS)
            .where(*conditions)
            .order_by(*order)
            .limit(query.per_page)
            .offset((query.page - 1) * query.per_page)
        ).all()
        return [Task(*row) for row in rows], total

    def insert(self, values: dict[str, Any]) -> int:
        """Create a task and return its id."""
        result = self.conn.execute(insert(tasks).values(**values).returning(tasks.c.id))
        return int(result.scalar_one())

    def tracked_seconds(self, workspace_ids: list[int], task_ids: list[int]) -> dict[int, int]:
        """Seconds of stopped, live time entries per task (tasks without any are absent).

        A read-only aggregate over time_entries, kept here because it is a task statistic. The
        workspace condition lets the (workspace_id, start) index narrow the scan: time_entries
        has no task_id index.
        """
        if not task_ids:
            return {}
        te = time_entries
        rows = self.conn.execute(
            select(te.c.task_id, func.sum(te.c.stop - te.c.start))
            .where(
                te.c.workspace_id.in_(workspace_ids),
                te.c.task_id.in_(task_ids),
                te.c.stop.is_not(None),
                te.c.server_deleted_at.is_(None),
            )
            .group_by(te.c.task_id)
        ).all()
        return {row[0]: int(row[1] or 0) for row in rows}
