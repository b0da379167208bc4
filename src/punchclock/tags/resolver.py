"""Turning an entry's `tags` (names) and `tag_ids` into workspace tag ids, for time entries.

Two steps, so that a write can check every rule before it changes anything: `plan` reads and
checks (ids live in the workspace, names valid, who may create tags), `create_missing` writes
the names the workspace does not have yet (Toggl creates unknown tag names).
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.errors import BadRequest, Forbidden
from punchclock.tags.repository import TagRepository
from punchclock.tags.rules import ONLY_ADMINS, check_name
from punchclock.workspaces.service import WorkspaceService


class TagPlan(NamedTuple):
    """The tags asked for, in order without repeats: ids, and names still to be created."""

    workspace_id: int
    ordered: list[int | str]

    @property
    def missing(self) -> list[str]:
        """The names the workspace has no live tag for yet."""
        return [item for item in self.ordered if isinstance(item, str)]


def with_created(items: list[int | str], created: dict[str, int]) -> list[int]:
    """The ids, with each planned name replaced by the id it was created with."""
    return [item if isinstance(item, int) else created[item] for item in items]


class TagResolver:
    """Resolves tag names and ids in one workspace."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.conn = conn
        self.clock = clock
        self.repo = TagRepository(conn)

    def plan(
        self, workspace_id: int, names: list[str], tag_ids: list[int], is_admin: bool = True
    ) -> TagPlan:
        """The given ids and names, in that order, without repeats; nothing is written.

        400 for an id that is no live tag of the workspace or an invalid name; 403 when a name
        would be created where only admins may create tags and the caller is not one.
        """
        ordered: list[int | str] = list(dict.fromkeys(tag_ids))
        if tag_ids:
            live = self.repo.live_ids_in_workspace(workspace_id, list(dict.fromkeys(tag_ids)))
            if unknown := [tag_id for tag_id in ordered if tag_id not in live]:
                raise BadRequest(f"Invalid tag ID: {unknown[0]}")
        if names:
            for name in names:
                check_name(name)
            wanted = list(dict.fromkeys(names))
            existing = self.repo.ids_by_name(workspace_id, wanted)
            if not is_admin and any(name not in existing for name in wanted):
                workspace = WorkspaceService(self.conn, self.clock).live(workspace_id)
                if workspace is not None and workspace.only_admins_may_create_tags:
                    raise Forbidden(ONLY_ADMINS)
            for name in wanted:
                item: int | str = existing.get(name, name)
                if item not in ordered:
                    ordered.append(item)
        return TagPlan(workspace_id, ordered)

    def create_missing(self, plan: TagPlan, creator_id: int) -> dict[str, int]:
        """Create the plan's missing names; the id of each."""
        return {name: self._create(plan.workspace_id, name, creator_id) for name in plan.missing}

    def resolve(
        self,
        workspace_id: int,
        creator_id: int,
        names: list[str],
        tag_ids: list[int],
        is_admin: bool = True,
    ) -> list[int]:
        """`plan`, then `create_missing`: the ids, in order, without repeats."""
        plan = self.plan(workspace_id, names, tag_ids, is_admin)
        return with_created(plan.ordered, self.create_missing(plan, creator_id))

    def _create(self, workspace_id: int, name: str, creator_id: int) -> int:
        tag_id = self.repo.insert_unique(workspace_id, name, creator_id, self.clock.now_us())
        if tag_id is None:
            # A concurrent request created the same name first: its tag is the answer.
            return self.repo.ids_by_name(workspace_id, [name])[name]
        return tag_id
