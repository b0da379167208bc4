"""What other domains may ask about tags (entries show their names)."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.tags.repository import TagRepository


class TagLookup:
    """Read-only answers about tags, without access checks (callers hold theirs)."""

    def __init__(self, conn: Connection) -> None:
        self.repo = TagRepository(conn)

    def names(self, tag_ids: list[int]) -> dict[int, str]:
        """Names of the given tags, deleted ones included."""
        return self.repo.names(tag_ids) if tag_ids else {}
