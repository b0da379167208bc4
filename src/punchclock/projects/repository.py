"""SQL for projects."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select

from punchclock.db.schema import projects
from punchclock.projects.models import Project

_COLUMNS = [projects.c[name] for name in Project.__struct_fields__]


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

    def list_in_workspace(self, workspace_id: int) -> list[Project]:
        """The workspace's live projects by name."""
        rows = self.conn.execute(
            select(*_COLUMNS)
            .where(projects.c.workspace_id == workspace_id, projects.c.server_deleted_at.is_(None))
            .order_by(projects.c.name, projects.c.id)
        ).all()
        return [Project(*row) for row in rows]
