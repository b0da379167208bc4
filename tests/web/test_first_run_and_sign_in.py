"""First run, sign-in with a wrong and a right password, sign-out, in a real browser."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.web.conftest import Person, screenshot, sign_in
from tests.web.live_app import LiveApp


def test_first_run_creates_the_owner_and_signs_them_in(
    page: Any, live_app: LiveApp, request: pytest.FixtureRequest
) -> None:
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/setup$"))
    screenshot(page, request, "first run")
    page.get_by_role("textbox", name="Full name").fill("Olga Owner")
    page.get_by_role("textbox", name="Email").fill("olga@example.com")
    page.get_by_role("textbox", name="Password").fill("owner-pass")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("textbox", name="What are you working on?")).to_be_visible()

    # The account is a real one: the API knows it, with its own workspace and organization.
    with live_app.api("olga@example.com", "owner-pass") as api:
        me = api.get("/api/v9/me").json()
        assert me["fullname"] == "Olga Owner"
        workspaces = api.get("/api/v9/workspaces").json()
        assert [w["id"] for w in workspaces] == [me["default_workspace_id"]]
        assert api.get("/api/v9/me/organizations").json()[0]["user_count"] == 1

    # Once an account exists, the first-run page is gone for everyone.
    other = httpx.get(f"{live_app.url}/setup", follow_redirects=False)
    assert (other.status_code, other.headers["location"]) == (303, "/login")


def test_the_first_run_form_keeps_what_was_typed_when_the_password_is_too_short(
    page: Any,
) -> None:
    page.goto("/setup")
    page.get_by_role("textbox", name="Full name").fill("Olga <Owner>")
    page.get_by_role("textbox", name="Email").fill("olga@example.com")
    page.get_by_role("textbox", name="Password").fill("short")
    # The browser's own minlength check would stop the form: test the server's.
    page.locator("form").evaluate("form => form.noValidate = true")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_contain_text("at least 6 characters")
    expect(page.get_by_role("textbox", name="Full name")).to_have_value("Olga <Owner>")


def test_a_wrong_password_is_refused_and_the_right_one_signs_in(
    page: Any, person: Person, request: pytest.FixtureRequest
) -> None:
    page.goto("/")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    screenshot(page, request, "sign in")
    page.get_by_role("textbox", name="Email").fill(person.email)
    page.get_by_role("textbox", name="Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("Wrong email or password.")
    # The email stays filled in; the password does not.
    expect(page.get_by_role("textbox", name="Email")).to_have_value(person.email)
    expect(page.get_by_role("textbox", name="Password")).to_have_value("")

    page.get_by_role("textbox", name="Password").fill(person.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("textbox", name="What are you working on?")).to_be_visible()
    expect(page.get_by_role("link", name="Timer")).to_be_visible()


def test_an_api_token_is_not_a_password(page: Any, person: Person, live_app: LiveApp) -> None:
    with live_app.api(person.email, person.password) as api:
        token = api.get("/api/v9/me").json()["api_token"]
    page.goto("/login")
    page.get_by_role("textbox", name="Email").fill(token)
    page.get_by_role("textbox", name="Password").fill("api_token")
    page.locator("form").evaluate("form => form.noValidate = true")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("Wrong email or password.")


def test_signing_out_ends_the_session_for_good(
    page: Any, person: Person, live_app: LiveApp
) -> None:
    sign_in(page, person)
    cookie = next(c for c in page.context.cookies() if c["name"] == "pc_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and not cookie["secure"]
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    # The old cookie signs nobody in any more.
    replay = httpx.get(
        f"{live_app.url}/entries?before=1",
        cookies={"pc_session": cookie["value"]},
        follow_redirects=True,
    )
    assert replay.status_code == 200 and "Sign in" in replay.text
