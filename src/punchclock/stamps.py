"""The `at` stamp of a change, which never goes backwards, so `since` sync never misses one.

Toggl clients poll `?since=<unix seconds>` and are sent every row whose `at` is newer
(toggl-v9-wire.md, tombstones). A server clock that steps back (NTP, a VM resumed) must not give
a change an `at` older than what a client has already seen, so a change is stamped
`max(now, previous + 1)`. What `previous` is depends on what a client polls:

- a time entry: the newest `at` among **all the owner's entries** (`/me/time_entries?since=`
  is per user; the time-entry repository reads it under the owner's lock);
- a catalogue row (tag, task, project, client, project member): that **row's** own `at`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case
from sqlalchemy.sql.elements import ColumnElement


def next_at(previous: int, now: int) -> int:
    """The stamp of a change after `previous`: now, or just after `previous` if now is behind."""
    return max(now, previous + 1)


def next_at_column(column: ColumnElement[Any], now: int) -> ColumnElement[Any]:
    """`next_at(column, now)` evaluated per row in SQL, for bulk updates of catalogue rows."""
    return case((column + 1 > now, column + 1), else_=now)
