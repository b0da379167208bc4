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

from collections.abc import Callable

import msgspec
from litestar import Response, post
from msgspec import UNSET, UnsetType

from punchclock.api.http import json_response
from punchclock.api.openapi_document import CSV, doc
from punchclock.api.reports_v3.context import ReportContext
from punchclock.api.reports_v3.exports import (
    csv_bytes,
    csv_response,
    duration_format,
    format_amount,
    format_duration,
)
from punchclock.api.reports_v3.filters import ReportBody, choice
from punchclock.api.reports_v3.totals import RateOut
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.reports.models import Fact, Names
from punchclock.reports.rules import amount_cents
from punchclock.users.models import User

PATH = "/workspace/{workspace_id:str}/summary/time_entries"
GROUPINGS = ("projects", "users", "clients")
SUB_GROUPINGS = {
    "projects": ("time_entries", "tasks", "users"),
    "clients": ("time_entries", "tasks", "projects", "users"),
    "users": ("time_entries", "tasks", "projects", "clients"),
}
# What a fact is grouped by, per grouping: an id (None: none) or, for entries, the description.
KEYS: dict[str, Callable[[Fact], int | str | None]] = {
    "projects": lambda fact: fact.project_id,
    "users": lambda fact: fact.user_id,
    "clients": lambda fact: fact.client_id,
    "tasks": lambda fact: fact.task_id,
    "time_entries": lambda fact: fact.description or "",
}
WITHOUT = {"projects": "Without project", "clients": "Without client", "tasks": "Without task"}


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


class Bucket:
    """What one sub-group adds up: seconds, entry ids, billable seconds per hourly rate."""

    __slots__ = ("cents", "ids", "rates", "seconds")

    def __init__(self) -> None:
        self.seconds = 0
        self.ids: list[int] = []
        self.rates: dict[int, int] = {}
        # Sum of each billable entry's own rounded amount, as every other report adds it up.
        self.cents: int | None = None


# A sub-group's key: its id or title, and its rate when rates are distinguished.
SubKey = tuple[int | str | None, int | None]
Summary = list[tuple[int | str | None, list[tuple[SubKey, Bucket]]]]


def _groupings(report: ReportContext) -> tuple[str, str]:
    grouping = choice(report.body.grouping, "grouping", GROUPINGS)
    sub_grouping = choice(report.body.sub_grouping, "sub_grouping", SUB_GROUPINGS[grouping])
    return grouping, sub_grouping


def name_of(kind: str, value: int | str | None, names: Names) -> str:
    """The display name of a group or sub-group value ("" when there is none)."""
    if isinstance(value, str) or value is None:
        return value or ""
    if kind == "projects":
        project = names.projects.get(value)
        return project[0] if project else ""
    if kind == "users":
        return names.users.get(value, ("", ""))[0]
    return (names.clients if kind == "clients" else names.tasks).get(value, "")


def _order(kind: str, names: Names) -> Callable[[int | str | None, int | None], tuple[object, ...]]:
    def key(value: int | str | None, rate: int | None) -> tuple[object, ...]:
        name = name_of(kind, value, names)
        number = value if isinstance(value, int) else 0
        return (value is None or value == "", name.casefold(), name, number, rate is None, rate)

    return key


def summarize(
    report: ReportContext, facts: list[Fact], names: Names, grouping: str, sub_grouping: str
) -> Summary:
    """The facts added up by group and sub-group, in one pass, then ordered."""
    rates = report.rates()
    distinguish = bool(report.body.distinguish_rates) and rates is not None
    group_of, sub_of = KEYS[grouping], KEYS[sub_grouping]
    groups: dict[int | str | None, dict[SubKey, Bucket]] = {}
    for fact in facts:
        rate = None
        if rates is not None and fact.billable:
            rate = rates.hourly_cents(fact.user_id, fact.project_id)
        subs = groups.setdefault(group_of(fact), {})
        sub_key = (sub_of(fact), rate if distinguish else None)
        bucket = subs.get(sub_key)
        if bucket is None:
            bucket = subs[sub_key] = Bucket()
        bucket.seconds += fact.seconds
        bucket.ids.append(fact.id)
        if rate is not None:
            bucket.rates[rate] = bucket.rates.get(rate, 0) + fact.seconds
            bucket.cents = (bucket.cents or 0) + (amount_cents(fact.seconds, rate) or 0)
    group_order, sub_order = _order(grouping, names), _order(sub_grouping, names)
    return [
        (group, sorted(subs.items(), key=lambda item: sub_order(*item[0])))
        for group, subs in sorted(groups.items(), key=lambda item: group_order(item[0], None))
    ]


