"""Time tracked on projects and tasks, for the catalogue (`ProjectTime`, `TaskTime` protocols)."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.time_entries.repository import TimeEntryRepository


class TrackedTime:
    """Sums of stopped, live entries per project or task (no access check: callers hold theirs)."""

    def __init__(self, conn: Connection) -> None:
        self.repo = TimeEntryRepository(conn)

    def seconds_by_project(
        self, workspace_ids: list[int], project_ids: list[int]
    ) -> dict[int, int]:
        """Seconds per project; projects without any are absent."""
        return self.repo.tracked_seconds("project_id", workspace_ids, project_ids)

    def seconds_by_task(self, workspace_ids: list[int], task_ids: list[int]) -> dict[int, int]:
        """Seconds per task; tasks without any are absent."""
        return self.repo.tracked_seconds("task_id", workspace_ids, task_ids)
