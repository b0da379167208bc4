"""GET /me?with_related_data=true: the caller's workspaces and what is in them."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.api.toggl_v9.schemas.clients import client_out
from punchclock.api.toggl_v9.schemas.me import MeOut
from punchclock.api.toggl_v9.schemas.projects import project_out
from punchclock.api.toggl_v9.schemas.tags import tag_out
from punchclock.api.toggl_v9.schemas.tasks import task_out
from punchclock.api.toggl_v9.schemas.time_entries import entry_out
from punchclock.api.toggl_v9.schemas.workspaces import workspace_out
from punchclock.clients.service import ClientService
from punchclock.clock import Clock
from punchclock.projects.service import ProjectService
from punchclock.tags.service import TagService
from punchclock.tasks.service import TaskService
from punchclock.time_entries.queries import TimeEntryQueries
from punchclock.users.models import User
from punchclock.workspaces.service import WorkspaceService


def related_data(out: MeOut, user: User, conn: Connection, clock: Clock) -> None:
    """Fill the related arrays; an array is omitted when the user has none of that kind."""
    rows = WorkspaceService(conn, clock).list_for_user(user.id)
    rows.sort(key=lambda row: (row[0].id != user.default_workspace_id, row[0].id))
    workspaces = [workspace_out(ws, role) for ws, role in rows]
    # Only workspaces the caller is an active member of, so no further access checks.
    ids = [ws.id for ws, _ in rows]
    tags = [tag_out(tag) for tag in TagService(conn, clock).for_workspaces(ids)]
    clients = [client_out(client) for client in ClientService(conn, clock).for_workspaces(ids)]
    entries = [entry_out(v) for v in TimeEntryQueries(conn, clock).recent_for_user(user)]
    # Only what the caller may see: private projects they are not on, and their tasks, stay
    # out, and rates follow only_admins_see_billable_rates.
    visible = ProjectService(conn, clock).for_workspaces(ids, user)
    visible_ids = {view.project.id for view in visible}
    projects = [project_out(view) for view in visible]
    tasks = [
        task_out(view)
        for view in TaskService(conn, clock).for_workspaces(ids)
        if view.task.project_id in visible_ids
    ]
    if tags:
        out.tags = list(tags)
    if clients:
        out.clients = list(clients)
    if entries:
        out.time_entries = list(entries)
    if projects:
        out.projects = list(projects)
    if workspaces:
        out.workspaces = list(workspaces)
    if tasks:
        out.tasks = list(tasks)
