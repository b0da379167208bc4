"""The profile page: details, password, API token and the Toggl client panel, seen by the API."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from punchclock.clock import SystemClock
from punchclock.db.engine import Database
from punchclock.signup.service import SignupService
from tests.web.conftest import PHONE, Person, screenshot, sign_in
from tests.web.live_app import LiveApp


def _open_profile(page: Any, person: Person) -> None:
    sign_in(page, person)
    page.get_by_role("link", name="Profile").click()
    expect(page.get_by_role("heading", name="Profile", exact=True)).to_be_visible()


def _alert(page: Any) -> Any:
    return page.locator("#alerts [role=alert]")


def test_profile_edits_reach_the_api(
    page: Any, person: Person, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    _open_profile(page, person)
    page.get_by_role("textbox", name="Full name").fill("Alice <b>Renamed</b>")
    page.get_by_role("combobox", name="Timezone").select_option("America/New_York")
    page.get_by_role("combobox", name="Week begins on").select_option(label="Sunday")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status").filter(has_text="profile is saved")).to_be_visible()
    # Autoescaped: the name is text, also in the header.
    expect(page.locator(".who")).to_have_text("Alice <b>Renamed</b>")
    expect(page.get_by_role("combobox", name="Timezone")).to_have_value("America/New_York")
    with live_app.api(person.email, person.password) as api:
        me = api.get("/api/v9/me").json()
    assert me["fullname"] == "Alice <b>Renamed</b>"
    assert (me["timezone"], me["beginning_of_week"]) == ("America/New_York", 0)
    assert " style=" not in page.content()
    screenshot(page, request, "profile")


def test_a_refused_edit_is_an_alert_and_keeps_what_was_typed(
    page: Any, person: Person, database: Database, live_app: LiveApp
) -> None:
    with database.transaction(write=True) as conn:
        SignupService(conn, SystemClock()).create_account(
            email="taken@example.com", password="other-pass", fullname="Someone"
        )
    _open_profile(page, person)
    page.get_by_role("textbox", name="Full name").fill("Alice Two")
    page.get_by_role("textbox", name="Email").fill("taken@example.com")
    page.get_by_role("button", name="Save profile").click()
    expect(_alert(page)).to_have_text("user with this email already exists")
    expect(page.get_by_role("textbox", name="Full name")).to_have_value("Alice Two")
    with live_app.api(person.email, person.password) as api:
        me = api.get("/api/v9/me").json()
    assert (me["email"], me["fullname"]) == (person.email, person.fullname)


def test_a_password_change_works_in_the_api_and_signs_out_other_browsers(
    page: Any, person: Person, live_app: LiveApp, new_context: Any
) -> None:
    other = new_context().new_page()
    sign_in(other, person)
    _open_profile(page, person)
    form = page.locator("form[action='/profile/password']")

    form.get_by_label("Current password").fill("not-my-password")
    form.get_by_label("New password", exact=True).fill("brand-new-pass")
    form.get_by_label("New password again").fill("brand-new-pass")
    form.get_by_role("button", name="Change password").click()
    expect(_alert(page)).to_have_text("The current password is not right.")

    form.get_by_label("Current password").fill(person.password)
    form.get_by_label("New password", exact=True).fill("brand-new-pass")
    form.get_by_label("New password again").fill("brand-new-pass")
    form.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("status").filter(has_text="password is changed")).to_be_visible()

    with live_app.api(person.email, "brand-new-pass") as api:
        assert api.get("/api/v9/me").status_code == 200
    with live_app.api(person.email, person.password) as api:
        assert api.get("/api/v9/me").status_code == 403
    # This browser stays signed in; the other one is back at the sign-in form.
    page.reload()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    other.reload()
    expect(other.get_by_role("button", name="Sign in")).to_be_visible()


def test_resetting_the_token_ends_the_old_one(page: Any, person: Person, live_app: LiveApp) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    _open_profile(page, person)
    field = page.get_by_role("textbox", name="Your API token")
    old = field.input_value()
    assert len(old) == 32
    page.get_by_role("button", name="Copy API token").click()
    expect(page.locator("#api-token-status")).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == old

    page.get_by_role("button", name="Reset API token").click()
    expect(page.get_by_role("status").filter(has_text="new API token")).to_be_visible()
    new = field.input_value()
    assert len(new) == 32 and new != old
    with live_app.api(old, "api_token") as api:
        assert api.get("/api/v9/me").status_code == 403
    with live_app.api(new, "api_token") as api:
        assert api.get("/api/v9/me").json()["api_token"] == new
    # The example command carries the new token too.
    expect(page.locator("#example-command")).to_contain_text(f"{new}:api_token")


def test_the_toggl_client_panel_shows_this_servers_base_urls(
    new_context: Any, person: Person, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    phone = new_context(PHONE).new_page()
    _open_profile(phone, person)
    panel = phone.get_by_role("region", name="Use a Toggl client")
    expect(panel.locator("#api-url")).to_have_text(f"{live_app.url}/api/v9")
    expect(panel.locator("#reports-url")).to_have_text(f"{live_app.url}/reports/api/v3")
    command = panel.locator("#example-command").inner_text()
    token = phone.get_by_role("textbox", name="Your API token").input_value()
    assert command == f"curl -u {token}:api_token {live_app.url}/api/v9/me"
    expect(panel.get_by_role("button", name="Copy the Reports API URL")).to_be_visible()
    # Nothing is wider than a 375 px phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.get_by_role("button", name="Copy the Track API URL").focus()
    screenshot(phone, request, "profile client panel")
    phone.emulate_media(color_scheme="dark")
    screenshot(phone, request, "profile dark")


def test_the_profile_works_from_the_keyboard(page: Any, person: Person, live_app: LiveApp) -> None:
    _open_profile(page, person)
    name = page.get_by_role("textbox", name="Full name")
    name.focus()
    name.fill("Keyboard Alice")
    # Tab through the form to its button and press Enter there.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Save profile":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="profile is saved")).to_be_visible()
    with live_app.api(person.email, person.password) as api:
        assert api.get("/api/v9/me").json()["fullname"] == "Keyboard Alice"
