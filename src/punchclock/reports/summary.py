"""The summary report: facts added up by group and sub-group, ordered by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from punchclock.reports.models import Fact, Names

# What a summary groups facts by; an entry's client is its project's. (Plain strings: an
# enum member costs a Python-level lookup on every comparison, and names are compared per
# sub-group.)
GroupBy = Literal["project", "user", "client", "task", "description"]

# A group's or sub-group's value: an id (None: none) or, by description, the text ("": none).
Value = int | str | None

KEYS: dict[GroupBy, Callable[[Fact], Value]] = {
    "project": lambda fact: fact.project_id,
    "user": lambda fact: fact.user_id,
    "client": lambda fact: fact.client_id,
    "task": lambda fact: fact.task_id,
    # "" and None descriptions are one sub-group; descriptions are case-sensitive.
    "description": lambda fact: fact.description or "",
}


@dataclass(slots=True)
class SubGroup:
    """What one sub-group adds up.

    `rate` is set only when rates are distinguished (then each sub-group has one rate, or
    None for time without a billable rate). `rates` is billable seconds per hourly rate;
    `cents` the sum of the billable entries' own amounts, None when none has a rate.
    """

    value: Value
    rate: int | None
    seconds: int = 0
    ids: list[int] = field(default_factory=list)
    rates: dict[int, int] = field(default_factory=dict)
    cents: int | None = None


@dataclass(slots=True)
class Group:
    """One group and its ordered sub-groups."""

    value: Value
    sub_groups: list[SubGroup]


def name_of(by: GroupBy, value: Value, names: Names) -> str:
    """The display name of a group or sub-group value ("" when there is none)."""
    if isinstance(value, str) or value is None:
        return value or ""
    if by == "project":
        project = names.projects.get(value)
        return project[0] if project else ""
    if by == "user":
        return names.users.get(value, ("", ""))[0]
    return (names.clients if by == "client" else names.tasks).get(value, "")


def _order(by: GroupBy, names: Names) -> Callable[[Value, int | None], tuple[object, ...]]:
    # By name case-folded, then as written, then by id and rate; none ("" or None) last.
    def key(value: Value, rate: int | None) -> tuple[object, ...]:
        name = name_of(by, value, names)
        number = value if isinstance(value, int) else 0
        return (value is None or value == "", name.casefold(), name, number, rate is None, rate)

    return key


def summarize(
    facts: list[Fact],
    names: Names,
    group_by: GroupBy,
    sub_group_by: GroupBy,
    *,
    distinguish_rates: bool,
) -> list[Group]:
    """The facts added up by group and sub-group, in one pass, then ordered.

    With `distinguish_rates`, one sub-group per billable hourly rate, plus one for time
    without a billable rate; facts priced without rates fall in the latter.
    """
    group_of, sub_of = KEYS[group_by], KEYS[sub_group_by]
    groups: dict[Value, dict[tuple[Value, int | None], SubGroup]] = {}
    for fact in facts:
        rate = fact.rate if fact.billable else None
        subs = groups.get(group_of(fact))
        if subs is None:
            subs = groups[group_of(fact)] = {}
        value = sub_of(fact)
        sub_key = (value, rate if distinguish_rates else None)
        sub = subs.get(sub_key)
        if sub is None:
            sub = subs[sub_key] = SubGroup(value, sub_key[1])
        sub.seconds += fact.seconds
        sub.ids.append(fact.id)
        if rate is not None:
            sub.rates[rate] = sub.rates.get(rate, 0) + fact.seconds
            sub.cents = (sub.cents or 0) + (fact.cents or 0)
    group_order, sub_order = _order(group_by, names), _order(sub_group_by, names)
    return [
        Group(value, sorted(subs.values(), key=lambda sub: sub_order(sub.value, sub.rate)))
        for value, subs in sorted(groups.items(), key=lambda item: group_order(item[0], None))
    ]
