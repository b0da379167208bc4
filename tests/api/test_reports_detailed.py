"""Reports v3 detailed search: the subset toggl-python relies on (§13)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from tests.conftest import API, Account

REPORTS = "/reports/api/v3/workspace"
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


def _entry(client: TestClient[Any], who: Account, start: str, seconds: int, **extra: Any) -> int:
    body = {"start": start, "duration": seconds, "created_with": "tests", **extra}
    response = client.post(
        f"{API}/workspaces/{who.workspace_id}/time_entries", json=body, auth=who.auth
    )
    assert response.status_code == 200, response.text
    return int(response.json()["id"])


def _search(client: TestClient[Any], who: Account, wid: int, body: Any) -> Any:
    return client.post(f"{REPORTS}/{wid}/search/time_entries", json=body, auth=who.auth)


class TestSearchTimeEntries:
    def test_rows_carry_every_key_and_stopped_entries_only(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        stopped = _entry(
            client, alice, "2026-11-26T09:00:00Z", 3600, description="done", tags=["x"]
        )
        _entry(client, alice, "2026-11-27T10:00:00Z", -1, description="running")
        response = _search(
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
        inside = _entry(client, berlin, "2026-11-25T23:30:00Z", 600)
        _entry(client, berlin, "2026-11-25T22:30:00Z", 600)  # 23:30 on the 25th in Berlin
        rows = _search(
            client,
            berlin,
            berlin.workspace_id,
            {"start_date": "2026-11-26", "end_date": "2026-11-26"},
        ).json()
        assert [row["time_entries"][0]["id"] for row in rows] == [inside]
        assert rows[0]["time_entries"][0]["start"] == "2026-11-26T00:30:00+01:00"

    def test_paging_by_row_number(self, client: TestClient[Any], alice: Account) -> None:
        ids = [_entry(client, alice, f"2026-11-2{d}T09:00:00Z", 60) for d in range(1, 6)]
        first = _search(
            client,
            alice,
            alice.workspace_id,
            {"start_date": "2026-11-01", "end_date": "2026-11-30", "page_size": 2},
        )
        assert first.headers["X-Next-Row-Number"] == "3"
        second = _search(
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
        third = _search(
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
            _search(client, alice, other.workspace_id, {"start_date": "2026-11-01"}).status_code
            == 403
        )
        empty = _search(client, alice, alice.workspace_id, {})
        assert (empty.status_code, empty.json()) == (400, "At least one parameter must be set")
        bad = _search(client, alice, alice.workspace_id, {"start_date": "yesterday"})
        assert bad.status_code == 400 and bad.json().startswith("Invalid 'start_date' value")
        assert _search(client, alice, alice.workspace_id, [1]).status_code == 400

    def test_members_see_only_their_own_entries(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        _entry(client, alice, "2026-11-26T09:00:00Z", 60)
        outsider = make_account()
        rows = _search(client, outsider, outsider.workspace_id, {"start_date": "2026-11-26"}).json()
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
        response = _search(client, alice, alice.workspace_id, body)
        assert response.status_code == 400, response.text
        assert isinstance(response.json(), str)
