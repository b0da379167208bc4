"""Exception handlers that turn every failure into Toggl's error shape."""

from __future__ import annotations

import logging
import sqlite3

import msgspec
import psycopg
from litestar import Request, Response
from litestar.exceptions import (
    HTTPException,
    MethodNotAllowedException,
    NotFoundException,
    ValidationException,
)
from litestar.types import ExceptionHandlersMap
from sqlalchemy.exc import DataError, IntegrityError, OperationalError

from punchclock.api.http import INVALID_JSON, bare_response, error_response
from punchclock.errors import AuthenticationMissing, PunchclockError, ServiceUnavailable

logger = logging.getLogger("punchclock")


# Clients that honour Retry-After come back once the lock is likely free.
RETRY_AFTER_SECONDS = "1"


def _domain_error(_: Request, exc: PunchclockError) -> Response[bytes]:  # type: ignore[type-arg]
    return error_response(exc.message, exc.status)


def _unavailable(request: Request, exc: ServiceUnavailable) -> Response[bytes]:  # type: ignore[type-arg]
    logger.warning("database busy on %s %s: %s", request.method, request.url.path, exc.message)
    response = error_response(exc.message, exc.status)
    response.headers["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def _missing_auth(_: Request, __: AuthenticationMissing) -> Response[bytes]:  # type: ignore[type-arg]
    # Toggl: 401, empty body, X-Authorization-Missing: true.
    return bare_response(401, {"X-Authorization-Missing": "true"})


def _method_not_allowed(_: Request, __: MethodNotAllowedException) -> Response[bytes]:  # type: ignore[type-arg]
    # Toggl answers an unrouted method with an empty 405.
    return bare_response(405)


def _not_found(_: Request, __: NotFoundException) -> Response[bytes]:  # type: ignore[type-arg]
    return error_response("404 page not found", 404)


def _validation(_: Request, exc: ValidationException) -> Response[bytes]:  # type: ignore[type-arg]
    return error_response(INVALID_JSON if "body" in str(exc.detail).lower() else "Bad Request", 400)


def _http_error(_: Request, exc: HTTPException) -> Response[bytes]:  # type: ignore[type-arg]
    if exc.status_code == 413:
        return error_response("Request body is too large", 413)
    return error_response(str(exc.detail), exc.status_code)


def _decode_error(_: Request, __: msgspec.DecodeError) -> Response[bytes]:  # type: ignore[type-arg]
    return error_response(INVALID_JSON, 400)


def _integrity(_: Request, exc: Exception) -> Response[bytes]:  # type: ignore[type-arg]
    # A concurrent request won a uniqueness race that the service's own check could not see
    # (e.g. two creates of the same name): nothing was stored, and a retry gets a clear answer.
    logger.info("integrity conflict: %s", getattr(exc, "orig", exc))
    return error_response("Conflict with a concurrent change, please retry", 409)


def _operational(request: Request, exc: Exception) -> Response[bytes]:  # type: ignore[type-arg]
    # A lost PostgreSQL connection, a lock or statement timeout, SQLite interrupting a
    # statement past its deadline: the transaction was rolled back, so the request changed
    # nothing, and clients retry 5xx answers.
    cause = getattr(exc, "orig", exc)
    logger.warning("database unavailable on %s %s: %s", request.method, request.url.path, cause)
    response = error_response("Service Unavailable", 503)
    response.headers["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def _data_error(request: Request, exc: Exception) -> Response[bytes]:  # type: ignore[type-arg]
    # A value the database cannot store (out of its range or encoding) that parsing let
    # through: the request is at fault, and nothing was stored.
    cause = getattr(exc, "orig", exc)
    logger.info("database refused a value on %s %s: %s", request.method, request.url.path, cause)
    return error_response("Bad Request", 400)


def _unexpected(request: Request, exc: Exception) -> Response[bytes]:  # type: ignore[type-arg]
    logger.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response("Internal Server Error", 500)


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    PunchclockError: _domain_error,
    ServiceUnavailable: _unavailable,
    AuthenticationMissing: _missing_auth,
    MethodNotAllowedException: _method_not_allowed,
    NotFoundException: _not_found,
    ValidationException: _validation,
    HTTPException: _http_error,
    msgspec.DecodeError: _decode_error,
    IntegrityError: _integrity,
    OperationalError: _operational,
    DataError: _data_error,
    # The hot paths run on the driver's own cursor (db/driver_sql.py): its errors arrive unwrapped.
    sqlite3.IntegrityError: _integrity,
    sqlite3.OperationalError: _operational,
    sqlite3.DataError: _data_error,
    psycopg.IntegrityError: _integrity,
    psycopg.OperationalError: _operational,
    psycopg.DataError: _data_error,
    Exception: _unexpected,
}
