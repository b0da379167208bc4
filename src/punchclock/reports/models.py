"""What a detailed report asks for and returns."""

from __future__ import annotations

import msgspec


class DetailedQuery(msgspec.Struct, kw_only=True):
    """Filters of a detailed report; instants in Unix seconds, end exclusive."""

    start: int
    end: int
    user_ids: list[int] | None = None
    project_ids: list[int | None] | None = None
    description: str | None = None
    billable: bool | None = None
    first_row_number: int = 1
    page_size: int = 50


class DetailedRow(msgspec.Struct):
    """One stopped entry with the names a report shows."""

    id: int
    user_id: int
    username: str
    project_id: int | None
    task_id: int | None
    billable: bool
    description: str | None
    tag_ids: list[int]
    start: int
    stop: int
    at: int
