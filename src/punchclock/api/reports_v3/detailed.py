"""POST /reports/api/v3/workspace/{wid}/search/time_entries (detailed report, §13)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from zoneinfo import ZoneInfo

import msgspec
from litestar import Response, post
from msgspec import UNSET, UnsetType

from punchclock.api.toggl_v9.http import decode_body, id_from_path, json_response
from punchclock.api.toggl_v9.timestamps import format_seconds, parse_date
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.errors import BadRequest
from punchclock.reports.models import DetailedQuery
from punchclock.reports.service import ReportService
from punchclock.users.models import User

MAX_PAGE_SIZE = 1000
# Ids are int64 in the database; a larger JSON number is a bad filter, not a database error.
Id = Annotated[int, msgspec.Meta(ge=1, le=2**63 - 1)]


class SearchBody(msgspec.Struct, kw_only=True):
    """The filters Punchclock supports so far; others are accepted and ignored."""

    start_date: str | UnsetType | None = UNSET
    end_date: str | UnsetType | None = UNSET
    user_ids: list[Id] | UnsetType | None = UNSET
    project_ids: list[Id | None] | UnsetType | None = UNSET
    description: str | UnsetType | None = UNSET
    billable: bool | UnsetType | None = UNSET
    page_size: int | UnsetType | None = UNSET
    first_row_number: Annotated[int, msgspec.Meta(le=2**62)] | UnsetType | None = UNSET


class ReportEntry(msgspec.Struct):
    """One time entry of a row; times in the caller's timezone."""

    id: int
    seconds: int
    start: str
    stop: str
    at: str
    at_tz: str


class ReportRow(msgspec.Struct):
    """A detailed-report row (toggl-python checks every key)."""

    user_id: int
    username: str
    project_id: int | None
    task_id: int | None
    billable: bool
    description: str | None
    tag_ids: list[int]
    billable_amount_in_cents: int | None
    hourly_rate_in_cents: int | None
    currency: str
    time_entries: list[ReportEntry]
    row_number: int


def _date(value: str | UnsetType | None, name: str) -> dt.date | None:
    if value is UNSET or value is None:
        return None
    try:
        date = parse_date(value)
    except ValueError:
        date = None
    # Bounded so that day arithmetic and epoch seconds stay in range.
    if date is None or not 1970 <= date.year <= 9998:
        raise BadRequest(f"Invalid '{name}' value, allowed values are: 'YYYY-MM-DD'")
    return date


def _query(body: SearchBody, zone: ZoneInfo) -> DetailedQuery:
    start = _date(body.start_date, "start_date")
    end = _date(body.end_date, "end_date")
    if start is None:
        raise BadRequest("At least one parameter must be set")
    # Reports' end_date is inclusive; default to the start day.
    end = end or start
    if end < start:
        raise BadRequest("Invalid 'end_date' value, allowed values are: 'after start_date'")
    page_size = body.page_size if isinstance(body.page_size, int) else 50
    first_row = body.first_row_number if isinstance(body.first_row_number, int) else 1
    if not 1 <= page_size <= MAX_PAGE_SIZE or first_row < 1:
        raise BadRequest("Invalid 'page_size' value, allowed values are: '1-1000'")
    start_at = dt.datetime.combine(start, dt.time(), tzinfo=zone)
    end_at = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    return DetailedQuery(
        start=int(start_at.timestamp()),
        end=int(end_at.timestamp()),
        user_ids=body.user_ids if isinstance(body.user_ids, list) else None,
        project_ids=body.project_ids if isinstance(body.project_ids, list) else None,
        description=body.description if isinstance(body.description, str) else None,
        billable=body.billable if isinstance(body.billable, bool) else None,
        page_size=page_size,
        first_row_number=first_row,
    )


def _local(seconds: int, zone: ZoneInfo) -> str:
    return dt.datetime.fromtimestamp(seconds, tz=zone).isoformat()


@post("/workspace/{workspace_id:str}/search/time_entries", sync_to_thread=False, status_code=200)
def search_time_entries(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork
) -> Response[bytes]:
    """Detailed report rows, one per stopped entry, newest first, paged by row number."""
    wid = id_from_path(workspace_id, "Invalid workspace id")
    zone = ZoneInfo(user.timezone)
    query = _query(decode_body(body, SearchBody), zone)
    workspace, rows, has_more = ReportService(uow.conn).detailed(user, wid, query)
    result = [
        ReportRow(
            user_id=row.user_id,
            username=row.username,
            project_id=row.project_id,
            task_id=row.task_id,
            billable=row.billable,
            description=row.description,
            tag_ids=row.tag_ids,
            billable_amount_in_cents=None,
            hourly_rate_in_cents=None,
            currency=workspace.default_currency,
            time_entries=[
                ReportEntry(
                    id=row.id,
                    seconds=row.stop - row.start,
                    start=_local(row.start, zone),
                    stop=_local(row.stop, zone),
                    at=format_seconds(row.at // 1_000_000),
                    at_tz=_local(row.at // 1_000_000, zone),
                )
            ],
            row_number=query.first_row_number + i,
        )
        for i, row in enumerate(rows)
    ]
    response = json_response(result)
    response.headers["X-Page-Size"] = str(query.page_size)
    if has_more:
        # The next request passes this back as first_row_number.
        response.headers["X-Next-Row-Number"] = str(query.first_row_number + len(rows))
        response.headers["X-Next-ID"] = str(rows[-1].id)
        response.headers["X-Next-Timestamp"] = str(rows[-1].start)
    return response


ROUTES = [search_time_entries]
