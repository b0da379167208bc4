"""What the reports page was asked for: the date range (a preset or custom dates) and filters.

Pure: the query string in, a checked `ReportQuery` out, or `ReportInputError` with a message
the page shows in its alert. Nothing here reads the database (which ids exist is checked by
`reports_view.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from punchclock.reports.rules import week_start

# (value, label); "custom" is any other pair of dates.
PRESETS = (
    ("today", "Today"),
    ("this_week", "This week"),
    ("last_week", "Last week"),
    ("this_month", "This month"),
    ("last_month", "Last month"),
    ("this_year", "This year"),
)
DEFAULT_PRESET = "this_week"
# A leap year: "this year" always fits, a longer range would make a page of megabytes.
MAX_DAYS = 366
BREAKDOWNS = ("project", "client", "user")
NONE = "none"  # a filter's value for "without project/client/tag"
# ASCII digits only: `\d` also matches other scripts' digits, which int() then reads.
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_ID = re.compile(r"^[1-9][0-9]{0,17}$")
_PAGE = re.compile(r"^[1-9][0-9]{0,5}$")
# The query keys the form sends, in the order links carry them.
FILTER_KEYS = ("project", "client", "tag", "user", "billable", "by")


class ReportInputError(Exception):
    """A query the page cannot report on; `message` tells the user what to fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ReportQuery:
    """A checked query: the inclusive days and the filters (None: not filtered)."""

    first: dt.date
    last: dt.date
    project_ids: list[int | None] | None
    client_ids: list[int | None] | None
    tag_ids: list[int | None] | None
    user_id: int | None
    billable: bool | None
    by: str
    page: int
    # The raw filter values, to fill the form and build links with.
    raw: dict[str, str]

    @property
    def days(self) -> int:
        """How many days the range covers."""
        return (self.last - self.first).days + 1

    @property
    def filtered(self) -> bool:
        """Whether any filter narrows the report."""
        filters = (self.project_ids, self.client_ids, self.tag_ids, self.user_id, self.billable)
        return any(value is not None for value in filters)

    def params(self, **changes: str | int) -> dict[str, str]:
        """The query string of this report (explicit dates), with `changes` applied."""
        params = {"start": self.first.isoformat(), "end": self.last.isoformat()}
        params.update({key: value for key, value in self.raw.items() if value})
        params.update({key: str(value) for key, value in changes.items()})
        return {key: value for key, value in params.items() if value}

    def href(self, path: str, **changes: str | int) -> str:
        """A link to `path` with this report's query."""
        return f"{path}?{urlencode(self.params(**changes))}"


def preset_range(preset: str, today: dt.date, beginning_of_week: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a preset, around `today` in the viewer's timezone."""
    if preset == "today":
        return today, today
    if preset in ("this_week", "last_week"):
        first = week_start(today, beginning_of_week)
        if preset == "last_week":
            first -= dt.timedelta(days=7)
        return first, first + dt.timedelta(days=6)
    if preset == "this_month":
        return today.replace(day=1), _month_end(today)
    if preset == "last_month":
        last = today.replace(day=1) - dt.timedelta(days=1)
        return last.replace(day=1), last
    if preset == "this_year":
        return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    raise ReportInputError("Choose a date range from the list.")


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def matching_preset(
    first: dt.date, last: dt.date, today: dt.date, beginning_of_week: int
) -> str | None:
    """The preset these days are, if any (a link to it is then the current one)."""
    for value, _label in PRESETS:
        if preset_range(value, today, beginning_of_week) == (first, last):
            return value
    return None


def parse_day(text: str, label: str) -> dt.date:
    """A YYYY-MM-DD date typed or sent for the field `label`."""
    value = text.strip()
    try:
        day = dt.date.fromisoformat(value) if _DATE.match(value) else None
    except ValueError:
        day = None
    # Within the years the report code can turn into instants.
    if day is None or not 1970 <= day.year <= 9998:
        raise ReportInputError(f"{label} is not a valid date: use the form YYYY-MM-DD.")
    return day


def _ids(raw: str, what: str) -> list[int | None] | None:
    if not raw:
        return None
    if raw == NONE:
        return [None]
    if not _ID.match(raw):
        raise ReportInputError(f"That {what} is not valid. Choose one from the list.")
    return [int(raw)]


def _billable(raw: str) -> bool | None:
    if raw not in ("", "yes", "no"):
        raise ReportInputError("Choose whether to show billable time from the list.")
    return None if not raw else raw == "yes"


def date_range(
    args: Mapping[str, str], today: dt.date, beginning_of_week: int
) -> tuple[dt.date, dt.date]:
    """The days asked for: custom `start`/`end`, else the `range` preset (this week)."""
    start, end = args.get("start", "").strip(), args.get("end", "").strip()
    if not start and not end:
        return preset_range(args.get("range") or DEFAULT_PRESET, today, beginning_of_week)
    if not start:
        raise ReportInputError("Enter a start date for the custom range.")
    first = parse_day(start, "The start date")
    # Only a start date: that one day, as the Reports API reads a missing end_date.
    last = parse_day(end, "The end date") if end else first
    if last < first:
        raise ReportInputError("The end date is before the start date.")
    if (last - first).days + 1 > MAX_DAYS:
        raise ReportInputError(f"The range is longer than a year ({MAX_DAYS} days at most).")
    return first, last


def parse_query(args: Mapping[str, str], today: dt.date, beginning_of_week: int) -> ReportQuery:
    """The checked query; ReportInputError for anything the page cannot report on."""
    raw = {key: args.get(key, "").strip() for key in FILTER_KEYS}
    first, last = date_range(args, today, beginning_of_week)
    user = raw["user"]
    if user and not _ID.match(user):
        raise ReportInputError("That member is not valid. Choose one from the list.")
    by = raw["by"] or BREAKDOWNS[0]
    if by not in BREAKDOWNS:
        raise ReportInputError("Choose what to break the time down by from the list.")
    page = args.get("page", "").strip() or "1"
    if not _PAGE.match(page):
        raise ReportInputError("That page of entries does not exist.")
    return ReportQuery(
        first=first,
        last=last,
        project_ids=_ids(raw["project"], "project"),
        client_ids=_ids(raw["client"], "client"),
        tag_ids=_ids(raw["tag"], "tag"),
        user_id=int(user) if user else None,
        billable=_billable(raw["billable"]),
        by=by,
        page=int(page),
        raw=raw,
    )
