"""SQL for tags."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select

from punchclock.db.schema import tags
from punchclock.tags.models import Tag

_COLUMNS = [tags.c[name] for name in Tag.__struct_fields__]


class TagRepository:
    """Reads and writes tags on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def names(self, tag_ids: list[int]) -> dict[int, str]:
        """Names of the given tags, live or not."""
        if not tag_ids:
            return {}
        rows = self.conn.execute(select(tags.c.id, tags.c.name).where(tags.c.id.in_(tag_ids)))
        return {row[0]: row[1] for row in rows}

    def live_ids_in_workspace(self, workspace_id: int, tag_ids: list[int]) -> set[int]:
        """Which of these ids are live tags of the workspace."""
        if not tag_ids:
            return set()
        rows = self.conn.execute(
            select(tags.c.id).where(
                tags.c.workspace_id == workspace_id,
                tags.c.id.in_(tag_ids),
                tags.c.server_deleted_at.is_(None),
            )
        )
        return {row[0] for row in rows}

    def ids_by_name(self, workspace_id: int, names: list[str]) -> dict[str, int]:
        """Live tags of the workspace with these exact names."""
        if not names:
            return {}
        rows = self.conn.execute(
            select(tags.c.name, tags.c.id).where(
                tags.c.workspace_id == workspace_id,
                tags.c.name.in_(names),
                tags.c.server_deleted_at.is_(None),
            )
        )
        return {row[0]: row[1] for row in rows}

    def insert(self, workspace_id: int, name: str, creator_id: int, now: int) -> int:
        """Create a tag and return its id."""
        result = self.conn.execute(
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
        return int(result.scalar_one())

    def list_live(self, workspace_id: int) -> list[Tag]:
        """The workspace's live tags by name."""
        rows = self.conn.execute(
            select(*_COLUMNS)
            .where(tags.c.workspace_id == workspace_id, tags.c.server_deleted_at.is_(None))
            .order_by(tags.c.name, tags.c.id)
        ).all()
        return [Tag(*row) for row in rows]

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

    def list_in_workspaces(self, workspace_ids: list[int]) -> list[Tag]:
        """Live tags of several workspaces, by workspace then name."""
        if not workspace_ids:
            return []
        rows = self.conn.execute(
            select(*_COLUMNS)
            .where(tags.c.workspace_id.in_(workspace_ids), tags.c.server_deleted_at.is_(None))
            .order_by(tags.c.workspace_id, tags.c.name, tags.c.id)
        ).all()
        return [Tag(*row) for row in rows]
