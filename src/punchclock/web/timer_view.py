"""What the timer page shows: the running entry, the picker's choices, a week of entries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.composition import client_service, project_service, tag_service, task_service
from punchclock.errors import Forbidden
from punchclock.tasks.models import MyTasksQuery
from punchclock.time_entries.models import EntryView
from punchclock.time_entries.queries import TimeEntryQueries
from punchclock.users.models import User
from punchclock.web import entry_groups
from punchclock.web.entry_groups import EntryRow, Week
from punchclock.web.session import NO_WORKSPACE
from punchclock.workspaces.models import Workspace
from punchclock.workspaces.service import WorkspaceService

# Far enough ahead to include entries a user dated in the future.
_END_OF_TIME_S = 100_000_000_000


@dataclass(frozen=True)
class ProjectChoice:
    """A project the viewer may track time on."""

    id: int
    name: str
    color: str
    client_name: str | None
    billable: bool


@dataclass(frozen=True)
class TaskChoice:
    """An open task of a project the viewer may track on."""

    id: int
    project_id: int
    project_name: str
    name: str


@dataclass(frozen=True)
class WeekPage:
    """One week of entries and where the next older one starts (None: nothing older)."""

    weeks: list[Week]
    older_before: int | None


class TimerView:
    """Reads for the timer page, through the domain services."""

    def __init__(self, conn: Connection, clock: Clock, user: User) -> None:
        self.conn = conn
        self.clock = clock
        self.user = user
        self.zone = ZoneInfo(user.timezone)
        self.queries = TimeEntryQueries(conn, clock)
        self.workspaces = WorkspaceService(conn, clock)

    @property
    def now_s(self) -> int:
        """Now, in whole seconds."""
        return self.clock.now_us() // 1_000_000

    @property
    def today(self) -> dt.date:
        """Today in the viewer's timezone."""
        return entry_groups.local_date(self.now_s, self.zone)

    def workspace(self, workspace_id: int | None) -> Workspace:
        """The workspace the page shows (the viewer's, from the session)."""
        workspace = self.workspaces.live(workspace_id) if workspace_id is not None else None
        if workspace is None:
            raise Forbidden(NO_WORKSPACE)
        return workspace

    def running(self) -> EntryRow | None:
        """The viewer's running entry."""
        view = self.queries.current(self.user)
        return self.rows([view])[0] if view else None

    def rows(self, views: list[EntryView]) -> list[EntryRow]:
        """List rows for entries."""
        return entry_groups.rows(views, self.queries.details(views), self.zone, self.now_s)

    def week_before(self, before_s: int = _END_OF_TIME_S) -> WeekPage:
        """The newest week that has stopped entries starting before `before_s`."""
        newest = self.queries.newest_start_before(self.user, before_s)
        if newest is None:
            return WeekPage([], None)
        first_day = entry_groups.week_start(
            entry_groups.local_date(newest, self.zone), self.user.beginning_of_week
        )
        start_s = entry_groups.local_midnight(first_day, self.zone)
        end_s = entry_groups.local_midnight(first_day + dt.timedelta(days=7), self.zone)
        views = self.queries.starting_between(self.user, start_s, min(end_s, before_s))
        stopped = [view for view in views if view.entry.stop is not None]
        weeks = entry_groups.group(
            self.rows(stopped), self.zone, self.today, self.user.beginning_of_week
        )
        older = start_s if self.queries.newest_start_before(self.user, start_s) else None
        if not weeks and older is not None:
            # Only the running entry started this week: show the week before instead.
            return self.week_before(start_s)
        return WeekPage(weeks, older)

    def totals_around(self, start_s: int) -> tuple[dt.date, int, dt.date, int]:
        """(day, its total, week start, its total) for the day an entry started on."""
        day = entry_groups.local_date(start_s, self.zone)
        first_day = entry_groups.week_start(day, self.user.beginning_of_week)
        week_start_s = entry_groups.local_midnight(first_day, self.zone)
        week_end_s = entry_groups.local_midnight(first_day + dt.timedelta(days=7), self.zone)
        views = self.queries.starting_between(self.user, week_start_s, week_end_s)
        rows = self.rows([view for view in views if view.entry.stop is not None])
        day_total = sum(
            row.duration for row in rows if entry_groups.local_date(row.start, self.zone) == day
        )
        return day, day_total, first_day, sum(row.duration for row in rows)

    def project_choices(self, workspace_id: int) -> list[ProjectChoice]:
        """Active projects of the workspace the viewer may track on, by name."""
        projects = project_service(self.conn, self.clock).trackable(self.user, workspace_id)
        clients = {
            client.id: client.name
            for client in client_service(self.conn, self.clock).for_workspaces([workspace_id])
        }
        choices = [
            ProjectChoice(
                project.id,
                project.name,
                project.color,
                clients.get(project.client_id) if project.client_id else None,
                bool(project.billable),
            )
            for project in projects
        ]
        return sorted(choices, key=lambda choice: choice.name.casefold())

    def task_choices(self, projects: list[ProjectChoice]) -> list[TaskChoice]:
        """Open tasks of these projects, by project then name."""
        order = {project.id: n for n, project in enumerate(projects)}
        names = {project.id: project.name for project in projects}
        tasks = task_service(self.conn, self.clock).for_user(self.user, MyTasksQuery())
        choices = [
            TaskChoice(
                view.task.id, view.task.project_id, names[view.task.project_id], view.task.name
            )
            for view in tasks
            if view.task.project_id in order
        ]
        return sorted(choices, key=lambda t: (order[t.project_id], t.name.casefold()))

    def tag_names(self, workspace_id: int) -> list[str]:
        """Names of the workspace's tags, for the tag field's suggestions."""
        tags = tag_service(self.conn, self.clock).list_live(self.user, workspace_id)
        return sorted((tag.name for tag in tags), key=str.casefold)

    def may_create_tags(self, workspace: Workspace) -> bool:
        """Whether the viewer may create tags by naming them."""
        if not workspace.only_admins_may_create_tags:
            return True
        return self.workspaces.require_member(self.user.id, workspace.id).is_admin
