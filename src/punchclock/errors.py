"""Domain errors: an HTTP status plus the exact Toggl message. No web imports here."""

from __future__ import annotations


class PunchclockError(Exception):
    """Base class: `status` and `message` are what a Toggl client sees."""

    status: int = 400

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class BadRequest(PunchclockError):
    """400: the request is invalid."""

    status = 400


class Forbidden(PunchclockError):
    """403: authenticated, but no access (or wrong credentials)."""

    status = 403


class NotFound(PunchclockError):
    """404: unknown resource."""

    status = 404


class Conflict(PunchclockError):
    """409: the resource is in a state that forbids the change."""

    status = 409


class PaymentRequired(PunchclockError):
    """402: plan-gated feature or quota exhausted."""

    status = 402


class TooManySignIns(PunchclockError):
    """429: too many failed sign-ins for this account or address; `seconds` until the next."""

    status = 429

    def __init__(self, seconds: int) -> None:
        unit = "second" if seconds == 1 else "seconds"
        super().__init__(f"Too many failed sign-ins. Try again in {seconds} {unit}.")
        self.seconds = seconds


class ServiceUnavailable(PunchclockError):
    """503: the database could not serve the request in time; nothing was changed."""

    status = 503


class AuthenticationMissing(Exception):
    """No (or undecodable) credentials: Toggl answers 401 with an empty body."""


# Toggl's exact texts, shared by several modules.
NO_ACCESS = "User does not have access to this resource"
WRONG_CREDENTIALS = "Incorrect username and/or password"
INVALID_WORKSPACE_ID = "Missing or invalid workspace_id"
