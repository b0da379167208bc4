"""The detailed report's CSV export, parsed back with the csv module."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from litestar.testing import TestClient

from punchclock.db.engine import Database
from tests.api.support.clients import insert_client
from tests.api.support.entries import create_stopped_entry
from tests.api.support.projects import insert_project, insert_task
from tests.api.support.reports import RANGE, REPORTS
from tests.api.support.workspaces import join_workspace, update_workspace
from tests.conftest import Account

HEADER = [
    "User",
    "Email",
    "Client",
    "Project",
    "Task",
    "Description",
    "Billable",
    "Start date",
    "Start time",
    "End date",
    "End time",
    "Duration",
    "Tags",
    "Amount (USD)",
]


def _export(client: TestClient[Any], who: Account, body: Any, wid: int | None = None) -> Any:
    wid = who.workspace_id if wid is None else wid
    return client.post(f"{REPORTS}/{wid}/search/time_entries.csv", json=body, auth=who.auth)


def _parse(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert "\r\n" in text and "\n\n" not in text
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    return [dict(zip(header, line, strict=True)) for line in reader]


@pytest.fixture
def filled(client: TestClient[Any], database: Database, alice: Account) -> dict[str, int]:
    wid = alice.workspace_id
    acme = insert_client(database, wid, alice.id, "Acme, Inc.")
    site = insert_project(database, wid, alice.id, "Site", client_id=acme)
    spec = insert_task(database, wid, site, "Spec")
    update_workspace(database, wid, default_hourly_rate=Decimal("95.00"))
    return {
        "full": create_stopped_entry(
            client,
            alice,
            "2026-11-02T09:00:00Z",
            5400,
            project_id=site,
            task_id=spec,
            billable=True,
            description='He said "hi", then\nleft',
            tags=["site", "travel"],
        )["id"],
        "bare": create_stopped_entry(client, alice, "2026-11-03T22:30:00Z", 61)["id"],
        "long": create_stopped_entry(
            client, alice, "2026-11-04T08:00:00Z", 25 * 3600 + 1, billable=True
        )["id"],
    }


class TestDetailedCsv:
    def test_header_lines_and_cells(
        self, client: TestClient[Any], alice: Account, filled: dict[str, int]
    ) -> None:
        response = _export(client, alice, {**RANGE, "order_dir": "ASC"})
        assert response.headers["content-type"].startswith("text/csv")
        assert "attachment" in response.headers["content-disposition"]
        text = response.content.decode("utf-8-sig")
        assert next(csv.reader(io.StringIO(text))) == HEADER
        full, bare, long = _parse(response)
        assert full == {
            "User": "Alice Tester",
            "Email": "alice@example.com",
            "Client": "Acme, Inc.",
            "Project": "Site",
            "Task": "Spec",
            "Description": 'He said "hi", then\nleft',
            "Billable": "Yes",
            "Start date": "2026-11-02",
            "Start time": "09:00:00",
            "End date": "2026-11-02",
            "End time": "10:30:00",
            "Duration": "01:30:00",
            "Tags": "site, travel",
            "Amount (USD)": "142.50",
        }
        assert bare["Client"] == bare["Project"] == bare["Task"] == bare["Tags"] == ""
        assert (bare["Billable"], bare["Amount (USD)"], bare["Duration"]) == ("No", "", "00:01:01")
        assert (bare["Start date"], bare["End date"]) == ("2026-11-03", "2026-11-03")
        assert (long["Duration"], long["Amount (USD)"]) == ("25:00:01", "2375.03")
        assert (long["Start date"], long["End date"], long["End time"]) == (
            "2026-11-04",
            "2026-11-05",
            "09:00:01",
        )

    @pytest.mark.parametrize(
        ("style", "expected"),
        [
            ("classic", ["01:30:00", "00:01:01", "25:00:01"]),
            ("CLASSIC", ["01:30:00", "00:01:01", "25:00:01"]),
            ("decimal", ["1.50", "0.02", "25.00"]),
            ("improved", ["1:30:00", "0:01:01", "25:00:01"]),
        ],
    )
    def test_duration_formats(
        self,
        client: TestClient[Any],
        alice: Account,
        filled: dict[str, int],
        style: str,
        expected: list[str],
    ) -> None:
        body = {**RANGE, "order_dir": "ASC", "duration_format": style}
        assert [line["Duration"] for line in _parse(_export(client, alice, body))] == expected

    def test_bad_duration_format(
        self, client: TestClient[Any], alice: Account, filled: dict[str, int]
    ) -> None:
        response = _export(client, alice, {**RANGE, "duration_format": "roman"})
        assert response.status_code == 400
        assert response.json() == (
            "Invalid 'duration_format' value, allowed values are: 'classic', 'decimal', 'improved'"
        )

    def test_one_line_per_entry_in_report_order_with_filters(
        self, client: TestClient[Any], alice: Account, filled: dict[str, int]
    ) -> None:
        by_duration = _parse(_export(client, alice, {**RANGE, "order_by": "duration"}))
        assert [line["Duration"] for line in by_duration] == ["25:00:01", "01:30:00", "00:01:01"]
        assert _parse(_export(client, alice, {**RANGE, "billable": False}))[0]["Billable"] == "No"
        assert len(_parse(_export(client, alice, {**RANGE, "project_ids": [None]}))) == 2
        # More entries than a detailed page: an export is never paged.
        assert len(_parse(_export(client, alice, {**RANGE, "page_size": 1}))) == 3
        assert _parse(_export(client, alice, {"start_date": "2026-12-01"})) == []

    def test_grouped_entries_still_export_one_line_each(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        for day in (2, 3, 4):
            create_stopped_entry(client, alice, f"2026-11-0{day}T09:00:00Z", 60, description="same")
        assert len(_parse(_export(client, alice, {**RANGE, "grouped": True}))) == 3

    def test_rounding_applies(
        self, client: TestClient[Any], alice: Account, filled: dict[str, int]
    ) -> None:
        body = {**RANGE, "order_dir": "ASC", "rounding": 1, "rounding_minutes": 15}
        lines = _parse(_export(client, alice, body))
        assert [line["Duration"] for line in lines] == ["01:30:00", "00:15:00", "25:15:00"]
        assert lines[2]["Amount (USD)"] == "2398.75"

    def test_amounts_hidden(
        self,
        client: TestClient[Any],
        database: Database,
        alice: Account,
        make_account: Callable[..., Account],
        filled: dict[str, int],
    ) -> None:
        hidden = _parse(_export(client, alice, {**RANGE, "hide_amounts": True}))
        assert [line["Amount (USD)"] for line in hidden] == ["", "", ""]
        bob = make_account(fullname="Bob Member")
        join_workspace(database, alice.workspace_id, bob.id)
        resp = client.post(
            f"/api/v9/workspaces/{alice.workspace_id}/time_entries",
            json={
                "start": "2026-11-05T09:00:00Z",
                "duration": 3600,
                "billable": True,
                "created_with": "tests",
            },
            auth=bob.auth,
        )
        assert resp.status_code == 200, resp.text
        (line,) = _parse(_export(client, bob, RANGE, alice.workspace_id))
        assert (line["User"], line["Amount (USD)"]) == ("Bob Member", "95.00")
        update_workspace(database, alice.workspace_id, only_admins_see_billable_rates=True)
        (line,) = _parse(_export(client, bob, RANGE, alice.workspace_id))
        assert line["Amount (USD)"] == ""

    def test_times_in_the_callers_zone_and_currency_in_header(
        self,
        client: TestClient[Any],
        database: Database,
        make_account: Callable[..., Account],
    ) -> None:
        berlin = make_account(timezone="Europe/Berlin")
        update_workspace(database, berlin.workspace_id, default_currency="EUR")
        create_stopped_entry(client, berlin, "2026-10-24T23:30:00Z", 7200, tags=["b"])
        response = _export(client, berlin, {"start_date": "2026-10-25"})
        text = response.content.decode("utf-8-sig")
        assert next(csv.reader(io.StringIO(text)))[-1] == "Amount (EUR)"
        (line,) = _parse(response)
        # 01:30 +02:00 to 02:30 +01:00: two hours across the DST change.
        assert (line["Start date"], line["Start time"]) == ("2026-10-25", "01:30:00")
        assert (line["End date"], line["End time"]) == ("2026-10-25", "02:30:00")
        assert line["Duration"] == "02:00:00" and line["Tags"] == "b"

    def test_errors(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        other = make_account()
        response = _export(client, alice, RANGE, other.workspace_id)
        assert (response.status_code, response.json()) == (403, "Workspace not found/accessible")
        response = _export(client, alice, {})
        assert (response.status_code, response.json()) == (
            400,
            "At least one parameter must be set",
        )


def test_billable_without_any_rate_is_zero(client: TestClient[Any], alice: Account) -> None:
    create_stopped_entry(client, alice, "2026-11-02T09:00:00Z", 3600, billable=True)
    create_stopped_entry(client, alice, "2026-11-03T09:00:00Z", 3600)
    lines = _parse(_export(client, alice, {**RANGE, "order_dir": "ASC"}))
    assert [line["Amount (USD)"] for line in lines] == ["0.00", ""]
