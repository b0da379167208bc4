"""The team page: admins manage members, roles, rates and settings; members get a 403 page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from punchclock.clock import SystemClock
from punchclock.db.engine import Database
from punchclock.users.service import UserService
from punchclock.workspaces.member_service import MemberService
from tests.web.conftest import PHONE, BrowserErrors, Person, screenshot, sign_in
from tests.web.live_app import LiveApp

HOSTILE = '<img src=x onerror="document.title=1">'


def _member(database: Database, admin: Person, email: str, fullname: str) -> Person:
    """A person with a password who belongs to the admin's workspace only, as a plain member."""
    clock = SystemClock()
    with database.transaction(write=True) as conn:
        users = UserService(conn, clock)
        user = users.create_user(email=email, password="member-pass", fullname=fullname)
        MemberService(conn, clock).add(admin.workspace_id, email, admin=False)
        users.set_default_workspace(user.id, admin.workspace_id)
    return Person(user.id, user.email, "member-pass", fullname, admin.workspace_id)


def _refused_load(errors: BrowserErrors, status: int) -> None:
    """Drop the one console error Chromium logs for a page that answered `status` on purpose."""
    expected = [m for m in errors.messages if f"status of {status}" in m]
    assert len(expected) == 1, errors.messages
    errors.messages.remove(expected[0])


def _row(page: Any, name: str) -> Any:
    return page.locator("li.member").filter(has=page.get_by_role("heading", name=name))


def _workspace_users(live_app: LiveApp, admin: Person) -> dict[str, dict[str, Any]]:
    with live_app.api(admin.email, admin.password) as api:
        found = api.get(f"/api/v9/workspaces/{admin.workspace_id}/workspace_users").json()
    return {user["email"]: user for user in found}


def test_a_plain_member_has_no_team_link_and_gets_a_403_page(
    page: Any, person: Person, database: Database, browser_errors: BrowserErrors
) -> None:
    bob = _member(database, person, "bob@example.com", "Bob Member")
    sign_in(page, bob)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Profile")).to_be_visible()
    expect(nav.get_by_role("link", name="Team")).to_have_count(0)
    answer = page.goto("/team")
    assert answer is not None and answer.status == 403
    expect(page.get_by_role("alert")).to_have_text("Only workspace admins can open the Team page.")
    _refused_load(browser_errors, 403)


