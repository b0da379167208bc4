"""Project edits with access checks: update, bulk edit and delete (admins and managers only)."""

from __future__ import annotations

from typing import Literal

from msgspec import UnsetType
from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.db.savepoints import BulkResult, each_on_its_own
from punchclock.errors import BadRequest, NotFound
from punchclock.projects import drafts, rules
from punchclock.projects.access import Viewer
from punchclock.projects.dependents import ProjectEntries
from punchclock.projects.models import Project, ProjectDraft, ProjectView
from punchclock.projects.repository import ProjectRepository
from punchclock.projects.service import ProjectService
from punchclock.stamps import next_at
from punchclock.users.models import User

EntryMode = Literal["delete", "unassign"]


class ProjectEditor:
    """Changes to existing projects; only workspace admins and project managers may make them."""

    def __init__(
        self, conn: Connection, clock: Clock, projects: ProjectService, entries: ProjectEntries
    ) -> None:
        self.conn = conn
        self.clock = clock
        self.repo = ProjectRepository(conn)
        self.projects = projects
        self.entries = entries

    def update(
        self, user: User, workspace_id: int, project_id: int, draft: ProjectDraft
    ) -> ProjectView:
        """A partial update with the create-time validation."""
        viewer, _ = self.projects.viewers.in_workspace(user.id, workspace_id)
        project = self._apply(user, viewer, workspace_id, project_id, draft)
        return self.projects.views([project], viewer)[0]

    def bulk_update(
        self, user: User, workspace_id: int, project_ids: list[int], draft: ProjectDraft
    ) -> BulkResult:
        """The same change to each project on its own: failures do not undo the others."""
        viewer, _ = self.projects.viewers.in_workspace(user.id, workspace_id)
        return each_on_its_own(
            self.conn,
            dict.fromkeys(project_ids),
            lambda project_id: self._apply(user, viewer, workspace_id, project_id, draft),
        )

    def delete(self, user: User, workspace_id: int, project_id: int, mode: EntryMode) -> int:
        """Soft-delete the project and its tasks; its entries are unassigned or deleted."""
        viewer, _ = self.projects.viewers.in_workspace(user.id, workspace_id)
        viewer.require_manager(self.projects.visible(viewer, workspace_id, project_id))
        # Locked, then read again: a concurrent deletion may have won meanwhile.
        project = self.repo.lock(project_id)
        if project is None:
            raise NotFound(rules.PROJECT_NOT_FOUND)
        now = self.clock.now_us()
        if mode == "delete":
            self.entries.delete_project_entries(project.id, now)
        else:
            self.entries.unassign_project(project.id, now)
        self.repo.soft_delete(project.id, next_at(project.at, now))
        return project.id

    def _apply(
        self, user: User, viewer: Viewer, workspace_id: int, project_id: int, draft: ProjectDraft
    ) -> Project:
        project = self.projects.visible(viewer, workspace_id, project_id)
        viewer.require_manager(project)
        columns = drafts.update_values(draft, project, viewer.sees_rates(workspace_id))
        client_id = self.projects.client_for(user, workspace_id, draft)
        if not isinstance(client_id, UnsetType):
            columns["client_id"] = client_id
        # Only real changes are written, so a round-tripped object does not disturb `since` sync.
        columns = {k: v for k, v in columns.items() if getattr(project, k) != v}
        if not columns:
            return project
        if "name" in columns or "client_id" in columns:
            name = columns.get("name", project.name)
            client = columns.get("client_id", project.client_id)
            if self.repo.name_taken(workspace_id, client, name, except_id=project.id):
                raise BadRequest(rules.NAME_TAKEN)
        columns["at"] = next_at(project.at, self.clock.now_us())
        if not self.repo.update_unique(project.id, columns):
            raise BadRequest(rules.NAME_TAKEN)
        updated = self.repo.get(project.id)
        assert updated is not None
        return updated
