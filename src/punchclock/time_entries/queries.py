"""Reading time entries: always the caller's own, across their workspaces (§4.12)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.errors import NotFound
from punchclock.time_entries.decorator import EntryDecorator
from punchclock.time_entries.models import EntryDetails, EntryView, ListQuery
from punchclock.time_entries.repository import TimeEntryRepository
from punchclock.users.models import User

# The no-parameter list: entries from 00:00 (user's timezone) nine days before today.
DEFAULT_WINDOW_DAYS = 9
DEFAULT_LIMIT = 1000

RESOURCE_NOT_FOUND = "Resource can not be found"


class TimeEntryQueries:
    """The caller's entries: lists, the running one, one by id."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.clock = clock
        self.repo = TimeEntryRepository(conn)
        self.decorate = EntryDecorator(conn)

    def list_for_user(self, user: User, query: ListQuery) -> list[EntryView]:
        """The caller's entries for a list query, newest first."""
        if query == ListQuery():
            start_from = self._default_window_start(user)
            entries = self.repo.recent_for_user(user.id, start_from, DEFAULT_LIMIT)
        else:
            limit = DEFAULT_LIMIT if query.before is not None else None
            entries = self.repo.list_for_user(user.id, query, limit)
        return self.decorate.views(entries)

    def recent_for_user(self, user: User) -> list[EntryView]:
        """The default window (used by GET /me?with_related_data=true)."""
        return self.list_for_user(user, ListQuery())

    def current(self, user: User) -> EntryView | None:
        """The caller's running entry, if any."""
        entry = self.repo.running_for_user(user.id)
        return self.decorate.views([entry])[0] if entry else None

    def get_own(self, user: User, entry_id: int) -> EntryView:
        """One of the caller's live entries."""
        entry = self.repo.get(entry_id)
        if entry is None or entry.user_id != user.id or entry.server_deleted_at is not None:
            raise NotFound(RESOURCE_NOT_FOUND)
        return self.decorate.views([entry])[0]

    def newest_start_before(self, user: User, before_s: int) -> int | None:
        """The start (seconds) of the caller's newest live entry starting before `before_s`."""
        found = self.repo.list_for_user(user.id, ListQuery(before=before_s * 1_000_000), 1)
        return found[0].start if found else None

    def starting_between(self, user: User, start_s: int, end_s: int) -> list[EntryView]:
        """The caller's live entries starting in [start_s, end_s), newest first."""
        query = ListQuery(start=start_s * 1_000_000, end=end_s * 1_000_000)
        return self.decorate.views(self.repo.list_for_user(user.id, query, None))

    def latest_change(self, user: User) -> int:
        """The newest `at` among the caller's entries, tombstones included (0: none); cheap."""
        return self.repo.latest_at_for_user(user.id)

    def details(self, views: list[EntryView]) -> list[EntryDetails]:
        """Names of the projects, clients and tasks the entries point at."""
        return self.decorate.details(views)

    def _default_window_start(self, user: User) -> int:
        zone = ZoneInfo(user.timezone)
        now = dt.datetime.fromtimestamp(self.clock.now_us() / 1_000_000, tz=zone)
        first_day = now.date() - dt.timedelta(days=DEFAULT_WINDOW_DAYS)
        midnight = dt.datetime.combine(first_day, dt.time(), tzinfo=zone)
        return int(midnight.timestamp())
