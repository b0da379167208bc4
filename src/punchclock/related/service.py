"""The caller's workspaces and what is in them that they may see, from each domain's service."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.composition import client_service, project_service, tag_service, task_service
from punchclock.related.models import RelatedData
from punchclock.time_entries.queries import TimeEntryQueries
from punchclock.users.models import User
from punchclock.workspaces.service import WorkspaceService


class RelatedDataService:
    """Reads across domains for one caller; no writes."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.conn = conn
        self.clock = clock

    def for_user(self, user: User) -> RelatedData:
        """The caller's workspaces, their tags, clients, projects and tasks, and recent entries."""
        conn, clock = self.conn, self.clock
        rows = WorkspaceService(conn, clock).list_for_user(user.id)
        # Only workspaces the caller is an active member of, so no further access checks.
        ids = [workspace.id for workspace, _ in rows]
        # Only what the caller may see: private projects they are not on, and their tasks, stay
        # out, and rates follow only_admins_see_billable_rates.
        projects = project_service(conn, clock).for_workspaces(ids, user)
        visible = {view.project.id for view in projects}
        tasks = task_service(conn, clock).for_workspaces(ids)
        return RelatedData(
            workspaces=rows,
            tags=tag_service(conn, clock).for_workspaces(ids),
            clients=client_service(conn, clock).for_workspaces(ids),
            time_entries=TimeEntryQueries(conn, clock).recent_for_user(user),
            projects=projects,
            tasks=[view for view in tasks if view.task.project_id in visible],
        )
