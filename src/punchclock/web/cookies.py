"""The web app's cookies: HttpOnly, SameSite=Lax, Secure when the site is served over HTTPS."""

from __future__ import annotations

from litestar.datastructures import Cookie

from punchclock.config import Settings
from punchclock.web.http_types import AnyResponse
from punchclock.web.session import ANONYMOUS_CSRF_COOKIE, SESSION_COOKIE


def _cookie(settings: Settings, key: str, value: str, max_age: int) -> Cookie:
    return Cookie(
        key=key,
        value=value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=settings.web_secure_cookies,
    )


def set_session(response: AnyResponse, settings: Settings, token: str) -> None:
    """Sign the browser in; the anonymous CSRF cookie is no longer needed."""
    response.set_cookie(_cookie(settings, SESSION_COOKIE, token, settings.web_session_hours * 3600))
    response.delete_cookie(ANONYMOUS_CSRF_COOKIE, path="/")


def clear_session(response: AnyResponse) -> None:
    """Sign the browser out."""
    response.delete_cookie(SESSION_COOKIE, path="/")


def set_anonymous_csrf(response: AnyResponse, settings: Settings, token: str) -> None:
    """Give a signed-out browser its double-submit CSRF token (a day is plenty for a form)."""
    response.set_cookie(_cookie(settings, ANONYMOUS_CSRF_COOKIE, token, 86_400))
