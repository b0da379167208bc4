"""Weekly report (§13): POST .../weekly/time_entries and its CSV export.

One row per (user, project) with seven per-day arrays (`reports/weekly.py`); day 0 is
`start_date`. `end_date` defaults to `start_date` + 6 days; a longer range is refused
(Punchclock's choice: Toggl's arrays are fixed at seven days and nothing shows what it does
with more).
"""

from __future__ import annotations

import datetime as dt

import msgspec
from litestar import Response, post
from msgspec import UNSET

from punchclock.api.http import json_response
from punchclock.api.openapi_document import CSV, doc
from punchclock.api.reports_v3.context import ReportContext
from punchclock.api.reports_v3.exports import csv_response, duration_format
from punchclock.api.reports_v3.filters import ReportBody, choice, date_range, given, invalid
from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.errors import BadRequest
from punchclock.reports.csv_files import csv_bytes, format_amount, format_duration
from punchclock.reports.rules import day_start, local_day
from punchclock.reports.weekly import WEEK_DAYS, week_rows
from punchclock.users.models import User

PATH = "/workspace/{workspace_id:str}/weekly/time_entries"
CALCULATE = ("time", "amounts")
# Fields of the detailed and summary reports, checked in this order (the first sent is named).
UNSUPPORTED = (
    "grouped",
    "order_by",
    "order_dir",
    "page_size",
    "first_id",
    "first_row_number",
    "first_timestamp",
    "grouping",
    "sub_grouping",
    "include_time_entry_ids",
    "distinguish_rates",
    "with_graph",
    "resolution",
    "granularity",
    "enrich_response",
)


class WeeklyRow(msgspec.Struct):
    """Toggl's `weekly.DataRow`, keys in its order."""

    user_id: int
    user_name: str
    project_id: int | None
    project_name: str | None
    project_color: str | None
    project_hex_color: str | None
    client_name: str | None
    planned_task_id: None
    currency: str
    hourly_rate_in_cents: int | None
    seconds: list[int]
    billable_seconds: list[int]
    billable_amounts_in_cents: list[int] | None


def _context(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> ReportContext:
    """The checked request, its range widened to the week and at most seven days long."""
    report = ReportContext(workspace_id, body, user, uow, clock)
    for name in UNSUPPORTED:
        if getattr(report.body, name) is not UNSET:
            raise BadRequest(f"The '{name}' parameter is not supported")
    start, end = date_range(report.body)
    if given(report.body.end_date) is None:
        end = start + dt.timedelta(days=WEEK_DAYS - 1)
    if (end - start).days >= WEEK_DAYS:
        raise invalid("end_date", ["at most 6 days after start_date"])
    # The day after `end` begins at its own midnight (DST days are not 24 h long).
    report.filters = msgspec.structs.replace(
        report.filters, end=day_start(end + dt.timedelta(days=1), report.zone)
    )
    return report


def weekly_rows(report: ReportContext) -> list[WeeklyRow]:
    """The rows, ordered by user name then project name (no project last), ties by id."""
    facts = report.facts()
    names = report.names(facts)
    first = local_day(report.filters.start, report.zone)
    rows = []
    for row in week_rows(facts, names, report.zone, first, amounts_shown=report.amounts_shown):
        project = names.projects.get(row.project_id) if row.project_id is not None else None
        client_id = project[2] if project else None
        rows.append(
            WeeklyRow(
                user_id=row.user_id,
                user_name=names.users.get(row.user_id, ("", ""))[0],
                project_id=row.project_id,
                project_name=project[0] if project else None,
                project_color=project[1] if project else None,
                project_hex_color=project[1] if project else None,
                client_name=names.clients.get(client_id) if client_id else None,
                planned_task_id=None,
                currency=report.currency,
                hourly_rate_in_cents=row.rate,
                seconds=row.seconds,
                billable_seconds=row.billable_seconds,
                billable_amounts_in_cents=row.cents,
            )
        )
    return rows


@post(PATH, sync_to_thread=False, status_code=200, opt=doc(ReportBody))
def weekly_handler(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """A bare array of rows, each with seven days of seconds, billable seconds and amounts."""
    report = _context(workspace_id, body, user, uow, clock)
    response = json_response(weekly_rows(report))
    report.set_range_headers(response)
    return response


@post(PATH + ".csv", sync_to_thread=False, status_code=200, opt=doc(ReportBody, media_type=CSV))
def weekly_csv_handler(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """Punchclock's layout (Toggl's is unverified): User, Project, Client, seven days, Total."""
    report = _context(workspace_id, body, user, uow, clock)
    style = duration_format(report.body)
    calculate = choice(report.body.calculate, "calculate", CALCULATE)
    first = local_day(report.filters.start, report.zone)
    dates = [(first + dt.timedelta(days=i)).isoformat() for i in range(WEEK_DAYS)]
    lines = []
    for row in weekly_rows(report):
        if calculate == "amounts":
            amounts = row.billable_amounts_in_cents
            cells = [format_amount(amounts[i] if amounts else None) for i in range(WEEK_DAYS)]
            total = format_amount(sum(amounts) if amounts is not None else None)
        else:
            cells = [format_duration(seconds, style) for seconds in row.seconds]
            total = format_duration(sum(row.seconds), style)
        project = row.project_name if row.project_id is not None else "Without project"
        lines.append([row.user_name, project or "", row.client_name or "", *cells, total])
    header = ["User", "Project", "Client", *dates, "Total"]
    response = csv_response(csv_bytes(header, lines), "Toggl_time_entries_weekly.csv")
    report.set_range_headers(response)
    return response


ROUTES = [weekly_handler, weekly_csv_handler]
