"""Report rules: who may see which entries and amounts; facts with rounding applied."""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import Connection

from punchclock.errors import Forbidden
from punchclock.reports.models import Fact, Names, Rates, ReportFilters, Rounding
from punchclock.reports.repository import ReportRepository
from punchclock.reports.rules import rounded_seconds
from punchclock.users.models import User
from punchclock.workspaces.models import Workspace
from punchclock.workspaces.repository import WorkspaceRepository

WORKSPACE_NOT_ACCESSIBLE = "Workspace not found/accessible"


class ReportScope(msgspec.Struct, kw_only=True):
    """One caller's view of one workspace's reports."""

    workspace: Workspace
    is_admin: bool
    # Billable rates and amounts are shown unless the workspace hides them from members.
    show_amounts: bool


class ReportService:
    """Access-checked report facts."""

    def __init__(self, conn: Connection) -> None:
        self.workspaces = WorkspaceRepository(conn)
        self.repo = ReportRepository(conn)

    def scope(self, user: User, workspace_id: int) -> ReportScope:
        """The caller's access to the workspace's reports, or 403."""
        membership = self.workspaces.membership(workspace_id, user.id)
        workspace = self.workspaces.get_workspace(workspace_id) if membership else None
        if membership is None or workspace is None:
            raise Forbidden(WORKSPACE_NOT_ACCESSIBLE)
        is_admin = membership.is_admin
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
        **order: Any,
    ) -> list[Fact]:
        """The entries the caller may see that match, with `seconds` rounded per entry."""
        if not scope.is_admin:
            # Members see their own time only (private projects of others stay private).
            own = [user.id] if filters.user_ids is None or user.id in filters.user_ids else []
            filters = msgspec.structs.replace(filters, user_ids=own)
        rows = self.repo.facts(scope.workspace.id, filters, **order)
        # A year of a workspace is ~10k rows with a few dozen distinct tag sets: parse each
        # set once (the lists are shared and never mutated).
        tag_sets: dict[str | None, list[int]] = {None: [], "": []}
        facts = []
        for (
            id_,
            user_id,
            project_id,
            task_id,
            client_id,
            billable,
            desc,
            tags,
            start,
            stop,
            at,
        ) in rows:
            tag_ids = tag_sets.get(tags)
            if tag_ids is None:
                tag_ids = tag_sets[tags] = [int(tag) for tag in tags.split(",")]
            seconds = stop - start
            if rounding is not None:
                seconds = rounded_seconds(seconds, rounding)
            facts.append(
                Fact(
                    id_,
                    user_id,
                    project_id,
                    task_id,
                    client_id,
                    bool(billable),
                    desc,
                    tag_ids,
                    start,
                    stop,
                    at,
                    seconds,
                )
            )
        return facts

    def names(self, scope: ReportScope, facts: list[Fact]) -> Names:
        """Names for everything these facts mention."""
        return self.repo.names(scope.workspace.id, sorted({fact.user_id for fact in facts}))

    def rates(self, scope: ReportScope) -> Rates | None:
        """Hourly rates, or None when the caller may not see them."""
        if not scope.show_amounts:
            return None
        return self.repo.rates(scope.workspace.id, scope.workspace.default_hourly_rate)
