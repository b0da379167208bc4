"""Who is signed in, read from the session cookie, and the form of a state-changing request.

Dependencies resolve as a chain, so that nothing can fail after the unit of work opened
(api/dependencies.py): signed-in pages go viewer -> form -> clock -> uow, public pages
signed -> form -> clock -> uow. The viewer and the form are read before any transaction: the
form is awaited from the network.
"""

from __future__ import annotations

import secrets

import msgspec

from punchclock.clock import Clock
from punchclock.errors import BadRequest, Forbidden
from punchclock.sessions.models import WebSession
from punchclock.sessions.service import SessionService
from punchclock.users.lookup import UserLookup
from punchclock.users.models import User
from punchclock.web.http_types import AnyRequest
from punchclock.web.security import CSRF_FIELD, CSRF_HEADER, check_csrf
from punchclock.web.state import web_state
from punchclock.workspaces.service import WorkspaceService

SESSION_COOKIE = "pc_session"
NUL_REFUSED = "Text cannot contain NUL characters."
NO_WORKSPACE = "You are not a member of any workspace. Ask an admin to add you to one."
# Before sign-in there is no session to hold a CSRF token: the sign-in and first-run forms
# carry the value of this cookie instead (double submit).
ANONYMOUS_CSRF_COOKIE = "pc_csrf"


class Viewer(msgspec.Struct, frozen=True):
    """The signed-in user, their session, and the workspace the pages show (None: they have
    none left), with whether they administer it."""

    user: User
    session: WebSession
    workspace_id: int | None
    is_admin: bool

    def require_workspace(self) -> int:
        """The workspace the pages act in; 403 for someone left in none."""
        if self.workspace_id is None:
            raise Forbidden(NO_WORKSPACE)
        return self.workspace_id


class SignInRequired(Exception):
    """A page for signed-in users was asked for without a live session."""


class Form:
    """The fields of a submitted form (empty for GET)."""

    __slots__ = ("fields",)

    def __init__(self, fields: dict[str, list[str]]) -> None:
        self.fields = fields

    def get(self, name: str, default: str = "") -> str:
        """The first value of a field, or `default`."""
        values = self.fields.get(name)
        return values[0] if values else default

    def all(self, name: str) -> list[str]:
        """Every value of a field (checkboxes, multi-selects)."""
        return list(self.fields.get(name, []))


async def provide_signed(request: AnyRequest) -> Viewer | None:
    """The signed-in viewer, or None: one short read, outside any transaction."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    state = web_state(request)
    with state.db.read_connection() as conn:
        session = SessionService(conn, state.clock, state.session_seconds).find(token)
        user = UserLookup(conn).get(session.user_id) if session else None
        if session is None or user is None:
            return None
        workspaces = WorkspaceService(conn, state.clock)
        ids = workspaces.ids_for_user(user.id)
        # The default workspace, unless the user has left it: then their first one.
        wid = user.default_workspace_id if user.default_workspace_id in ids else None
        wid = wid or (ids[0] if ids else None)
        is_admin = wid is not None and workspaces.require_member(user.id, wid).is_admin
    return Viewer(user, session, wid, is_admin)


async def provide_viewer(request: AnyRequest, signed: Viewer | None) -> Viewer:
    """The signed-in viewer; SignInRequired sends the browser to the sign-in page."""
    if signed is None:
        raise SignInRequired
    return signed


async def _read_form(request: AnyRequest) -> Form:
    if request.method == "GET":
        return Form({})
    data = await request.form()
    fields = {key: [str(v) for v in data.getall(key)] for key in data}
    # As the API refuses NUL in JSON bodies: no stored text may hold one (PostgreSQL cannot).
    if any("\x00" in key or any("\x00" in v for v in values) for key, values in fields.items()):
        raise BadRequest(NUL_REFUSED)
    return Form(fields)


async def provide_form(request: AnyRequest, viewer: Viewer) -> Form:
    """A signed-in page's form, after its CSRF check against the session's token."""
    form = await _read_form(request)
    sent = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)
    check_csrf(request, sent, viewer.session.csrf_token)
    return form


async def provide_public_form(request: AnyRequest, signed: Viewer | None) -> Form:
    """A public page's form, after its double-submit CSRF check."""
    del signed
    form = await _read_form(request)
    check_csrf(request, form.get(CSRF_FIELD), request.cookies.get(ANONYMOUS_CSRF_COOKIE, ""))
    return form


def provide_web_clock(request: AnyRequest, form: Form) -> Clock:
    """The app's clock (named after `form` only to come after it in the chain)."""
    del form
    return web_state(request).clock


def anonymous_csrf_token(request: AnyRequest) -> str:
    """The double-submit token of a signed-out browser (new when it has none)."""
    return request.cookies.get(ANONYMOUS_CSRF_COOKIE) or secrets.token_hex(32)
