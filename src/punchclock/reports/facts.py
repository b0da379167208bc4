"""Facts from the repository's rows: tags parsed, seconds rounded, each entry priced once.

`entry_price` is the rule for an entry's hourly rate and amount; every report adds up
`Fact.rate` and `Fact.cents` and computes neither again.
"""

from __future__ import annotations

from collections.abc import Iterable

from punchclock.reports.models import Fact, Rates, Rounding
from punchclock.reports.repository import FactRow
from punchclock.reports.rules import amount_cents, rounded_seconds


def entry_price(
    rates: Rates, user_id: int, project_id: int | None, billable: bool, seconds: int
) -> tuple[int | None, int | None]:
    """One entry's hourly rate (billable or not) and what it bills, rounded on its own.

    Reports sum these per-entry amounts; a billable entry without any rate bills 0.
    """
    rate = rates.hourly_cents(user_id, project_id)
    return rate, ((amount_cents(seconds, rate) or 0) if billable else None)


def priced_facts(
    rows: Iterable[FactRow], rounding: Rounding | None, rates: Rates | None
) -> list[Fact]:
    """One fact per row; `rates` None hides every rate and amount."""
    # A year of a workspace is ~10k rows with a few dozen distinct tag sets: parse each set
    # once (the lists are shared and never mutated).
    tag_sets: dict[str | None, list[int]] = {None: [], "": []}
    facts = []
    # Without rates, every fact keeps these: no rate, no amount.
    rate: int | None = None
    cents: int | None = None
    # The row's columns, in FactRow's order.
    for (
        id_,
        user_id,
        project_id,
        task_id,
        client_id,
        billable,
        description,
        tags,
        start,
        stop,
        at,
    ) in rows:
        tag_ids = tag_sets.get(tags)
        if tag_ids is None:
            assert tags is not None  # None and "" are in tag_sets from the start
            tag_ids = tag_sets[tags] = [int(tag) for tag in tags.split(",")]
        seconds = stop - start
        if rounding is not None:
            seconds = rounded_seconds(seconds, rounding)
        if rates is not None:
            # entry_price, inlined: the call costs ~10% of building a fact (valgrind, 20k
            # rows), and this loop is every report's. `priced` calls it; a unit test keeps
            # the two alike.
            rate = rates.hourly_cents(user_id, project_id)
            cents = (amount_cents(seconds, rate) or 0) if billable else None
        facts.append(
            Fact(
                id_,
                user_id,
                project_id,
                task_id,
                client_id,
                bool(billable),
                description,
                tag_ids,
                start,
                stop,
                at,
                seconds,
                rate,
                cents,
            )
        )
    return facts


def price(facts: Iterable[Fact], rates: Rates | None) -> None:
    """Give facts read without rates their rate and amount, in place."""
    # For the page of a result that had to be read whole; copying each fact would cost more
    # than pricing it.
    if rates is None:
        return
    for fact in facts:
        fact.rate, fact.cents = entry_price(
            rates, fact.user_id, fact.project_id, fact.billable, fact.seconds
        )
