"""What the profile page shows and how its form becomes a profile change."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Connection

from punchclock.errors import BadRequest
from punchclock.users.models import User
from punchclock.users.service import ProfileChanges
from punchclock.web.forms import optional_id
from punchclock.web.http_types import AnyRequest, AnyResponse
from punchclock.web.session import Form, Viewer
from punchclock.web.state import web_state
from punchclock.workspaces.service import WorkspaceService

# Toggl numbers the days from Sunday (0) to Saturday (6).
WEEKDAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
# The IANA areas whose zones people pick by city; the legacy aliases (e.g. "US/Eastern",
# "Japan") still validate, and a profile that holds one keeps it in the list.
_AREAS = frozenset(
    [
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    ]
)
SAVED = {
    "profile": "Your profile is saved.",
    "password": "Your password is changed. Other browsers were signed out.",
    "token": "You have a new API token. The old one no longer works.",
}


@dataclass(frozen=True)
class ClientPanel:
    """How to point a Toggl client at this server."""

    api_url: str
    reports_url: str
    command: str


@lru_cache(maxsize=1)
def _zone_names() -> tuple[str, ...]:
    names = {n for n in zoneinfo.available_timezones() if n.split("/", 1)[0] in _AREAS}
    return tuple(sorted(names | {"UTC"}))


def timezone_choices(current: str) -> list[str]:
    """The zones to pick from, with the user's own even when it is a legacy alias."""
    names = list(_zone_names())
    return names if current in names else sorted([*names, current])


def origin(request: AnyRequest) -> str:
    """This server's address as the browser reached it, without a trailing slash."""
    return str(request.base_url).rstrip("/")


def client_panel(request: AnyRequest, user: User) -> ClientPanel:
    """The base URLs Toggl clients need, and a command that proves the token works."""
    base = origin(request)
    command = f"curl -u {user.api_token}:api_token {base}/api/v9/me"
    return ClientPanel(f"{base}/api/v9", f"{base}/reports/api/v3", command)


def profile_changes(form: Form, user: User) -> ProfileChanges:
    """The fields that differ from the stored profile (an unchanged form moves no stamp)."""
    changes = ProfileChanges()
    fullname = form.get("fullname").strip()
    if fullname != user.fullname:
        changes.fullname = fullname
    email = form.get("email").strip()
    if email.lower() != user.email:
        changes.email = email
    timezone = form.get("timezone", user.timezone)
    if timezone != user.timezone:
        changes.timezone = timezone
    day = form.get("beginning_of_week", str(user.beginning_of_week))
    if len(day) != 1 or day not in "0123456":
        raise BadRequest("Invalid beginning_of_week")
    if int(day) != user.beginning_of_week:
        changes.beginning_of_week = int(day)
    workspace_id = optional_id(form.get("default_workspace_id"))
    if workspace_id is not None and workspace_id != user.default_workspace_id:
        changes.default_workspace_id = workspace_id
    return changes


def render_profile(
    request: AnyRequest,
    viewer: Viewer,
    conn: Connection,
    *,
    error: str | None = None,
    values: dict[str, str] | None = None,
    saved: str = "",
) -> AnyResponse:
    """The profile page; `values` refill the details form after a refused change."""
    state = web_state(request)
    user = viewer.user
    workspaces = [ws for ws, _ in WorkspaceService(conn, state.clock).list_for_user(user.id)]
    return state.render.page(
        "profile.html",
        page="profile",
        viewer=viewer,
        user=user,
        error=error,
        values=values or {},
        saved=SAVED.get(saved, ""),
        weekdays=list(enumerate(WEEKDAYS)),
        timezones=timezone_choices(user.timezone),
        workspaces=workspaces,
        client=client_panel(request, user),
    )
