"""Reports v3 weekly report (§13): seven-day rows per user and project, and the CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from litestar.testing import TestClient

from punchclock.db.engine import Database
from tests.api.support.clients import insert_client
from tests.api.support.entries import create_stopped_entry, stored_entry
from tests.api.support.http import assert_error
from tests.api.support.projects import insert_project
from tests.api.support.reports import REPORTS
from tests.api.support.workspaces import join_workspace, update_workspace
from tests.conftest import Account

ROW_KEYS = [
    "user_id",
    "user_name",
    "project_id",
    "project_name",
    "project_color",
    "project_hex_color",
    "client_name",
    "planned_task_id",
    "currency",
    "hourly_rate_in_cents",
    "seconds",
    "billable_seconds",
    "billable_amounts_in_cents",
]
UNSUPPORTED = [
    ("grouped", True),
    ("order_by", "date"),
    ("order_dir", "ASC"),
    ("page_size", 10),
    ("first_id", 1),
    ("first_row_number", 1),
    ("first_timestamp", 1),
    ("grouping", "projects"),
    ("sub_grouping", "users"),
    ("include_time_entry_ids", True),
    ("distinguish_rates", True),
    ("with_graph", True),
    ("resolution", "day"),
    ("granularity", "day"),
    ("enrich_response", True),
]


def _weekly(client: TestClient[Any], who: Account, body: Any, wid: int | None = None) -> Any:
    wid = who.workspace_id if wid is None else wid
    return client.post(f"{REPORTS}/{wid}/weekly/time_entries", json=body, auth=who.auth)


def _csv(client: TestClient[Any], who: Account, body: Any) -> Any:
    url = f"{REPORTS}/{who.workspace_id}/weekly/time_entries.csv"
    return client.post(url, json=body, auth=who.auth)


def _expected(
    entries: list[dict[str, Any]], zone: str, first: dt.date
) -> dict[int | None, tuple[list[int], list[int]]]:
    """Per project: seconds and billable seconds per local day, computed from the entries."""
    out: dict[int | None, tuple[list[int], list[int]]] = {}
    for entry in entries:
        start = dt.datetime.fromisoformat(entry["start"]).astimezone(ZoneInfo(zone))
        index = (start.date() - first).days
        if not 0 <= index < 7:
            continue
        seconds, billable = out.setdefault(entry["project_id"], ([0] * 7, [0] * 7))
        seconds[index] += entry["duration"]
        if entry["billable"]:
            billable[index] += entry["duration"]
    return out


class TestWeeklyRows:
    def test_row_shape_and_day_buckets(
        self, client: TestClient[Any], alice: Account, database: Database
    ) -> None:
        update_workspace(database, alice.workspace_id, default_hourly_rate=50)
        agl = insert_client(database, alice.workspace_id, alice.id, "AGL")
        web = insert_project(database, alice.workspace_id, alice.id, "Website", client_id=agl)
        api = insert_project(database, alice.workspace_id, alice.id, "Api", color="#c9806b")
        entries = [
            create_stopped_entry(
                client, alice, "2026-11-16T09:00:00Z", 3600, project_id=web, billable=True
            ),
            create_stopped_entry(client, alice, "2026-11-16T13:00:00Z", 1800, project_id=web),
            create_stopped_entry(
                client, alice, "2026-11-18T09:00:00Z", 5400, project_id=api, billable=True
            ),
            create_stopped_entry(client, alice, "2026-11-22T23:59:00Z", 60),
            create_stopped_entry(client, alice, "2026-11-20T10:00:00Z", 900),
            # Outside the week on both sides.
            create_stopped_entry(client, alice, "2026-11-15T23:59:00Z", 60, project_id=web),
            create_stopped_entry(client, alice, "2026-11-23T00:00:00Z", 60, project_id=web),
        ]
        # Running entries stay out.
        create_stopped_entry(client, alice, "2026-11-27T11:00:00Z", -1, project_id=web)
        response = _weekly(client, alice, {"start_date": "2026-11-16"})
        assert response.status_code == 200, response.text
        assert response.headers["X-Range-Start"] == "2026-11-16"
        assert response.headers["X-Range-End"] == "2026-11-22"
        rows = response.json()
        assert isinstance(rows, list)
        assert all(list(row) == ROW_KEYS for row in rows)
        # By project name ("Api" < "Website"), without project last.
        assert [row["project_id"] for row in rows] == [api, web, None]
        expected = _expected(entries, "UTC", dt.date(2026, 11, 16))
        for row in rows:
            seconds, billable = expected[row["project_id"]]
            assert row["seconds"] == seconds
            assert row["billable_seconds"] == billable
            assert row["billable_amounts_in_cents"] == [(s * 5000 + 1800) // 3600 for s in billable]
            assert row["user_id"] == alice.id and row["user_name"] == "Alice Tester"
            assert row["planned_task_id"] is None and row["currency"] == "USD"
            assert row["hourly_rate_in_cents"] == 5000
        api_row, web_row, none_row = rows
        assert web_row["project_name"] == "Website" and web_row["client_name"] == "AGL"
        assert web_row["project_color"] == web_row["project_hex_color"] == "#0b83d9"
        assert api_row["client_name"] is None and api_row["project_hex_color"] == "#c9806b"
        assert none_row["project_name"] is None and none_row["project_color"] is None
        assert web_row["seconds"] == [5400, 0, 0, 0, 0, 0, 0]
        assert web_row["billable_amounts_in_cents"] == [5000, 0, 0, 0, 0, 0, 0]
        assert none_row["seconds"] == [0, 0, 0, 0, 900, 0, 60]

    def test_rows_ordered_by_user_name(
        self,
        client: TestClient[Any],
        alice: Account,
        make_account: Callable[..., Account],
        database: Database,
    ) -> None:
        aaron = make_account(fullname="Aaron Member")
        join_workspace(database, alice.workspace_id, aaron.id)
        create_stopped_entry(client, alice, "2026-11-16T09:00:00Z", 60)
        create_stopped_entry(client, aaron, "2026-11-17T09:00:00Z", 120, wid=alice.workspace_id)
        rows = _weekly(client, alice, {"start_date": "2026-11-16"}).json()
        assert [(r["user_name"], r["seconds"][:2]) for r in rows] == [
            ("Aaron Member", [0, 120]),
            ("Alice Tester", [60, 0]),
        ]

    def test_shorter_range_keeps_seven_days(self, client: TestClient[Any], alice: Account) -> None:
        create_stopped_entry(client, alice, "2026-11-17T09:00:00Z", 60)
        create_stopped_entry(client, alice, "2026-11-19T09:00:00Z", 60)
        response = _weekly(client, alice, {"start_date": "2026-11-16", "end_date": "2026-11-18"})
        assert response.headers["X-Range-End"] == "2026-11-18"
        (row,) = response.json()
        assert row["seconds"] == [0, 60, 0, 0, 0, 0, 0]
        assert _weekly(client, alice, {"start_date": "2026-11-10"}).json() == []


class TestTimezones:
    def test_berlin_week_spanning_the_end_of_dst(
        self, client: TestClient[Any], make_account: Callable[..., Account]
    ) -> None:
        berlin = make_account(timezone="Europe/Berlin")
        entries = [
            create_stopped_entry(
                client, berlin, "2026-10-21T22:00:00Z", 60
            ),  # 00:00 CEST on the 22nd: day 0
            create_stopped_entry(
                client, berlin, "2026-10-24T21:30:00Z", 120
            ),  # 23:30 CEST on the 24th
            create_stopped_entry(
                client, berlin, "2026-10-25T22:30:00Z", 240
            ),  # 23:30 CET on the 25th
            create_stopped_entry(
                client, berlin, "2026-10-25T23:30:00Z", 480
            ),  # 00:30 CET on the 26th
            create_stopped_entry(
                client, berlin, "2026-10-28T22:30:00Z", 960
            ),  # 23:30 CET on the 28th: day 6
            create_stopped_entry(client, berlin, "2026-10-28T23:30:00Z", 1920),  # the 29th: outside
            create_stopped_entry(client, berlin, "2026-10-21T21:30:00Z", 3840),  # the 21st: outside
        ]
        response = _weekly(client, berlin, {"start_date": "2026-10-22"})
        assert response.headers["X-Range-End"] == "2026-10-28"
        (row,) = response.json()
        assert row["seconds"] == [60, 0, 120, 240, 480, 0, 960]
        expected = _expected(entries, "Europe/Berlin", dt.date(2026, 10, 22))
        assert row["seconds"] == expected[None][0]

    def test_late_utc_entry_counts_on_the_next_berlin_day(
        self, client: TestClient[Any], make_account: Callable[..., Account]
    ) -> None:
        berlin = make_account(timezone="Europe/Berlin")
        create_stopped_entry(
            client, berlin, "2026-11-10T23:30:00Z", 600
        )  # 00:30 on the 11th in Berlin
        (row,) = _weekly(client, berlin, {"start_date": "2026-11-10"}).json()
        assert row["seconds"] == [0, 600, 0, 0, 0, 0, 0]

    def test_mexico_city_has_no_dst(
        self, client: TestClient[Any], make_account: Callable[..., Account]
    ) -> None:
        mexico = make_account(timezone="America/Mexico_City")
        # UTC-6 all year since 2022: under the old rules October was UTC-5 (00:30 the next day).
        entries = [
            create_stopped_entry(client, mexico, "2026-10-05T05:30:00Z", 60),  # 23:30 on the 4th
            create_stopped_entry(client, mexico, "2026-10-05T06:30:00Z", 120),  # 00:30 on the 5th
            create_stopped_entry(
                client, mexico, "2026-11-02T05:30:00Z", 240
            ),  # 23:30 on 1 November
        ]
        (october,) = _weekly(client, mexico, {"start_date": "2026-10-04"}).json()
        assert october["seconds"] == [60, 120, 0, 0, 0, 0, 0]
        assert (
            october["seconds"]
            == _expected(entries, "America/Mexico_City", dt.date(2026, 10, 4))[None][0]
        )
        (november,) = _weekly(client, mexico, {"start_date": "2026-11-01"}).json()
        assert november["seconds"] == [240, 0, 0, 0, 0, 0, 0]


class TestRoundingAndAccess:
    def test_rounding_changes_reported_seconds_only(
        self, client: TestClient[Any], alice: Account, database: Database
    ) -> None:
        entry = create_stopped_entry(client, alice, "2026-11-16T09:00:00Z", 600)
        body = {"start_date": "2026-11-16", "rounding": 1, "rounding_minutes": 15}
        (row,) = _weekly(client, alice, body).json()
        assert row["seconds"][0] == 900
        (plain,) = _weekly(client, alice, {"start_date": "2026-11-16"}).json()
        assert plain["seconds"][0] == 600
        row_stored = stored_entry(database, entry["id"])
        assert row_stored is not None and row_stored["stop"] - row_stored["start"] == 600

    def test_members_see_their_own_time_and_hidden_amounts(
        self,
        client: TestClient[Any],
        alice: Account,
        make_account: Callable[..., Account],
        database: Database,
    ) -> None:
        update_workspace(database, alice.workspace_id, default_hourly_rate=20)
        bob = make_account(fullname="Bob Member")
        join_workspace(database, alice.workspace_id, bob.id)
        create_stopped_entry(client, alice, "2026-11-16T09:00:00Z", 3600, billable=True)
        create_stopped_entry(
            client, bob, "2026-11-17T09:00:00Z", 1800, wid=alice.workspace_id, billable=True
        )
        body = {"start_date": "2026-11-16"}
        admin_rows = _weekly(client, alice, body).json()
        assert [row["user_id"] for row in admin_rows] == [alice.id, bob.id]
        (own,) = _weekly(client, bob, body, wid=alice.workspace_id).json()
        assert own["user_id"] == bob.id and own["billable_amounts_in_cents"][1] == 1000
        # Asking for someone else's time gives nothing.
        other = {**body, "user_ids": [alice.id]}
        assert _weekly(client, bob, other, wid=alice.workspace_id).json() == []

        update_workspace(database, alice.workspace_id, only_admins_see_billable_rates=True)
        (hidden,) = _weekly(client, bob, body, wid=alice.workspace_id).json()
        assert hidden["billable_amounts_in_cents"] is None
        assert hidden["hourly_rate_in_cents"] is None
        assert hidden["billable_seconds"][1] == 1800
        assert _weekly(client, alice, body).json()[0]["billable_amounts_in_cents"][0] == 2000
        asked = _weekly(client, alice, {**body, "hide_amounts": True}).json()
        assert all(row["billable_amounts_in_cents"] is None for row in asked)


class TestErrors:
    @pytest.mark.parametrize(("name", "value"), UNSUPPORTED)
    def test_fields_of_other_reports_are_refused(
        self, client: TestClient[Any], alice: Account, name: str, value: Any
    ) -> None:
        body = {"start_date": "2026-11-16", name: value}
        message = f"The '{name}' parameter is not supported"
        assert_error(_weekly(client, alice, body), 400, message)
        assert_error(_csv(client, alice, body), 400, message)

    def test_first_unsupported_field_in_fixed_order_and_null_counts(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        body = {"start_date": "2026-11-16", "enrich_response": True, "order_by": "date"}
        assert_error(_weekly(client, alice, body), 400, "The 'order_by' parameter is not supported")
        body = {"start_date": "2026-11-16", "page_size": None}
        assert_error(
            _weekly(client, alice, body), 400, "The 'page_size' parameter is not supported"
        )

    def test_range_and_dates(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        too_long = {"start_date": "2026-11-16", "end_date": "2026-11-23"}
        message = "Invalid 'end_date' value, allowed values are: 'at most 6 days after start_date'"
        assert_error(_weekly(client, alice, too_long), 400, message)
        assert_error(_csv(client, alice, too_long), 400, message)
        week = {"start_date": "2026-11-16", "end_date": "2026-11-22"}
        assert _weekly(client, alice, week).status_code == 200
        backwards = {"start_date": "2026-11-16", "end_date": "2026-11-15"}
        assert _weekly(client, alice, backwards).status_code == 400
        assert_error(_weekly(client, alice, {}), 400, "At least one parameter must be set")
        assert_error(
            _weekly(client, alice, {"end_date": "2026-11-16"}),
            400,
            "At least one parameter must be set",
        )
        other = make_account()
        forbidden = _weekly(client, alice, {"start_date": "2026-11-16"}, wid=other.workspace_id)
        assert_error(forbidden, 403, "Workspace not found/accessible")
        assert_error(
            _weekly(client, alice, {"start_date": "2026-11-16"}, wid=0), 400, "Invalid workspace id"
        )


class TestCsv:
    def _rows(self, response: Any) -> list[list[str]]:
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/csv")
        assert response.content.startswith("\ufeff".encode())
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    def test_durations_amounts_and_header(
        self, client: TestClient[Any], alice: Account, database: Database
    ) -> None:
        update_workspace(database, alice.workspace_id, default_hourly_rate=60)
        agl = insert_client(database, alice.workspace_id, alice.id, "AGL, Inc.")
        web = insert_project(database, alice.workspace_id, alice.id, "Website", client_id=agl)
        create_stopped_entry(
            client, alice, "2026-11-16T09:00:00Z", 3600, project_id=web, billable=True
        )
        create_stopped_entry(client, alice, "2026-11-18T09:00:00Z", 5400, project_id=web)
        create_stopped_entry(client, alice, "2026-11-22T09:00:00Z", 45)
        lines = self._rows(_csv(client, alice, {"start_date": "2026-11-16"}))
        dates = [f"2026-11-{day}" for day in range(16, 23)]
        assert lines[0] == ["User", "Project", "Client", *dates, "Total"]
        zero = "00:00:00"
        assert lines[1:] == [
            ["Alice Tester", "Website", "AGL, Inc.", "01:00:00", zero, "01:30:00"]
            + [zero] * 4
            + ["02:30:00"],
            ["Alice Tester", "Without project", ""] + [zero] * 6 + ["00:00:45", "00:00:45"],
        ]
        decimal = self._rows(
            _csv(client, alice, {"start_date": "2026-11-16", "duration_format": "decimal"})
        )
        assert decimal[1][3] == "1.00" and decimal[1][-1] == "2.50"
        amounts = self._rows(
            _csv(client, alice, {"start_date": "2026-11-16", "calculate": "amounts"})
        )
        assert amounts[1][3:] == ["60.00"] + ["0.00"] * 6 + ["60.00"]
        assert amounts[2][3:] == ["0.00"] * 8
        hidden = {"start_date": "2026-11-16", "calculate": "amounts", "hide_amounts": True}
        assert self._rows(_csv(client, alice, hidden))[1][3:] == [""] * 8

    def test_empty_and_bad_calculate(self, client: TestClient[Any], alice: Account) -> None:
        lines = self._rows(
            _csv(client, alice, {"start_date": "2026-11-16", "end_date": "2026-11-17"})
        )
        assert lines == [
            ["User", "Project", "Client", *[f"2026-11-{d}" for d in range(16, 23)], "Total"]
        ]
        bad = _csv(client, alice, {"start_date": "2026-11-16", "calculate": "money"})
        assert_error(bad, 400, "Invalid 'calculate' value, allowed values are: 'time', 'amounts'")
