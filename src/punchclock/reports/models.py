"""What a report asks for (filters) and the facts it is computed from."""

from __future__ import annotations

import msgspec

# Toggl's `rounding`: -1 rounds down, 0 to the nearest, 1 up (the workspace setting's values).
ROUND_DOWN, ROUND_NEAREST, ROUND_UP = -1, 0, 1


class Rounding(msgspec.Struct, frozen=True):
    """Round each entry's duration to `minutes`, in `direction`; a projection, never stored."""

    direction: int
    minutes: int


class ReportFilters(msgspec.Struct, kw_only=True):
    """Which entries a report covers; instants are Unix seconds, `end` exclusive.

    An id list holding None also matches entries without that attribute (Toggl's `[null]`).
    """

    start: int
    end: int
    user_ids: list[int] | None = None
    project_ids: list[int | None] | None = None
    client_ids: list[int | None] | None = None
    task_ids: list[int | None] | None = None
    tag_ids: list[int | None] | None = None
    time_entry_ids: list[int] | None = None
    billable: bool | None = None
    description: str | None = None
    min_duration: int | None = None
    max_duration: int | None = None


class Fact(msgspec.Struct, array_like=True):
    """One stopped, live entry as reports see it, priced once (`reports/facts.py`).

    `seconds` is after rounding. `rate` is the hourly rate that applies to the entry, billable
    or not (None: no rate, or amounts hidden). `cents` is what the entry bills, rounded on its
    own: None when it is not billable or amounts are hidden, 0 when billable without a rate.
    """

    id: int
    user_id: int
    project_id: int | None
    task_id: int | None
    client_id: int | None
    billable: bool
    description: str | None
    tag_ids: list[int]
    start: int
    stop: int
    at: int
    seconds: int
    rate: int | None
    cents: int | None


class Names(msgspec.Struct, kw_only=True):
    """Names and colours of everything the facts refer to, by id."""

    users: dict[int, tuple[str, str]]  # id -> (fullname, email)
    projects: dict[int, tuple[str, str, int | None]]  # id -> (name, color, client_id)
    clients: dict[int, str]
    tasks: dict[int, str]
    tags: dict[int, str]


class Rates(msgspec.Struct, kw_only=True):
    """Hourly rates in cents, most specific first: project member, project, member, workspace."""

    project_user: dict[tuple[int, int], int]
    project: dict[int, int]
    member: dict[int, int]
    workspace: int | None

    def hourly_cents(self, user_id: int, project_id: int | None) -> int | None:
        """The rate that applies to one user's time on one project (Toggl's precedence)."""
        if project_id is not None:
            rate = self.project_user.get((project_id, user_id))
            if rate is None:
                rate = self.project.get(project_id)
            if rate is not None:
                return rate
        rate = self.member.get(user_id)
        return rate if rate is not None else self.workspace
