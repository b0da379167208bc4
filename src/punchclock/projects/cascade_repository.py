"""SQL for what a client's delete, archive and restore do to its projects.

Toggl: a deleted client's projects lose their client; archiving a client archives its projects;
a restore may bring them back. Implements `clients.dependents.ClientProjects`. Every change
stamps the project's `at` with `punchclock.stamps` (never backwards), so `since` sync sees it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, exists, select, update

from punchclock.db.schema import projects
from punchclock.stamps import next_at_column


def _bumped_at(now: int) -> Any:
    return next_at_column(projects.c.at, now)


def _live_of(client_id: int) -> list[Any]:
    return [projects.c.client_id == client_id, projects.c.server_deleted_at.is_(None)]


class ProjectCascadeRepository:
    """What a client's delete, archive and restore do to its live projects."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def ids(self, client_id: int) -> set[int]:
        """The client's live projects."""
        rows = self.conn.execute(select(projects.c.id).where(*_live_of(client_id)))
        return {row[0] for row in rows}

    def clashes_without_client(self, workspace_id: int, client_id: int) -> list[str]:
        """Names of the client's projects that a live client-less project already uses.

        Project names are unique per workspace and client, so detaching such a project would
        break that rule.
        """
        other = projects.alias("other")
        rows = self.conn.execute(
            select(projects.c.name)
            .where(
                *_live_of(client_id),
                exists().where(
                    other.c.workspace_id == workspace_id,
                    other.c.client_id.is_(None),
                    other.c.server_deleted_at.is_(None),
                    other.c.name == projects.c.name,
                ),
            )
            .order_by(projects.c.name)
        )
        return [row[0] for row in rows]

    def detach(self, client_id: int, now: int) -> None:
        """The client's live projects lose their client."""
        self.conn.execute(
            update(projects).where(*_live_of(client_id)).values(client_id=None, at=_bumped_at(now))
        )

    def archive(self, client_id: int, now: int) -> list[int]:
        """Deactivate the client's active projects; their ids, ascending."""
        rows = self.conn.execute(
            update(projects)
            .where(*_live_of(client_id), projects.c.active.is_(True))
            .values(active=False, at=_bumped_at(now))
            .returning(projects.c.id)
        )
        return sorted(row[0] for row in rows)

    def restore(self, client_id: int, project_ids: list[int] | None, now: int) -> None:
        """Reactivate the client's archived projects: all of them, or only these."""
        conditions = [*_live_of(client_id), projects.c.active.is_(False)]
        if project_ids is not None:
            if not project_ids:
                return
            conditions.append(projects.c.id.in_(project_ids))
        self.conn.execute(
            update(projects).where(*conditions).values(active=True, at=_bumped_at(now))
        )
