"""The projects page: projects, clients, tags and tasks, with the rules the API enforces."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from punchclock.clock import SystemClock
from punchclock.db.engine import Database
from punchclock.signup.service import SignupService
from punchclock.users.service import UserService
from tests.services.support import join_workspace
from tests.web.conftest import Person, screenshot, sign_in
from tests.web.live_app import LiveApp


@pytest.fixture
def member(database: Database, person: Person) -> Person:
    """Bob: a plain member of Alice's workspace, which his pages show."""
    with database.transaction(write=True) as conn:
        bob = SignupService(conn, SystemClock()).create_account(
            email="bob@example.com", password="bob-pass", fullname="Bob Member"
        )
    join_workspace(database, person.workspace_id, bob.id)
    with database.transaction(write=True) as conn:
        UserService(conn, SystemClock()).set_default_workspace(bob.id, person.workspace_id)
    return Person(bob.id, bob.email, "bob-pass", bob.fullname, person.workspace_id)


def _api_projects(live_app: LiveApp, person: Person, query: str = "") -> dict[str, Any]:
    with live_app.api(person.email, person.password) as api:
        found = api.get(f"/api/v9/workspaces/{person.workspace_id}/projects{query}").json()
    return {project["name"]: project for project in found}


def test_a_project_created_on_the_page_is_used_by_the_timer(
    page: Any, person: Person, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    sign_in(page, person)
    page.get_by_role("link", name="Projects").click()
    page.get_by_role("textbox", name="New client").fill("Acme")
    page.get_by_role("button", name="Add client").click()
    expect(page.locator("#clients-heading + form + ul")).to_contain_text("Acme")
    page.get_by_text("New project").click()
    page.get_by_role("textbox", name="Project name").fill("Launch")
    page.get_by_label("Client", exact=True).first.select_option(label="Acme")
    page.get_by_label("Colour").first.fill("#c7741c")
    page.get_by_role("button", name="Create project").click()
    row = page.locator("tr", has_text="Launch")
    expect(row).to_contain_text("Acme")
    expect(row.locator(".num")).to_have_text("0:00:00")
    screenshot(page, request, "projects")
    project = _api_projects(live_app, person)["Launch"]
    assert project["color"] == "#c7741c" and project["client_id"] is not None

    page.get_by_role("link", name="Timer").click()
    page.get_by_role("combobox", name="Project").select_option(label="Launch · Acme")
    page.get_by_role("button", name="Start").click()
    expect(page.locator(".running-project")).to_contain_text("Launch")
    with live_app.api(person.email, person.password) as api:
        assert api.get("/api/v9/me/time_entries/current").json()["project_id"] == project["id"]


def test_rename_archive_restore_and_delete_a_project(
    page: Any, person: Person, live_app: LiveApp
) -> None:
    with live_app.api(person.email, person.password) as api:
        wid = person.workspace_id
        project = api.post(f"/api/v9/workspaces/{wid}/projects", json={"name": "Old"}).json()
        entry = api.post(
            f"/api/v9/workspaces/{wid}/time_entries",
            json={
                "start": "2026-01-05T08:00:00Z",
                "duration": 5400,
                "project_id": project["id"],
                "created_with": "test",
                "workspace_id": wid,
            },
        ).json()
    sign_in(page, person)
    page.goto("/projects")
    row = page.locator("tr", has_text="Old")
    expect(row.locator(".num")).to_have_text("1:30:00")
    row.get_by_text("Edit").click()
    row.get_by_role("textbox", name="Name").fill("New name")
    row.get_by_role("button", name="Save").click()
    row = page.locator("tr", has_text="New name")
    row.get_by_text("Edit").click()
    row.get_by_role("button", name="Archive").click()
    expect(page.get_by_text("No projects yet.")).to_be_visible()
    assert _api_projects(live_app, person, "?active=false")["New name"]["active"] is False
    page.get_by_role("link", name="Archived").click()
    row = page.locator("tr", has_text="New name")
    row.get_by_text("Edit").click()
    row.get_by_role("button", name="Restore").click()
    expect(page.get_by_text("No archived projects.")).to_be_visible()
    page.get_by_role("link", name="Active").click()
    row = page.locator("tr", has_text="New name")
    row.get_by_text("Edit").click()
    row.get_by_role("button", name="Delete project").click()
    expect(page.get_by_text("No projects yet.")).to_be_visible()
    with live_app.api(person.email, person.password) as api:
        kept = api.get(f"/api/v9/me/time_entries/{entry['id']}").json()
    assert kept["project_id"] is None and kept["duration"] == 5400


def test_tasks_of_a_project(page: Any, person: Person, live_app: LiveApp) -> None:
    with live_app.api(person.email, person.password) as api:
        wid = person.workspace_id
        project = api.post(f"/api/v9/workspaces/{wid}/projects", json={"name": "Site"}).json()
    sign_in(page, person)
    page.goto("/projects")
    page.get_by_role("link", name="Site").click()
    for name in ("Design", "Build"):
        page.get_by_role("textbox", name="New task").fill(name)
        page.get_by_role("button", name="Add task").click()
        expect(page.locator(f"#task-{1 if name == 'Design' else 2}")).to_be_visible()
    design = page.locator("li", has_text="Design")
    design.get_by_text("Edit").click()
    design.get_by_role("button", name="Mark done").click()
    expect(page.locator("li", has_text="Design").locator(".badge")).to_have_text("done")
    build = page.locator("li", has_text="Build")
    build.get_by_text("Edit").click()
    build.get_by_role("button", name="Delete task").click()
    expect(page.locator("li", has_text="Build")).to_have_count(0)
    with live_app.api(person.email, person.password) as api:
        tasks = api.get(
            f"/api/v9/workspaces/{wid}/projects/{project['id']}/tasks?active=both"
        ).json()
    assert [(t["name"], t["active"]) for t in tasks] == [("Design", False)]


def test_tags_are_created_renamed_and_deleted(page: Any, person: Person, live_app: LiveApp) -> None:
    sign_in(page, person)
    page.goto("/projects")
    page.get_by_role("textbox", name="New tag").fill("urgnet")
    page.get_by_role("button", name="Add tag").click()
    tag = page.locator("li", has_text="urgnet")
    tag.get_by_text("Edit").click()
    tag.get_by_role("textbox", name="Tag name").fill("urgent")
    tag.get_by_role("button", name="Rename").click()
    expect(page.locator(".plain-list .tag")).to_have_text(["urgent"])
    with live_app.api(person.email, person.password) as api:
        names = [
            t["name"] for t in api.get(f"/api/v9/workspaces/{person.workspace_id}/tags").json()
        ]
    assert names == ["urgent"]
    tag = page.locator("li", has_text="urgent")
    tag.get_by_text("Edit").click()
    tag.get_by_role("button", name="Delete tag").click()
    expect(page.get_by_text("No tags yet.")).to_be_visible()


def test_a_member_sees_what_the_api_lets_them_see(
    page: Any, person: Person, member: Person, live_app: LiveApp
) -> None:
    with live_app.api(person.email, person.password) as api:
        wid = person.workspace_id
        api.post(f"/api/v9/workspaces/{wid}/clients", json={"name": "Acme"})
        api.post(f"/api/v9/workspaces/{wid}/projects", json={"name": "Open", "is_private": False})
        api.post(f"/api/v9/workspaces/{wid}/projects", json={"name": "Secret", "is_private": True})
    sign_in(page, member)
    expect(page.get_by_role("link", name="Team")).to_have_count(0)
    page.get_by_role("link", name="Projects").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody")).to_contain_text("Open")
    # Clients are the admins' to manage.
    expect(page.get_by_role("textbox", name="New client")).to_have_count(0)
    expect(page.locator("#clients-heading + ul")).to_contain_text("Acme")
    options = page.get_by_role("link", name="Timer")
    options.click()
    picker = page.get_by_role("combobox", name="Project")
    expect(picker.locator("option")).to_have_text(["No project", "Open"])


def test_a_refused_change_shows_the_reason(page: Any, person: Person, live_app: LiveApp) -> None:
    with live_app.api(person.email, person.password) as api:
        api.post(f"/api/v9/workspaces/{person.workspace_id}/projects", json={"name": "Taken"})
    sign_in(page, person)
    page.goto("/projects")
    page.get_by_text("New project").click()
    page.get_by_role("textbox", name="Project name").fill("Taken")
    page.get_by_role("button", name="Create project").click()
    expect(page.get_by_role("alert")).to_have_text("Name has already been taken")
