"""The profile page: name, email, timezone, week start, password, API token, client setup."""

from __future__ import annotations

from litestar import get, post
from litestar.response import Redirect
from sqlalchemy import Connection

from punchclock.db.unit_of_work import UnitOfWork
from punchclock.errors import PunchclockError, TooManySignIns
from punchclock.sessions.service import SessionService
from punchclock.users.lookup import UserLookup
from punchclock.users.passwords import MIN_PASSWORD_LENGTH
from punchclock.users.service import ProfileChanges, UserService
from punchclock.web import units
from punchclock.web.http_types import AnyRequest, AnyResponse
from punchclock.web.profile_view import profile_changes, render_profile
from punchclock.web.session import Form, Viewer
from punchclock.web.state import web_state
from punchclock.web.team_view import Refused, attempt
from punchclock.workspaces.service import WorkspaceService

WRONG_CURRENT = "The current password is not right."
PASSWORDS_DIFFER = "The two new passwords are not the same."
TOO_SHORT = f"The new password needs at least {MIN_PASSWORD_LENGTH} characters."


@get("/profile", sync_to_thread=False)
def profile_page(
    request: AnyRequest, viewer: Viewer, uow: UnitOfWork, saved: str = ""
) -> AnyResponse:
    """The profile; `saved` names the form that was just saved."""
    return render_profile(request, viewer, uow.conn, saved=saved)


@post("/profile", status_code=200, sync_to_thread=False)
def save_profile(request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork) -> AnyResponse:
    """Change name, email, timezone, week start and default workspace (the PUT /me rules)."""
    state = web_state(request)

    def save() -> None:
        changes = profile_changes(form, viewer.user)
        memberships = WorkspaceService(uow.conn, state.clock)
        UserService(uow.conn, state.clock).update_profile(
            viewer.user, changes, memberships=memberships
        )

    outcome = attempt(uow.conn, save)
    if isinstance(outcome, Refused):
        values = {key: form.get(key) for key in ("fullname", "email", "timezone")}
        values["beginning_of_week"] = form.get("beginning_of_week")
        return render_profile(request, viewer, uow.conn, error=outcome.message, values=values)
    return Redirect("/profile?saved=profile", status_code=303)


def _refused(request: AnyRequest, viewer: Viewer, error: str) -> AnyResponse:
    with web_state(request).db.read_connection() as conn:
        return render_profile(request, viewer, conn, error=error)


@post("/profile/password", status_code=200)
async def change_password(request: AnyRequest, viewer: Viewer, form: Form) -> AnyResponse:
    """Check the current password, store the new one, sign out every other browser."""
    state = web_state(request)
    user = viewer.user
    current, new = form.get("current_password"), form.get("password")
    if len(new) < MIN_PASSWORD_LENGTH:
        return _refused(request, viewer, TOO_SHORT)
    if new != form.get("password_again"):
        return _refused(request, viewer, PASSWORDS_DIFFER)
    # The form answers whether a password is right, as the sign-in form does: the same
    # throttle keeps someone at an unattended browser from guessing it.
    address = request.client.host if request.client else "unknown"
    try:
        # argon2 in a thread (~0.2 s), before any transaction opens.
        checked = await state.authenticator.authenticate_password(user.email, current, address)
    except TooManySignIns as refused:
        return _refused(request, viewer, refused.message)
    except PunchclockError:
        return _refused(request, viewer, WRONG_CURRENT)
    hashed = await state.authenticator.hash(new)

    def store(conn: Connection) -> None:
        fresh = UserLookup(conn).get(user.id)
        assert fresh is not None
        UserService(conn, state.clock).update_profile(
            fresh,
            ProfileChanges(current_password=current, password=new),
            memberships=WorkspaceService(conn, state.clock),
            password_hash=hashed,
            verified_hash=checked.password_hash,
        )
        SessionService(conn, state.clock, state.session_seconds).end_others(
            user.id, viewer.session.id
        )

    try:
        await units.write(state, store)
    except PunchclockError as error:
        return _refused(request, viewer, error.message)
    return Redirect("/profile?saved=password", status_code=303)


@post("/profile/token", status_code=200, sync_to_thread=False)
def reset_token(request: AnyRequest, viewer: Viewer, form: Form, uow: UnitOfWork) -> AnyResponse:
    """A new API token; the old one stops working at once."""
    del form
    UserService(uow.conn, web_state(request).clock).reset_token(viewer.user)
    return Redirect("/profile?saved=token", status_code=303)


ROUTES = [profile_page, save_profile, change_password, reset_token]
