"""What outside this package points at tasks, declared here so tasks never import it."""

from __future__ import annotations

from typing import Protocol


class TaskHolders(Protocol):
    """Things that point at a task (time entries): told when tasks are deleted."""

    def clear_tasks(self, workspace_id: int, task_ids: list[int], now: int) -> int:
        """Clear the deleted tasks from every live holder in the workspace; how many changed."""
        ...


class TaskTime(Protocol):
    """Time tracked on tasks (by time entries): shown as each task's `tracked_seconds`."""

    def seconds_by_task(self, workspace_ids: list[int], task_ids: list[int]) -> dict[int, int]:
        """Seconds of stopped, live entries per task; tasks without any are absent."""
        ...
