"""SQL for project members."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, delete, insert, select, update

from punchclock.db.savepoints import unless_duplicate
from punchclock.db.schema import project_users, projects
from punchclock.projects.member_models import ProjectUser, ProjectUserQuery

_COLUMNS = [project_users.c[name] for name in ProjectUser.__struct_fields__]


class ProjectUserRepository:
    """Reads and writes project memberships on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, member_id: int) -> ProjectUser | None:
        """A membership of a live project by id, in any workspace (callers check it)."""
        row = self.conn.execute(
            select(*_COLUMNS)
            .join(projects, projects.c.id == project_users.c.project_id)
            .where(project_users.c.id == member_id, projects.c.server_deleted_at.is_(None))
        ).first()
        return ProjectUser(*row) if row else None

    def find(self, project_id: int, user_id: int) -> ProjectUser | None:
        """The user's membership of the project, if any."""
        row = self.conn.execute(
            select(*_COLUMNS).where(
                project_users.c.project_id == project_id, project_users.c.user_id == user_id
            )
        ).first()
        return ProjectUser(*row) if row else None

    def memberships(self, user_id: int, workspace_ids: list[int]) -> dict[int, bool]:
        """The user's projects in these workspaces, each with whether they manage it."""
        if not workspace_ids:
            return {}
        rows = self.conn.execute(
            select(project_users.c.project_id, project_users.c.manager).where(
                project_users.c.user_id == user_id,
                project_users.c.workspace_id.in_(workspace_ids),
            )
        ).all()
        return {row[0]: bool(row[1]) for row in rows}

    def list_in_workspace(
        self, workspace_id: int, query: ProjectUserQuery, visible: ColumnElement[bool]
    ) -> list[ProjectUser]:
        """Memberships of the workspace's live projects the caller may see, oldest first."""
        conditions: list[Any] = [
            project_users.c.workspace_id == workspace_id,
            projects.c.server_deleted_at.is_(None),
            visible,
        ]
        if query.project_ids is not None:
            conditions.append(project_users.c.project_id.in_(query.project_ids))
        if query.user_id is not None:
            conditions.append(project_users.c.user_id == query.user_id)
        rows = self.conn.execute(
            select(*_COLUMNS)
            .join(projects, projects.c.id == project_users.c.project_id)
            .where(*conditions)
            .order_by(project_users.c.id)
        ).all()
        return [ProjectUser(*row) for row in rows]

    def insert(self, values: dict[str, Any]) -> int:
        """Store a membership and return its id."""
        result = self.conn.execute(
            insert(project_users).values(**values).returning(project_users.c.id)
        )
        return int(result.scalar_one())

    def insert_unique(self, values: dict[str, Any]) -> int | None:
        """`insert`, or None when the user joined the project meanwhile (a lost race)."""
        return unless_duplicate(self.conn, lambda: self.insert(values))

    def update(self, member_id: int, values: dict[str, Any]) -> None:
        """Change some columns of one membership."""
        self.conn.execute(
            update(project_users).where(project_users.c.id == member_id).values(**values)
        )

    def delete(self, member_id: int) -> None:
        """Remove a membership."""
        self.conn.execute(delete(project_users).where(project_users.c.id == member_id))
