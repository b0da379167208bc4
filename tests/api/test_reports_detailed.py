"""Reports v3 detailed search: the subset toggl-python relies on (§13)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import text

from punchclock.db.engine import Database
from tests.api.support.clients import insert_client
from tests.api.support.entries import create_stopped_entry, stored_entry
from tests.api.support.projects import insert_project, insert_task
from tests.api.support.reports import REPORTS, post_detailed_search
from tests.api.support.workspaces import join_workspace
from tests.conftest import Account

ROW_KEYS = [
    "user_id",
    "username",
    "project_id",
    "task_id",
    "billable",
    "description",
    "tag_ids",
    "billable_amount_in_cents",
    "hourly_rate_in_cents",
    "currency",
    "time_entries",
    "row_number",
]


class TestSearchTimeEntries:
    def test_rows_carry_every_key_and_stopped_entries_only(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        stopped = create_stopped_entry(
            client, alice, "2026-11-26T09:00:00Z", 3600, description="done", tags=["x"]
        )["id"]
        create_stopped_entry(client, alice, "2026-11-27T10:00:00Z", -1, description="running")
        response = post_detailed_search(
            client,
            alice,
            alice.workspace_id,
            {"start_date": "2026-11-26", "end_date": "2026-11-27"},
        )
        assert response.status_code == 200
        rows = response.json()
        assert [list(row) for row in rows] == [ROW_KEYS]
        (row,) = rows
        assert row["description"] == "done" and len(row["tag_ids"]) == 1
        (item,) = row["time_entries"]
        assert item["id"] == stopped and item["seconds"] == 3600
        assert item["start"] == "2026-11-26T09:00:00+00:00"
        assert item["stop"] == "2026-11-26T10:00:00+00:00"
        assert set(item) == {"id", "seconds", "start", "stop", "at", "at_tz"}

    def test_dates_are_in_the_users_timezone_and_end_is_inclusive(
        self, client: TestClient[Any], make_account: Callable[..., Account]
    ) -> None:
        berlin = make_account(timezone="Europe/Berlin")
        # 23:30 UTC on the 25th is 00:30 on the 26th in Berlin.
        inside = create_stopped_entry(client, berlin, "2026-11-25T23:30:00Z", 600)["id"]
        create_stopped_entry(
            client, berlin, "2026-11-25T22:30:00Z", 600
        )  # 23:30 on the 25th in Berlin
        rows = post_detailed_search(
            client,
            berlin,
            berlin.workspace_id,
            {"start_date": "2026-11-26", "end_date": "2026-11-26"},
        ).json()
        assert [row["time_entries"][0]["id"] for row in rows] == [inside]
        assert rows[0]["time_entries"][0]["start"] == "2026-11-26T00:30:00+01:00"

    def test_paging_by_row_number(self, client: TestClient[Any], alice: Account) -> None:
        ids = [
            create_stopped_entry(client, alice, f"2026-11-2{d}T09:00:00Z", 60)["id"]
            for d in range(1, 6)
        ]
        first = post_detailed_search(
            client,
            alice,
            alice.workspace_id,
            {"start_date": "2026-11-01", "end_date": "2026-11-30", "page_size": 2},
        )
        assert first.headers["X-Next-Row-Number"] == "3"
        second = post_detailed_search(
            client,
            alice,
            alice.workspace_id,
            {
                "start_date": "2026-11-01",
                "end_date": "2026-11-30",
                "page_size": 2,
                "first_row_number": 3,
            },
        )
        third = post_detailed_search(
            client,
            alice,
            alice.workspace_id,
            {
                "start_date": "2026-11-01",
                "end_date": "2026-11-30",
                "page_size": 2,
                "first_row_number": 5,
            },
        )
        assert "X-Next-Row-Number" not in third.headers
        seen = [r["time_entries"][0]["id"] for page in (first, second, third) for r in page.json()]
        assert seen == list(reversed(ids))
        assert [r["row_number"] for r in second.json()] == [3, 4]

    def test_errors(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        other = make_account()
        assert (
            post_detailed_search(
                client, alice, other.workspace_id, {"start_date": "2026-11-01"}
            ).status_code
            == 403
        )
        empty = post_detailed_search(client, alice, alice.workspace_id, {})
        assert (empty.status_code, empty.json()) == (400, "At least one parameter must be set")
        bad = post_detailed_search(client, alice, alice.workspace_id, {"start_date": "yesterday"})
        assert bad.status_code == 400 and bad.json().startswith("Invalid 'start_date' value")
        assert post_detailed_search(client, alice, alice.workspace_id, [1]).status_code == 400

    def test_members_see_only_their_own_entries(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        create_stopped_entry(client, alice, "2026-11-26T09:00:00Z", 60)
        outsider = make_account()
        rows = post_detailed_search(
            client, outsider, outsider.workspace_id, {"start_date": "2026-11-26"}
        ).json()
        assert rows == []


class TestSearchBadInput:
    """Out-of-range filters are a 400 with Toggl's shape, never a 500."""

    @pytest.mark.parametrize(
        "body",
        [
            {"start_date": "2026-11-01", "user_ids": [2**63]},
            {"start_date": "2026-11-01", "project_ids": [2**63 + 5]},
            {"start_date": "2026-11-01", "user_ids": [0]},
            {"start_date": "2026-11-01", "first_row_number": 2**63},
            {"start_date": "2026-11-01", "end_date": "9999-12-31"},
            {"start_date": "0001-01-01"},
        ],
    )
    def test_refused(self, client: TestClient[Any], alice: Account, body: Any) -> None:
        response = post_detailed_search(client, alice, alice.workspace_id, body)
        assert response.status_code == 400, response.text
        assert isinstance(response.json(), str)