def test_an_admin_changes_a_role_and_a_rate_and_deactivates_a_member(
    page: Any, person: Person, database: Database, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    _member(database, person, "bob@example.com", "Bob Member")
    _member(database, person, "carol@example.com", "Carol Member")
    sign_in(page, person)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Team").click()
    for name in ("Alice Tester", "Bob Member", "Carol Member"):
        expect(_row(page, name)).to_be_visible()
    expect(_row(page, "Alice Tester")).to_contain_text("Admin")

    bob = _row(page, "Bob Member")
    bob.get_by_role("combobox", name="Role").select_option(label="Admin")
    bob.get_by_role("textbox", name="Hourly rate").fill("42.5")
    bob.get_by_role("button", name="Save").click()
    expect(_row(page, "Bob Member").locator(".badges")).to_contain_text("Admin")
    stored = _workspace_users(live_app, person)["bob@example.com"]
    assert (stored["admin"], stored["rate"]) == (True, 42.5)

    # A refused change shows its reason and changes nothing.
    _row(page, "Carol Member").get_by_role("textbox", name="Hourly rate").fill("lots")
    _row(page, "Carol Member").get_by_role("button", name="Save").click()
    expect(page.locator("#alerts [role=alert]")).to_have_text("Invalid rate")
    assert _workspace_users(live_app, person)["carol@example.com"]["rate"] is None

    _row(page, "Carol Member").get_by_role("button", name="Deactivate").click()
    expect(_row(page, "Carol Member")).to_contain_text("Deactivated")
    assert _workspace_users(live_app, person)["carol@example.com"]["active"] is False
    with live_app.api("carol@example.com", "member-pass") as api:
        assert api.get(f"/api/v9/workspaces/{person.workspace_id}/projects").status_code == 403
    screenshot(page, request, "team")

    _row(page, "Carol Member").get_by_role("button", name="Reactivate").click()
    expect(_row(page, "Carol Member").get_by_role("button", name="Deactivate")).to_be_visible()
    assert _workspace_users(live_app, person)["carol@example.com"]["active"] is True


def test_a_new_person_added_by_email_signs_in_once_with_the_link(
    page: Any,
    person: Person,
    live_app: LiveApp,
    new_context: Any,
    browser_errors: BrowserErrors,
    request: pytest.FixtureRequest,
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(page, person)
    page.goto("/team")
    add = page.get_by_role("region", name="Add a member")
    add.get_by_role("textbox", name="Email").fill("dana@example.com")
    add.get_by_role("textbox", name="Name").fill("Dana " + HOSTILE)
    add.get_by_role("button", name="Add member").click()
    panel = page.get_by_role("region", name="Sign-in link for")
    expect(panel.get_by_role("status").first).to_contain_text("dana@example.com")
    link = panel.get_by_role("textbox", name="One-time sign-in link").input_value()
    assert link.startswith(f"{live_app.url}/welcome/")
    panel.get_by_role("button", name="Copy sign-in link").click()
    expect(panel.locator("#sign-in-link-status")).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == link
    # What the admin typed is shown as text, never run.
    expect(_row(page, "Dana " + HOSTILE)).to_contain_text("No password yet")
    assert page.title() != "1"
    screenshot(page, request, "team new link")

    dana = new_context(PHONE).new_page()
    dana.goto(urlsplit(link).path)
    expect(dana.get_by_text("dana@example.com")).to_be_visible()
    dana.get_by_label("Password", exact=True).fill("dana-pass")
    dana.get_by_label("Password again").fill("dana-typo")
    dana.get_by_role("button", name="Set password and sign in").click()
    expect(dana.get_by_role("alert")).to_have_text("The two passwords are not the same.")
    dana.get_by_label("Password", exact=True).fill("dana-pass")
    dana.get_by_label("Password again").fill("dana-pass")
    dana.get_by_role("button", name="Set password and sign in").click()
    expect(dana.get_by_role("button", name="Sign out")).to_be_visible()
    expect(dana.locator(".who")).to_have_text("Dana " + HOSTILE)
    with live_app.api("dana@example.com", "dana-pass") as api:
        me = api.get("/api/v9/me").json()
    assert me["default_workspace_id"] == person.workspace_id and me["has_password"]

    # Used up: a second visit, from any browser, signs nobody in.
    again = new_context().new_page()
    answer = again.goto(urlsplit(link).path)
    assert answer is not None and answer.status == 410
    expect(again.get_by_role("alert")).to_contain_text("already been used")
    expect(again.get_by_role("button", name="Set password and sign in")).to_have_count(0)
    _refused_load(browser_errors, 410)
    page.reload()
    expect(_row(page, "Dana " + HOSTILE)).not_to_contain_text("No password yet")


def test_adding_someone_who_has_an_account_needs_no_link(
    page: Any, person: Person, database: Database, live_app: LiveApp
) -> None:
    clock = SystemClock()
    with database.transaction(write=True) as conn:
        UserService(conn, clock).create_user(
            email="erin@example.com", password="erin-pass", fullname="Erin Elsewhere"
        )
    sign_in(page, person)
    page.goto("/team")
    add = page.get_by_role("region", name="Add a member")
    add.get_by_role("textbox", name="Email").fill("erin@example.com")
    add.get_by_role("combobox", name="Role").select_option(label="Admin")
    add.get_by_role("button", name="Add member").click()
    expect(page.get_by_role("status").filter(has_text="is a member now")).to_be_visible()
    expect(page.get_by_role("region", name="Sign-in link for")).to_have_count(0)
    assert _workspace_users(live_app, person)["erin@example.com"]["admin"] is True
    # Twice is refused, with the service's reason.
    add.get_by_role("textbox", name="Email").fill("erin@example.com")
    add.get_by_role("button", name="Add member").click()
    expect(page.locator("#alerts [role=alert]")).to_have_text(
        "User is already a member of this workspace"
    )


def test_workspace_settings_reach_the_api(page: Any, person: Person, live_app: LiveApp) -> None:
    sign_in(page, person)
    page.goto("/team")
    settings = page.get_by_role("region", name="Workspace settings")
    settings.get_by_role("textbox", name="Workspace name").fill("Studio")
    settings.get_by_role("textbox", name="Currency").fill("eur")
    settings.get_by_role("textbox", name="Default hourly rate").fill("80")
    settings.get_by_role("combobox", name="Round durations in reports to").select_option("15")
    settings.get_by_role("checkbox", name="Only admins may create tags").check()
    settings.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status").filter(has_text="settings are saved")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Studio")
    with live_app.api(person.email, person.password) as api:
        ws = api.get(f"/api/v9/workspaces/{person.workspace_id}").json()
    assert (ws["name"], ws["default_currency"], ws["default_hourly_rate"]) == ("Studio", "EUR", 80)
    assert (ws["rounding_minutes"], ws["only_admins_may_create_tags"]) == (15, True)

    settings = page.get_by_role("region", name="Workspace settings")
    settings.get_by_role("textbox", name="Currency").fill("E1R")
    settings.get_by_role("button", name="Save settings").click()
    expect(page.locator("#alerts [role=alert]")).to_have_text("Invalid default_currency")


def test_the_team_page_fits_a_phone(
    new_context: Any, person: Person, database: Database, request: pytest.FixtureRequest
) -> None:
    _member(database, person, "bob@example.com", "Bob " + "Longname" * 6)
    phone = new_context(PHONE).new_page()
    sign_in(phone, person)
    phone.goto("/team")
    expect(phone.get_by_role("region", name="Members")).to_be_visible()
    screenshot(phone, request, "team phone")
    phone.emulate_media(color_scheme="dark")
    screenshot(phone, request, "team dark")
    phone.set_viewport_size(PHONE)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
