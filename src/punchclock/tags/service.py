"""Tag rules: resolving names and ids for other domains, and the workspace tag catalogue."""

from __future__ import annotations

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from punchclock.clock import Clock
from punchclock.errors import BadRequest, Forbidden
from punchclock.tags.models import Tag
from punchclock.tags.repository import TagRepository
from punchclock.users.models import User
from punchclock.workspaces.repository import WorkspaceRepository
from punchclock.workspaces.service import WorkspaceService

MAX_TAG_NAME_LENGTH = 255
NAME_BLANK = "tag name can't be blank"
NAME_TOO_LONG = "Tag name is too long"
ONLY_ADMINS = "Only organization or workspace administrators may manage tags in this workspace."


def name_taken(name: str) -> str:
    """Toggl's 400 for a second live tag of that name."""
    return f"a tag with the name '{name}' already exists"


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
                    raise BadRequest(NAME_BLANK)
                if len(name) > MAX_TAG_NAME_LENGTH:
                    raise BadRequest(NAME_TOO_LONG)
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


class TagService:
    """The workspace tag catalogue: listing and creating tags, access-checked."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.conn = conn
        self.clock = clock
        self.repo = TagRepository(conn)
        self.workspaces = WorkspaceService(conn, clock)
        self.workspace_repo = WorkspaceRepository(conn)

    def list_live(self, user: User, workspace_id: int) -> list[Tag]:
        """The workspace's live tags by name."""
        self.workspaces.require_member(user.id, workspace_id)
        return self.repo.list_live(workspace_id)

    def create(self, user: User, workspace_id: int, name: str | None) -> Tag:
        """A new tag; names are unique (exactly, as TagResolver matches them) among live tags."""
        membership = self.workspaces.require_member(user.id, workspace_id)
        workspace = self.workspace_repo.get_workspace(workspace_id)
        assert workspace is not None  # a membership implies a live workspace
        if workspace.only_admins_may_create_tags and not membership.is_admin:
            raise Forbidden(ONLY_ADMINS)
        if name is None or not name.strip():
            raise BadRequest(NAME_BLANK)
        if len(name) > MAX_TAG_NAME_LENGTH:
            raise BadRequest(NAME_TOO_LONG)
        if self.repo.ids_by_name(workspace_id, [name]):
            raise BadRequest(name_taken(name))
        # The unique index settles a race with a concurrent create of the same name.
        savepoint = self.conn.begin_nested()
        try:
            tag_id = self.repo.insert(workspace_id, name, user.id, self.clock.now_us())
        except IntegrityError:
            savepoint.rollback()
            raise BadRequest(name_taken(name)) from None
        savepoint.commit()
        tag = self.repo.get(workspace_id, tag_id)
        assert tag is not None
        return tag

    def for_workspaces(self, workspace_ids: list[int]) -> list[Tag]:
        """Live tags of workspaces the caller is already known to belong to."""
        return self.repo.list_in_workspaces(workspace_ids)
