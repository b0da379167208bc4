"""Every page, at 375 px and on a desktop: no sideways scrolling, a name on every control,
a visible focus, keyboard use, no console errors (the `page` fixture checks those)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.conftest import DESKTOP, PHONE, Person, sign_in
from tests.web.live_app import LiveApp

# Controls whose accessible name is missing, as the browser computes it.
UNNAMED = """() => {
  const controls = document.querySelectorAll(
    "input:not([type=hidden]), select, textarea, button, a[href]");
  const unnamed = [];
  for (const el of controls) {
    if (el.closest("[hidden], details:not([open]) > :not(summary)")) continue;
    const labelled = (el.labels && el.labels.length) || el.getAttribute("aria-label") ||
      el.getAttribute("aria-labelledby") || (el.textContent || "").trim() || el.title;
    if (!labelled) unnamed.push(el.outerHTML.slice(0, 120));
  }
  return unnamed;
}"""


def _pages(person: Person, project_id: int) -> list[str]:
    return ["/", "/projects", f"/projects/{project_id}", "/reports", "/profile", "/team"]


@pytest.fixture
def project_id(person: Person, live_app: LiveApp) -> int:
    """Something on every page: a project with a task, and two entries."""
    wid = person.workspace_id
    with live_app.api(person.email, person.password) as api:
        project = api.post(f"/api/v9/workspaces/{wid}/projects", json={"name": "Site"}).json()
        api.post(f"/api/v9/workspaces/{wid}/projects/{project['id']}/tasks", json={"name": "Copy"})
        for start in ("2026-01-05T08:00:00Z", "2026-01-06T08:00:00Z"):
            api.post(
                f"/api/v9/workspaces/{wid}/time_entries",
                json={
                    "start": start,
                    "duration": 1800,
                    "description": "Writing",
                    "project_id": project["id"],
                    "tags": ["copy"],
                    "created_with": "test",
                    "workspace_id": wid,
                },
            )
    return int(project["id"])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_fits_and_names_its_controls(
    page: Any, person: Person, project_id: int, viewport: dict[str, int]
) -> None:
    page.set_viewport_size(viewport)
    sign_in(page, person)
    for path in _pages(person, project_id):
        answer = page.goto(path)
        assert answer is not None and answer.status == 200, path
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {viewport['width']}"
        assert page.evaluate(UNNAMED) == [], path
        assert page.locator("h1, [aria-label]").count() > 0, path


def test_the_keyboard_reaches_everything_and_the_focus_shows(
    page: Any, person: Person, project_id: int
) -> None:
    sign_in(page, person)
    # The first Tab lands on "Skip to content", then the navigation.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => [document.activeElement === document.body ? 'BODY' : "
            "document.activeElement.textContent.trim() || "
            "document.activeElement.getAttribute('aria-label') || "
            "(document.activeElement.labels && document.activeElement.labels[0] && "
            "document.activeElement.labels[0].textContent.trim()) || '',"
            " getComputedStyle(document.activeElement).outlineStyle]"
        )
        name, outline = focused
        if name == "BODY":
            break  # past the last control: focus leaves the page
        reached.add(name)
        assert outline != "none", f"no visible focus on {name!r}"
    assert {"Timer", "Reports", "Projects", "Profile", "Sign out", "Start"} <= reached
    assert "What are you working on?" in reached