def _headers(response: Response[bytes], report: ReportContext, grouping: str, sub: str) -> None:
    response.headers["X-Grouping"] = grouping
    response.headers["X-Sub-Grouping"] = sub
    report.set_range_headers(response)


@post(PATH, sync_to_thread=False, status_code=200, opt=doc(ReportBody))
def summary_handler(workspace_id: str, body: bytes, user: User, uow: UnitOfWork) -> Response[bytes]:
    """Seconds of the matching entries by group and sub-group."""
    report = ReportContext(workspace_id, body, user, uow)
    grouping, sub_grouping = _groupings(report)
    facts = report.facts()
    summary = summarize(report, facts, report.names(facts), grouping, sub_grouping)
    with_ids = bool(report.body.include_time_entry_ids)
    currency = report.currency
    out = SummaryOut(
        groups=[
            GroupOut(
                id=group if isinstance(group, int) else None,
                sub_groups=[
                    SubGroupOut(
                        id=value if isinstance(value, int) else None,
                        title=value if isinstance(value, str) else UNSET,
                        seconds=bucket.seconds,
                        ids=sorted(bucket.ids) if with_ids else UNSET,
                        rates=[
                            RateOut(
                                billable_seconds=seconds,
                                currency=currency,
                                hourly_rate_in_cents=rate,
                            )
                            for rate, seconds in sorted(bucket.rates.items())
                        ],
                    )
                    for (value, _rate), bucket in subs
                ],
            )
            for group, subs in summary
        ]
    )
    response = json_response(out)
    _headers(response, report, grouping, sub_grouping)
    return response


def _columns(kind: str, grouping: str) -> list[str]:
    if kind == "projects":
        return ["Project"] if grouping == "clients" else ["Project", "Client"]
    return {"clients": ["Client"], "users": ["User"], "tasks": ["Task"]}.get(kind, ["Description"])


def _cells(kind: str, grouping: str, value: int | str | None, names: Names) -> list[str]:
    name = name_of(kind, value, names) if value is not None else WITHOUT.get(kind, "")
    if kind != "projects" or grouping == "clients":
        return [name]
    project = names.projects.get(value) if isinstance(value, int) else None
    client = names.clients.get(project[2]) if project and project[2] else None
    return [name, client or WITHOUT["clients"]]


@post(PATH + ".csv", sync_to_thread=False, status_code=200, opt=doc(ReportBody, media_type=CSV))
def summary_csv_handler(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork
) -> Response[bytes]:
    """The summary as CSV: one line per sub-group (Punchclock layout)."""
    report = ReportContext(workspace_id, body, user, uow)
    grouping, sub_grouping = _groupings(report)
    style = duration_format(report.body)
    facts = report.facts()
    names = report.names(facts)
    lines = []
    for group, subs in summarize(report, facts, names, grouping, sub_grouping):
        group_cells = _cells(grouping, grouping, group, names)
        for (value, _rate), bucket in subs:
            lines.append(
                [
                    *group_cells,
                    *_cells(sub_grouping, grouping, value, names),
                    format_duration(bucket.seconds, style),
                    format_amount(bucket.cents),
                ]
            )
    header = [
        *_columns(grouping, grouping),
        *_columns(sub_grouping, grouping),
        "Duration",
        f"Amount ({report.currency})",
    ]
    response = csv_response(csv_bytes(header, lines), "Toggl_summary_time_entries.csv")
    _headers(response, report, grouping, sub_grouping)
    return response


ROUTES = [summary_handler, summary_csv_handler]
