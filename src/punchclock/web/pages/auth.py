"""First run, sign-in, self sign-up and sign-out."""

from __future__ import annotations

from litestar import get, post
from litestar.response import Redirect
from sqlalchemy import Connection

from punchclock.db.unit_of_work import UnitOfWork
from punchclock.errors import Forbidden, PunchclockError, TooManySignIns
from punchclock.sessions.service import SessionService
from punchclock.signup.service import SignupService
from punchclock.users.lookup import UserLookup
from punchclock.users.passwords import MIN_PASSWORD_LENGTH
from punchclock.web import cookies, units
from punchclock.web.http_types import AnyRequest, AnyResponse
from punchclock.web.session import Form, Viewer, anonymous_csrf_token
from punchclock.web.state import WebState, web_state

WRONG_PASSWORD = "Wrong email or password."
SIGNUP_CLOSED = "Creating accounts is switched off here. Ask an admin for an invitation."


def _form_page(
    request: AnyRequest,
    template: str,
    *,
    status: int = 200,
    error: str | None = None,
    values: dict[str, str] | None = None,
) -> AnyResponse:
    """A signed-out form page with its double-submit CSRF cookie.

    A form shown again with an error answers 200, as a page the user is meant to read and fix:
    browsers log every 4xx page load as a console error.
    """
    state = web_state(request)
    token = anonymous_csrf_token(request)
    response = state.render.page(
        template,
        status=status,
        viewer=None,
        csrf=token,
        error=error,
        values=values or {},
        signup_enabled=state.settings.web_signup_enabled,
    )
    cookies.set_anonymous_csrf(response, state.settings, token)
    return response


def _signed_in(state: WebState, user_id: int, conn: Connection) -> str:
    return SessionService(conn, state.clock, state.session_seconds).start(user_id).token


def _go_home(state: WebState, token: str) -> AnyResponse:
    response = Redirect("/", status_code=303)
    cookies.set_session(response, state.settings, token)
    return response


def sign_in_form(request: AnyRequest) -> AnyResponse:
    """The sign-in form page (also what `/` shows a signed-out browser)."""
    return _form_page(request, "login.html")


@get("/login", sync_to_thread=False)
def sign_in_page(request: AnyRequest, signed: Viewer | None) -> AnyResponse:
    """The sign-in form (signed-in browsers go to the timer)."""
    if signed is not None:
        return Redirect("/", status_code=303)
    return sign_in_form(request)


@post("/login", status_code=200)
async def sign_in(request: AnyRequest, form: Form) -> AnyResponse:
    """Check the password (slowed down after failures) and start a session."""
    state = web_state(request)
    email = form.get("email").strip()
    password = form.get("password")
    address = request.client.host if request.client else "unknown"
    values = {"email": email}
    try:
        user = await state.authenticator.authenticate_password(email, password, address)
    except TooManySignIns as refused:
        # The password was not even checked: the account or the address must wait.
        return _form_page(request, "login.html", error=refused.message, values=values)
    except PunchclockError:
        return _form_page(request, "login.html", error=WRONG_PASSWORD, values=values)
    token = await units.write(state, lambda conn: _signed_in(state, user.id, conn))
    return _go_home(state, token)


@post("/logout", status_code=200, sync_to_thread=False)
def sign_out(request: AnyRequest, viewer: Viewer, uow: UnitOfWork) -> AnyResponse:
    """End this browser's session."""
    state = web_state(request)
    SessionService(uow.conn, state.clock, state.session_seconds).end(viewer.session.id)
    response = Redirect("/login", status_code=303)
    cookies.clear_session(response)
    return response


@get("/setup", sync_to_thread=False)
def first_run_page(request: AnyRequest, uow: UnitOfWork) -> AnyResponse:
    """The first-run form: only on a database without accounts."""
    if UserLookup(uow.conn).any_exists():
        return Redirect("/login", status_code=303)
    return _form_page(request, "setup.html")


async def _create_account(request: AnyRequest, form: Form, *, first: bool) -> AnyResponse:
    state = web_state(request)
    template = "setup.html" if first else "signup.html"
    fullname = form.get("fullname").strip()
    email = form.get("email").strip()
    password = form.get("password")
    values = {"fullname": fullname, "email": email}
    if len(password) < MIN_PASSWORD_LENGTH:
        error = f"The password needs at least {MIN_PASSWORD_LENGTH} characters."
        return _form_page(request, template, error=error, values=values)
    if first:
        # Checked before hashing too: argon2 costs 64 MiB and ~0.2 s, not for the asking.
        with state.db.read_connection() as conn:
            if UserLookup(conn).any_exists():
                return Redirect("/login", status_code=303)
    # In a thread, before the transaction opens, within the password checks' limit.
    hashed = await state.authenticator.hash(password)

    def create(conn: Connection) -> str:
        signup = SignupService(conn, state.clock)
        if first:
            user = signup.create_first_account(
                email=email, password=password, fullname=fullname, password_hash=hashed
            )
        else:
            user = signup.create_account(
                email=email, password=password, fullname=fullname, password_hash=hashed
            )
        return _signed_in(state, user.id, conn)

    try:
        token = await units.write(state, create)
    except Forbidden:
        return Redirect("/login", status_code=303)
    except PunchclockError as error:
        return _form_page(request, template, error=error.message, values=values)
    return _go_home(state, token)


@post("/setup", status_code=200)
async def first_run(request: AnyRequest, form: Form) -> AnyResponse:
    """Create the first account: the owner of a new organization and workspace."""
    return await _create_account(request, form, first=True)


@get("/signup", sync_to_thread=False)
def sign_up_page(request: AnyRequest, signed: Viewer | None) -> AnyResponse:
    """Self sign-up, when a setting allows it."""
    if signed is not None:
        return Redirect("/", status_code=303)
    if not web_state(request).settings.web_signup_enabled:
        return _form_page(request, "login.html", status=403, error=SIGNUP_CLOSED)
    return _form_page(request, "signup.html")


@post("/signup", status_code=200)
async def sign_up(request: AnyRequest, form: Form) -> AnyResponse:
    """Create an account with its own workspace (self sign-up must be switched on)."""
    if not web_state(request).settings.web_signup_enabled:
        return _form_page(request, "login.html", status=403, error=SIGNUP_CLOSED)
    return await _create_account(request, form, first=False)


PUBLIC_ROUTES = [sign_in_page, sign_in, first_run_page, first_run, sign_up_page, sign_up]
SIGNED_IN_ROUTES = [sign_out]
