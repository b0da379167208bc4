"""The domain aggregation of reports: facts priced once, then summed by every report alike."""

from __future__ import annotations

import datetime as dt
from typing import get_args
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from punchclock.errors import BadRequest
from punchclock.reports.detailed import row_cents, rows_of
from punchclock.reports.facts import price, priced_facts
from punchclock.reports.models import ROUND_UP, Fact, Names, Rates, Rounding
from punchclock.reports.repository import FactRow
from punchclock.reports.summary import GroupBy, summarize
from punchclock.reports.totals import MAX_GRAPH_POINTS, default_resolution, totals
from punchclock.reports.weekly import WEEK_DAYS, week_rows

UTC = ZoneInfo("UTC")
MONDAY = dt.date(2026, 11, 2)
WEEK_START = int(dt.datetime(2026, 11, 2, tzinfo=dt.UTC).timestamp())
CLIENT_OF = {10: 30, 11: 31, 12: None}
NAMES = Names(
    users={1: ("bob", "b@x"), 2: ("Alice", "a@x"), 3: ("alice", "c@x")},
    projects={10: ("Website", "#111", 30), 11: ("api", "#222", 31), 12: ("Zeta", "#333", None)},
    clients={30: "Acme", 31: "beta"},
    tasks={20: "Write spec"},
    tags={1: "one", 2: "two"},
)
RATES = Rates(project_user={(10, 1): 9000}, project={11: 3333}, member={2: 5000}, workspace=None)


def row(
    id_: int,
    *,
    user_id: int = 1,
    project_id: int | None = None,
    billable: bool = True,
    description: str | None = None,
    tags: str | None = None,
    start: int = WEEK_START,
    seconds: int = 3600,
    task_id: int | None = None,
) -> FactRow:
    client_id = CLIENT_OF.get(project_id) if project_id is not None else None
    at = (start + seconds) * 1_000_000
    stop = start + seconds
    return (
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
    )


rows_strategy = st.lists(
    st.builds(
        lambda user, project, billable, description, tags, day, offset, seconds: (
            user,
            project,
            billable,
            description,
            tags,
            WEEK_START + day * 86400 + offset,
            seconds,
        ),
        st.sampled_from([1, 2, 3]),
        st.sampled_from([None, 10, 11, 12]),
        st.booleans(),
        st.sampled_from([None, "", "Spec", "spec", "Review"]),
        st.sampled_from([None, "", "1", "1,2", "2,1"]),
        st.integers(min_value=-1, max_value=WEEK_DAYS),
        st.integers(min_value=0, max_value=86399),
        st.integers(min_value=0, max_value=20000),
    ),
    max_size=40,
).map(
    lambda items: [
        row(i + 1, user_id=u, project_id=p, billable=b, description=d, tags=t, start=s, seconds=n)
        for i, (u, p, b, d, t, s, n) in enumerate(items)
    ]
)
rates_strategy = st.one_of(
    st.none(),
    st.builds(
        lambda pu, project, member, workspace: Rates(
            project_user=pu, project=project, member=member, workspace=workspace
        ),
        st.dictionaries(
            st.tuples(st.sampled_from([10, 11, 12]), st.sampled_from([1, 2, 3])),
            st.integers(0, 20000),
        ),
        st.dictionaries(st.sampled_from([10, 11, 12]), st.integers(0, 20000)),
        st.dictionaries(st.sampled_from([1, 2, 3]), st.integers(0, 20000)),
        st.none() | st.integers(0, 20000),
    ),
)
group_bys = st.sampled_from(list(get_args(GroupBy)))


def _billed(facts: list[Fact]) -> int:
    """What the facts bill at a rate: each entry's own amount."""
    return sum(fact.cents or 0 for fact in facts if fact.billable and fact.rate is not None)


class TestPricedFacts:
    def test_rate_precedence_and_amount_rounded_per_entry(self) -> None:
        facts = priced_facts(
            [
                row(1, user_id=1, project_id=10, seconds=600),  # project member: 90.00/h
                row(2, user_id=1, project_id=11, seconds=600),  # project: 33.33/h, 555.5 -> 556
                row(3, user_id=2, seconds=600),  # member: 50.00/h
                row(4, user_id=3, seconds=600),  # nothing set
            ],
            None,
            RATES,
        )
        assert [(fact.rate, fact.cents) for fact in facts] == [
            (9000, 1500),
            (3333, 556),
            (5000, 833),
            (None, 0),  # billable without any rate bills 0
        ]

    def test_not_billable_keeps_its_rate_but_bills_nothing(self) -> None:
        [fact] = priced_facts([row(1, project_id=11, billable=False)], None, RATES)
        assert (fact.rate, fact.cents) == (3333, None)

    def test_hidden_rates_hide_every_rate_and_amount(self) -> None:
        facts = priced_facts([row(1, project_id=10), row(2, billable=False)], None, None)
        assert [(fact.rate, fact.cents) for fact in facts] == [(None, None), (None, None)]

    def test_amount_is_of_the_rounded_duration(self) -> None:
        [fact] = priced_facts(
            [row(1, project_id=11, seconds=61)], Rounding(direction=ROUND_UP, minutes=15), RATES
        )
        assert (fact.seconds, fact.cents) == (900, 833)  # 15 min at 33.33/h

    @given(rows_strategy, rates_strategy, st.booleans())
    def test_pricing_later_prices_alike(
        self, rows: list[FactRow], rates: Rates | None, rounded: bool
    ) -> None:
        rounding = Rounding(direction=ROUND_UP, minutes=6) if rounded else None
        later = priced_facts(rows, rounding, None)
        price(later, rates)
        assert later == priced_facts(rows, rounding, rates)

    def test_tags_parsed_once_per_distinct_set(self) -> None:
        facts = priced_facts(
            [row(1, tags="1,2"), row(2, tags="1,2"), row(3, tags=None), row(4, tags="")],
            None,
            None,
        )
        assert [fact.tag_ids for fact in facts] == [[1, 2], [1, 2], [], []]
        assert facts[0].tag_ids is facts[1].tag_ids
        assert facts[0].billable is True


