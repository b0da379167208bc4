"""SQL for tags."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from punchclock.db import driver_sql
from punchclock.db.row_locks import share_clause
from punchclock.db.savepoints import unless_duplicate
from punchclock.db.schema import tags
from punchclock.tags.models import Tag

_COLUMNS = [tags.c[name] for name in Tag.__struct_fields__]


class TagRepository:
    """Reads and writes tags on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def names(self, tag_ids: list[int]) -> dict[int, str]:
        """Names of the given tags, live or not."""
        # On every entry read: a driver-cursor statement.
        return driver_sql.names_by_id(self.conn, "tags", tag_ids)

    def live_ids_in_workspace(self, workspace_id: int, tag_ids: list[int]) -> set[int]:
        """Which of these ids are live tags of the workspace.

        Share-locked in PostgreSQL write transactions: a concurrent delete of one of them waits
        until the caller has stored the entry that uses it, so the delete then takes it off
        that entry too.
        """
        if not tag_ids:
            return set()
        sql = (
            "SELECT id FROM tags WHERE workspace_id = ? AND server_deleted_at IS NULL"
            f" AND id IN ({driver_sql.placeholders(len(tag_ids))})" + share_clause(self.conn)
        )
        return {row[0] for row in driver_sql.fetch_all(self.conn, sql, [workspace_id, *tag_ids])}

    def ids_by_name(self, workspace_id: int, names: list[str]) -> dict[str, int]:
        """Live tags of the workspace with these exact names (share-locked like the above).

        On every entry write that names tags: a driver-cursor statement (the Core version of
        this query cost two thirds of a create request).
        """
        if not names:
            return {}
        sql = (
            "SELECT name, id FROM tags WHERE workspace_id = ? AND server_deleted_at IS NULL"
            f" AND name IN ({driver_sql.placeholders(len(names))})" + share_clause(self.conn)
        )
        return {
            row[0]: row[1] for row in driver_sql.fetch_all(self.conn, sql, [workspace_id, *names])
        }

    def insert_unique(self, workspace_id: int, name: str, creator_id: int, now: int) -> int | None:
        """Create a tag and return its id; None when a live tag of that name won a race."""
        statement = (
            insert(tags)
            .values(
                workspace_id=workspace_id,
                name=name,
                creator_id=creator_id,
                created_at=now,
                at=now,
            )
            .returning(tags.c.id)
        )
        return unless_duplicate(self.conn, lambda: int(self.conn.execute(statement).scalar_one()))

    def rename(self, tag_id: int, name: str, at: int) -> bool:
        """A new name for a tag; False when a live tag of that name won a race."""
        return unless_duplicate(self.conn, lambda: self._update(tag_id, name=name, at=at)) is True

    def soft_delete(self, tag_id: int, at: int) -> None:
        """Tombstone a tag: `since` sync still returns it."""
        self._update(tag_id, server_deleted_at=at, at=at)

    def _update(self, tag_id: int, **values: Any) -> bool:
        self.conn.execute(update(tags).where(tags.c.id == tag_id).values(**values))
        return True

    def list_live(self, workspace_id: int) -> list[Tag]:
        """The workspace's live tags by name."""
        return self.list_in_workspaces([workspace_id])

    def get(self, workspace_id: int, tag_id: int) -> Tag | None:
        """A live tag of the workspace."""
        row = self.conn.execute(
            select(*_COLUMNS).where(
                tags.c.workspace_id == workspace_id,
                tags.c.id == tag_id,
                tags.c.server_deleted_at.is_(None),
            )
        ).first()
        return Tag(*row) if row else None

    def list_in_workspaces(self, workspace_ids: list[int], since: int | None = None) -> list[Tag]:
        """Tags of several workspaces by workspace then name: live ones, or with `since`
        (Unix microseconds) those changed from then on, tombstones included."""
        if not workspace_ids:
            return []
        changed = tags.c.server_deleted_at.is_(None) if since is None else tags.c.at >= since
        rows = self.conn.execute(
            select(*_COLUMNS)
            .where(tags.c.workspace_id.in_(workspace_ids), changed)
            .order_by(tags.c.workspace_id, tags.c.name, tags.c.id)
        ).all()
        return [Tag(*row) for row in rows]
