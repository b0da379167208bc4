"""Report rules: who may see which entries and amounts; facts rounded and priced."""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.errors import Forbidden, NotFound
from punchclock.reports.facts import priced_facts
from punchclock.reports.models import Fact, Names, Rates, ReportFilters, Rounding
from punchclock.reports.repository import ReportRepository
from punchclock.users.models import User
from punchclock.workspaces.models import WORKSPACE_ADMIN, Workspace
from punchclock.workspaces.service import WorkspaceService

WORKSPACE_NOT_ACCESSIBLE = "Workspace not found/accessible"


class ReportScope(msgspec.Struct, kw_only=True):
    """One caller's view of one workspace's reports."""

    workspace: Workspace
    is_admin: bool
    # Billable rates and amounts are shown unless the workspace hides them from members.
    show_amounts: bool


class ReportService:
    """Access-checked report facts."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.workspaces = WorkspaceService(conn, clock)
        self.repo = ReportRepository(conn)

    def scope(self, user: User, workspace_id: int) -> ReportScope:
        """The caller's access to the workspace's reports, or 403."""
        try:
            # The membership check, and the live workspace with the caller's effective role.
            workspace, role = self.workspaces.get_for_member(user.id, workspace_id)
        except NotFound:
            # Where v9 answers 404, Toggl's Reports API answers 403, worded so.
            raise Forbidden(WORKSPACE_NOT_ACCESSIBLE) from None
        is_admin = role == WORKSPACE_ADMIN
        return ReportScope(
            workspace=workspace,
            is_admin=is_admin,
            show_amounts=is_admin or not workspace.only_admins_see_billable_rates,
        )

    def facts(
        self,
        user: User,
        scope: ReportScope,
        filters: ReportFilters,
        rounding: Rounding | None,
        rates: Rates | None,
        **order: Any,
    ) -> list[Fact]:
        """The entries the caller may see that match, rounded and priced at `rates` per entry.

        `rates` comes from `rates()`; None hides every rate and amount.
        """
        if not scope.is_admin:
            # Members see their own time only (private projects of others stay private).
            own = [user.id] if filters.user_ids is None or user.id in filters.user_ids else []
            filters = msgspec.structs.replace(filters, user_ids=own)
        return priced_facts(self.repo.facts(scope.workspace.id, filters, **order), rounding, rates)

    def names(self, scope: ReportScope, facts: list[Fact]) -> Names:
        """Names for everything these facts mention."""
        return self.repo.names(scope.workspace.id, sorted({fact.user_id for fact in facts}))

    def rates(self, scope: ReportScope) -> Rates | None:
        """Hourly rates, or None when the caller may not see them."""
        if not scope.show_amounts:
            return None
        return self.repo.rates(scope.workspace.id, scope.workspace.default_hourly_rate)
