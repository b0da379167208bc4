"""SQL for tasks."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    exists,
    false,
    func,
    insert,
    or_,
    select,
    update,
)

from punchclock.db import driver_sql
from punchclock.db.row_locks import for_share
from punchclock.db.schema import project_users, projects, tasks
from punchclock.tasks.models import MyTasksQuery, Reader, Task, TaskPlace, TaskQuery

_COLUMNS = [tasks.c[name] for name in Task.__struct_fields__]
_BY_NAME = (func.lower(tasks.c.name), tasks.c.id)


def _member_of_project(user_id: int) -> ColumnElement[bool]:
    return exists().where(
        project_users.c.project_id == projects.c.id, project_users.c.user_id == user_id
    )


def _visible_to(reader: Reader) -> ColumnElement[bool]:
    """Tasks of projects the reader may see (the projects package's visibility rule)."""
    admin = (
        projects.c.workspace_id.in_(sorted(reader.admin_workspace_ids))
        if reader.admin_workspace_ids
        else false()
    )
    visible = select(projects.c.id).where(
        or_(projects.c.is_private.is_(False), admin, _member_of_project(reader.user_id))
    )
    return tasks.c.project_id.in_(visible)


class TaskRepository:
    """Reads and writes tasks on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def place(self, task_id: int) -> TaskPlace | None:
        """The workspace and project of a live task.

        Share-locked in PostgreSQL write transactions: a concurrent task delete waits until the
        caller has stored the entry that uses the task, so the delete then clears it from that
        entry too.
        """
        statement = select(tasks.c.workspace_id, tasks.c.project_id).where(
            tasks.c.id == task_id, tasks.c.server_deleted_at.is_(None)
        )
        row = self.conn.execute(for_share(self.conn, statement)).first()
        return TaskPlace(row[0], row[1]) if row else None

    def is_project_member(self, project_id: int, user_id: int) -> bool:
        """Whether the user belongs to the project (any project_users row)."""
        row = self.conn.execute(
            select(project_users.c.id).where(
                project_users.c.project_id == project_id, project_users.c.user_id == user_id
            )
        ).first()
        return row is not None

    def is_manager(self, project_id: int, user_id: int) -> bool:
        """Whether the user is a manager of the project (a project_users row with manager)."""
        row = self.conn.execute(
            select(project_users.c.id).where(
                project_users.c.project_id == project_id,
                project_users.c.user_id == user_id,
                project_users.c.manager.is_(True),
            )
        ).first()
        return row is not None

    def lock_project(self, project_id: int) -> None:
        """Serialise task writes per project (PostgreSQL row lock; SQLite writes are serial).

        Task names are unique per project by rule, not by index: without the lock two
        concurrent writes could both pass the name check. FOR NO KEY UPDATE, so time entries
        referencing the project (a key-share lock) are not held up.
        """
        if self.conn.dialect.name == "postgresql":
            self.conn.execute(
                select(projects.c.id)
                .where(projects.c.id == project_id)
                .with_for_update(key_share=True)
            )

    def name_taken(self, project_id: int, name: str, except_id: int | None = None) -> bool:
        """Whether another live task of the project has exactly this name."""
        conditions = [
            tasks.c.project_id == project_id,
            tasks.c.name == name,
            tasks.c.server_deleted_at.is_(None),
        ]
        if except_id is not None:
            conditions.append(tasks.c.id != except_id)
        return self.conn.execute(select(tasks.c.id).where(*conditions)).first() is not None

    def names(self, task_ids: list[int]) -> dict[int, str]:
        """Names of the given tasks."""
        return driver_sql.names_by_id(self.conn, "tasks", task_ids)

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

    def page(self, workspace_id: int, reader: Reader, query: TaskQuery) -> tuple[list[Task], int]:
        """One page of the workspace's visible tasks matching the query, and the match count."""
        conditions: list[Any] = [tasks.c.workspace_id == workspace_id, _visible_to(reader)]
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

    def list_for_user(
        self, workspace_ids: list[int], reader: Reader, query: MyTasksQuery
    ) -> list[Task]:
        """Visible tasks of several workspaces by id: live (and active unless asked), or with
        `since` those changed from then on, tombstones included whatever the activity."""
        if not workspace_ids:
            return []
        conditions: list[Any] = [tasks.c.workspace_id.in_(workspace_ids), _visible_to(reader)]
        status = None if query.include_not_active else tasks.c.active.is_(True)
        if query.since is None:
            conditions.append(tasks.c.server_deleted_at.is_(None))
            if status is not None:
                conditions.append(status)
        else:
            conditions.append(tasks.c.at >= query.since)
            if status is not None:
                conditions.append(or_(tasks.c.server_deleted_at.is_not(None), status))
        statement = select(*_COLUMNS).where(*conditions).order_by(tasks.c.id).offset(query.offset)
        if query.per_page is not None:
            statement = statement.limit(query.per_page)
        return [Task(*row) for row in self.conn.execute(statement).all()]

    def insert(self, values: dict[str, Any]) -> int:
        """Create a task and return its id."""
        result = self.conn.execute(insert(tasks).values(**values).returning(tasks.c.id))
        return int(result.scalar_one())

    def update(self, task_id: int, values: dict[str, Any]) -> None:
        """Change some columns of one task."""
        self.conn.execute(update(tasks).where(tasks.c.id == task_id).values(**values))
