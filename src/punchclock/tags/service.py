"""The workspace tag catalogue: listing, creating, renaming and deleting, access-checked."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.db.bigint import storable_id
from punchclock.errors import BadRequest, Forbidden, NotFound
from punchclock.stamps import next_at
from punchclock.tags.dependents import TagHolders
from punchclock.tags.models import Tag
from punchclock.tags.repository import TagRepository
from punchclock.tags.rules import (
    MAX_BULK_IDS,
    NO_IDS,
    NOT_IN_WORKSPACE,
    ONLY_ADMINS,
    TAG_NOT_FOUND,
    TOO_MANY_IDS,
    check_name,
    name_taken,
)
from punchclock.users.models import User
from punchclock.workspaces.service import WorkspaceService


class TagService:
    """The workspace tag catalogue: listing, creating, renaming and deleting, access-checked."""

    def __init__(self, conn: Connection, clock: Clock, holders: TagHolders) -> None:
        self.conn = conn
        self.clock = clock
        self.repo = TagRepository(conn)
        self.holders = holders
        self.workspaces = WorkspaceService(conn, clock)

    def list_live(self, user: User, workspace_id: int, since: int | None = None) -> list[Tag]:
        """The workspace's live tags by name; with `since`, changed ones and tombstones."""
        self.workspaces.require_member(user.id, workspace_id)
        return self.repo.list_in_workspaces([workspace_id], since)

    def for_user(self, user: User, since: int | None) -> list[Tag]:
        """Tags of all the caller's workspaces (GET /me/tags)."""
        return self.repo.list_in_workspaces(self.workspaces.ids_for_user(user.id), since)

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
            self.repo.get(workspace_id, tag_id) if storable_id(tag_id) else None
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
        workspace = self.workspaces.live(workspace_id)
        assert workspace is not None  # a membership implies a live workspace
        if workspace.only_admins_may_create_tags and not membership.is_admin:
            raise Forbidden(ONLY_ADMINS)

    def _live(self, workspace_id: int, tag_id: int) -> Tag:
        tag = self.repo.get(workspace_id, tag_id) if storable_id(tag_id) else None
        if tag is None:
            raise NotFound(TAG_NOT_FOUND)
        return tag

    def _reread(self, workspace_id: int, tag_id: int) -> Tag:
        tag = self.repo.get(workspace_id, tag_id)
        assert tag is not None
        return tag

    def _now(self) -> int:
        return self.clock.now_us()
