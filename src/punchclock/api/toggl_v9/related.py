"""GET /me?with_related_data=true: the caller's workspaces and what is in them."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.api.toggl_v9.schemas.me import MeOut
from punchclock.api.toggl_v9.schemas.time_entries import entry_out
from punchclock.api.toggl_v9.schemas.workspaces import workspace_out
from punchclock.clock import Clock
from punchclock.time_entries.service import TimeEntryService
from punchclock.users.models import User
from punchclock.workspaces.service import WorkspaceService


def related_data(out: MeOut, user: User, conn: Connection, clock: Clock) -> None:
    """Fill the related arrays; an array is omitted when the user has none of that kind."""
    rows = WorkspaceService(conn, clock).list_for_user(user.id)
    rows.sort(key=lambda row: (row[0].id != user.default_workspace_id, row[0].id))
    workspaces = [workspace_out(ws, role) for ws, role in rows]
    entries = [entry_out(v) for v in TimeEntryService(conn, clock).recent_for_user(user)]
    if entries:
        out.time_entries = list(entries)
    if workspaces:
        out.workspaces = list(workspaces)
