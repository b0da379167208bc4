"""What deleting a tag, task or project does to time entries, owner by owner.

Implements the protocols the catalogue domains declare (`tags.dependents.TagHolders`,
`tasks.dependents.TaskHolders`, `projects.dependents.ProjectEntries`), so those domains never
import time entries. Each owner's entries change under that owner's lock (the lock every
time-entry write holds while it reads and rewrites an entry, so none writes a removed tag or
task back) and get a stamp after that owner's newest `at`, even when the clock steps back.
Owners are locked in id order, so concurrent deletions cannot deadlock.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

from punchclock.time_entries.cascade_repository import EntryCascadeRepository
from punchclock.time_entries.owner_stamps import OwnerStamps
from punchclock.time_entries.repository import TimeEntryRepository


class EntryCascade:
    """Takes deleted tags, tasks and projects off the live entries that use them."""

    def __init__(self, conn: Connection) -> None:
        self.entries = TimeEntryRepository(conn)
        self.repo = EntryCascadeRepository(conn)
        self.stamps = OwnerStamps(self.entries)

    def remove_tags(self, workspace_id: int, tag_ids: list[int], now: int) -> int:
        """Take the tags off every live entry of the workspace; how many entries changed."""
        if not tag_ids:
            return 0
        owners = self.repo.owners_with_tags(workspace_id, tag_ids)
        return self._each(
            owners, now, lambda uid, at: self.repo.remove_tags(workspace_id, tag_ids, uid, at)
        )

    def clear_tasks(self, workspace_id: int, task_ids: list[int], now: int) -> int:
        """Clear the tasks from every live entry of the workspace; how many entries changed."""
        if not task_ids:
            return 0
        owners = self.repo.owners_with_tasks(workspace_id, task_ids)
        return self._each(
            owners, now, lambda uid, at: self.repo.clear_tasks(workspace_id, task_ids, uid, at)
        )

    def unassign_project(self, project_id: int, now: int) -> int:
        """The project's live entries lose their project and task; how many changed."""
        owners = self.repo.owners_on_project(project_id)
        return self._each(
            owners, now, lambda uid, at: self.repo.unassign_project(project_id, uid, at)
        )

    def delete_project_entries(self, project_id: int, now: int) -> int:
        """Soft-delete the project's live entries; how many were deleted."""
        owners = self.repo.owners_on_project(project_id)
        return self._each(
            owners, now, lambda uid, at: self.repo.delete_on_project(project_id, uid, at)
        )

    def _each(self, owners: list[int], now: int, change: Callable[[int, int], int]) -> int:
        changed = 0
        for user_id in owners:
            self.entries.lock_user(user_id)
            changed += change(user_id, self.stamps.next(user_id, now))
        return changed
