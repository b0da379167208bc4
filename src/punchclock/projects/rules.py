"""Pure rules for projects: validation, status and Toggl's texts (no I/O)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from punchclock.errors import BadRequest
from punchclock.names import checked_name
from punchclock.projects.models import Project

DEFAULT_COLOR = "#0b83d9"
MAX_NAME_LENGTH = 255
# Numeric(12, 2) holds up to 10 integer digits.
MAX_MONEY = Decimal("9999999999.99")
MAX_ESTIMATED_SECONDS = 2**31 * 3600

NAME_BLANK = "Project name can't be blank"
NAME_TOO_LONG = f"Project name must be at most {MAX_NAME_LENGTH} characters"
NAME_TAKEN = "Name has already been taken"
NAME_INVALID = "Invalid project name"
CLIENT_NAME_INVALID = "Invalid client name"  # the clients package says so too
ONLY_ADMINS = "Only admins may create projects in this workspace"
BOTH_CLIENT_FORMS = "Both client_id and client_name provided"
BAD_TIMEFRAME = "Project timeframe is not valid"
PROJECT_NOT_FOUND = "Project not found"
INVALID_CURRENCY = "Invalid currency"
INVALID_ESTIMATE = "Invalid estimated_hours"

_COLOR = re.compile(r"#[0-9a-f]{6}")
_CURRENCY = re.compile(r"[A-Z]{3}")


def client_missing(client_id: int, workspace_id: int) -> str:
    """Toggl's text for a client_id that is not a live client of the workspace."""
    return f"Client with the ID {client_id} isn't present in workspace {workspace_id}"


def clean_name(name: str | None) -> str:
    """The name to store, trimmed; 400 when blank or too long."""
    return checked_name(
        name, MAX_NAME_LENGTH, blank=NAME_BLANK, too_long=NAME_TOO_LONG, invalid=NAME_INVALID
    )


def clean_color(color: str) -> str:
    """A lower-case `#rrggbb`; upper-case hex digits are accepted and folded."""
    folded = color.strip().lower()
    if not _COLOR.fullmatch(folded):
        raise BadRequest(
            f"Error in validating color '{color}'. "
            "Project color must be a hex value in the form of #[0-9a-f]{6}."
        )
    return folded


def clean_money(value: Decimal, field: str) -> Decimal:
    """A rate or fixed fee: finite, not negative, fits Numeric(12, 2)."""
    try:
        if not value.is_finite() or value < 0 or value > MAX_MONEY:
            raise BadRequest(f"Invalid {field}")
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise BadRequest(f"Invalid {field}") from None


def clean_currency(value: str) -> str:
    """An ISO 4217 style code, upper-cased."""
    code = value.strip().upper()
    if not _CURRENCY.fullmatch(code):
        raise BadRequest(INVALID_CURRENCY)
    return code


def check_estimate(seconds: int) -> int:
    """Estimated seconds must be a sane, non-negative amount."""
    if not 0 <= seconds <= MAX_ESTIMATED_SECONDS:
        raise BadRequest(INVALID_ESTIMATE)
    return seconds


def check_timeframe(start_date: str, end_date: str | None) -> None:
    """An end date, if any, may not precede the start date (ISO dates compare as text)."""
    if end_date is not None and end_date < start_date:
        raise BadRequest(BAD_TIMEFRAME)


def status(project: Project, today: str) -> str:
    """Toggl's `status`: deleted, archived, upcoming, ended or active."""
    if project.server_deleted_at is not None:
        return "deleted"
    if not project.active:
        return "archived"
    if project.start_date > today:
        return "upcoming"
    if project.end_date is not None and project.end_date < today:
        return "ended"
    return "active"
