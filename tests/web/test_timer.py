"""The timer page: start and stop, the running clock, continue, delete and undo, escaping."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.conftest import Person, screenshot, sign_in
from tests.web.live_app import LiveApp

HMS = re.compile(r"^\d+:\d\d:\d\d$")
HOSTILE = '<img src=x onerror="document.title=1">'


def _entry(page: Any, description: str) -> Any:
    return page.locator("li.entry").filter(has_text=description)


def test_start_and_stop_from_the_page_are_what_the_api_sees(
    page: Any, person: Person, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    sign_in(page, person)
    clock = page.get_by_role("timer")
    expect(clock).to_have_text("0:00:00")
    page.get_by_role("textbox", name="What are you working on?").fill("Writing the spec")
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("button", name="Stop")).to_be_visible()
    # The clock ticks every second.
    expect(clock).to_have_text(HMS)
    expect(clock).not_to_have_text("0:00:00", timeout=3_000)
    screenshot(page, request, "timer running")

    with live_app.api(person.email, person.password) as api:
        current = api.get("/api/v9/me/time_entries/current").json()
        assert current["description"] == "Writing the spec"
        assert current["duration"] < 0 and current["stop"] is None

        page.get_by_role("button", name="Stop").click()
        expect(page.get_by_role("button", name="Start")).to_be_visible()
        assert api.get("/api/v9/me/time_entries/current").json() is None
        [stopped] = api.get("/api/v9/me/time_entries").json()
    assert stopped["id"] == current["id"] and stopped["duration"] >= 1
    row = _entry(page, "Writing the spec")
    h, m, s = (int(part) for part in stopped_duration(stopped).split(":"))
    expect(row.locator(".duration")).to_have_text(f"{h}:{m:02d}:{s:02d}")
    screenshot(page, request, "timer stopped")


def stopped_duration(entry: dict[str, Any]) -> str:
    seconds = entry["duration"]
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def test_starting_stops_the_entry_a_client_left_running(
    page: Any, person: Person, live_app: LiveApp
) -> None:
    an_hour_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    with live_app.api(person.email, person.password) as api:
        started = api.post(
            f"/api/v9/workspaces/{person.workspace_id}/time_entries",
            json={
                "start": an_hour_ago.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "duration": -1,
                "description": "From the CLI",
                "created_with": "test",
                "workspace_id": person.workspace_id,
            },
        )
        assert started.status_code == 200, started.text
        sign_in(page, person)
        expect(page.get_by_text("From the CLI")).to_be_visible()
        page.get_by_role("button", name="Stop").click()
        page.get_by_role("textbox", name="What are you working on?").fill("From the web")
        page.get_by_role("button", name="Start").click()
        expect(page.get_by_role("button", name="Stop")).to_be_visible()
        current = api.get("/api/v9/me/time_entries/current").json()
        assert current["description"] == "From the web"
        assert api.get(f"/api/v9/me/time_entries/{started.json()['id']}").json()["stop"]


def test_the_keyboard_shortcut_starts_and_stops(page: Any, person: Person) -> None:
    sign_in(page, person)
    page.locator("body").press("s")
    expect(page.get_by_role("button", name="Stop")).to_be_visible()
    page.locator("body").press("s")
    expect(page.get_by_role("button", name="Start")).to_be_visible()
    # Typing an "s" in the description starts nothing.
    page.get_by_role("textbox", name="What are you working on?").press("s")
    expect(page.get_by_role("button", name="Start")).to_be_visible()


def test_a_project_and_tags_from_the_picker_reach_the_entry(
    page: Any, person: Person, live_app: LiveApp
) -> None:
    with live_app.api(person.email, person.password) as api:
        wid = person.workspace_id
        client = api.post(f"/api/v9/workspaces/{wid}/clients", json={"name": "Acme"}).json()
        project = api.post(
            f"/api/v9/workspaces/{wid}/projects",
            json={"name": "Website", "client_id": client["id"], "color": "#c9806b"},
        ).json()
        api.post(f"/api/v9/workspaces/{wid}/tags", json={"name": "design"})
        sign_in(page, person)
        picker = page.get_by_role("combobox", name="Project")
        expect(picker.locator("option", has_text="Website · Acme")).to_have_count(1)
        picker.select_option(label="Website · Acme")
        # The chosen project's colour shows beside the picker.
        swatch = page.locator("[data-swatch-for=project] circle")
        expect(swatch).to_have_attribute("fill", "#c9806b")
        page.get_by_role("combobox", name="Tags").fill("design, new-tag")
        page.get_by_role("textbox", name="What are you working on?").fill("Homepage")
        page.get_by_role("button", name="Start").click()
        expect(page.get_by_role("button", name="Stop")).to_be_visible()
        current = api.get("/api/v9/me/time_entries/current").json()
    assert current["project_id"] == project["id"]
    assert sorted(current["tags"]) == ["design", "new-tag"]
    expect(page.locator(".running-project")).to_contain_text("Website")


def test_continue_starts_a_copy_of_a_past_entry(
    page: Any, person: Person, live_app: LiveApp
) -> None:
    with live_app.api(person.email, person.password) as api:
        past = api.post(
            f"/api/v9/workspaces/{person.workspace_id}/time_entries",
            json={
                "start": "2026-01-05T09:00:00Z",
                "duration": 5400,
                "description": "Weekly review",
                "tags": ["meetings"],
                "created_with": "test",
                "workspace_id": person.workspace_id,
            },
        ).json()
        sign_in(page, person)
        row = _entry(page, "Weekly review")
        expect(row.locator(".duration")).to_have_text("1:30:00")
        row.get_by_role("button", name="Continue").click()
        expect(page.get_by_role("button", name="Stop")).to_be_visible()
        current = api.get("/api/v9/me/time_entries/current").json()
    assert current["id"] != past["id"]
    assert (current["description"], current["tags"]) == ("Weekly review", ["meetings"])


def test_delete_then_undo(page: Any, person: Person, live_app: LiveApp) -> None:
    with live_app.api(person.email, person.password) as api:
        for description, start in (("Keep me", "09:00"), ("Delete me", "11:00")):
            api.post(
                f"/api/v9/workspaces/{person.workspace_id}/time_entries",
                json={
                    "start": f"2026-01-05T{start}:00Z",
                    "duration": 3600,
                    "description": description,
                    "created_with": "test",
                    "workspace_id": person.workspace_id,
                },
            )
        sign_in(page, person)
        day_total = page.locator(".day h3 .total").first
        expect(day_total).to_have_text("2:00:00")
        _entry(page, "Delete me").get_by_role("button", name="Delete").click()
        expect(page.get_by_role("button", name="Undo")).to_be_visible()
        expect(day_total).to_have_text("1:00:00")
        listed = [
            e["description"]
            for e in api.get(
                "/api/v9/me/time_entries?start_date=2026-01-01&end_date=2026-01-31"
            ).json()
        ]
        assert listed == ["Keep me"]

        page.get_by_role("button", name="Undo").click()
        expect(_entry(page, "Delete me").get_by_role("button", name="Delete")).to_be_visible()
        expect(day_total).to_have_text("2:00:00")
        listed = [
            e["description"]
            for e in api.get(
                "/api/v9/me/time_entries?start_date=2026-01-01&end_date=2026-01-31"
            ).json()
        ]
        assert listed == ["Delete me", "Keep me"]
    page.reload()
    expect(page.locator("li.entry")).to_have_count(2)


def test_what_users_type_is_shown_as_text_never_run(
    page: Any, person: Person, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    with live_app.api(person.email, person.password) as api:
        wid = person.workspace_id
        client = api.post(f"/api/v9/workspaces/{wid}/clients", json={"name": HOSTILE}).json()
        project = api.post(
            f"/api/v9/workspaces/{wid}/projects",
            json={"name": HOSTILE + "p", "client_id": client["id"]},
        ).json()
        created = api.post(
            f"/api/v9/workspaces/{wid}/time_entries",
            json={
                "start": "2026-01-05T09:00:00Z",
                "duration": 60,
                "description": HOSTILE + "d",
                "tags": [HOSTILE + "t"],
                "project_id": project["id"],
                "created_with": "test",
                "workspace_id": wid,
            },
        )
        assert created.status_code == 200, created.text
    sign_in(page, person)
    page.wait_for_timeout(300)
    assert page.locator("img[src=x]").count() == 0
    assert page.title() != "1"
    row = _entry(page, HOSTILE + "d")
    expect(row).to_contain_text(HOSTILE + "t")
    expect(row).to_contain_text(HOSTILE + "p")
    expect(page.get_by_role("combobox", name="Project")).to_contain_text(HOSTILE)
    screenshot(page, request, "timer escaping")
