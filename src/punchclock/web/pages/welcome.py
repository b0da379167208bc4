"""The one-time sign-in link of a person an admin added: set a password, and be signed in."""

from __future__ import annotations

from litestar import get, post
from litestar.response import Redirect
from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.errors import PunchclockError
from punchclock.sessions.links import LinkHolder, SignInLinkService
from punchclock.sessions.service import SessionService
from punchclock.users.lookup import UserLookup
from punchclock.users.models import User
from punchclock.users.passwords import MIN_PASSWORD_LENGTH
from punchclock.users.service import UserService
from punchclock.web import cookies, units
from punchclock.web.http_types import AnyRequest, AnyResponse
from punchclock.web.session import Form, anonymous_csrf_token
from punchclock.web.state import web_state
from punchclock.workspaces.member_service import MemberService

LINK_INVALID = (
    "This sign-in link has expired or has already been used. Ask an admin of your workspace "
    "for a new one, or sign in with your password."
)
TOO_SHORT = f"The password needs at least {MIN_PASSWORD_LENGTH} characters."
PASSWORDS_DIFFER = "The two passwords are not the same."


class LinkInvalid(PunchclockError):
    """410: the link cannot sign anyone in (any more)."""

    status = 410


def _invitee(conn: Connection, clock: Clock, holder: LinkHolder | None) -> User:
    """The user a link signs in: one with no password yet, whose every workspace the link's
    maker still administers (a member deactivated since, or added by another admin since,
    makes the link end: see MemberService.may_sign_in_as)."""
    user = UserLookup(conn).get(holder.user_id) if holder is not None else None
    if holder is None or user is None or user.password_hash is not None:
        raise LinkInvalid(LINK_INVALID)
    if not MemberService(conn, clock).may_sign_in_as(holder.created_by, user.id):
        raise LinkInvalid(LINK_INVALID)
    return user


def _page(
    request: AnyRequest,
    token: str,
    user: User | None,
    *,
    error: str | None = None,
    status: int = 200,
) -> AnyResponse:
    """The welcome page with its double-submit CSRF cookie (auth.py's sign-in form does too)."""
    state = web_state(request)
    csrf = anonymous_csrf_token(request)
    response = state.render.page(
        "welcome.html", status=status, csrf=csrf, error=error, user=user, token=token
    )
    cookies.set_anonymous_csrf(response, state.settings, csrf)
    return response


@get("/welcome/{token:str}", sync_to_thread=False)
def welcome_page(request: AnyRequest, uow: UnitOfWork, token: str) -> AnyResponse:
    """The form to set a first password; an ended link gets a 410 page saying so."""
    clock = web_state(request).clock
    try:
        user = _invitee(uow.conn, clock, SignInLinkService(uow.conn, clock).holder(token))
    except LinkInvalid as error:
        return _page(request, token, None, error=error.message, status=error.status)
    return _page(request, token, user)


@post("/welcome/{token:str}", status_code=200)
async def claim(request: AnyRequest, form: Form, token: str) -> AnyResponse:
    """Set the password, use the link up and start a session, in one transaction."""
    state = web_state(request)
    password = form.get("password")
    problem = None
    if len(password) < MIN_PASSWORD_LENGTH:
        problem = TOO_SHORT
    elif password != form.get("password_again"):
        problem = PASSWORDS_DIFFER
    # The link is checked before anything is hashed: argon2 costs 64 MiB and ~0.2 s.
    with state.db.read_connection() as conn:
        links = SignInLinkService(conn, state.clock)
        try:
            user = _invitee(conn, state.clock, links.holder(token))
        except LinkInvalid as error:
            return _page(request, token, None, error=error.message, status=error.status)
    if problem is not None:
        return _page(request, token, user, error=problem)
    # In a thread, before the transaction opens, within the password checks' limit.
    hashed = await state.authenticator.hash(password)

    def use(conn: Connection) -> str:
        user = _invitee(conn, state.clock, SignInLinkService(conn, state.clock).redeem(token))
        UserService(conn, state.clock).set_first_password(
            user.id, password=password, password_hash=hashed
        )
        return SessionService(conn, state.clock, state.session_seconds).start(user.id).token

    try:
        session_token = await units.write(state, use)
    except LinkInvalid as error:
        return _page(request, token, None, error=error.message, status=error.status)
    response = Redirect("/", status_code=303)
    cookies.set_session(response, state.settings, session_token)
    return response


PUBLIC_ROUTES = [welcome_page, claim]
