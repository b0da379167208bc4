"""SQL for projects."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, insert, select

from punchclock.db.schema import projects, time_entries
from punchclock.projects.models import Project, ProjectQuery

_COLUMNS = [projects.c[name] for name in Project.__struct_fields__]
_BY_NAME = (func.lower(projects.c.name), projects.c.id)


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

    def list_page(self, workspace_id: int, query: ProjectQuery) -> list[Project]:
        """One page of the workspace's live projects matching the query, by name."""
        conditions: list[Any] = [
            projects.c.workspace_id == workspace_id,
            projects.c.server_deleted_at.is_(None),
        ]
        if query.active is not None:
            conditions.append(projects.c.active.is_(query.active))
        if query.name:
            conditions.append(projects.c.name.icontains(query.name, autoescape=True))
        if query.client_ids is not None:
            conditions.append(projects.c.client_id.in_(query.client_ids))
        rows = self.conn.execute(
            select(*_COLUMNS)
            .where(*conditions)
            .order_by(*_BY_NAME)
            .limit(query.per_page)
            .offset((query.page - 1) * query.per_page)
        ).all()
        return [Project(*row) for row in rows]

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

    def name_taken(self, workspace_id: int, client_id: int | None, name: str) -> bool:
        """Whether a live project of the workspace has this name under the same client."""
        client = (
            projects.c.client_id.is_(None)
            if client_id is None
            else projects.c.client_id == client_id
        )
        row = self.conn.execute(
            select(projects.c.id).where(
                projects.c.workspace_id == workspace_id,
                projects.c.name == name,
                client,
                projects.c.server_deleted_at.is_(None),
            )
        ).first()
        return row is not None

    def tracked_seconds(self, workspace_ids: list[int], project_ids: list[int]) -> dict[int, int]:
        """Seconds of stopped, live time entries per project (projects without any are absent).

        A read-only aggregate over time_entries, kept here because it is a project statistic. The
        workspace condition lets the (workspace_id, start) index narrow the scan: time_entries
        has no project_id index.
        """
        if not project_ids:
            return {}
        te = time_entries
        rows = self.conn.execute(
            select(te.c.project_id, func.sum(te.c.stop - te.c.start))
            .where(
                te.c.workspace_id.in_(workspace_ids),
                te.c.project_id.in_(project_ids),
                te.c.stop.is_not(None),
                te.c.server_deleted_at.is_(None),
            )
            .group_by(te.c.project_id)
        ).all()
        return {row[0]: int(row[1] or 0) for row in rows}