def _rows(client: TestClient[Any], who: Account, body: dict[str, Any]) -> Any:
    response = post_detailed_search(client, who, who.workspace_id, {"page_size": 1000, **body})
    assert response.status_code == 200, response.text
    return response


class TestTimezones:
    """Dates are calendar days in the caller's zone; DST days are 23 or 25 hours long."""

    def test_berlin_dst_end_day_has_25_hours(
        self, client: TestClient[Any], make_account: Callable[..., Account]
    ) -> None:
        berlin = make_account(timezone="Europe/Berlin")
        made = {
            at: create_stopped_entry(client, berlin, at, 60)["id"]
            for at in (
                "2026-10-24T21:59:00Z",  # 23:59 +02:00 on the 24th: out
                "2026-10-24T22:00:00Z",  # 00:00 +02:00 on the 25th
                "2026-10-25T00:30:00Z",  # 02:30 +02:00 (first pass)
                "2026-10-25T01:30:00Z",  # 02:30 +01:00 (second pass)
                "2026-10-25T22:59:00Z",  # 23:59 +01:00
                "2026-10-25T23:00:00Z",  # 00:00 +01:00 on the 26th: out
            )
        }
        response = _rows(
            client,
            berlin,
            {"start_date": "2026-10-25", "end_date": "2026-10-25", "order_dir": "ASC"},
        )
        assert response.headers["X-Range-Start"] == "2026-10-25"
        assert response.headers["X-Range-End"] == "2026-10-25"
        items = [row["time_entries"][0] for row in response.json()]
        assert [item["id"] for item in items] == [
            made[at]
            for at in (
                "2026-10-24T22:00:00Z",
                "2026-10-25T00:30:00Z",
                "2026-10-25T01:30:00Z",
                "2026-10-25T22:59:00Z",
            )
        ]
        assert [item["start"] for item in items] == [
            "2026-10-25T00:00:00+02:00",
            "2026-10-25T02:30:00+02:00",
            "2026-10-25T02:30:00+01:00",
            "2026-10-25T23:59:00+01:00",
        ]
        assert [item["stop"] for item in items] == [
            "2026-10-25T00:01:00+02:00",
            "2026-10-25T02:31:00+02:00",
            "2026-10-25T02:31:00+01:00",
            "2026-10-26T00:00:00+01:00",
        ]
        totals = client.post(
            f"{REPORTS}/{berlin.workspace_id}/search/time_entries/totals",
            json={"start_date": "2026-10-24", "end_date": "2026-10-26", "with_graph": True},
            auth=berlin.auth,
        ).json()
        assert totals["tracked_days"] == 3
        assert [p["seconds"] for p in totals["graph"]] == [60, 240, 60]

    def test_berlin_dst_start_day_has_23_hours(
        self, client: TestClient[Any], make_account: Callable[..., Account]
    ) -> None:
        berlin = make_account(timezone="Europe/Berlin")
        made = {
            at: create_stopped_entry(client, berlin, at, 3600)["id"]
            for at in (
                "2026-03-28T22:59:00Z",  # 23:59 +01:00 on the 28th: out
                "2026-03-28T23:00:00Z",  # 00:00 +01:00 on the 29th
                "2026-03-29T00:30:00Z",  # 01:30 +01:00, stops 03:30 +02:00
                "2026-03-29T01:00:00Z",  # 03:00 +02:00
                "2026-03-29T21:59:00Z",  # 23:59 +02:00
                "2026-03-29T22:00:00Z",  # 00:00 +02:00 on the 30th: out
            )
        }
        rows = _rows(
            client, berlin, {"start_date": "2026-03-29", "order_by": "date", "order_dir": "asc"}
        ).json()
        items = [row["time_entries"][0] for row in rows]
        assert [item["id"] for item in items] == [
            made[at]
            for at in (
                "2026-03-28T23:00:00Z",
                "2026-03-29T00:30:00Z",
                "2026-03-29T01:00:00Z",
                "2026-03-29T21:59:00Z",
            )
        ]
        assert [(item["start"], item["stop"]) for item in items] == [
            ("2026-03-29T00:00:00+01:00", "2026-03-29T01:00:00+01:00"),
            ("2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00"),
            ("2026-03-29T03:00:00+02:00", "2026-03-29T04:00:00+02:00"),
            ("2026-03-29T23:59:00+02:00", "2026-03-30T00:59:00+02:00"),
        ]

    def test_mexico_city(
        self, client: TestClient[Any], make_account: Callable[..., Account]
    ) -> None:
        mexico = make_account(timezone="America/Mexico_City")
        late = create_stopped_entry(client, mexico, "2026-11-02T05:30:00Z", 60)[
            "id"
        ]  # 23:30 -06:00 on the 1st
        create_stopped_entry(client, mexico, "2026-11-02T06:00:00Z", 60)  # 00:00 -06:00 on the 2nd
        create_stopped_entry(client, mexico, "2026-11-01T05:59:00Z", 60)  # 23:59 -06:00 on Oct 31st
        # No DST since 2022: -06:00 in April too.
        april = create_stopped_entry(client, mexico, "2026-04-15T12:00:00Z", 60)["id"]
        response = _rows(client, mexico, {"start_date": "2026-11-01"})
        assert [r["time_entries"][0]["id"] for r in response.json()] == [late]
        assert response.json()[0]["time_entries"][0]["start"] == "2026-11-01T23:30:00-06:00"
        assert response.headers["X-Range-Start"] == response.headers["X-Range-End"] == "2026-11-01"
        (row,) = _rows(client, mexico, {"start_date": "2026-04-15"}).json()
        assert row["time_entries"][0]["id"] == april
        assert row["time_entries"][0]["start"] == "2026-04-15T06:00:00-06:00"

    def test_the_same_instant_reads_in_each_callers_zone(
        self,
        client: TestClient[Any],
        database: Any,
        alice: Account,
        make_account: Callable[..., Account],
    ) -> None:
        tokyo = make_account(timezone="Asia/Tokyo")
        join_workspace(database, alice.workspace_id, tokyo.id, role="admin")
        entry = create_stopped_entry(client, alice, "2026-11-26T20:00:00Z", 60)["id"]
        # 05:00 on the 27th in Tokyo.
        rows = post_detailed_search(
            client, tokyo, alice.workspace_id, {"start_date": "2026-11-27"}
        ).json()
        assert rows[0]["time_entries"][0]["id"] == entry
        assert rows[0]["time_entries"][0]["start"] == "2026-11-27T05:00:00+09:00"
        assert (
            post_detailed_search(
                client, tokyo, alice.workspace_id, {"start_date": "2026-11-26"}
            ).json()
            == []
        )


