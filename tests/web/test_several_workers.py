"""The web app served by `punchclock serve --workers 2`: sessions and live updates hold across
processes (each request may land on either worker)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.concurrency.live_server import EMAIL, PASSWORD, LiveServer, seed_in_process, start_server


@pytest.fixture
def two_workers(database_url: str, tmp_path: Path) -> Iterator[tuple[LiveServer, int]]:
    """A two-worker server on this test's database, with Alice seeded."""
    workspace_id = seed_in_process(database_url)
    server = start_server(database_url, tmp_path, workers=2)
    yield server, workspace_id
    server.stop()


def test_sign_in_and_live_updates_across_workers(
    playwright_browser: Any, two_workers: tuple[LiveServer, int]
) -> None:
    server, workspace_id = two_workers
    context = playwright_browser.new_context(base_url=server.url)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto("/")
        page.get_by_role("textbox", name="Email").fill(EMAIL)
        page.get_by_role("textbox", name="Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        # Several page loads: each may be served by either worker, all with the same session.
        for _ in range(4):
            page.reload()
            expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        started = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
        with server.client() as api:
            for n in range(3):
                answer = api.post(
                    f"/api/v9/workspaces/{workspace_id}/time_entries",
                    json={
                        "start": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
                        "duration": -1,
                        "description": f"From the API {n}",
                        "created_with": "test",
                        "workspace_id": workspace_id,
                    },
                )
                assert answer.status_code == 200, answer.text
                expect(page.locator(".running-description")).to_have_text(
                    f"From the API {n}", timeout=8_000
                )
        page.get_by_role("button", name="Stop").click()
        expect(page.get_by_role("button", name="Start")).to_be_visible()
        with server.client() as api:
            assert api.get("/api/v9/me/time_entries/current").json() is None
    finally:
        context.close()
    assert errors == []
