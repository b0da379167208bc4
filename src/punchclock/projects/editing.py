"""Project edits with access checks: update, bulk edit and delete (admins and managers only)."""

from __future__ import annotations

from typing import Literal

from msgspec import UnsetType
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from punchclock.clock import Clock
from punchclock.errors import BadRequest, NotFound, PunchclockError
from punchclock.projects import rules, values
from punchclock.projects.access import Viewer
from punchclock.projects.models import BulkOutcome, Project, ProjectDraft, ProjectView
from punchclock.projects.repository import ProjectRepository
from punchclock.projects.service import ProjectService
from punchclock.time_entries.project_cleanup import ProjectEntryCleanup
from punchclock.users.models import User

EntryMode = Literal["delete", "unassign"]


class ProjectEditor:
    """Changes to existing projects; only workspace admins and project managers may make them."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.conn = conn
        self.clock = clock
        self.repo = ProjectRepository(conn)
        self.projects = ProjectService(conn, clock)
        self.entries = ProjectEntryCleanup(conn)

    def update(
        self, user: User, workspace_id: int, project_id: int, draft: ProjectDraft
    ) -> ProjectView:
        """A partial update with the create-time validation."""
        viewer, _ = self.projects.viewers.in_workspace(user.id, workspace_id)
        project = self._apply(user, viewer, workspace_id, project_id, draft)
        return self.projects.views([project], viewer)[0]

    def bulk_update(
        self, user: User, workspace_id: int, project_ids: list[int], draft: ProjectDraft
    ) -> BulkOutcome:
        """The same change to each project on its own: failures do not undo the others."""
        viewer, _ = self.projects.viewers.in_workspace(user.id, workspace_id)
        outcome = BulkOutcome(success=[], failure=[])
        for project_id in dict.fromkeys(project_ids):
            savepoint = self.conn.begin_nested()
            try:
                self._apply(user, viewer, workspace_id, project_id, draft)
            except PunchclockError as error:
                savepoint.rollback()
                outcome.failure.append((project_id, error.message))
            else:
                savepoint.commit()
                outcome.success.append(project_id)
        return outcome

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
            self.entries.delete(project.id, now)
        else:
            self.entries.unassign(project.id, now)
        self.repo.soft_delete(project.id, _next_at(project, now))
        return project.id

    def _apply(
        self, user: User, viewer: Viewer, workspace_id: int, project_id: int, draft: ProjectDraft
    ) -> Project:
        project = self.projects.visible(viewer, workspace_id, project_id)
        viewer.require_manager(project)
        columns = values.update_values(draft, project, viewer.sees_rates(workspace_id))
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
        columns["at"] = _next_at(project, self.clock.now_us())
        # The unique index settles a race with a concurrent write of the same name.
        savepoint = self.conn.begin_nested()
        try:
            self.repo.update(project.id, columns)
        except IntegrityError:
            savepoint.rollback()
            raise BadRequest(rules.NAME_TAKEN) from None
        savepoint.commit()
        updated = self.repo.get(project.id)
        assert updated is not None
        return updated


def _next_at(project: Project, now: int) -> int:
    # A project's `at` never goes backwards, so `since` sync cannot miss a change.
    return max(now, project.at + 1)
