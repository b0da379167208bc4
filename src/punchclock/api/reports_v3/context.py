"""What every report handler starts from: the parsed body, the caller's scope, the filters."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from litestar import Response

from punchclock.api.http import id_from_path
from punchclock.api.reports_v3.filters import (
    INVALID_WORKSPACE,
    ReportBody,
    filters_from,
    parse_body,
    rounding_from,
)
from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.reports.facts import price
from punchclock.reports.models import Fact, Names, Rates, ReportFilters, Rounding
from punchclock.reports.rules import local_day
from punchclock.reports.service import ReportScope, ReportService
from punchclock.users.models import User


class ReportContext:
    """One report request, checked: access first, then the body."""

    def __init__(
        self, workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
    ) -> None:
        wid = id_from_path(workspace_id, INVALID_WORKSPACE)
        self.user = user
        self.service = ReportService(uow.conn, clock)
        self.scope: ReportScope = self.service.scope(user, wid)
        self.body: ReportBody = parse_body(body)
        self.zone = ZoneInfo(user.timezone)
        self.filters: ReportFilters = filters_from(self.body, self.zone)
        self.rounding: Rounding | None = rounding_from(self.body)

    @property
    def currency(self) -> str:
        """The workspace's currency."""
        return self.scope.workspace.default_currency

    def facts(self, **order: Any) -> list[Fact]:
        """Matching entries the caller may see, rounded and priced; `order` is the repository's."""
        return self.service.facts(
            self.user, self.scope, self.filters, self.rounding, self.rates, **order
        )

    def unpriced_facts(self, **order: Any) -> list[Fact]:
        """As `facts`, without rates or amounts yet: for a result read whole to show a page."""
        return self.service.facts(self.user, self.scope, self.filters, self.rounding, None, **order)

    def price(self, facts: Iterable[Fact]) -> None:
        """Give unpriced facts, in place, the rates and amounts `facts` would have."""
        price(facts, self.rates)

    def names(self, facts: list[Fact]) -> Names:
        """Names for these facts."""
        return self.service.names(self.scope, facts)

    def set_range_headers(self, response: Response[bytes]) -> None:
        """`X-Range-Start` / `X-Range-End`: the days the report covers, in the caller's zone."""
        response.headers["X-Range-Start"] = local_day(self.filters.start, self.zone).isoformat()
        response.headers["X-Range-End"] = local_day(self.filters.end - 1, self.zone).isoformat()

    @cached_property
    def rates(self) -> Rates | None:
        """Rates, unless hidden by the workspace or by `hide_amounts`; read once."""
        if self.body.hide_amounts:
            return None
        return self.service.rates(self.scope)

    @property
    def amounts_shown(self) -> bool:
        """Whether the report shows rates and amounts (null otherwise)."""
        return self.rates is not None
