"""CSV exports shared by the detailed, summary and weekly reports.

Toggl's detailed CSV starts with a UTF-8 byte-order mark (spreadsheet apps need it to read
UTF-8), quotes per RFC 4180, writes durations as HH:MM:SS and amounts with two decimals.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from litestar import Response

from punchclock.api.reports_v3.filters import ReportBody, choice

BOM = "\ufeff"
DURATION_FORMATS = ("classic", "decimal", "improved")


def duration_format(body: ReportBody) -> str:
    """`duration_format`: classic (default), decimal or improved."""
    return choice(body.duration_format, "duration_format", DURATION_FORMATS)


def format_duration(seconds: int, style: str = "classic") -> str:
    """01:30:00 (classic), 1.50 (decimal hours) or 1:30:00 (improved)."""
    if style == "decimal":
        # Hundredths of an hour, half up in integers (a float format rounds 1.125 to 1.12).
        hundredths = (seconds * 100 + 1800) // 3600
        return f"{hundredths // 100}.{hundredths % 100:02d}"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if style == "improved":
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def format_amount(cents: int | None) -> str:
    """47.50, or an empty cell when there is no amount."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole}.{part:02d}"


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def safe_cell(value: object) -> object:
    """A text cell a spreadsheet will not run as a formula (OWASP's CSV injection advice).

    Descriptions and names are typed by any member; one starting with `=` would otherwise run
    when an admin opens the export. Such cells get a leading `'`; numbers stay as they are.
    """
    if not isinstance(value, str) or not value.startswith(_FORMULA_STARTS):
        return value
    return value if _NUMBER.fullmatch(value) else "'" + value


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """The whole file: BOM, header, rows; CRLF line ends as RFC 4180 asks."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def csv_response(content: bytes, filename: str) -> Response[bytes]:
    """A CSV download."""
    return Response(
        content,
        status_code=200,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
