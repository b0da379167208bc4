"""The JSON body every Reports v3 endpoint takes, and its checks (Toggl's `base.Post`).

One struct holds every field any report accepts, so each endpoint can tell which fields were
sent (weekly refuses some) and so a field of the wrong type gets the v9 decoder's wording.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, TypeVar
from zoneinfo import ZoneInfo

import msgspec
from msgspec import UNSET, UnsetType

from punchclock.api.http import decode_body
from punchclock.api.timestamps import parse_date
from punchclock.errors import BadRequest
from punchclock.reports.models import ReportFilters, Rounding
from punchclock.reports.rules import ROUNDING_DIRECTIONS, ROUNDING_MINUTES, day_start
from punchclock.time_entries.rules import MAX_DESCRIPTION_LENGTH

T = TypeVar("T")
AT_LEAST_ONE = "At least one parameter must be set"
INVALID_WORKSPACE = "Invalid workspace id"
MAX_IDS = 2000
# No stored description is longer than 3000 characters (Toggl's limit), and lower-casing at
# most doubles a text, so a longer `description` filter matches nothing. Answering that
# without asking the database also keeps the LIKE pattern within SQLite's 50000-byte limit
# (past it SQLite fails the statement: a 5xx).
UNMATCHABLE_DESCRIPTION = 2 * MAX_DESCRIPTION_LENGTH
# Ids are int64 in the database; a larger JSON number is a bad filter, not a database error.
Id = Annotated[int, msgspec.Meta(ge=1, le=2**63 - 1)]
# Durations and row numbers: bounded so arithmetic and SQL parameters stay in int64.
Bounded = Annotated[int, msgspec.Meta(ge=-(2**53), le=2**53)]


class ReportBody(msgspec.Struct, kw_only=True):
    """Every field of every report body; unknown keys are ignored, as Toggl does."""

    start_date: str | UnsetType | None = UNSET
    end_date: str | UnsetType | None = UNSET
    user_ids: list[Id] | UnsetType | None = UNSET
    project_ids: list[Id | None] | UnsetType | None = UNSET
    client_ids: list[Id | None] | UnsetType | None = UNSET
    task_ids: list[Id | None] | UnsetType | None = UNSET
    tag_ids: list[Id | None] | UnsetType | None = UNSET
    group_ids: list[Id | None] | UnsetType | None = UNSET
    time_entry_ids: list[Id] | UnsetType | None = UNSET
    description: str | UnsetType | None = UNSET
    billable: bool | UnsetType | None = UNSET
    min_duration_seconds: Bounded | UnsetType | None = UNSET
    max_duration_seconds: Bounded | UnsetType | None = UNSET
    rounding: Bounded | UnsetType | None = UNSET
    rounding_minutes: Bounded | UnsetType | None = UNSET
    # Detailed and totals.
    grouped: bool | UnsetType | None = UNSET
    hide_amounts: bool | UnsetType | None = UNSET
    enrich_response: bool | UnsetType | None = UNSET
    order_by: str | UnsetType | None = UNSET
    order_dir: str | UnsetType | None = UNSET
    page_size: Bounded | UnsetType | None = UNSET
    first_id: Bounded | UnsetType | None = UNSET
    first_row_number: Bounded | UnsetType | None = UNSET
    first_timestamp: Bounded | UnsetType | None = UNSET
    with_graph: bool | UnsetType | None = UNSET
    resolution: str | UnsetType | None = UNSET
    granularity: str | UnsetType | None = UNSET
    # Summary.
    grouping: str | UnsetType | None = UNSET
    sub_grouping: str | UnsetType | None = UNSET
    include_time_entry_ids: bool | UnsetType | None = UNSET
    distinguish_rates: bool | UnsetType | None = UNSET
    # Exports.
    duration_format: str | UnsetType | None = UNSET
    collapse: bool | UnsetType | None = UNSET
    hide_rates: bool | UnsetType | None = UNSET
    calculate: str | UnsetType | None = UNSET
    group_by_task: bool | UnsetType | None = UNSET


def given(value: T | UnsetType | None) -> T | None:
    """A body field's value, or None when it was absent or null."""
    return None if isinstance(value, UnsetType) else value


