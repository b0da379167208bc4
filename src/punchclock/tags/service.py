"""Tag rules: resolving names and ids for other domains, and the workspace tag catalogue."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.errors import BadRequest, Forbidden, NotFound
from punchclock.stamps import next_at
from punchclock.tags.dependents import TagHolders
from punchclock.tags.models import Tag
from punchclock.tags.repository import TagRepository
from punchclock.users.models import User
from punchclock.workspaces.repository import WorkspaceRepository
from punchclock.workspaces.service import WorkspaceService

MAX_TAG_NAME_LENGTH = 255
NAME_BLANK = "tag name can't be blank"
NAME_TOO_LONG = "Tag name is too long"
# PostgreSQL text cannot hold NUL; SQLite could, but both engines must agree (Punchclock's text).
NAME_INVALID = "Invalid tag name"
ONLY_ADMINS = "Only organization or workspace administrators may manage tags in this workspace."
TAG_NOT_FOUND = "Tag was not found"
NOT_IN_WORKSPACE = "Some tag IDs do not belong to workspace."
NO_IDS = "At least one tag ID must be supplied."
# Toggl's limit for bulk requests. The other bulk endpoints check it as they parse the path;
# here it comes after the access check, as it always has (a non-manager gets 403 first).
MAX_BULK_IDS = 100
TOO_MANY_IDS = f"PATCH request is limited to {MAX_BULK_IDS} entries at once"
MAX_ID = 2**63 - 1


def name_taken(name: str) -> str:
    """Toggl's 400 for a second live tag of that name."""
    return f"a tag with the name '{name}' already exists"


def check_name(name: str | None) -> str:
    """The name as given; 400 with Toggl's text when blank, or when too long."""
    if name is None or not name.strip():
        raise BadRequest(NAME_BLANK)
    if len(name) > MAX_TAG_NAME_LENGTH:
        raise BadRequest(NAME_TOO_LONG)
    if "\x00" in name:
        raise BadRequest(NAME_INVALID)
    return name