class TestSummary:
    @given(rows_strategy, rates_strategy, group_bys, group_bys, st.booleans())
    def test_sub_groups_partition_the_facts_and_their_time_and_amounts(
        self,
        rows: list[FactRow],
        rates: Rates | None,
        group_by: GroupBy,
        sub_group_by: GroupBy,
        distinguish: bool,
    ) -> None:
        facts = priced_facts(rows, None, rates)
        groups = summarize(facts, NAMES, group_by, sub_group_by, distinguish_rates=distinguish)
        subs = [sub for group in groups for sub in group.sub_groups]
        assert sorted(i for sub in subs for i in sub.ids) == [fact.id for fact in facts]
        assert sum(sub.seconds for sub in subs) == sum(fact.seconds for fact in facts)
        assert sum(sub.cents or 0 for sub in subs) == _billed(facts)
        billable_rated = sum(f.seconds for f in facts if f.billable and f.rate is not None)
        assert sum(sum(sub.rates.values()) for sub in subs) == billable_rated
        assert len({group.value for group in groups}) == len(groups)
        if distinguish:
            assert all(set(sub.rates) <= {sub.rate} for sub in subs)

    def test_groups_by_name_case_folded_and_none_last(self) -> None:
        facts = priced_facts(
            [row(1, user_id=1), row(2, user_id=2), row(3, user_id=3), row(4, user_id=2)],
            None,
            RATES,
        )
        groups = summarize(facts, NAMES, "user", "project", distinguish_rates=False)
        # "Alice" and "alice" fold alike, then sort as written; "bob" after both.
        assert [group.value for group in groups] == [2, 3, 1]
        facts = priced_facts(
            [row(1, project_id=None), row(2, project_id=12), row(3, project_id=11)], None, None
        )
        groups = summarize(facts, NAMES, "project", "user", distinguish_rates=False)
        assert [group.value for group in groups] == [11, 12, None]

    def test_descriptions_none_and_empty_are_one_sub_group_last(self) -> None:
        facts = priced_facts(
            [row(1, description=None), row(2, description="b"), row(3, description="")],
            None,
            None,
        )
        [group] = summarize(facts, NAMES, "project", "description", distinguish_rates=False)
        assert [(sub.value, sub.ids) for sub in group.sub_groups] == [("b", [2]), ("", [1, 3])]

    def test_distinguished_rates_and_cents(self) -> None:
        facts = priced_facts(
            [
                row(1, user_id=1, project_id=10, seconds=600),
                row(2, user_id=2, project_id=10, seconds=600),
                row(3, user_id=3, project_id=10, seconds=600),
                row(4, user_id=2, project_id=10, seconds=600, billable=False),
            ],
            None,
            RATES,
        )
        [group] = summarize(facts, NAMES, "project", "description", distinguish_rates=True)
        assert [(sub.rate, sub.ids, sub.rates, sub.cents) for sub in group.sub_groups] == [
            (5000, [2], {5000: 600}, 833),
            (9000, [1], {9000: 600}, 1500),
            (None, [3, 4], {}, None),  # no rate, and not billable: no amount at all
        ]


