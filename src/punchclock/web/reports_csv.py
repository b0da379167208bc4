"""The reports page's CSV downloads: the files Reports v3 exports for the same report.

The cells are laid out as `api/reports_v3/detailed.py` and `summary.py` lay out theirs (there
the layout sits inside the endpoints), through the same pure helpers (`exports.py`); tests
compare the downloads with the endpoints' answers byte for byte, so the two cannot drift
apart unnoticed.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from punchclock.api.reports_v3.exports import csv_bytes, format_amount, format_duration
from punchclock.reports.models import Fact, Names
from punchclock.reports.rules import local_iso
from punchclock.reports.summary import Group, GroupBy, Value, name_of

DETAILED_FILENAME = "Toggl_time_entries.csv"
SUMMARY_FILENAME = "Toggl_summary_time_entries.csv"
# The summary export's names for missing values (api/reports_v3/summary.py).
_WITHOUT = {"project": "Without project", "client": "Without client", "task": "Without task"}
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


def detailed_csv(facts: list[Fact], names: Names, zone: ZoneInfo, currency: str) -> bytes:
    """POST .../search/time_entries.csv's file: one line per entry, in the facts' order."""
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
                format_duration(fact.seconds),
                ", ".join(names.tags.get(tag_id, "") for tag_id in fact.tag_ids),
                format_amount(fact.cents),
            ]
        )
    return csv_bytes([*DETAILED_HEADER, f"Amount ({currency})"], lines)


def _columns(by: GroupBy, grouping: GroupBy) -> list[str]:
    if by == "project":
        return ["Project"] if grouping == "client" else ["Project", "Client"]
    return [{"client": "Client", "user": "User", "task": "Task"}.get(by, "Description")]


def _cells(by: GroupBy, grouping: GroupBy, value: Value, names: Names) -> list[str]:
    name = name_of(by, value, names) if value is not None else _WITHOUT.get(by, "")
    if by != "project" or grouping == "client":
        return [name]
    project = names.projects.get(value) if isinstance(value, int) else None
    client = names.clients.get(project[2]) if project and project[2] else None
    return [name, client or _WITHOUT["client"]]


def summary_csv(groups: list[Group], names: Names, by: GroupBy, currency: str) -> bytes:
    """POST .../summary/time_entries.csv's file for `grouping` by, sub-grouped by description."""
    sub_by: GroupBy = "description"
    lines = []
    for group in groups:
        group_cells = _cells(by, by, group.value, names)
        for sub in group.sub_groups:
            lines.append(
                [
                    *group_cells,
                    *_cells(sub_by, by, sub.value, names),
                    format_duration(sub.seconds),
                    format_amount(sub.cents),
                ]
            )
    header = [*_columns(by, by), *_columns(sub_by, by), "Duration", f"Amount ({currency})"]
    return csv_bytes(header, lines)
