"""SQL for projects."""

from __future__ import annotations

from collections.abc import Collection
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
from punchclock.db.savepoints import unless_duplicate
from punchclock.db.schema import clients, project_users, projects, tasks
from punchclock.projects.models import (
    MyProjectsQuery,
    Project,
    ProjectLabel,
    ProjectQuery,
    ProjectReference,
)

_COLUMNS = [projects.c[name] for name in Project.__struct_fields__]
_BY_NAME = (func.lower(projects.c.name), projects.c.id)
_CLIENT_NAME = (
    select(func.lower(clients.c.name)).where(clients.c.id == projects.c.client_id).scalar_subquery()
)
_SORT_KEYS: dict[str, Any] = {
    "name": func.lower(projects.c.name),
    "client_name": _CLIENT_NAME,
    "created_at": projects.c.created_at,
    "at": projects.c.at,
    "start_date": projects.c.start_date,
    "end_date": projects.c.end_date,
}
_NULLABLE_SORT_KEYS = frozenset({"client_name", "end_date"})


def visible_to(user_id: int, admin_workspace_ids: Collection[int]) -> ColumnElement[bool]:
    """Projects a user may see: public ones, all where they are admin, private ones they joined."""
    # An alias, so the condition also works in queries that select from project_users.
    mine = project_users.alias("viewer_membership")
    member = exists().where(mine.c.project_id == projects.c.id, mine.c.user_id == user_id)
    admin = (
        projects.c.workspace_id.in_(sorted(admin_workspace_ids)) if admin_workspace_ids else false()
    )
    return or_(projects.c.is_private.is_(False), admin, member)


def _changed_or_live(since: int | None) -> ColumnElement[bool]:
    # `since` sync returns tombstones too; plain lists only live projects.
    if since is None:
        return projects.c.server_deleted_at.is_(None)
    return projects.c.at >= since