def invalid(parameter: str, allowed: tuple[object, ...] | list[object]) -> BadRequest:
    """Toggl's `Invalid '<param>' value, allowed values are: '<v1>', '<v2>'`."""
    values = "', '".join(str(value) for value in allowed)
    return BadRequest(f"Invalid '{parameter}' value, allowed values are: '{values}'")


def choice(value: str | UnsetType | None, parameter: str, allowed: tuple[str, ...]) -> str:
    """An enumerated string field (case-insensitive); the first allowed value by default."""
    if value is UNSET or value is None:
        return allowed[0]
    lowered = value.lower()
    if lowered not in allowed:
        raise invalid(parameter, allowed)
    return lowered


def parse_body(body: bytes) -> ReportBody:
    """The decoded body; `{}` and a body without dates is Toggl's "At least one parameter"."""
    return decode_body(body, ReportBody)


def date_range(body: ReportBody) -> tuple[dt.date, dt.date]:
    """`start_date` and the inclusive `end_date` (the start day when absent)."""
    start = _date(body.start_date, "start_date")
    end = _date(body.end_date, "end_date")
    if start is None:
        raise BadRequest(AT_LEAST_ONE)
    end = end or start
    if end < start:
        raise invalid("end_date", ["after start_date"])
    return start, end


def _date(value: str | UnsetType | None, name: str) -> dt.date | None:
    if value is UNSET or value is None:
        return None
    try:
        date = parse_date(value)
    except ValueError:
        date = None
    # Bounded so that day arithmetic and epoch seconds stay in range.
    if date is None or not 1970 <= date.year <= 9998:
        raise invalid(name, ["YYYY-MM-DD"])
    return date


def filters_from(body: ReportBody, zone: ZoneInfo) -> ReportFilters:
    """The domain filters: dates become instants at midnight in the caller's timezone.

    An empty id list filters nothing, like an absent one (Toggl's Go `len(ids) > 0`).
    """
    start, end = date_range(body)
    minimum = given(body.min_duration_seconds)
    maximum = given(body.max_duration_seconds)
    if minimum is not None and maximum is not None and minimum > maximum:
        raise invalid("max_duration_seconds", ["greater than min_duration_seconds"])
    description = given(body.description)
    for ids in (
        body.user_ids,
        body.project_ids,
        body.client_ids,
        body.task_ids,
        body.tag_ids,
        body.time_entry_ids,
        body.group_ids,
    ):
        # Toggl's cap; it also keeps every statement within the engines' parameter limits.
        if isinstance(ids, list) and len(ids) > MAX_IDS:
            raise BadRequest(f"Maximum count of posted IDs is {MAX_IDS}")
    user_ids = given(body.user_ids) or None
    groups = given(body.group_ids) or []
    if groups and None not in groups:
        # Punchclock has no user groups: asking for members of some group matches nobody,
        # while `[null]` ("in no group") matches everyone.
        user_ids = []
    if description and len(description) > UNMATCHABLE_DESCRIPTION:
        user_ids = []  # matches nobody, like an unknown group
    return ReportFilters(
        start=day_start(start, zone),
        # The day after `end` begins at its own midnight: DST days are 23 or 25 hours long.
        end=day_start(end + dt.timedelta(days=1), zone),
        user_ids=user_ids,
        project_ids=given(body.project_ids) or None,
        client_ids=given(body.client_ids) or None,
        task_ids=given(body.task_ids) or None,
        tag_ids=given(body.tag_ids) or None,
        time_entry_ids=given(body.time_entry_ids) or None,
        billable=given(body.billable),
        description=description if description else None,
        min_duration=minimum,
        max_duration=maximum,
    )


def rounding_from(body: ReportBody) -> Rounding | None:
    """The rounding projection asked for: `rounding` -1 down, 1 up, 0 (default) none."""
    direction = given(body.rounding)
    minutes = given(body.rounding_minutes)
    if direction is not None and direction not in ROUNDING_DIRECTIONS:
        raise invalid("rounding", ROUNDING_DIRECTIONS)
    if minutes is not None and minutes not in ROUNDING_MINUTES:
        raise invalid("rounding_minutes", ROUNDING_MINUTES)
    if not direction or not minutes:
        return None
    return Rounding(direction=direction, minutes=minutes)
