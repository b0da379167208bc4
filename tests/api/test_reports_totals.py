"""Reports v3 totals and amounts: sums checked against figures computed here, independently."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar.testing import TestClient
from sqlalchemy import update

from punchclock.db.engine import Database
from punchclock.db.schema import workspace_users
from tests.api.support.entries import create_stopped_entry
from tests.api.support.projects import insert_project, insert_project_member, update_project
from tests.api.support.reports import RANGE, REPORTS, post_detailed_search
from tests.api.support.workspaces import join_workspace, update_workspace
from tests.conftest import Account

HOUR = 3600


def _totals(client: TestClient[Any], who: Account, wid: int, body: Any) -> Any:
    resp = client.post(f"{REPORTS}/{wid}/search/time_entries/totals", json=body, auth=who.auth)
    assert resp.status_code == 200, resp.text
    return resp.json()


def set_member_rate(database: Database, wid: int, user_id: int, rate: str | None) -> None:
    with database.transaction(write=True) as conn:
        conn.execute(
            update(workspace_users)
            .where(workspace_users.c.workspace_id == wid, workspace_users.c.user_id == user_id)
            .values(rate=None if rate is None else Decimal(rate))
        )


def expected_amount(seconds: int, rate_cents: int) -> int:
    """Cents billed, rounded half up (Decimal arithmetic, independent of the server's)."""
    exact = Decimal(seconds) * Decimal(rate_cents) / Decimal(3600)
    return int(exact.quantize(Decimal(1), rounding="ROUND_HALF_UP"))


class Team:
    def __init__(self, alice: Account, bob: Account, site: int, app: int) -> None:
        self.alice, self.bob, self.site, self.app = alice, bob, site, app


@pytest.fixture
def team(
    client: TestClient[Any],
    database: Database,
    alice: Account,
    make_account: Callable[..., Account],
) -> Team:
    wid = alice.workspace_id
    bob = make_account(fullname="Bob Member")
    join_workspace(database, wid, bob.id)
    bob.workspace_id = wid
    site = insert_project(database, wid, alice.id, "Site")
    app = insert_project(database, wid, alice.id, "App")
    # Workspace 100.00 < bob as member 80.00 < site 120.00 < bob on site 150.00.
    update_workspace(database, wid, default_hourly_rate=Decimal("100.00"))
    set_member_rate(database, wid, bob.id, "80.00")
    update_project(database, site, rate=Decimal("120.00"))
    insert_project_member(database, wid, site, bob.id, rate=Decimal("150.00"))
    insert_project_member(database, wid, app, alice.id)  # a member row without a rate
    return Team(alice, bob, site, app)


# Rates in cents each (user, project) pair gets under the team's precedence.
def _team_rates(team: Team) -> dict[tuple[int, int | None], int]:
    return {
        (team.alice.id, team.site): 12000,  # project rate
        (team.bob.id, team.site): 15000,  # project-member rate
        (team.alice.id, team.app): 10000,  # workspace default (project and member unset)
        (team.bob.id, team.app): 8000,  # member rate
        (team.alice.id, None): 10000,
        (team.bob.id, None): 8000,
    }


class TestRates:
    def test_precedence_per_row(self, client: TestClient[Any], team: Team) -> None:
        rates = _team_rates(team)
        made: dict[int, tuple[int, int | None]] = {}
        for day, ((user_id, project_id), _) in enumerate(rates.items(), start=2):
            who = team.alice if user_id == team.alice.id else team.bob
            extra = {"project_id": project_id} if project_id else {}
            te = create_stopped_entry(
                client, who, f"2026-11-{day:02d}T09:00:00Z", 1800, billable=True, **extra
            )["id"]
            made[te] = (user_id, project_id)
        rows = post_detailed_search(client, team.alice, team.alice.workspace_id, {**RANGE}).json()
        assert len(rows) == len(rates)
        for row in rows:
            key = made[row["time_entries"][0]["id"]]
            assert row["hourly_rate_in_cents"] == rates[key], key
            assert row["billable_amount_in_cents"] == rates[key] // 2
            assert row["currency"] == "USD"
        totals = _totals(client, team.alice, team.alice.workspace_id, RANGE)
        assert totals["billable_amount_in_cents"] == sum(r // 2 for r in rates.values())
        by_rate = {r["hourly_rate_in_cents"]: r["billable_seconds"] for r in totals["rates"]}
        assert by_rate == {8000: 3600, 10000: 3600, 12000: 1800, 15000: 1800}
        assert [r["hourly_rate_in_cents"] for r in totals["rates"]] == sorted(by_rate)
        assert all(r["currency"] == "USD" for r in totals["rates"])

    def test_amounts_for_billable_entries_only(self, client: TestClient[Any], team: Team) -> None:
        wid = team.alice.workspace_id
        create_stopped_entry(client, team.alice, "2026-11-02T09:00:00Z", HOUR, project_id=team.site)
        create_stopped_entry(client, team.alice, "2026-11-03T09:00:00Z", HOUR, billable=True)
        rows = post_detailed_search(client, team.alice, wid, {**RANGE, "order_dir": "ASC"}).json()
        assert [r["billable"] for r in rows] == [False, True]
        assert rows[0]["billable_amount_in_cents"] is None
        assert rows[0]["hourly_rate_in_cents"] == 12000
        assert rows[1]["billable_amount_in_cents"] == 10000
        totals = _totals(client, team.alice, wid, RANGE)
        assert totals["seconds"] == 2 * HOUR
        assert totals["billable_amount_in_cents"] == 10000
        assert totals["rates"] == [
            {"billable_seconds": HOUR, "currency": "USD", "hourly_rate_in_cents": 10000}
        ]

    def test_fractional_rates_and_half_cents(
        self, client: TestClient[Any], database: Database, team: Team
    ) -> None:
        update_workspace(database, team.alice.workspace_id, default_hourly_rate=Decimal("33.33"))
        create_stopped_entry(
            client, team.alice, "2026-11-02T09:00:00Z", 1200, billable=True
        )  # 1111.0
        create_stopped_entry(
            client, team.alice, "2026-11-03T09:00:00Z", 54, billable=True
        )  # 49.995 -> 50
        rows = post_detailed_search(client, team.alice, team.alice.workspace_id, RANGE).json()
        assert sorted(r["billable_amount_in_cents"] for r in rows) == [50, 1111]
        totals = _totals(client, team.alice, team.alice.workspace_id, RANGE)
        assert totals["billable_amount_in_cents"] == 1161
        assert totals["rates"][0]["hourly_rate_in_cents"] == 3333

    def test_no_rate_anywhere_bills_zero(
        self, client: TestClient[Any], database: Database, alice: Account
    ) -> None:
        create_stopped_entry(client, alice, "2026-11-02T09:00:00Z", HOUR, billable=True)
        (row,) = post_detailed_search(client, alice, alice.workspace_id, RANGE).json()
        assert (row["hourly_rate_in_cents"], row["billable_amount_in_cents"]) == (None, 0)
        totals = _totals(client, alice, alice.workspace_id, RANGE)
        assert (totals["billable_amount_in_cents"], totals["rates"]) == (0, [])

    def test_hidden_from_members_when_the_workspace_says_so(
        self, client: TestClient[Any], database: Database, team: Team
    ) -> None:
        wid = team.alice.workspace_id
        create_stopped_entry(client, team.bob, "2026-11-02T09:00:00Z", HOUR, billable=True)
        create_stopped_entry(client, team.alice, "2026-11-03T09:00:00Z", HOUR, billable=True)
        (row,) = post_detailed_search(client, team.bob, wid, RANGE).json()
        assert row["billable_amount_in_cents"] == 8000
        update_workspace(database, wid, only_admins_see_billable_rates=True)
        (row,) = post_detailed_search(client, team.bob, wid, RANGE).json()
        assert (row["billable_amount_in_cents"], row["hourly_rate_in_cents"]) == (None, None)
        totals = _totals(client, team.bob, wid, RANGE)
        assert totals["seconds"] == HOUR
        assert (totals["billable_amount_in_cents"], totals["rates"]) == (None, [])
        # Admins still see them.
        rows = post_detailed_search(client, team.alice, wid, RANGE).json()
        assert sorted(r["billable_amount_in_cents"] for r in rows) == [8000, 10000]
        assert _totals(client, team.alice, wid, RANGE)["billable_amount_in_cents"] == 18000

    def test_hide_amounts(self, client: TestClient[Any], team: Team) -> None:
        wid = team.alice.workspace_id
        create_stopped_entry(client, team.alice, "2026-11-02T09:00:00Z", HOUR, billable=True)
        (row,) = post_detailed_search(
            client, team.alice, wid, {**RANGE, "hide_amounts": True}
        ).json()
        assert (row["billable_amount_in_cents"], row["hourly_rate_in_cents"]) == (None, None)
        totals = _totals(client, team.alice, wid, {**RANGE, "hide_amounts": True})
        assert (totals["billable_amount_in_cents"], totals["rates"]) == (None, [])
        assert totals["seconds"] == HOUR
        graph = _totals(
            client, team.alice, wid, {**RANGE, "hide_amounts": True, "with_graph": True}
        )
        assert all(point["billable_amount_in_cents"] is None for point in graph["graph"])


class TestTotals:
    def test_shape_and_tracked_days(self, client: TestClient[Any], alice: Account) -> None:
        wid = alice.workspace_id
        create_stopped_entry(client, alice, "2026-11-02T09:00:00Z", 100)
        create_stopped_entry(
            client, alice, "2026-11-02T23:59:00Z", 200
        )  # ends on the 3rd: counts on the 2nd
        create_stopped_entry(client, alice, "2026-11-05T09:00:00Z", 300)
        create_stopped_entry(client, alice, "2026-11-27T11:00:00Z", -1)  # running: left out
        totals = _totals(client, alice, wid, RANGE)
        assert list(totals) == [
            "seconds",
            "tracked_days",
            "billable_amount_in_cents",
            "labour_cost_in_cents",
            "resolution",
            "rates",
            "graph",
        ]
        assert totals["seconds"] == 600
        assert totals["tracked_days"] == 2
        assert totals["resolution"] == "day"
        assert totals["graph"] == []

    def test_filters_apply_to_totals(self, client: TestClient[Any], team: Team) -> None:
        wid = team.alice.workspace_id
        create_stopped_entry(client, team.alice, "2026-11-02T09:00:00Z", 100, project_id=team.site)
        create_stopped_entry(client, team.bob, "2026-11-03T09:00:00Z", 200, description="call")
        create_stopped_entry(client, team.alice, "2026-11-04T09:00:00Z", 400, billable=True)
        assert (
            _totals(client, team.alice, wid, {**RANGE, "project_ids": [team.site]})["seconds"]
            == 100
        )
        assert _totals(client, team.alice, wid, {**RANGE, "project_ids": [None]})["seconds"] == 600
        assert (
            _totals(client, team.alice, wid, {**RANGE, "user_ids": [team.bob.id]})["seconds"] == 200
        )
        assert _totals(client, team.alice, wid, {**RANGE, "description": "CAL"})["seconds"] == 200
        assert _totals(client, team.alice, wid, {**RANGE, "billable": True})["seconds"] == 400
        # Members' totals cover their own entries only.
        assert _totals(client, team.bob, wid, RANGE)["seconds"] == 200

    def test_graph_by_day(self, client: TestClient[Any], team: Team) -> None:
        wid = team.alice.workspace_id
        create_stopped_entry(client, team.alice, "2026-11-02T09:00:00Z", HOUR, billable=True)
        create_stopped_entry(client, team.alice, "2026-11-02T12:00:00Z", 600)
        create_stopped_entry(
            client, team.bob, "2026-11-04T09:00:00Z", HOUR, billable=True, project_id=team.site
        )
        body = {"start_date": "2026-11-01", "end_date": "2026-11-05", "with_graph": True}
        totals = _totals(client, team.alice, wid, body)
        assert totals["resolution"] == "day"
        assert [p["seconds"] for p in totals["graph"]] == [0, HOUR + 600, 0, HOUR, 0]
        assert [p["billable_amount_in_cents"] for p in totals["graph"]] == [0, 10000, 0, 15000, 0]
        assert totals["graph"][1]["by_rate"] == {"10000": HOUR}
        assert totals["graph"][3]["by_rate"] == {"15000": HOUR}
        assert totals["graph"][0]["by_rate"] == {}

    def test_graph_by_week_and_month(self, client: TestClient[Any], alice: Account) -> None:
        wid = alice.workspace_id
        create_stopped_entry(
            client, alice, "2026-09-06T09:00:00Z", 100
        )  # Sunday: week of Monday 08-31
        create_stopped_entry(client, alice, "2026-09-07T09:00:00Z", 200)  # Monday: a new week
        create_stopped_entry(client, alice, "2026-10-15T09:00:00Z", 400)
        body = {"start_date": "2026-09-01", "end_date": "2026-10-31", "with_graph": True}
        weekly = _totals(client, alice, wid, body)
        assert weekly["resolution"] == "week"
        # Weeks start on Monday (beginning_of_week 1): 08-31, 09-07, ... 10-26: 9 buckets.
        assert len(weekly["graph"]) == 9
        assert [p["seconds"] for p in weekly["graph"]][:2] == [100, 200]
        assert weekly["graph"][6]["seconds"] == 400  # week of 10-12
        monthly = _totals(client, alice, wid, {**body, "granularity": "month"})
        assert monthly["resolution"] == "month"
        assert [p["seconds"] for p in monthly["graph"]] == [300, 400]
        daily = _totals(client, alice, wid, {**body, "resolution": "day"})
        assert daily["resolution"] == "day" and len(daily["graph"]) == 61
        # granularity overrides resolution.
        both = _totals(client, alice, wid, {**body, "resolution": "day", "granularity": "MONTH"})
        assert both["resolution"] == "month"
        year = {"start_date": "2026-01-01", "end_date": "2026-12-31", "with_graph": True}
        whole = _totals(client, alice, wid, year)
        assert whole["resolution"] == "month" and len(whole["graph"]) == 12
        assert sum(p["seconds"] for p in whole["graph"]) == 700

    def test_bad_granularity(self, client: TestClient[Any], alice: Account) -> None:
        for name in ("granularity", "resolution"):
            resp = client.post(
                f"{REPORTS}/{alice.workspace_id}/search/time_entries/totals",
                json={**RANGE, name: "year"},
                auth=alice.auth,
            )
            assert resp.status_code == 400
            assert resp.json() == (
                f"Invalid '{name}' value, allowed values are: 'day', 'week', 'month'"
            )

    def test_range_headers(self, client: TestClient[Any], alice: Account) -> None:
        resp = client.post(
            f"{REPORTS}/{alice.workspace_id}/search/time_entries/totals",
            json={"start_date": "2026-11-03"},
            auth=alice.auth,
        )
        assert resp.headers["X-Range-Start"] == "2026-11-03"
        assert resp.headers["X-Range-End"] == "2026-11-03"


# One example per 10-day window from 2025-01-01, so examples never see each other's entries.
_windows = itertools.count()

entry_strategy = st.tuples(
    st.integers(min_value=0, max_value=7 * 24 * 60 - 1),  # start minute within the window
    st.integers(min_value=1, max_value=5 * HOUR),  # seconds
    st.booleans(),  # billable
    st.sampled_from(["none", "site", "app"]),
    st.booleans(),  # bob?
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    entries=st.lists(entry_strategy, min_size=0, max_size=6),
    rounding=st.sampled_from([(0, 0), (1, 15), (-1, 5), (1, 1), (-1, 60)]),
)
def test_totals_match_independent_sums(
    client: TestClient[Any],
    team: Team,
    entries: list[tuple[int, int, bool, str, bool]],
    rounding: tuple[int, int],
) -> None:
    first = dt.date(2025, 1, 1) + dt.timedelta(days=10 * next(_windows))
    origin = dt.datetime.combine(first, dt.time(), tzinfo=dt.UTC)
    rates = _team_rates(team)
    projects = {"none": None, "site": team.site, "app": team.app}
    direction, minutes = rounding
    seconds_total = 0
    amount_total = 0
    by_rate: dict[int, int] = {}
    days: set[dt.date] = set()
    for minute, seconds, billable, project, is_bob in entries:
        who = team.bob if is_bob else team.alice
        start = origin + dt.timedelta(minutes=minute)
        project_id = projects[project]
        extra = {"project_id": project_id} if project_id else {}
        create_stopped_entry(client, who, start.isoformat(), seconds, billable=billable, **extra)
        if minutes:
            step = minutes * 60
            whole = seconds // step * step
            seconds = whole if direction < 0 or whole == seconds else whole + step
        seconds_total += seconds
        days.add(start.date())
        if billable:
            rate = rates[(who.id, project_id)]
            amount_total += expected_amount(seconds, rate)
            by_rate[rate] = by_rate.get(rate, 0) + seconds
    body: dict[str, Any] = {
        "start_date": first.isoformat(),
        "end_date": (first + dt.timedelta(days=6)).isoformat(),
        "rounding": direction,
        "rounding_minutes": minutes,
    }
    wid = team.alice.workspace_id
    totals = _totals(client, team.alice, wid, {**body, "with_graph": True})
    assert totals["seconds"] == seconds_total
    assert totals["tracked_days"] == len(days)
    assert totals["billable_amount_in_cents"] == amount_total
    assert {r["hourly_rate_in_cents"]: r["billable_seconds"] for r in totals["rates"]} == by_rate
    assert sum(p["seconds"] for p in totals["graph"]) == seconds_total
    assert sum(p["billable_amount_in_cents"] for p in totals["graph"]) == amount_total
    assert len(totals["graph"]) == 7
    # The detailed rows (plain and grouped) add up to the same totals.
    for grouped in (False, True):
        rows = post_detailed_search(
            client, team.alice, wid, {**body, "page_size": 1000, "grouped": grouped}
        )
        rows_json = rows.json()
        assert sum(i["seconds"] for r in rows_json for i in r["time_entries"]) == seconds_total
        assert sum(r["billable_amount_in_cents"] or 0 for r in rows_json) == amount_total
        assert sum(len(r["time_entries"]) for r in rows_json) == len(entries)


def test_graph_of_an_absurd_range_is_refused(client: TestClient[Any], alice: Account) -> None:
    url = f"{REPORTS}/{alice.workspace_id}/search/time_entries/totals"
    huge = {"start_date": "1970-01-01", "end_date": "9998-12-31", "with_graph": True}
    for extra in ({}, {"granularity": "day"}, {"granularity": "month"}):
        resp = client.post(url, json={**huge, **extra}, auth=alice.auth)
        assert (resp.status_code, resp.json()) == (400, "Date range too large for given resolution")
    # Without a graph the range is fine; a few years by day are fine too.
    assert client.post(url, json={**huge, "with_graph": False}, auth=alice.auth).status_code == 200
    years = {"start_date": "2024-01-01", "end_date": "2026-12-31", "with_graph": True}
    resp = client.post(url, json={**years, "granularity": "day"}, auth=alice.auth)
    assert resp.status_code == 200 and len(resp.json()["graph"]) == 1096
