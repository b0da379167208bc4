"""CSV downloads of the detailed, summary and weekly reports: the request's `duration_format`
and the response. The files themselves are the domain's (`reports/csv_files.py`)."""

from __future__ import annotations

from litestar import Response

from punchclock.api.reports_v3.filters import ReportBody, choice

DURATION_FORMATS = ("classic", "decimal", "improved")


def duration_format(body: ReportBody) -> str:
    """`duration_format`: classic (default), decimal or improved."""
    return choice(body.duration_format, "duration_format", DURATION_FORMATS)


def csv_response(content: bytes, filename: str) -> Response[bytes]:
    """A CSV download."""
    return Response(
        content,
        status_code=200,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
