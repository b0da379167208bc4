"""Changes made elsewhere (the API, a second tab) appear in an open page without a reload."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
from playwright.sync_api import expect

from tests.web.conftest import Person, sign_in
from tests.web.live_app import LiveApp


def test_an_api_change_appears_in_the_open_page(
    page: Any, person: Person, live_app: LiveApp
) -> None:
    sign_in(page, person)
    expect(page.get_by_role("button", name="Start")).to_be_visible()
    page.evaluate("window.__notReloaded = true")
    start = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with live_app.api(person.email, person.password) as api:
        created = api.post(
            f"/api/v9/workspaces/{person.workspace_id}/time_entries",
            json={
                "start": start,
                "duration": -1,
                "description": "Started from a CLI",
                "created_with": "test",
                "workspace_id": person.workspace_id,
            },
        ).json()
        expect(page.get_by_role("button", name="Stop")).to_be_visible(timeout=8_000)
        expect(page.locator(".running-description")).to_have_text("Started from a CLI")
        api.patch(f"/api/v9/workspaces/{person.workspace_id}/time_entries/{created['id']}/stop")
        expect(page.get_by_role("button", name="Start")).to_be_visible(timeout=8_000)
        expect(page.locator("li.entry")).to_contain_text("Started from a CLI")
    assert page.evaluate("window.__notReloaded") is True


def test_a_second_tab_sees_the_first_tabs_timer(person: Person, new_context: Any) -> None:
    context = new_context()
    first, second = context.new_page(), context.new_page()
    sign_in(first, person)
    second.goto("/")
    first.get_by_role("textbox", name="What are you working on?").fill("In tab one")
    first.get_by_role("button", name="Start").click()
    expect(second.locator(".running-description")).to_have_text("In tab one", timeout=8_000)
    second.get_by_role("button", name="Stop").click()
    expect(first.get_by_role("button", name="Start")).to_be_visible(timeout=8_000)


def test_the_stream_needs_a_session(live_app: LiveApp) -> None:
    answer = httpx.get(f"{live_app.url}/live", follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/login")
