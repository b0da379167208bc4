"""The detailed report's rows: each entry alone, or alike entries together, and what they bill."""

from __future__ import annotations

from punchclock.reports.models import Fact


def rows_of(facts: list[Fact], grouped: bool) -> list[list[Fact]]:
    """Each fact alone, or facts sharing user, project, task, billable, description and tags.

    A group sits where its first member sits in the facts' order. Its members share the
    hourly rate (it depends on user and project) and whether they bill.
    """
    if not grouped:
        return [[fact] for fact in facts]
    groups: dict[tuple[object, ...], list[Fact]] = {}
    for fact in facts:
        key = (
            fact.user_id,
            fact.project_id,
            fact.task_id,
            fact.billable,
            fact.description or "",
            tuple(sorted(fact.tag_ids)),
        )
        groups.setdefault(key, []).append(fact)
    return list(groups.values())


def row_cents(row: list[Fact]) -> int | None:
    """What a row bills: its entries' own amounts, summed; None when it does not bill."""
    if row[0].cents is None:
        return None
    return sum(fact.cents or 0 for fact in row)
