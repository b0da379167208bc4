"""The reports page in a browser: its numbers and CSV are Reports v3's, presets and filters work
by keyboard, bad input shows an alert, and it fits a phone and the dark theme."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.conftest import PHONE, Person, screenshot, sign_in
from tests.web.live_app import LiveApp

REPORTS = "/reports/api/v3/workspace"
MONTH = {"start_date": "2026-11-01", "end_date": "2026-11-30"}


def _hms(seconds: int) -> str:
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _seed(live_app: LiveApp, person: Person) -> dict[str, int]:
    """A client, two projects, a tag and entries across November, at a 33.33/h rate."""
    wid = person.workspace_id
    with live_app.api(person.email, person.password) as api:
        assert api.put(f"/api/v9/workspaces/{wid}", json={"default_hourly_rate": 33.33}).is_success
        client = api.post(f"/api/v9/workspaces/{wid}/clients", json={"name": "Acme"}).json()
        site = api.post(
            f"/api/v9/workspaces/{wid}/projects",
            json={"name": "Website", "client_id": client["id"], "color": "#c9806b"},
        ).json()
        docs = api.post(f"/api/v9/workspaces/{wid}/projects", json={"name": "Docs"}).json()
        for start, seconds, project, billable in (
            ("2026-11-02T08:00:00Z", 600, site, True),
            ("2026-11-02T09:00:00Z", 601, site, True),
            ("2026-11-03T22:30:00Z", 5400, docs, False),
            ("2026-11-17T07:15:00Z", 7261, None, True),
            ("2026-11-30T23:30:00Z", 59, site, False),
        ):
            created = api.post(
                f"/api/v9/workspaces/{wid}/time_entries",
                json={
                    "start": start,
                    "duration": seconds,
                    "description": f"Work for {seconds} s",
                    "project_id": project["id"] if project else None,
                    "billable": billable,
                    "tags": ["deep"] if billable else [],
                    "created_with": "tests",
                },
            )
            assert created.status_code == 200, created.text
    return {"site": site["id"], "docs": docs["id"], "client": client["id"]}


def _api_post(live_app: LiveApp, person: Person, path: str, body: dict[str, Any]) -> Any:
    with live_app.api(person.email, person.password) as api:
        answer = api.post(f"{REPORTS}/{person.workspace_id}/{path}", json=body)
    assert answer.status_code == 200, answer.text
    return answer


def _show_month(page: Any) -> None:
    page.get_by_label("From", exact=True).fill("2026-11-01")
    page.get_by_label("To", exact=True).fill("2026-11-30")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("heading", name="1 \u2013 30 Nov 2026")).to_be_visible()


def test_report_totals_equal_the_reports_v3_totals_for_the_same_range(
    page: Any, person: Person, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    ids = _seed(live_app, person)
    sign_in(page, person)
    page.get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", name="Reports", level=1)).to_be_visible()
    _show_month(page)
    totals = _api_post(live_app, person, "search/time_entries/totals", MONTH).json()
    expect(page.locator("#report-total")).to_have_text(_hms(totals["seconds"]))
    cents = totals["billable_amount_in_cents"]
    expect(page.locator("#report-amount")).to_have_text(f"{cents // 100}.{cents % 100:02d} USD")
    expect(page.locator("#report-days")).to_have_text(str(totals["tracked_days"]))
    # Entries are on the days they start in Alice's timezone (Berlin): 3 Nov 22:30 UTC is the
    # 3rd's 23:30, 30 Nov 23:30 UTC is 1 December there, so out of November.
    expect(page.get_by_role("row", name=re.compile("Work for 59 s"))).to_have_count(0)
    # The chart has a bar per day and a table of the same numbers.
    assert page.locator("svg.bar-chart rect.bar").count() == 30
    page.get_by_text("Time per day as a table").click()
    expect(page.get_by_role("row", name=re.compile(r"^Mon 2 Nov 2026 0:20:01"))).to_be_visible()
    screenshot(page, request, "reports month")

    # Filtered by project, by keyboard: the same totals as the API's for that project.
    project = page.get_by_role("combobox", name="Project")
    project.focus()
    project.select_option(label="Website · Acme")
    page.get_by_role("combobox", name="Billable").select_option(label="Billable only")
    page.get_by_role("button", name="Apply").press("Enter")
    expect(page.get_by_role("combobox", name="Project")).to_have_value(str(ids["site"]))
    body = MONTH | {"project_ids": [ids["site"]], "billable": True}
    filtered = _api_post(live_app, person, "search/time_entries/totals", body).json()
    expect(page.locator("#report-total")).to_have_text(_hms(filtered["seconds"]))
    assert filtered["seconds"] == 1201
    breakdown = page.get_by_role("table").filter(has_text="Share")
    expect(breakdown.get_by_role("row")).to_have_count(2)
    expect(breakdown.get_by_role("row").nth(1)).to_contain_text("100.0%")


def test_csv_download_parsed_back(
    page: Any, person: Person, live_app: LiveApp, tmp_path: Path
) -> None:
    ids = _seed(live_app, person)
    sign_in(page, person)
    page.goto("/reports")
    _show_month(page)
    page.get_by_role("combobox", name="Client").select_option(label="Acme")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("combobox", name="Client")).to_have_value(str(ids["client"]))
    with page.expect_download() as info:
        page.get_by_role("link", name="Export CSV", exact=True).click()
    download = info.value
    assert download.suggested_filename == "Toggl_time_entries.csv"
    target = tmp_path / "report.csv"
    download.save_as(target)
    content = target.read_bytes()
    body = MONTH | {"client_ids": [ids["client"]]}
    assert content == _api_post(live_app, person, "search/time_entries.csv", body).content
    header, *lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert header[:4] == ["User", "Email", "Client", "Project"] and header[-1] == "Amount (USD)"
    assert [(line[3], line[11], line[-1]) for line in lines] == [
        ("Website", "00:10:01", "5.56"),
        ("Website", "00:10:00", "5.56"),
    ]

    with page.expect_download() as info:
        page.get_by_role("link", name="Export summary CSV").click()
    summary = tmp_path / "summary.csv"
    info.value.save_as(summary)
    expected = _api_post(live_app, person, "summary/time_entries.csv", body).content
    assert summary.read_bytes() == expected


def test_presets_and_bad_input(page: Any, person: Person, request: pytest.FixtureRequest) -> None:
    sign_in(page, person)
    page.goto("/reports")
    presets = page.get_by_role("navigation", name="Date range")
    expect(presets.get_by_role("link", name="This week")).to_have_attribute("aria-current", "true")
    presets.get_by_role("link", name="This year").click()
    expect(presets.get_by_role("link", name="This year")).to_have_attribute("aria-current", "true")
    start = page.get_by_label("From", exact=True).input_value()
    assert re.fullmatch(r"\d{4}-01-01", start)
    assert page.get_by_label("To", exact=True).input_value() == start[:4] + "-12-31"
    expect(page.get_by_role("heading", name="Time per month")).to_be_visible()
    # The custom range: the end before the start.
    page.get_by_label("From", exact=True).fill("2026-11-10")
    page.get_by_label("To", exact=True).fill("2026-11-01")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("alert")).to_have_text("The end date is before the start date.")
    expect(page.get_by_label("From", exact=True)).to_have_value("2026-11-10")
    screenshot(page, request, "reports bad range")
    page.goto("/reports?start=2026-02-30")
    expect(page.get_by_role("alert")).to_contain_text("The start date is not a valid date")
    page.goto("/reports?start=2024-01-01&end=2026-01-01")
    expect(page.get_by_role("alert")).to_contain_text("longer than a year")
    page.goto("/reports?project=987654")
    expect(page.get_by_role("alert")).to_have_text("There is no such project in this workspace.")


def test_the_page_fits_a_phone_and_the_dark_theme(
    new_context: Any, person: Person, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    _seed(live_app, person)
    phone = new_context(PHONE).new_page()
    phone.emulate_media(color_scheme="dark")
    sign_in(phone, person)
    phone.goto("/reports?start=2026-11-01&end=2026-11-30")
    expect(phone.locator("#report-total")).to_be_visible()
    # Nothing but the chart and the tables (which scroll in their own frames) is wider.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    frame = phone.locator(".chart-frame")
    assert frame.evaluate("el => el.scrollWidth > el.clientWidth")
    # The frame takes focus, so the keyboard can scroll it.
    frame.focus()
    frame.press("ArrowRight")
    expect(frame).to_be_focused()
    body = phone.evaluate("getComputedStyle(document.body).backgroundColor")
    assert body == "rgb(13, 17, 23)"
    bar = phone.locator("rect.bar").first
    assert bar.evaluate("el => getComputedStyle(el).fill") == "rgb(68, 147, 248)"
    # Every control has a label.
    for name in ("From", "To", "Project", "Client", "Tag", "Member", "Billable", "Breakdown by"):
        expect(phone.get_by_label(name, exact=True)).to_have_count(1)
    screenshot(phone, request, "reports dark")
