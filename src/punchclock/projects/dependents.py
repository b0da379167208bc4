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