class TestTotals:
    @given(rows_strategy, rates_strategy, st.sampled_from(["day", "week", "month"]))
    def test_sums_and_graph_agree_with_the_entries(
        self, rows: list[FactRow], rates: Rates | None, resolution: str
    ) -> None:
        facts = priced_facts(rows, None, rates)
        first, last = MONDAY - dt.timedelta(days=1), MONDAY + dt.timedelta(days=WEEK_DAYS)
        summed = totals(
            facts,
            UTC,
            first,
            last,
            resolution=resolution,
            beginning_of_week=1,
            amounts_shown=rates is not None,
            with_graph=True,
        )
        assert summed.seconds == sum(fact.seconds for fact in facts)
        assert summed.cents == (_billed(facts) if rates is not None else None)
        assert sum(point.seconds for point in summed.graph) == summed.seconds
        if rates is not None:
            assert sum(point.cents or 0 for point in summed.graph) == summed.cents
        assert [rate for rate, _ in summed.rates] == sorted({rate for rate, _ in summed.rates})
        days = {dt.datetime.fromtimestamp(fact.start, UTC).date() for fact in facts}
        assert summed.tracked_days == len(days)

    def test_graph_by_rate_and_empty_buckets(self) -> None:
        facts = priced_facts(
            [row(1, project_id=11, seconds=600), row(2, project_id=11, start=WEEK_START + 86400)],
            None,
            RATES,
        )
        summed = totals(
            facts,
            UTC,
            MONDAY,
            MONDAY + dt.timedelta(days=2),
            resolution="day",
            beginning_of_week=1,
            amounts_shown=True,
            with_graph=True,
        )
        assert summed.rates == [(3333, 4200)]
        assert [(p.seconds, p.cents, p.by_rate) for p in summed.graph] == [
            (600, 556, {3333: 600}),
            (3600, 3333, {3333: 3600}),
            (0, 0, {}),
        ]

    def test_too_many_graph_points_is_a_400(self) -> None:
        last = MONDAY + dt.timedelta(days=MAX_GRAPH_POINTS + 1)
        with pytest.raises(BadRequest):
            totals(
                [],
                UTC,
                MONDAY,
                last,
                resolution="day",
                beginning_of_week=1,
                amounts_shown=False,
                with_graph=True,
            )

    @pytest.mark.parametrize(
        ("days", "expected"), [(1, "day"), (31, "day"), (32, "week"), (183, "week"), (184, "month")]
    )
    def test_default_resolution(self, days: int, expected: str) -> None:
        assert default_resolution(MONDAY, MONDAY + dt.timedelta(days=days - 1)) == expected


class TestWeekRows:
    @given(rows_strategy, rates_strategy)
    def test_days_hold_the_weeks_entries(self, rows: list[FactRow], rates: Rates | None) -> None:
        facts = priced_facts(rows, None, rates)
        shown = rates is not None
        week = week_rows(facts, NAMES, UTC, MONDAY, amounts_shown=shown)
        inside = [f for f in facts if 0 <= (f.start - WEEK_START) // 86400 < WEEK_DAYS]
        assert sum(sum(r.seconds) for r in week) == sum(f.seconds for f in inside)
        assert sum(sum(r.billable_seconds) for r in week) == sum(
            f.seconds for f in inside if f.billable
        )
        if shown:
            assert sum(sum(r.cents or []) for r in week) == _billed(inside)
        else:
            assert all(r.cents is None for r in week)
        assert len({(r.user_id, r.project_id) for r in week}) == len(week)

    def test_order_rate_and_days(self) -> None:
        facts = priced_facts(
            [
                row(1, user_id=1, project_id=10, seconds=600),
                row(2, user_id=2, project_id=None, start=WEEK_START + 2 * 86400),
                row(3, user_id=2, project_id=11, billable=False),
                row(4, user_id=1, project_id=10, start=WEEK_START - 1),  # the week before
            ],
            None,
            RATES,
        )
        week = week_rows(facts, NAMES, UTC, MONDAY, amounts_shown=True)
        # By user name as written ("Alice" < "bob"), then project name, no project last.
        assert [(r.user_id, r.project_id, r.rate) for r in week] == [
            (2, 11, 3333),
            (2, None, 5000),
            (1, 10, 9000),
        ]
        assert week[1].seconds == [0, 0, 3600, 0, 0, 0, 0]
        assert week[1].cents == [0, 0, 5000, 0, 0, 0, 0]
        assert week[0].billable_seconds == [0] * WEEK_DAYS
        assert week[2].cents == [1500, 0, 0, 0, 0, 0, 0]


class TestDetailedRows:
    @given(rows_strategy, rates_strategy)
    def test_grouped_rows_partition_and_bill_their_entries(
        self, rows: list[FactRow], rates: Rates | None
    ) -> None:
        facts = priced_facts(rows, None, rates)
        grouped = rows_of(facts, True)
        assert sorted(f.id for group in grouped for f in group) == [f.id for f in facts]
        for group in grouped:
            assert len({(f.user_id, f.project_id, f.billable, f.rate) for f in group}) == 1
        assert sum(row_cents(group) or 0 for group in grouped) == sum(f.cents or 0 for f in facts)
        assert [[f] for f in facts] == rows_of(facts, False)

    def test_alike_entries_share_a_row_whatever_their_tag_order(self) -> None:
        facts = priced_facts(
            [
                row(1, project_id=11, tags="1,2", seconds=600),
                row(2, project_id=11, tags="2,1", seconds=600),
                row(3, project_id=11, tags="1", seconds=600),
                row(4, project_id=11, tags="1,2", billable=False),
            ],
            None,
            RATES,
        )
        grouped = rows_of(facts, True)
        assert [[f.id for f in group] for group in grouped] == [[1, 2], [3], [4]]
        # 556 + 556, as the entries bill one by one (not 1111 for the summed 20 minutes).
        assert [row_cents(group) for group in grouped] == [1112, 556, None]