class TagResolver:
    """Turns `tags` (names) and `tag_ids` into workspace tag ids, creating unknown names."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.conn = conn
        self.clock = clock
        self.repo = TagRepository(conn)

    def resolve(
        self,
        workspace_id: int,
        creator_id: int,
        names: list[str],
        tag_ids: list[int],
        is_admin: bool = True,
    ) -> list[int]:
        """Ids for the given ids and names, in that order, without repeats.

        A name not yet in the workspace is created, unless only admins may create tags there
        and the caller (`is_admin` False) is not one: then 403, and nothing is created.
        """
        result = list(dict.fromkeys(tag_ids))
        if tag_ids:
            live = self.repo.live_ids_in_workspace(workspace_id, result)
            if unknown := [tag_id for tag_id in result if tag_id not in live]:
                raise BadRequest(f"Invalid tag ID: {unknown[0]}")
        if names:
            for name in names:
                check_name(name)
            wanted = list(dict.fromkeys(names))
            existing = self.repo.ids_by_name(workspace_id, wanted)
            if not is_admin and any(name not in existing for name in wanted):
                workspace = WorkspaceRepository(self.conn).get_workspace(workspace_id)
                if workspace is not None and workspace.only_admins_may_create_tags:
                    raise Forbidden(ONLY_ADMINS)
            for name in wanted:
                tag_id = existing.get(name)
                if tag_id is None:
                    # Toggl creates unknown tag names in the workspace.
                    tag_id = self._create(workspace_id, name, creator_id)
                if tag_id not in result:
                    result.append(tag_id)
        return result

    def _create(self, workspace_id: int, name: str, creator_id: int) -> int:
        tag_id = self.repo.insert_unique(workspace_id, name, creator_id, self.clock.now_us())
        if tag_id is None:
            # A concurrent request created the same name first: its tag is the answer.
            return self.repo.ids_by_name(workspace_id, [name])[name]
        return tag_id


class TagService:
    """The workspace tag catalogue: listing, creating, renaming and deleting, access-checked."""

    def __init__(self, conn: Connection, clock: Clock, holders: TagHolders) -> None:
        self.conn = conn
        self.clock = clock
        self.repo = TagRepository(conn)
        self.holders = holders
        self.workspaces = WorkspaceService(conn, clock)
        self.workspace_repo = WorkspaceRepository(conn)

    def list_live(self, user: User, workspace_id: int, since: int | None = None) -> list[Tag]:
        """The workspace's live tags by name; with `since`, changed ones and tombstones."""
        self.workspaces.require_member(user.id, workspace_id)
        return self.repo.list_in_workspaces([workspace_id], since)

    def for_user(self, user: User, since: int | None) -> list[Tag]:
        """Tags of all the caller's workspaces (GET /me/tags)."""
        return self.repo.list_in_workspaces(
            self.workspace_repo.workspace_ids_of_user(user.id), since
        )

    def create(self, user: User, workspace_id: int, name: str | None) -> Tag:
        """A new tag; names are unique (exactly, as TagResolver matches them) among live tags."""
        self._require_manager(user, workspace_id)
        name = check_name(name)
        if self.repo.ids_by_name(workspace_id, [name]):
            raise BadRequest(name_taken(name))
        tag_id = self.repo.insert_unique(workspace_id, name, user.id, self._now())
        if tag_id is None:
            raise BadRequest(name_taken(name))
        return self._reread(workspace_id, tag_id)

    def rename(self, user: User, workspace_id: int, tag_id: int, name: str | None) -> Tag:
        """A new name for a live tag of the workspace."""
        self._require_manager(user, workspace_id)
        tag = self._live(workspace_id, tag_id)
        name = check_name(name)
        if name != tag.name:
            if self.repo.ids_by_name(workspace_id, [name]):
                raise BadRequest(name_taken(name))
            if not self.repo.rename(tag.id, name, next_at(tag.at, self._now())):
                raise BadRequest(name_taken(name))
        return self._reread(workspace_id, tag.id)

    def delete(self, user: User, workspace_id: int, tag_id: int) -> None:
        """Soft-delete a tag; it leaves every entry that had it."""
        self._require_manager(user, workspace_id)
        self._delete(workspace_id, [self._live(workspace_id, tag_id)])

    def bulk_delete(self, user: User, workspace_id: int, tag_ids: list[int]) -> None:
        """Delete several tags, all or none: one foreign or unknown id fails the lot."""
        self._require_manager(user, workspace_id)
        wanted = list(dict.fromkeys(tag_ids))
        if not wanted:
            raise BadRequest(NO_IDS)
        if len(wanted) > MAX_BULK_IDS:
            raise BadRequest(TOO_MANY_IDS)
        # Ids beyond int64 (the body is any JSON integer) are no tag's: not in the workspace.
        found = [
            self.repo.get(workspace_id, tag_id) if 0 < tag_id <= MAX_ID else None
            for tag_id in wanted
        ]
        tags = [tag for tag in found if tag is not None]
        if len(tags) != len(wanted):
            raise BadRequest(NOT_IN_WORKSPACE)
        self._delete(workspace_id, tags)

    def for_workspaces(self, workspace_ids: list[int]) -> list[Tag]:
        """Live tags of workspaces the caller is already known to belong to."""
        return self.repo.list_in_workspaces(workspace_ids)

    def _delete(self, workspace_id: int, tags: list[Tag]) -> None:
        now = self._now()
        for tag in tags:
            self.repo.soft_delete(tag.id, next_at(tag.at, now))
        self.holders.remove_tags(workspace_id, [tag.id for tag in tags], now)

    def _require_manager(self, user: User, workspace_id: int) -> None:
        membership = self.workspaces.require_member(user.id, workspace_id)
        workspace = self.workspace_repo.get_workspace(workspace_id)
        assert workspace is not None  # a membership implies a live workspace
        if workspace.only_admins_may_create_tags and not membership.is_admin:
            raise Forbidden(ONLY_ADMINS)

    def _live(self, workspace_id: int, tag_id: int) -> Tag:
        tag = self.repo.get(workspace_id, tag_id)
        if tag is None:
            raise NotFound(TAG_NOT_FOUND)
        return tag

    def _reread(self, workspace_id: int, tag_id: int) -> Tag:
        tag = self.repo.get(workspace_id, tag_id)
        assert tag is not None
        return tag

    def _now(self) -> int:
        return self.clock.now_us()