ROUNDING_ERROR = (
    "Invalid 'rounding_minutes' value, allowed values are: "
    "'0', '1', '5', '6', '10', '12', '15', '30', '60', '240'"
)


class TestRounding:
    DURATIONS = (61, 899, 900, 901, 3599)

    def _seconds(self, client: TestClient[Any], who: Account, **body: Any) -> list[int]:
        rows = _rows(
            client,
            who,
            {"start_date": "2026-11-01", "end_date": "2026-11-30", "order_dir": "ASC", **body},
        ).json()
        return [row["time_entries"][0]["seconds"] for row in rows]

    def test_up_and_down_per_entry(
        self, client: TestClient[Any], database: Any, alice: Account
    ) -> None:
        ids = [
            create_stopped_entry(client, alice, f"2026-11-0{day}T09:00:00Z", seconds)["id"]
            for day, seconds in enumerate(self.DURATIONS, start=1)
        ]
        assert self._seconds(client, alice) == list(self.DURATIONS)
        assert self._seconds(client, alice, rounding=1, rounding_minutes=15) == [
            900,
            900,
            900,
            1800,
            3600,
        ]
        assert self._seconds(client, alice, rounding=-1, rounding_minutes=15) == [
            0,
            0,
            900,
            900,
            2700,
        ]
        assert self._seconds(client, alice, rounding=1, rounding_minutes=1) == [
            120,
            900,
            900,
            960,
            3600,
        ]
        assert self._seconds(client, alice, rounding=-1, rounding_minutes=6) == [
            0,
            720,
            720,
            720,
            3240,
        ]
        assert self._seconds(client, alice, rounding=1, rounding_minutes=240) == [14400] * 5
        # No direction, or no step: no rounding.
        assert self._seconds(client, alice, rounding=0, rounding_minutes=15) == list(self.DURATIONS)
        assert self._seconds(client, alice, rounding=1, rounding_minutes=0) == list(self.DURATIONS)
        assert self._seconds(client, alice, rounding=1) == list(self.DURATIONS)
        # Rounding is a projection: stored entries keep their durations.
        for entry_id, seconds in zip(ids, self.DURATIONS, strict=True):
            row = stored_entry(database, entry_id)
            assert row is not None and row["stop"] - row["start"] == seconds
        # The entries' start and stop are the real ones.
        rows = _rows(
            client, alice, {"start_date": "2026-11-01", "rounding": 1, "rounding_minutes": 60}
        ).json()
        assert rows[0]["time_entries"][0]["stop"] == "2026-11-01T09:01:01+00:00"
        totals = client.post(
            f"{REPORTS}/{alice.workspace_id}/search/time_entries/totals",
            json={
                "start_date": "2026-11-01",
                "end_date": "2026-11-30",
                "rounding": 1,
                "rounding_minutes": 15,
            },
            auth=alice.auth,
        ).json()
        assert totals["seconds"] == 900 * 3 + 1800 + 3600

    def test_rounded_seconds_drive_amounts(
        self, client: TestClient[Any], database: Any, alice: Account
    ) -> None:
        from decimal import Decimal

        from sqlalchemy import update

        from punchclock.db.schema import workspaces

        with database.transaction(write=True) as conn:
            conn.execute(
                update(workspaces)
                .where(workspaces.c.id == alice.workspace_id)
                .values(default_hourly_rate=Decimal("60.00"))
            )
        create_stopped_entry(client, alice, "2026-11-02T09:00:00Z", 61, billable=True)
        (row,) = _rows(
            client, alice, {"start_date": "2026-11-02", "rounding": 1, "rounding_minutes": 30}
        ).json()
        assert row["billable_amount_in_cents"] == 3000

    @pytest.mark.parametrize("minutes", [2, 7, 20, 45, 120, -1, 241])
    def test_invalid_rounding_minutes(
        self, client: TestClient[Any], alice: Account, minutes: int
    ) -> None:
        for suffix in ("", "/totals", ".csv"):
            response = client.post(
                f"{REPORTS}/{alice.workspace_id}/search/time_entries{suffix}",
                json={"start_date": "2026-11-01", "rounding": 1, "rounding_minutes": minutes},
                auth=alice.auth,
            )
            assert (response.status_code, response.json()) == (400, ROUNDING_ERROR)


