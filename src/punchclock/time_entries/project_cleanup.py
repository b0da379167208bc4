"""SQL for what a project deletion does to its time entries: unassign or delete them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, func, select, update

from punchclock.db.schema import time_entries, users

te = time_entries


class ProjectEntryCleanup:
    """Detaches or tombstones a project's live entries, bumping `at` so `since` sync sees it."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def unassign(self, project_id: int, now: int) -> int:
        """Clear project_id and task_id on the project's live entries; how many changed."""
        return self._each_owner(project_id, now, lambda at: {"project_id": None, "task_id": None})

    def delete(self, project_id: int, now: int) -> int:
        """Soft-delete the project's live entries; how many were deleted."""
        return self._each_owner(project_id, now, lambda at: {"server_deleted_at": at})

    def _each_owner(
        self, project_id: int, now: int, change: Callable[[int], dict[str, Any]]
    ) -> int:
        owners = self.conn.execute(
            select(te.c.user_id)
            .where(te.c.project_id == project_id, te.c.server_deleted_at.is_(None))
            .distinct()
            .order_by(te.c.user_id)
        ).scalars()
        changed = 0
        # Owners in id order, so concurrent deletions lock users in the same order.
        for user_id in list(owners):
            at = self._next_at(user_id, now)
            result = self.conn.execute(
                update(te)
                .where(
                    te.c.project_id == project_id,
                    te.c.user_id == user_id,
                    te.c.server_deleted_at.is_(None),
                )
                .values(**change(at), at=at)
            )
            changed += result.rowcount
        return changed

    def _next_at(self, user_id: int, now: int) -> int:
        # Time-entry writes are serialised per user (as the time-entry service does), and a
        # user's `at` never goes backwards: max(now, their newest at + 1).
        if self.conn.dialect.name == "postgresql":
            self.conn.execute(select(users.c.id).where(users.c.id == user_id).with_for_update())
        latest = self.conn.execute(
            select(func.max(te.c.at)).where(te.c.user_id == user_id)
        ).scalar_one()
        return max(now, int(latest or 0) + 1)
