"""Project rules with access checks: listing, reading and creating a workspace's projects."""

from __future__ import annotations

import time
from typing import Any, TypeVar

from msgspec import UNSET, UnsetType
from sqlalchemy import Connection

from punchclock.clients.repository import ClientRepository
from punchclock.clients.service import ClientService
from punchclock.clock import Clock
from punchclock.errors import BadRequest, Forbidden, NotFound
from punchclock.projects import rules
from punchclock.projects.models import Project, ProjectDraft, ProjectQuery, ProjectView
from punchclock.projects.repository import ProjectRepository
from punchclock.users.models import User
from punchclock.workspaces.repository import WorkspaceRepository
from punchclock.workspaces.service import WorkspaceService

T = TypeVar("T")


class ProjectService:
    """Everything a workspace member may do with projects."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.conn = conn
        self.clock = clock
        self.repo = ProjectRepository(conn)
        self.clients = ClientRepository(conn)
        self.workspaces = WorkspaceService(conn, clock)
        self.workspace_repo = WorkspaceRepository(conn)

    def list_page(self, user: User, workspace_id: int, query: ProjectQuery) -> list[ProjectView]:
        """One page of the workspace's projects."""
        self.workspaces.require_member(user.id, workspace_id)
        return self.views(self.repo.list_page(workspace_id, query))

    def get(self, user: User, workspace_id: int, project_id: int) -> ProjectView:
        """One live project of the workspace; 404 when unknown or elsewhere."""
        self.workspaces.require_member(user.id, workspace_id)
        project = self.repo.get(project_id) if project_id <= rules.MAX_ID else None
        if project is None or project.workspace_id != workspace_id:
            raise NotFound(rules.PROJECT_NOT_FOUND)
        return self.views([project])[0]

    def create(self, user: User, workspace_id: int, draft: ProjectDraft) -> ProjectView:
        """A new project; unset fields take the workspace's defaults."""
        membership = self.workspaces.require_member(user.id, workspace_id)
        workspace = self.workspace_repo.get_workspace(workspace_id)
        assert workspace is not None  # a membership implies a live workspace
        if workspace.only_admins_may_create_projects and not membership.is_admin:
            raise Forbidden(rules.ONLY_ADMINS)
        name = rules.clean_name(_given(draft.name))
        color = rules.DEFAULT_COLOR if draft.color is UNSET else rules.clean_color(draft.color)
        client_id = self._client_id(user, workspace_id, draft)
        # Toggl v9 allows one name under different clients (toggldesktop#1858, mobileapp#4401).
        if self.repo.name_taken(workspace_id, client_id, name):
            raise BadRequest(rules.NAME_TAKEN)
        start_date = self._today() if draft.start_date is UNSET else draft.start_date.isoformat()
        end_date = None if draft.end_date is UNSET else draft.end_date.isoformat()
        rules.check_timeframe(start_date, end_date)
        now = self.clock.now_us()
        values: dict[str, Any] = {
            "workspace_id": workspace_id,
            "client_id": client_id,
            "name": name,
            # Toggl answered `active:false` for a bare {"name"}; clients expect true (q. 27).
            "active": _or(draft.active, True),
            "is_private": _or(draft.is_private, workspace.projects_private_by_default),
            "color": color,
            # Toggl answered `billable:null` for a bare {"name"} in a free workspace, and
            # Punchclock reports `premium:false`: togglcli then refuses to save an entry that
            # inherits billable=true ("premium field 'TimeEntry.billable'", exit 42).
            "billable": _given(draft.billable),
            "template": _given(draft.template),
            "auto_estimates": _given(draft.auto_estimates),
            "estimated_seconds": (
                None
                if draft.estimated_seconds is UNSET
                else rules.check_estimate(draft.estimated_seconds)
            ),
            "rate": None if draft.rate is UNSET else rules.clean_money(draft.rate, "rate"),
            "currency": None if draft.currency is UNSET else rules.clean_currency(draft.currency),
            "fixed_fee": (
                None
                if draft.fixed_fee is UNSET
                else rules.clean_money(draft.fixed_fee, "fixed_fee")
            ),
            "recurring": _or(draft.recurring, False),
            "start_date": start_date,
            "end_date": end_date,
            "creator_id": user.id,
            "created_at": now,
            "at": now,
        }
        project = self.repo.get(self.repo.insert(values))
        assert project is not None
        return self.views([project])[0]

    def for_workspaces(self, workspace_ids: list[int]) -> list[ProjectView]:
        """Live projects of workspaces the caller is already known to belong to."""
        return self.views(self.repo.list_in_workspaces(workspace_ids))

    def views(self, projects: list[Project]) -> list[ProjectView]:
        """Projects with their tracked time and status as of today (UTC)."""
        tracked = self.repo.tracked_seconds(
            sorted({p.workspace_id for p in projects}), [p.id for p in projects]
        )
        today = self._today()
        return [ProjectView(p, tracked.get(p.id, 0), rules.status(p, today)) for p in projects]

    def _client_id(self, user: User, workspace_id: int, draft: ProjectDraft) -> int | None:
        client_id = _given(draft.client_id) or None  # some clients send 0 for "no client"
        client_name = (_given(draft.client_name) or "").strip()
        if client_id is not None and client_name:
            raise BadRequest(rules.BOTH_CLIENT_FORMS)
        if client_name:
            # Toggl files the project under the named client, creating it when missing.
            existing = self.clients.id_by_name(workspace_id, client_name)
            if existing is not None:
                return existing
            return (
                ClientService(self.conn, self.clock)
                .create(user, workspace_id, client_name, None)
                .id
            )
        if client_id is None:
            return None
        client = self.clients.get(client_id) if 0 < client_id <= rules.MAX_ID else None
        if client is None or client.workspace_id != workspace_id:
            raise BadRequest(rules.client_missing(client_id, workspace_id))
        return client_id

    def _today(self) -> str:
        # Toggl's create-time start_date is today in UTC (open question 11).
        return time.strftime("%Y-%m-%d", time.gmtime(self.clock.now_us() // 1_000_000))


def _given(value: T | UnsetType) -> T | None:
    """None for UNSET, else the value."""
    return None if isinstance(value, UnsetType) else value


def _or(value: T | UnsetType, default: T) -> T:
    """The value, or the default when not given."""
    return default if isinstance(value, UnsetType) else value
