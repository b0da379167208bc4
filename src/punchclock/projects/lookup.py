"""What other domains may ask about projects (time entries name them and show their labels)."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.projects.member_repository import ProjectUserRepository
from punchclock.projects.models import Project, ProjectLabel, ProjectReference
from punchclock.projects.repository import ProjectRepository


class ProjectLookup:
    """Read-only answers about projects, without access checks (callers hold theirs)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def live(self, project_id: int) -> Project | None:
        """A live project by id, in any workspace (callers check the workspace)."""
        return ProjectRepository(self.conn).get(project_id)

    def many(self, project_ids: list[int]) -> dict[int, Project]:
        """Projects by id, deleted ones included (for names on old tasks and entries)."""
        return ProjectRepository(self.conn).get_many(project_ids)

    def reference(self, project_id: int) -> ProjectReference | None:
        """The live project's workspace, privacy and billable default (share-locked for writers)."""
        return ProjectRepository(self.conn).reference(project_id)

    def is_member(self, project_id: int, user_id: int) -> bool:
        """Whether the user belongs to the project (may track on it when it is private)."""
        return ProjectUserRepository(self.conn).find(project_id, user_id) is not None

    def labels(self, project_ids: list[int]) -> dict[int, ProjectLabel]:
        """Name, color, state and client of each project, deleted ones included."""
        return ProjectRepository(self.conn).labels(project_ids)
