"""Inline edits, a past entry typed in by hand, and bulk actions, in a real browser."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.conftest import Person, screenshot, sign_in
from tests.web.live_app import LiveApp

JANUARY = "start_date=2026-01-01&end_date=2026-02-01"


def _post_entry(api: Any, person: Person, description: str, start: str, **extra: Any) -> Any:
    answer = api.post(
        f"/api/v9/workspaces/{person.workspace_id}/time_entries",
        json={
            "start": start,
            "duration": 3600,
            "description": description,
            "created_with": "test",
            "workspace_id": person.workspace_id,
            **extra,
        },
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def _row(page: Any, description: str) -> Any:
    return page.locator("li.entry").filter(has_text=description)


def test_an_inline_edit_reaches_the_api(
    page: Any, person: Person, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    with live_app.api(person.email, person.password) as api:
        wid = person.workspace_id
        project = api.post(f"/api/v9/workspaces/{wid}/projects", json={"name": "Docs"}).json()
        task = api.post(
            f"/api/v9/workspaces/{wid}/projects/{project['id']}/tasks", json={"name": "Guide"}
        ).json()
        # 09:00 to 10:00 in Berlin (UTC+1 in January).
        entry = _post_entry(api, person, "Drafting", "2026-01-05T08:00:00Z")
        sign_in(page, person)
        _row(page, "Drafting").get_by_role("link", name="Edit").click()
        editing = page.locator("li.entry.editing")
        editing.get_by_role("textbox", name="Description").fill("Drafting the guide")
        editing.get_by_role("combobox", name="Project").select_option(label="Docs")
        editing.get_by_role("combobox", name="Task").select_option(label="Guide · Docs")
        editing.get_by_role("textbox", name="Tags").fill("writing, review")
        editing.get_by_role("textbox", name="Duration").fill("1h30")
        screenshot(page, request, "entry edit")
        editing.get_by_role("button", name="Save").click()
        row = _row(page, "Drafting the guide")
        expect(row.locator(".duration")).to_have_text("1:30:00")
        expect(page.locator(".day h3 .total").first).to_have_text("1:30:00")
        saved = api.get(f"/api/v9/me/time_entries/{entry['id']}").json()
    assert saved["description"] == "Drafting the guide"
    assert (saved["project_id"], saved["task_id"]) == (project["id"], task["id"])
    assert sorted(saved["tags"]) == ["review", "writing"]
    assert (saved["start"], saved["stop"]) == (
        "2026-01-05T08:00:00+00:00",
        "2026-01-05T09:30:00+00:00",
    )


def test_a_rejected_edit_shows_why_and_keeps_the_form(
    page: Any, person: Person, live_app: LiveApp
) -> None:
    with live_app.api(person.email, person.password) as api:
        _post_entry(api, person, "Typo", "2026-01-05T08:00:00Z")
    sign_in(page, person)
    _row(page, "Typo").get_by_role("link", name="Edit").click()
    editing = page.locator("li.entry.editing")
    editing.get_by_role("textbox", name="Duration").fill("forever")
    editing.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("1:30, 90m or 1h30")
    expect(editing.get_by_role("textbox", name="Duration")).to_have_value("forever")
    editing.get_by_role("link", name="Cancel").click()
    expect(_row(page, "Typo").locator(".duration")).to_have_text("1:00:00")


def test_a_past_entry_typed_in_by_hand(page: Any, person: Person, live_app: LiveApp) -> None:
    sign_in(page, person)
    page.get_by_text("Add a past entry").click()
    form = page.locator("details.manual")
    form.get_by_role("textbox", name="Description").fill("Phone call")
    form.get_by_label("Date").fill("2026-01-07")
    form.get_by_role("textbox", name="Start").fill("14:00")
    form.get_by_role("textbox", name="Duration").fill("45m")
    form.get_by_role("button", name="Add entry").click()
    expect(_row(page, "Phone call").locator(".duration")).to_have_text("0:45:00")
    with live_app.api(person.email, person.password) as api:
        [entry] = api.get(f"/api/v9/me/time_entries?{JANUARY}").json()
    assert (entry["start"], entry["duration"]) == ("2026-01-07T13:00:00+00:00", 2700)


def test_bulk_actions_on_selected_entries(page: Any, person: Person, live_app: LiveApp) -> None:
    with live_app.api(person.email, person.password) as api:
        wid = person.workspace_id
        project = api.post(f"/api/v9/workspaces/{wid}/projects", json={"name": "Ops"}).json()
        for n, hour in enumerate(("08", "10", "12")):
            _post_entry(api, person, f"Task {n}", f"2026-01-05T{hour}:00:00Z")
        sign_in(page, person)
        for n in (0, 1):
            _row(page, f"Task {n}").get_by_role("checkbox").check()
        page.get_by_role("combobox", name="Assign the selected entries to").select_option(
            label="Ops"
        )
        page.get_by_role("button", name="Set project").click()
        expect(_row(page, "Task 0")).to_contain_text("Ops")
        by_name = {
            e["description"]: e for e in api.get(f"/api/v9/me/time_entries?{JANUARY}").json()
        }
        assert [by_name[f"Task {n}"]["project_id"] for n in range(3)] == [
            project["id"],
            project["id"],
            None,
        ]

        for n in (1, 2):
            _row(page, f"Task {n}").get_by_role("checkbox").check()
        page.get_by_role("textbox", name="Tags to add to the selected entries").fill("ops")
        page.get_by_role("button", name="Add tags").click()
        expect(_row(page, "Task 2").locator(".tag")).to_have_text("ops")

        _row(page, "Task 0").get_by_role("checkbox").check()
        _row(page, "Task 2").get_by_role("checkbox").check()
        page.get_by_role("button", name="Remove selected").click()
        expect(page.locator("li.entry")).to_have_count(1)
        left = api.get(f"/api/v9/me/time_entries?{JANUARY}").json()
    assert [(e["description"], e["tags"]) for e in left] == [("Task 1", ["ops"])]


def test_the_bulk_bar_shows_once_entries_are_selected(
    page: Any, person: Person, live_app: LiveApp
) -> None:
    with live_app.api(person.email, person.password) as api:
        _post_entry(api, person, "First", "2026-01-05T08:00:00Z")
        _post_entry(api, person, "Second", "2026-01-05T10:00:00Z")
    sign_in(page, person)
    bar = page.get_by_role("form", name="Selected entries")
    expect(bar).to_be_hidden()
    _row(page, "First").get_by_role("checkbox").check()
    expect(bar).to_be_visible()
    expect(bar).to_contain_text("1 entry selected:")
    _row(page, "Second").get_by_role("checkbox").check()
    expect(bar).to_contain_text("2 entries selected:")
    _row(page, "First").get_by_role("checkbox").uncheck()
    _row(page, "Second").get_by_role("checkbox").uncheck()
    expect(bar).to_be_hidden()


def test_the_running_entry_is_edited_from_the_timer(
    page: Any, person: Person, live_app: LiveApp
) -> None:
    sign_in(page, person)
    page.get_by_role("textbox", name="What are you working on?").fill("Typo in the name")
    page.get_by_role("button", name="Start").click()
    page.locator(".timer").get_by_role("link", name="Edit").click()
    editing = page.locator("li.entry.editing")
    expect(editing.get_by_role("textbox", name="Duration")).to_have_count(0)
    editing.get_by_role("textbox", name="Description").fill("Fixed name")
    editing.get_by_role("textbox", name="Tags").fill("admin")
    editing.get_by_role("button", name="Save").click()
    expect(page.locator(".running-description")).to_have_text("Fixed name")
    expect(page.get_by_role("button", name="Stop")).to_be_visible()
    with live_app.api(person.email, person.password) as api:
        current = api.get("/api/v9/me/time_entries/current").json()
    assert (current["description"], current["tags"], current["stop"]) == (
        "Fixed name",
        ["admin"],
        None,
    )