class TestEnrichedRows:
    def test_names_are_added(self, client: TestClient[Any], database: Any, alice: Account) -> None:
        acme = insert_client(database, alice.workspace_id, alice.id, "Acme")
        site = insert_project(
            database, alice.workspace_id, alice.id, "Site", client_id=acme, color="#c7741c"
        )
        spec = insert_task(database, alice.workspace_id, site, "Spec")
        create_stopped_entry(
            client,
            alice,
            "2026-11-02T09:00:00Z",
            60,
            project_id=site,
            task_id=spec,
            tags=["b", "a"],
            description="d",
        )
        (row,) = _rows(client, alice, {"start_date": "2026-11-02", "enrich_response": True}).json()
        assert row["username"] == "Alice Tester" and row["email"] == "alice@example.com"
        assert (row["project_name"], row["project_color"], row["client_name"]) == (
            "Site",
            "#c7741c",
            "Acme",
        )
        assert row["task_name"] == "Spec"
        assert sorted(row["tag_names"]) == ["a", "b"]
        assert row["row_number"] == 1 and len(row["time_entries"]) == 1
        (plain,) = _rows(client, alice, {"start_date": "2026-11-02"}).json()
        assert "project_name" not in plain and plain["username"] == "Alice Tester"


class TestReportsOnlyRead:
    def test_a_report_answers_while_another_transaction_holds_the_write_lock(
        self, client: TestClient[Any], alice: Account, database: Database
    ) -> None:
        create_stopped_entry(client, alice, "2026-11-26T09:00:00Z", 600)
        # SQLite: BEGIN IMMEDIATE holds the database's write lock; a report that asked for it
        # too would wait out the busy timeout. PostgreSQL: a row lock on the caller.
        with database.transaction(write=True) as conn:
            conn.execute(
                text("UPDATE users SET fullname = fullname WHERE id = :id"), {"id": alice.id}
            )
            started = time.monotonic()
            response = post_detailed_search(
                client, alice, alice.workspace_id, {"start_date": "2026-11-26"}
            )
            elapsed = time.monotonic() - started
        assert response.status_code == 200, response.text
        assert len(response.json()) == 1
        assert elapsed < 5, elapsed
