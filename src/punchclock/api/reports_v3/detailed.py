"""Detailed report (§13): POST .../search/time_entries, its totals and its CSV export."""

from __future__ import annotations

from litestar import Response, post

from punchclock.api.http import json_response
from punchclock.api.openapi_document import CSV, doc
from punchclock.api.reports_v3.context import ReportContext
from punchclock.api.reports_v3.detailed_rows import build_rows
from punchclock.api.reports_v3.exports import csv_response, duration_format
from punchclock.api.reports_v3.filters import ReportBody, choice, given, invalid
from punchclock.api.reports_v3.totals import totals_out
from punchclock.clock import Clock
from punchclock.db.unit_of_work import UnitOfWork
from punchclock.reports.csv_files import DETAILED_FILENAME, detailed_csv
from punchclock.reports.detailed import rows_of
from punchclock.reports.models import Fact
from punchclock.users.models import User

MAX_PAGE_SIZE = 1000
ORDER_BY = ("date", "user", "duration", "description", "last_update")
ORDER_DIR = ("DESC", "ASC")
PATH = "/workspace/{workspace_id:str}/search/time_entries"


def _order(report: ReportContext) -> dict[str, object]:
    order_by = choice(report.body.order_by, "order_by", ORDER_BY)
    raw_dir = given(report.body.order_dir)
    if raw_dir is not None and raw_dir.upper() not in ORDER_DIR:
        raise invalid("order_dir", ORDER_DIR)
    return {"order_by": order_by, "descending": (raw_dir or "DESC").upper() == "DESC"}


def _page(report: ReportContext) -> tuple[int, int | None]:
    page_size = given(report.body.page_size)
    page_size = 50 if page_size is None else page_size
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise invalid("page_size", ["1-1000"])
    first_row = given(report.body.first_row_number)
    if first_row is not None and first_row < 1:
        raise invalid("first_row_number", ["1 or more"])
    return page_size, first_row


@post(PATH, sync_to_thread=False, status_code=200, opt=doc(ReportBody))
def search_time_entries(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """Rows of stopped entries, paged by row number (or by the id of the next page's first row)."""
    report = ReportContext(workspace_id, body, user, uow, clock)
    order = _order(report)
    page_size, first_row = _page(report)
    grouped = bool(report.body.grouped)
    first_id = given(report.body.first_id)
    if grouped or (first_row is None and first_id is not None):
        # Groups, and a cursor given only as an id, need the whole ordered result; only
        # the page's entries are priced.
        groups = rows_of(report.unpriced_facts(**order), grouped)
        if first_row is None and first_id is not None:
            first_row = _row_of(groups, first_id, given(report.body.first_timestamp), order) + 1
        first_row = first_row or 1
        page = groups[first_row - 1 : first_row - 1 + page_size + 1]
        report.price(fact for row in page for fact in row)
    else:
        first_row = first_row or 1
        # One row more than the page, to know whether another page follows.
        facts = report.facts(**order, limit=page_size + 1, offset=first_row - 1)
        page = rows_of(facts, False)
    # The extra row, when there is one, is the next page's first.
    following = page[page_size][0] if len(page) > page_size else None
    page = page[:page_size]
    all_facts = [fact for group in page for fact in group]
    rows = build_rows(
        page,
        first_row,
        report.names(all_facts),
        report.currency,
        report.zone,
        enrich=bool(report.body.enrich_response),
    )
    response = json_response(rows)
    report.set_range_headers(response)
    response.headers["X-Page-Size"] = str(page_size)
    if following is not None:
        # The next request passes these back as first_row_number / first_id / first_timestamp.
        response.headers["X-Next-Row-Number"] = str(first_row + page_size)
        response.headers["X-Next-ID"] = str(following.id)
        response.headers["X-Next-Timestamp"] = str(following.start)
    return response


def _row_of(
    groups: list[list[Fact]], first_id: int, timestamp: int | None, order: dict[str, object]
) -> int:
    """Index of the row a `first_id` cursor names.

    The entry may have been deleted or edited out of the filters since X-Next-ID named it:
    by date order the page then continues after `first_timestamp`; otherwise it is a 400
    rather than a silently empty page that would end the client's paging.
    """
    for index, group in enumerate(groups):
        if group[0].id == first_id:
            return index
    if timestamp is not None and order["order_by"] == "date":
        descending = bool(order["descending"])
        for index, group in enumerate(groups):
            key = (group[0].start, group[0].id)
            if (key < (timestamp, first_id)) if descending else (key > (timestamp, first_id)):
                return index
        return len(groups)
    raise invalid("first_id", ["an id from X-Next-ID, or first_row_number"])


@post(PATH + "/totals", sync_to_thread=False, status_code=200, opt=doc(ReportBody))
def search_totals(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """Sums over every matching entry: seconds, tracked days, amounts, rates, graph."""
    report = ReportContext(workspace_id, body, user, uow, clock)
    response = json_response(totals_out(report, report.facts()))
    report.set_range_headers(response)
    return response


@post(PATH + ".csv", sync_to_thread=False, status_code=200, opt=doc(ReportBody, media_type=CSV))
def export_time_entries_csv(
    workspace_id: str, body: bytes, user: User, uow: UnitOfWork, clock: Clock
) -> Response[bytes]:
    """Toggl's detailed CSV: one line per entry, in the report's order."""
    report = ReportContext(workspace_id, body, user, uow, clock)
    facts = report.facts(**_order(report))
    content = detailed_csv(
        facts, report.names(facts), report.zone, report.currency, duration_format(report.body)
    )
    return csv_response(content, DETAILED_FILENAME)


ROUTES = [search_time_entries, search_totals, export_time_entries_csv]
