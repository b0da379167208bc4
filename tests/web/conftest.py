"""Browser tests: Playwright driving Debian's Chromium against the app on a real port.

Each test gets a fresh database (both engines), a fresh app and a fresh browser context. A
page that logs a console error, or a request the page made to another host, fails the test.
Screenshots go to tests/web/.artifacts/ (gitignored).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from punchclock.clock import SystemClock
from punchclock.config import Settings
from punchclock.db.engine import Database
from punchclock.signup.service import SignupService
from tests.engines import in_ci
from tests.web.live_app import LiveApp, start_live_app

ARTIFACTS = Path(__file__).resolve().parent / ".artifacts"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 860}


@dataclass
class Person:
    """A seeded account the browser can sign in as."""

    id: int
    email: str
    password: str
    fullname: str
    workspace_id: int


@pytest.fixture(scope="session")
def playwright_browser() -> Iterator[Any]:
    """Debian's Chromium under Playwright, for the whole session."""
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if chromium is None or sync_playwright is None:
        message = "browser tests need Playwright and Debian's chromium (make test installs both)"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def live_app(settings: Settings) -> Iterator[LiveApp]:
    """The app for this test's database, on a free port."""
    app = start_live_app(settings)
    yield app
    app.stop()


@pytest.fixture
def person(database: Database) -> Person:
    """Alice, with her own organization and workspace."""
    with database.transaction(write=True) as conn:
        user = SignupService(conn, SystemClock()).create_account(
            email="alice@example.com",
            password="secret-pass",
            fullname="Alice Tester",
            timezone="Europe/Berlin",
        )
    assert user.default_workspace_id is not None
    return Person(user.id, user.email, "secret-pass", user.fullname, user.default_workspace_id)


class BrowserErrors:
    """Console errors and requests to other hosts seen by one browser context."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.messages: list[str] = []

    def console(self, message: Any) -> None:
        if message.type == "error":
            self.messages.append(f"console: {message.text}")

    def page_error(self, error: Any) -> None:
        self.messages.append(f"page error: {error}")

    def request(self, request: Any) -> None:
        if not request.url.startswith((self.base_url, "data:", "about:")):
            self.messages.append(f"request to another host: {request.url}")


@pytest.fixture
def browser_errors(live_app: LiveApp) -> BrowserErrors:
    """What went wrong in the browser during the test (checked when it ends)."""
    return BrowserErrors(live_app.url)


def _open_context(
    browser: Any, live_app: LiveApp, errors: BrowserErrors, viewport: dict[str, int]
) -> Any:
    context = browser.new_context(base_url=live_app.url, viewport=viewport)
    context.set_default_timeout(10_000)
    context.on("page", lambda page: _watch(page, errors))
    return context


def _watch(page: Any, errors: BrowserErrors) -> None:
    page.on("console", errors.console)
    page.on("pageerror", errors.page_error)
    page.on("request", errors.request)


@pytest.fixture
def page(
    playwright_browser: Any, live_app: LiveApp, browser_errors: BrowserErrors
) -> Iterator[Any]:
    """A page in a fresh desktop-sized context; no console errors allowed."""
    context = _open_context(playwright_browser, live_app, browser_errors, DESKTOP)
    page = context.new_page()
    yield page
    context.close()
    assert browser_errors.messages == []


@pytest.fixture
def new_context(
    playwright_browser: Any, live_app: LiveApp, browser_errors: BrowserErrors
) -> Iterator[Any]:
    """Opens further fresh contexts (a second browser, a phone-sized one)."""
    contexts: list[Any] = []

    def make(viewport: dict[str, int] = DESKTOP) -> Any:
        context = _open_context(playwright_browser, live_app, browser_errors, viewport)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def screenshot(page: Any, request: pytest.FixtureRequest, name: str) -> None:
    """Save the page at phone and desktop widths under tests/web/.artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    engine = "postgresql" if "postgresql" in request.node.name else "sqlite"
    stem = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(ARTIFACTS / f"{stem}-{label}-{engine}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def sign_in(page: Any, person: Person) -> None:
    """Sign in through the form and wait for the signed-in page."""
    page.goto("/")
    page.get_by_role("textbox", name="Email").fill(person.email)
    page.get_by_role("textbox", name="Password").fill(person.password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()
