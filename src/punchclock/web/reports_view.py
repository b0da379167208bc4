"""Reads for the reports page, through the report domain: who may see what, the filters'
choices, and the report itself.

Access is the Reports API's (`ReportService`): members see their own time only, and rates
and amounts only where the workspace shows them to members.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.composition import client_service, project_service, tag_service
from punchclock.errors import Forbidden
from punchclock.reports.models import Fact, Names, Rates, ReportFilters
from punchclock.reports.rules import day_start, local_day
from punchclock.reports.service import ReportService
from punchclock.reports.summary import Group, GroupBy, summarize
from punchclock.reports.totals import default_resolution, totals
from punchclock.users.lookup import UserLookup
from punchclock.users.models import User
from punchclock.web import report_tables
from punchclock.web.charts import BarChart, bar_chart
from punchclock.web.report_query import NONE, ReportInputError, ReportQuery
from punchclock.web.report_tables import BreakdownRow, BucketRow, EntryLine
from punchclock.web.session import NO_WORKSPACE
from punchclock.workspaces.service import WorkspaceService

PAGE_SIZE = 50
_BREAKDOWN: dict[str, GroupBy] = {"project": "project", "client": "client", "user": "user"}


@dataclass(frozen=True)
class Choice:
    """One option of a filter: the value the form sends and what it reads."""

    value: str
    label: str


@dataclass(frozen=True)
class FilterChoices:
    """The options of every filter; `users` is empty for members (they see their own time)."""

    projects: list[Choice]
    clients: list[Choice]
    tags: list[Choice]
    users: list[Choice]


@dataclass(frozen=True)
class Report:
    """Everything the page shows for one query."""

    seconds: int
    tracked_days: int
    cents: int | None
    currency: str
    resolution: str
    chart: BarChart
    buckets: list[BucketRow]
    breakdown: list[BreakdownRow]
    entries: list[EntryLine]
    entry_count: int
    page: int
    pages: int

    @property
    def amounts_shown(self) -> bool:
        """Whether the viewer may see rates and amounts."""
        return self.cents is not None


class ReportsView:
    """The reports of the viewer's workspace, as the viewer may see them."""

    def __init__(self, conn: Connection, clock: Clock, user: User, workspace_id: int | None):
        if workspace_id is None:
            raise Forbidden(NO_WORKSPACE)
        self.conn = conn
        self.clock = clock
        self.user = user
        self.zone = ZoneInfo(user.timezone)
        self.service = ReportService(conn, clock)
        self.scope = self.service.scope(user, workspace_id)
        self.workspace_id = workspace_id

    @property
    def is_admin(self) -> bool:
        """Whether the viewer reports on every member (else on their own time)."""
        return self.scope.is_admin

    @property
    def today(self) -> dt.date:
        """Today in the viewer's timezone, by the app's clock."""
        return local_day(self.clock.now_us() // 1_000_000, self.zone)

    def choices(self) -> FilterChoices:
        """The workspace's projects (those the viewer may see), clients, tags and members."""
        wid = self.workspace_id
        clients = client_service(self.conn, self.clock).for_workspaces([wid])
        client_names = {client.id: client.name for client in clients}
        projects = [
            view.project
            for view in project_service(self.conn, self.clock).for_workspaces([wid], self.user)
        ]
        tags = tag_service(self.conn, self.clock).for_workspaces([wid])
        users: list[Choice] = []
        if self.is_admin:
            ids = WorkspaceService(self.conn, self.clock).member_ids(wid)
            members = UserLookup(self.conn).many(ids).values()
            users = _sorted(Choice(str(u.id), u.fullname or u.email) for u in members)
        return FilterChoices(
            projects=_sorted(
                Choice(
                    str(p.id),
                    p.name
                    + (f" · {client_names[p.client_id]}" if p.client_id in client_names else "")
                    + ("" if p.active else " (archived)"),
                )
                for p in projects
            ),
            clients=_sorted(
                Choice(str(c.id), c.name + (" (archived)" if c.archived else "")) for c in clients
            ),
            tags=_sorted(Choice(str(tag.id), tag.name) for tag in tags),
            users=users,
        )

    def check(self, query: ReportQuery, choices: FilterChoices) -> None:
        """ReportInputError for a filter naming something the viewer cannot choose."""
        for raw, options, what in (
            (query.raw["project"], choices.projects, "project"),
            (query.raw["client"], choices.clients, "client"),
            (query.raw["tag"], choices.tags, "tag"),
        ):
            if raw and raw != NONE and raw not in {choice.value for choice in options}:
                raise ReportInputError(f"There is no such {what} in this workspace.")
        if query.user_id is not None and query.user_id != self.user.id:
            if not self.is_admin:
                raise ReportInputError("Only workspace admins can report on other members.")
            if str(query.user_id) not in {choice.value for choice in choices.users}:
                raise ReportInputError("There is no such member in this workspace.")
        if query.by == "user" and not self.is_admin:
            raise ReportInputError("Only workspace admins can break time down by member.")

    def filters(self, query: ReportQuery) -> ReportFilters:
        """The domain filters: the days from midnight to midnight in the viewer's timezone."""
        return ReportFilters(
            start=day_start(query.first, self.zone),
            # The day after the last begins at its own midnight (DST days are not 24 h).
            end=day_start(query.last + dt.timedelta(days=1), self.zone),
            user_ids=[query.user_id] if query.user_id is not None else None,
            project_ids=query.project_ids,
            client_ids=query.client_ids,
            tag_ids=query.tag_ids,
            billable=query.billable,
        )

    def facts(self, query: ReportQuery) -> tuple[list[Fact], Names, Rates | None]:
        """The matching entries the viewer may see, newest first and priced, with names."""
        rates = self.service.rates(self.scope)
        facts = self.service.facts(self.user, self.scope, self.filters(query), None, rates)
        return facts, self.service.names(self.scope, facts), rates

    @property
    def currency(self) -> str:
        """The workspace's currency."""
        return self.scope.workspace.default_currency

    def breakdown_by(self, query: ReportQuery) -> GroupBy:
        """What the breakdown groups by."""
        return _BREAKDOWN[query.by]

    def groups(self, by: GroupBy, facts: list[Fact], names: Names) -> list[Group]:
        """The summary's groups, sub-grouped by description as the summary export's default."""
        return summarize(facts, names, by, "description", distinguish_rates=False)

    def report(self, query: ReportQuery) -> Report:
        """Totals, the chart, the breakdown and one page of entries."""
        facts, names, rates = self.facts(query)
        resolution = default_resolution(query.first, query.last)
        week_begins = self.user.beginning_of_week
        summed = totals(
            facts,
            self.zone,
            query.first,
            query.last,
            resolution=resolution,
            beginning_of_week=week_begins,
            amounts_shown=rates is not None,
            with_graph=True,
        )
        days = report_tables.bucket_days(query.first, query.last, resolution, week_begins)
        buckets = report_tables.bucket_rows(days, summed.graph, resolution)
        by = self.breakdown_by(query)
        groups = self.groups(by, facts, names)
        pages = max(1, math.ceil(len(facts) / PAGE_SIZE))
        page = min(query.page, pages)
        shown = facts[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        return Report(
            seconds=summed.seconds,
            tracked_days=summed.tracked_days,
            cents=summed.cents,
            currency=self.currency,
            resolution=resolution,
            chart=bar_chart([(row.tick, row.title, row.seconds) for row in buckets]),
            buckets=buckets,
            breakdown=report_tables.breakdown_rows(groups, names, by),
            entries=report_tables.entry_lines(shown, names, self.zone),
            entry_count=len(facts),
            page=page,
            pages=pages,
        )


def _sorted(choices: Iterable[Choice]) -> list[Choice]:
    return sorted(choices, key=lambda choice: (choice.label.casefold(), choice.value))
