"""The reports page: a date range and filters, totals, a chart, a breakdown, the entries, and
CSV downloads that are the Reports v3 exports of the same report."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from urllib.parse import urlencode

from litestar import Response, get

from punchclock.db.unit_of_work import UnitOfWork
from punchclock.reports import csv_files
from punchclock.web import report_tables
from punchclock.web.http_types import AnyRequest, AnyResponse
from punchclock.web.report_query import (
    BREAKDOWNS,
    FILTER_KEYS,
    PRESETS,
    ReportInputError,
    ReportQuery,
    date_range,
    matching_preset,
    parse_query,
)
from punchclock.web.reports_view import FilterChoices, ReportsView
from punchclock.web.session import Viewer
from punchclock.web.state import web_state

# What the page reads from the query string (anything else is ignored).
_KEYS = ("range", "start", "end", "page", *FILTER_KEYS)
_MAX_VALUE = 64


def _args(request: AnyRequest) -> dict[str, str]:
    # Long values are cut rather than refused: no valid value is anywhere near this long.
    return {key: (request.query_params.get(key) or "")[:_MAX_VALUE] for key in _KEYS}


def _checked(view: ReportsView, request: AnyRequest, choices: FilterChoices) -> ReportQuery:
    query = parse_query(_args(request), view.today, view.user.beginning_of_week)
    view.check(query, choices)
    return query


def _page(
    request: AnyRequest,
    viewer: Viewer,
    view: ReportsView,
    choices: FilterChoices,
    query: ReportQuery | None,
    error: str | None = None,
) -> AnyResponse:
    args = _args(request)
    form = {key: args[key] for key in FILTER_KEYS}
    preset = None
    if query is not None:
        form.update(start=query.first.isoformat(), end=query.last.isoformat(), by=query.by)
        preset = matching_preset(query.first, query.last, view.today, view.user.beginning_of_week)
    else:
        # The dates stay as typed, unless the mistake was elsewhere: then the range's dates.
        form.update(start=args["start"], end=args["end"])
        with contextlib.suppress(ReportInputError):
            first, last = date_range(args, view.today, view.user.beginning_of_week)
            form.update(start=first.isoformat(), end=last.isoformat())
    # Preset links keep the filters and drop the dates (the preset sets them).
    filters = {key: value for key, value in form.items() if value and key in FILTER_KEYS}
    if filters.get("by") == BREAKDOWNS[0]:
        del filters["by"]  # the default says nothing
    presets = [
        (label, "/reports?" + urlencode({"range": value, **filters}), value == preset)
        for value, label in PRESETS
    ]
    # A form shown again with an error answers 200, as a page to read and fix (auth.py).
    return web_state(request).render.page(
        "reports.html",
        page="reports",
        viewer=viewer,
        error=error,
        form=form,
        presets=presets,
        custom=query is not None and preset is None,
        choices=choices,
        is_admin=view.is_admin,
        query=query,
        report=view.report(query) if query is not None else None,
        range_label=report_tables.range_label(query.first, query.last) if query else "",
        money=report_tables.money,
    )


@get("/reports", sync_to_thread=False)
def reports_page(request: AnyRequest, viewer: Viewer, uow: UnitOfWork) -> AnyResponse:
    """The report for the range and filters in the query (this week by default)."""
    view = ReportsView(uow.conn, web_state(request).clock, viewer.user, viewer.workspace_id)
    choices = view.choices()
    try:
        query = _checked(view, request, choices)
    except ReportInputError as exc:
        return _page(request, viewer, view, choices, None, exc.message)
    return _page(request, viewer, view, choices, query)


def _download(content: bytes, filename: str) -> AnyResponse:
    """A CSV file to save, named as Toggl names it."""
    return Response(
        content,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _export(
    request: AnyRequest,
    viewer: Viewer,
    uow: UnitOfWork,
    write: Callable[[ReportsView, ReportQuery], tuple[bytes, str]],
) -> AnyResponse:
    """A CSV download of the report in the query (bad input: the page with its alert)."""
    view = ReportsView(uow.conn, web_state(request).clock, viewer.user, viewer.workspace_id)
    choices = view.choices()
    try:
        query = _checked(view, request, choices)
    except ReportInputError as exc:
        return _page(request, viewer, view, choices, None, exc.message)
    content, filename = write(view, query)
    return _download(content, filename)


def _detailed(view: ReportsView, query: ReportQuery) -> tuple[bytes, str]:
    facts, names, _rates = view.facts(query)
    content = csv_files.detailed_csv(facts, names, view.zone, view.currency)
    return content, csv_files.DETAILED_FILENAME


def _summary(view: ReportsView, query: ReportQuery) -> tuple[bytes, str]:
    facts, names, _rates = view.facts(query)
    by = view.breakdown_by(query)
    groups = view.groups(by, facts, names)
    content = csv_files.summary_csv(groups, names, by, "description", view.currency)
    return content, csv_files.SUMMARY_FILENAME


@get("/reports/export.csv", sync_to_thread=False)
def export_csv(request: AnyRequest, viewer: Viewer, uow: UnitOfWork) -> AnyResponse:
    """The detailed CSV: what POST .../search/time_entries.csv exports for the same report."""
    return _export(request, viewer, uow, _detailed)


@get("/reports/summary.csv", sync_to_thread=False)
def export_summary_csv(request: AnyRequest, viewer: Viewer, uow: UnitOfWork) -> AnyResponse:
    """The summary CSV (grouped as the breakdown is, one line per description)."""
    return _export(request, viewer, uow, _summary)


ROUTES = [reports_page, export_csv, export_summary_csv]
