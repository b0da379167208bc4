"""Summary report (§13): POST .../summary/time_entries and its CSV export.

Toggl documents the request and the pairs of groupings, not every key of a sub-group
(docs/reports-v3-evidence.md §1), so these are Punchclock's decisions:

- `grouping` is projects (default), users or clients; `sub_grouping` defaults to time_entries
  and must be one of the pair's allowed values (Toggl v2's table). Both are case-insensitive.
- A group's `id` is the project, user or client id; null means "no project" or "no client"
  (with clients, an entry's client is its project's).
- A sub-group is `{id, title?, seconds, ids?, rates}`:
  - sub_grouping time_entries: `id` null and `title` the description; entries with the same
    description (case-sensitive) share a sub-group, and "" and null descriptions are one.
  - other sub_groupings: `id` the task, user, project or client id (null: none); no `title`.
  - `ids`: the entries' ids, ascending, only with `include_time_entry_ids`.
  - `rates`: billable seconds per known hourly rate, by rate; `[]` when amounts are hidden
    (workspace setting for members, or `hide_amounts`) or nothing billable has a rate.
  - `distinguish_rates`: one sub-group per hourly rate of billable time, plus one for time
    without a billable rate. Ignored when amounts are hidden (the split would show rates).
- Groups and sub-groups are ordered by name, case-insensitively (a time_entries sub-group by
  its title), then case-sensitively, then by id and rate; null ids and "" titles come last.
- The CSV ("Punchclock layout"; Toggl's is unverified) has one line per sub-group: the group's
  title columns, the sub-group's, `Duration` and `Amount (<currency>)`. Projects take
  `Project,Client` (only `Project` under a client group, so no column repeats), clients
  `Client`, users `User`, tasks `Task`, time_entries `Description`. Missing names read
  `Without project`, `Without client`, `Without task`. The amount is the sum of each
  billable entry's rounded amount (as in totals and the detailed report), and empty when
  hidden or nothing billable has a rate.
"""

from __future__ import annotations

import msgspec
from litestar import Response, post
from msgspec import UNSET, UnsetType

from punchclock.api.http import json_response
from punchclock.api.openapi_document import CSV, doc
from punchclock.api.reports_v3.context import ReportContext
from punchclock.api.reports_v3.exports import csv_response, duration_format
from punchclock.api.reports_v3.filters import ReportBody, choice
from punchclock.api.reports_v3.totals import RateOut
from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.reports.csv_files import SUMMARY_FILENAME, summary_csv
from punchclock.reports.models import Names
from punchclock.reports.summary import Group, GroupBy, summarize
from punchclock.users.models import User

PATH = "/workspace/{workspace_id:str}/summary/time_entries"
GROUPINGS = ("projects", "users", "clients")
SUB_GROUPINGS = {
    "projects": ("time_entries", "tasks", "users"),
    "clients": ("time_entries", "tasks", "projects", "users"),
    "users": ("time_entries", "tasks", "projects", "clients"),
}
# Toggl's names for what a summary groups by.
GROUP_BY: dict[str, GroupBy] = {
    "projects": "project",
    "users": "user",
    "clients": "client",
    "tasks": "task",
    "time_entries": "description",
}


class SubGroupOut(msgspec.Struct, kw_only=True):
    """One sub-group; `title` only for time_entries, `ids` only when asked for."""

    id: int | None
    title: str | UnsetType = UNSET
    seconds: int
    ids: list[int] | UnsetType = UNSET
    rates: list[RateOut]


class GroupOut(msgspec.Struct):
    """One group: a project, user or client (null: none)."""

    id: int | None
    sub_groups: list[SubGroupOut]


class SummaryOut(msgspec.Struct):
    """Toggl's `summary.ReportData`."""

    groups: list[GroupOut]


def _groupings(report: ReportContext) -> tuple[str, str]:
    grouping = choice(report.body.grouping, "grouping", GROUPINGS)
    sub_grouping = choice(report.body.sub_grouping, "sub_grouping", SUB_GROUPINGS[grouping])
    return grouping, sub_grouping


def _summary(report: ReportContext, grouping: str, sub: str) -> tuple[list[Group], Names]:
    facts = report.facts()
    names = report.names(facts)
    by, sub_by = GROUP_BY[grouping], GROUP_BY[sub]
    distinguish = bool(report.body.distinguish_rates)
    return summarize(facts, names, by, sub_by, distinguish_rates=distinguish), names


def _headers(response: Response[bytes], report: ReportContext, grouping: str, sub: str) -> None:
    response.headers["X-Grouping"] = grouping
    response.headers["X-Sub-Grouping"] = sub
    report.set_range_headers(response)


@post(PATH, sync_to_thread=False, status_code=200, opt=doc(ReportBody))
def summary_handler(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """Seconds of the matching entries by group and sub-group."""
    report = ReportContext(workspace_id, body, user, uow, clock)
    grouping, sub_grouping = _groupings(report)
    summary, _names = _summary(report, grouping, sub_grouping)
    with_ids = bool(report.body.include_time_entry_ids)
    currency = report.currency
    out = SummaryOut(
        groups=[
            GroupOut(
                id=group.value if isinstance(group.value, int) else None,
                sub_groups=[
                    SubGroupOut(
                        id=sub.value if isinstance(sub.value, int) else None,
                        title=sub.value if isinstance(sub.value, str) else UNSET,
                        seconds=sub.seconds,
                        ids=sorted(sub.ids) if with_ids else UNSET,
                        rates=[
                            RateOut(
                                billable_seconds=seconds,
                                currency=currency,
                                hourly_rate_in_cents=rate,
                            )
                            for rate, seconds in sorted(sub.rates.items())
                        ],
                    )
                    for sub in group.sub_groups
                ],
            )
            for group in summary
        ]
    )
    response = json_response(out)
    _headers(response, report, grouping, sub_grouping)
    return response


@post(PATH + ".csv", sync_to_thread=False, status_code=200, opt=doc(ReportBody, media_type=CSV))
def summary_csv_handler(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """The summary as CSV: one line per sub-group (Punchclock layout)."""
    report = ReportContext(workspace_id, body, user, uow, clock)
    grouping, sub_grouping = _groupings(report)
    summary, names = _summary(report, grouping, sub_grouping)
    by, sub_by = GROUP_BY[grouping], GROUP_BY[sub_grouping]
    content = summary_csv(summary, names, by, sub_by, report.currency, duration_format(report.body))
    response = csv_response(content, SUMMARY_FILENAME)
    _headers(response, report, grouping, sub_grouping)
    return response


ROUTES = [summary_handler, summary_csv_handler]
