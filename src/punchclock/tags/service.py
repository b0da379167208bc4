"""Tag rules used by other domains: resolving names and ids, creating missing names."""

from __future__ import annotations

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from punchclock.clock import Clock
from punchclock.errors import BadRequest
from punchclock.tags.repository import TagRepository

MAX_TAG_NAME_LENGTH = 255


class TagResolver:
    """Turns `tags` (names) and `tag_ids` into workspace tag ids, creating unknown names."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.conn = conn
        self.clock = clock
        self.repo = TagRepository(conn)

    def resolve(
        self, workspace_id: int, creator_id: int, names: list[str], tag_ids: list[int]
    ) -> list[int]:
        """Ids for the given ids and names, in that order, without repeats."""
        result = list(dict.fromkeys(tag_ids))
        if tag_ids:
            live = self.repo.live_ids_in_workspace(workspace_id, result)
            if unknown := [tag_id for tag_id in result if tag_id not in live]:
                raise BadRequest(f"Invalid tag ID: {unknown[0]}")
        if names:
            for name in names:
                if not name.strip():
                    raise BadRequest("tag name can't be blank")
                if len(name) > MAX_TAG_NAME_LENGTH:
                    raise BadRequest("Tag name is too long")
            wanted = list(dict.fromkeys(names))
            existing = self.repo.ids_by_name(workspace_id, wanted)
            for name in wanted:
                tag_id = existing.get(name)
                if tag_id is None:
                    # Toggl creates unknown tag names in the workspace.
                    tag_id = self._create(workspace_id, name, creator_id)
                if tag_id not in result:
                    result.append(tag_id)
        return result

    def _create(self, workspace_id: int, name: str, creator_id: int) -> int:
        # A concurrent request may create the same name first (PostgreSQL): the unique
        # index rejects ours, and the other one's tag is the answer.
        savepoint = self.conn.begin_nested()
        try:
            tag_id = self.repo.insert(workspace_id, name, creator_id, self.clock.now_us())
        except IntegrityError:
            savepoint.rollback()
            return self.repo.ids_by_name(workspace_id, [name])[name]
        savepoint.commit()
        return tag_id
