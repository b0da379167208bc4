"""What outside this package points at projects, declared here so projects never import it."""

from __future__ import annotations

from typing import Protocol


class ProjectEntries(Protocol):
    """The time entries of a project: what a project deletion does to them."""

    def unassign_project(self, project_id: int, now: int) -> int:
        """The project's live entries lose their project and task; how many changed."""
        ...

    def delete_project_entries(self, project_id: int, now: int) -> int:
        """Soft-delete the project's live entries; how many were deleted."""
        ...


class ProjectTime(Protocol):
    """Time tracked on projects (by time entries): shown as each project's `actual_seconds`."""

    def seconds_by_project(
        self, workspace_ids: list[int], project_ids: list[int]
    ) -> dict[int, int]:
        """Seconds of stopped, live entries per project; projects without any are absent."""
        ...