class ProjectRepository:
    """Reads and writes projects on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, project_id: int) -> Project | None:
        """A live project by id, in any workspace (callers check the workspace)."""
        row = self.conn.execute(
            select(*_COLUMNS).where(
                projects.c.id == project_id, projects.c.server_deleted_at.is_(None)
            )
        ).first()
        return Project(*row) if row else None

    def reference(self, project_id: int) -> ProjectReference | None:
        """The workspace, privacy and billable default of a live project, for entry writes.

        Share-locked on PostgreSQL until the transaction ends: a concurrent deletion (which
        locks the row first) then makes this wait and see the project deleted, so no entry is
        stored on it after its entries were cleaned up. A driver-cursor statement because
        every entry write that names a project asks.
        """
        sql = (
            "SELECT workspace_id, is_private, billable FROM projects"
            " WHERE id = ? AND server_deleted_at IS NULL"
        )
        if self.conn.dialect.name == "postgresql":
            sql += " FOR SHARE"
        row = driver_sql.fetch_one(self.conn, sql, (project_id,))
        return ProjectReference(row[0], bool(row[1]), bool(row[2])) if row else None

    def lock(self, project_id: int) -> Project | None:
        """The live project, locked for update on PostgreSQL (SQLite writes are serial)."""
        if self.conn.dialect.name == "postgresql":
            self.conn.execute(
                select(projects.c.id).where(projects.c.id == project_id).with_for_update()
            )
        return self.get(project_id)

    def labels(self, project_ids: list[int]) -> dict[int, ProjectLabel]:
        """Name, color, state and client by id, deleted ones included.

        For the meta fields of entry lists: a driver-cursor statement, no full rows.
        """
        if not project_ids:
            return {}
        sql = (
            "SELECT id, name, color, active, billable, client_id FROM projects"
            f" WHERE id IN ({driver_sql.placeholders(len(project_ids))})"
        )
        return {
            row[0]: ProjectLabel(row[1], row[2], bool(row[3]), bool(row[4]), row[5])
            for row in driver_sql.fetch_all(self.conn, sql, project_ids)
        }

    def get_many(self, project_ids: list[int]) -> dict[int, Project]:
        """Projects by id, deleted ones included (for names on old entries)."""
        if not project_ids:
            return {}
        rows = self.conn.execute(select(*_COLUMNS).where(projects.c.id.in_(project_ids))).all()
        return {row[0]: Project(*row) for row in rows}

    def insert(self, values: dict[str, Any]) -> int:
        """Create a project and return its id."""
        result = self.conn.execute(insert(projects).values(**values).returning(projects.c.id))
        return int(result.scalar_one())

    def insert_unique(self, values: dict[str, Any]) -> int | None:
        """`insert`, or None when a live project of that name and client won a race."""
        return unless_duplicate(self.conn, lambda: self.insert(values))

    def update(self, project_id: int, values: dict[str, Any]) -> None:
        """Change some columns of one project."""
        self.conn.execute(update(projects).where(projects.c.id == project_id).values(**values))

    def update_unique(self, project_id: int, values: dict[str, Any]) -> bool:
        """`update`, or False when a live project already has the new name and client."""

        def write() -> bool:
            self.update(project_id, values)
            return True

        return unless_duplicate(self.conn, write) is True

    def soft_delete(self, project_id: int, at: int) -> None:
        """Tombstone the project and its live tasks (memberships stay for `since` sync)."""
        self.update(project_id, {"server_deleted_at": at, "at": at})
        self.conn.execute(
            update(tasks)
            .where(tasks.c.project_id == project_id, tasks.c.server_deleted_at.is_(None))
            .values(server_deleted_at=at, at=at)
        )

    def list_page(
        self, workspace_id: int, query: ProjectQuery, visible: ColumnElement[bool]
    ) -> list[Project]:
        """One page of the workspace's projects matching the query."""
        conditions: list[Any] = [
            projects.c.workspace_id == workspace_id,
            _changed_or_live(query.since),
            visible,
        ]
        if query.active is not None:
            conditions.append(projects.c.active.is_(query.active))
        if query.billable is True:
            conditions.append(projects.c.billable.is_(True))
        elif query.billable is False:
            conditions.append(or_(projects.c.billable.is_(False), projects.c.billable.is_(None)))
        if query.name:
            conditions.append(projects.c.name.icontains(query.name, autoescape=True))
        if query.client_ids is not None:
            conditions.append(projects.c.client_id.in_(query.client_ids))
        if query.user_ids is not None:
            conditions.append(
                exists().where(
                    project_users.c.project_id == projects.c.id,
                    project_users.c.user_id.in_(query.user_ids),
                )
            )
        key = _SORT_KEYS[query.sort_field]
        order = [key.desc(), projects.c.id.desc()] if query.descending else [key, projects.c.id]
        if query.sort_field in _NULLABLE_SORT_KEYS:
            # Projects without a client or end date come last either way, on both engines.
            order.insert(0, key.is_(None))
        rows = self.conn.execute(
            select(*_COLUMNS)
            .where(*conditions)
            .order_by(*order)
            .limit(query.per_page)
            .offset((query.page - 1) * query.per_page)
        ).all()
        return [Project(*row) for row in rows]

    def list_for_user(
        self, workspace_ids: list[int], query: MyProjectsQuery, visible: ColumnElement[bool]
    ) -> list[Project]:
        """Projects of several workspaces: by workspace and name, or by id when paginated."""
        if not workspace_ids:
            return []
        conditions: list[Any] = [
            projects.c.workspace_id.in_(workspace_ids),
            _changed_or_live(query.since),
            visible,
        ]
        if query.active is not None:
            conditions.append(projects.c.active.is_(query.active))
        if query.start_id is not None:
            conditions.append(projects.c.id >= query.start_id)
        statement = select(*_COLUMNS).where(*conditions)
        if query.limit is None:
            statement = statement.order_by(projects.c.workspace_id, *_BY_NAME)
        else:
            statement = statement.order_by(projects.c.id).limit(query.limit)
        return [Project(*row) for row in self.conn.execute(statement).all()]

    def list_in_workspaces(self, workspace_ids: list[int]) -> list[Project]:
        """Live projects of several workspaces, by workspace then name."""
        if not workspace_ids:
            return []
        rows = self.conn.execute(
            select(*_COLUMNS)
            .where(
                projects.c.workspace_id.in_(workspace_ids),
                projects.c.server_deleted_at.is_(None),
            )
            .order_by(projects.c.workspace_id, *_BY_NAME)
        ).all()
        return [Project(*row) for row in rows]

    def name_taken(
        self, workspace_id: int, client_id: int | None, name: str, except_id: int | None = None
    ) -> bool:
        """Whether another live project of the workspace has this name under the same client."""
        client = (
            projects.c.client_id.is_(None)
            if client_id is None
            else projects.c.client_id == client_id
        )
        conditions = [
            projects.c.workspace_id == workspace_id,
            projects.c.name == name,
            client,
            projects.c.server_deleted_at.is_(None),
        ]
        if except_id is not None:
            conditions.append(projects.c.id != except_id)
        return self.conn.execute(select(projects.c.id).where(*conditions)).first() is not None
