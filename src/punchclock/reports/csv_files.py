"""The report files people download: Toggl's detailed CSV and the summary CSV, cell by cell.

Both front doors (Reports v3's `.csv` endpoints and the web app's Export CSV) write these same
bytes. Toggl's detailed CSV starts with a UTF-8 byte-order mark (spreadsheet apps need it to
read UTF-8), quotes per RFC 4180, writes durations as HH:MM:SS and amounts with two decimals.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

from punchclock.reports.models import Fact, Names
from punchclock.reports.rules import local_iso
from punchclock.reports.summary import Group, GroupBy, Value, name_of

BOM = "\ufeff"
DETAILED_FILENAME = "Toggl_time_entries.csv"
SUMMARY_FILENAME = "Toggl_summary_time_entries.csv"
# The summary's names for a group without a value.
WITHOUT = {"project": "Without project", "client": "Without client", "task": "Without task"}
DETAILED_HEADER = (
    "User",
    "Email",
    "Client",
    "Project",
    "Task",
    "Description",
    "Billable",
    "Start date",
    "Start time",
    "End date",
    "End time",
    "Duration",
    "Tags",
)


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


def detailed_csv(
    facts: list[Fact], names: Names, zone: ZoneInfo, currency: str, style: str = "classic"
) -> bytes:
    """Toggl's detailed CSV: one line per entry, in the facts' order."""
    lines = []
    for fact in facts:
        username, email = names.users.get(fact.user_id, ("", ""))
        project = names.projects.get(fact.project_id) if fact.project_id else None
        client = names.clients.get(project[2], "") if project and project[2] else ""
        start, stop = local_iso(fact.start, zone), local_iso(fact.stop, zone)
        lines.append(
            [
                username,
                email,
                client,
                project[0] if project else "",
                names.tasks.get(fact.task_id, "") if fact.task_id else "",
                fact.description or "",
                "Yes" if fact.billable else "No",
                start[:10],
                start[11:19],
                stop[:10],
                stop[11:19],
                format_duration(fact.seconds, style),
                ", ".join(names.tags.get(tag_id, "") for tag_id in fact.tag_ids),
                # As on the JSON rows: a billable entry without any rate bills 0.00.
                format_amount(fact.cents),
            ]
        )
    return csv_bytes([*DETAILED_HEADER, f"Amount ({currency})"], lines)


def _columns(by: GroupBy, grouping: GroupBy) -> list[str]:
    if by == "project":
        return ["Project"] if grouping == "client" else ["Project", "Client"]
    return [{"client": "Client", "user": "User", "task": "Task"}.get(by, "Description")]


def _cells(by: GroupBy, grouping: GroupBy, value: Value, names: Names) -> list[str]:
    name = name_of(by, value, names) if value is not None else WITHOUT.get(by, "")
    if by != "project" or grouping == "client":
        return [name]
    project = names.projects.get(value) if isinstance(value, int) else None
    client = names.clients.get(project[2]) if project and project[2] else None
    return [name, client or WITHOUT["client"]]


def summary_csv(
    groups: list[Group],
    names: Names,
    by: GroupBy,
    sub_by: GroupBy,
    currency: str,
    style: str = "classic",
) -> bytes:
    """The summary CSV (Punchclock's layout; Toggl's is unverified): one line per sub-group."""
    lines = []
    for group in groups:
        group_cells = _cells(by, by, group.value, names)
        for sub in group.sub_groups:
            lines.append(
                [
                    *group_cells,
                    *_cells(sub_by, by, sub.value, names),
                    format_duration(sub.seconds, style),
                    format_amount(sub.cents),
                ]
            )
    header = [*_columns(by, by), *_columns(sub_by, by), "Duration", f"Amount ({currency})"]
    return csv_bytes(header, lines)
