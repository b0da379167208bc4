"""Failures on web pages: an HTML page (or, for htmx, an alert fragment) instead of Toggl's JSON."""

from __future__ import annotations

import logging
import sqlite3

import psycopg
from litestar import Response
from litestar.exceptions import HTTPException, NotFoundException, ValidationException
from litestar.response import Redirect
from litestar.types import ExceptionHandlersMap
from sqlalchemy.exc import DataError, IntegrityError, OperationalError

from punchclock.errors import PunchclockError
from punchclock.web.http_types import AnyRequest, AnyResponse
from punchclock.web.security import add_security_headers
from punchclock.web.session import SignInRequired
from punchclock.web.state import web_state

logger = logging.getLogger("punchclock")

BUSY = "The database is busy. Nothing was changed; please try again."
CONFLICT = "Someone else changed this at the same moment. Nothing was changed; please try again."


def is_htmx(request: AnyRequest) -> bool:
    """Whether htmx sent the request (it swaps part of the page with the answer)."""
    return request.headers.get("hx-request") == "true"


def changed(request: AnyRequest, location: str = "/") -> AnyResponse:
    """After a change: htmx reloads the page; a plain form post is redirected (303)."""
    if is_htmx(request):
        return Response(b"", status_code=200, headers={"HX-Refresh": "true"})
    return Redirect(location, status_code=303)


def _describe(request: AnyRequest, exc: Exception) -> tuple[int, str]:
    if isinstance(exc, PunchclockError):
        return exc.status, exc.message
    if isinstance(exc, NotFoundException):
        return 404, "This page does not exist."
    if isinstance(exc, ValidationException):
        return 400, "The request was not understood."
    if isinstance(exc, HTTPException):
        return exc.status_code, str(exc.detail)
    if isinstance(exc, IntegrityError | sqlite3.IntegrityError | psycopg.IntegrityError):
        return 409, CONFLICT
    if isinstance(exc, OperationalError | sqlite3.OperationalError | psycopg.OperationalError):
        logger.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
        return 503, BUSY
    # An id in a path beyond what the database can hold (SQLite raises OverflowError).
    if isinstance(exc, DataError | sqlite3.DataError | psycopg.DataError | OverflowError):
        return 400, "A value was out of range."
    logger.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return 500, "Something went wrong on the server."


def error_page(request: AnyRequest, exc: Exception) -> AnyResponse:
    """The page (or htmx alert) for any failure on a web route."""
    status, message = _describe(request, exc)
    render = web_state(request).render
    if is_htmx(request):
        # A refused change is an answer the page shows in its alert area, not a failed request
        # (htmx logs a console error for every 4xx); server failures keep their status.
        response = render.page(
            "partials/alert.html",
            status=status if status >= 500 else 200,
            headers={"HX-Retarget": "#alerts", "HX-Reswap": "innerHTML"},
            message=message,
        )
    else:
        response = render.page("error.html", status=status, message=message, viewer=None)
    return add_security_headers(response)


def sign_in_required(request: AnyRequest, _: SignInRequired) -> AnyResponse:
    """Send the browser to the sign-in page (htmx: a full navigation, not a swap)."""
    if is_htmx(request):
        response: AnyResponse = Response(b"", status_code=401, headers={"HX-Redirect": "/login"})
    else:
        response = Redirect("/login", status_code=303)
    return add_security_headers(response)


WEB_EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    SignInRequired: sign_in_required,
    Exception: error_page,
}
