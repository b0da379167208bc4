"""The detailed report's JSON rows, in Toggl's keys: one entry, or alike entries (`grouped`)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import msgspec

from punchclock.api.timestamps import format_seconds
from punchclock.reports.detailed import row_cents
from punchclock.reports.models import Fact, Names
from punchclock.reports.rules import local_iso


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


class EnrichedRow(msgspec.Struct):
    """A row with the names the exports show (`enrich_response: true`)."""

    user_id: int
    username: str
    email: str
    project_id: int | None
    project_name: str | None
    project_color: str | None
    project_hex: str | None
    client_name: str | None
    task_id: int | None
    task_name: str | None
    billable: bool
    description: str | None
    tag_ids: list[int]
    tag_names: list[str]
    billable_amount_in_cents: int | None
    hourly_rate_in_cents: int | None
    currency: str
    time_entries: list[ReportEntry]
    row_number: int


def build_rows(
    groups: list[list[Fact]],
    first_row_number: int,
    names: Names,
    currency: str,
    zone: ZoneInfo,
    *,
    enrich: bool,
) -> list[ReportRow] | list[EnrichedRow]:
    """Wire rows, numbered from `first_row_number`."""
    rows: list[ReportRow] = []
    enriched: list[EnrichedRow] = []
    for number, group in enumerate(groups, start=first_row_number):
        head = group[0]
        # A row's entries share the rate; a grouped row bills what its entries bill.
        rate, amount = head.rate, row_cents(group)
        items = [
            ReportEntry(
                id=fact.id,
                seconds=fact.seconds,
                start=local_iso(fact.start, zone),
                stop=local_iso(fact.stop, zone),
                at=format_seconds(fact.at // 1_000_000),
                at_tz=local_iso(fact.at // 1_000_000, zone),
            )
            for fact in group
        ]
        username, email = names.users.get(head.user_id, ("", ""))
        if not enrich:
            rows.append(
                ReportRow(
                    head.user_id,
                    username,
                    head.project_id,
                    head.task_id,
                    head.billable,
                    head.description,
                    head.tag_ids,
                    amount,
                    rate,
                    currency,
                    items,
                    number,
                )
            )
            continue
        project = names.projects.get(head.project_id) if head.project_id else None
        client_name = names.clients.get(project[2]) if project and project[2] else None
        enriched.append(
            EnrichedRow(
                head.user_id,
                username,
                email,
                head.project_id,
                project[0] if project else None,
                project[1] if project else None,
                project[1] if project else None,
                client_name,
                head.task_id,
                names.tasks.get(head.task_id) if head.task_id else None,
                head.billable,
                head.description,
                head.tag_ids,
                [names.tags.get(tag_id, "") for tag_id in head.tag_ids],
                amount,
                rate,
                currency,
                items,
                number,
            )
        )
    return enriched if enrich else rows
