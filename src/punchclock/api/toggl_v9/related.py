"""GET /me?with_related_data=true: the related arrays of the /me answer."""

from __future__ import annotations

from sqlalchemy import Connection

from punchclock.api.toggl_v9.schemas.clients import client_out
from punchclock.api.toggl_v9.schemas.me import MeOut
from punchclock.api.toggl_v9.schemas.projects import project_out
from punchclock.api.toggl_v9.schemas.tags import tag_out
from punchclock.api.toggl_v9.schemas.tasks import task_out
from punchclock.api.toggl_v9.schemas.time_entries import entry_out
from punchclock.api.toggl_v9.schemas.workspaces import default_first, workspace_out
from punchclock.clock import Clock
from punchclock.related.service import RelatedDataService
from punchclock.users.models import User


def related_data(out: MeOut, user: User, conn: Connection, clock: Clock) -> None:
    """Fill the related arrays; Toggl omits an array when the user has none of that kind."""
    found = RelatedDataService(conn, clock).for_user(user)
    if found.tags:
        out.tags = [tag_out(tag) for tag in found.tags]
    if found.clients:
        out.clients = [client_out(client) for client in found.clients]
    if found.time_entries:
        out.time_entries = [entry_out(view) for view in found.time_entries]
    if found.projects:
        out.projects = [project_out(view) for view in found.projects]
    if found.workspaces:
        rows = default_first(found.workspaces, user.default_workspace_id)
        out.workspaces = [workspace_out(ws, role) for ws, role in rows]
    if found.tasks:
        out.tasks = [task_out(view) for view in found.tasks]
