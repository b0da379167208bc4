"""Every report bills the same time alike: each entry's amount is rounded on its own."""

from __future__ import annotations

import csv
import io
from typing import Any

from litestar.testing import TestClient

from tests.api.support.reports import REPORTS
from tests.conftest import API, Account

DAY = "2026-11-02"  # a Monday


def test_totals_detailed_summary_and_weekly_bill_the_same_cents(
    client: TestClient[Any], alice: Account
) -> None:
    wid = alice.workspace_id
    # 33.33/h: one 10-minute entry is 555.5 cents, rounded to 556; the summed 30 minutes
    # would be 1666.5 -> 1667. Per entry, 3 x 556 = 1668 everywhere.
    response = client.put(
        f"{API}/workspaces/{wid}", json={"default_hourly_rate": 33.33}, auth=alice.auth
    )
    assert response.status_code == 200, response.text
    for hour in (9, 10, 11):
        created = client.post(
            f"{API}/workspaces/{wid}/time_entries",
            json={
                "start": f"{DAY}T{hour:02d}:00:00Z",
                "duration": 600,
                "billable": True,
                "description": "same",
                "created_with": "tests",
            },
            auth=alice.auth,
        )
        assert created.status_code == 200, created.text
    body = {"start_date": DAY, "end_date": DAY}

    def post(path: str, payload: Any = body) -> Any:
        answer = client.post(f"{REPORTS}/{wid}/{path}", json=payload, auth=alice.auth)
        assert answer.status_code == 200, answer.text
        return answer

    totals = post("search/time_entries/totals").json()
    grouped = post("search/time_entries", {**body, "grouped": True}).json()
    weekly = post("weekly/time_entries").json()
    summary_csv = list(csv.reader(io.StringIO(post("summary/time_entries.csv").text[1:])))
    detailed_csv = list(csv.reader(io.StringIO(post("search/time_entries.csv").text[1:])))

    assert totals["billable_amount_in_cents"] == 1668
    assert [row["billable_amount_in_cents"] for row in grouped] == [1668]
    assert sum(weekly[0]["billable_amounts_in_cents"]) == 1668
    assert summary_csv[1][-1] == "16.68"
    assert [line[-1] for line in detailed_csv[1:]] == ["5.56"] * 3
