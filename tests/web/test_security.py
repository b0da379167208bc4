"""Web security without a browser: CSRF, headers, cookies, static files, the first-run race."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import TestClient

from punchclock.app import create_app
from punchclock.clock import FrozenClock
from punchclock.config import Settings
from punchclock.db.engine import Database
from punchclock.web.security import CONTENT_SECURITY_POLICY
from tests.conftest import Account

CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


@pytest.fixture
def web(settings: Settings, clock: FrozenClock) -> Iterator[TestClient[Any]]:
    """A client for a fresh app, without following redirects."""
    with TestClient(create_app(settings, clock=clock)) as client:
        client.follow_redirects = False
        yield client


def _sign_in(web: TestClient[Any], account: Account) -> str:
    """Sign in through the form; the session's CSRF token."""
    token = CSRF.search(web.get("/login").text)
    assert token is not None
    answer = web.post(
        "/login",
        data={"csrf_token": token[1], "email": account.email, "password": account.password},
    )
    assert answer.status_code == 303, answer.text
    page = web.get("/")
    found = CSRF.search(page.text)
    assert found is not None
    return found[1]


def _start(web: TestClient[Any], account: Account, **extra: Any) -> Any:
    fields = {"workspace_id": str(account.workspace_id), "description": "x"}
    return web.post("/timer/start", data=fields | extra.pop("data", {}), **extra)


def test_pages_carry_the_security_headers(web: TestClient[Any], alice: Account) -> None:
    for path in ("/login", "/"):
        answer = web.get(path)
        assert answer.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "script-src 'self'" in CONTENT_SECURITY_POLICY
        assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["cache-control"] == "no-store"
    # The pages never inline a script or a style.
    assert "<script>" not in web.get("/login").text
    assert " style=" not in web.get("/login").text


def test_a_state_change_without_the_session_token_is_refused(
    web: TestClient[Any], alice: Account, database: Database
) -> None:
    token = _sign_in(web, alice)
    missing = _start(web, alice)
    wrong = _start(web, alice, data={"csrf_token": "0" * 64})
    foreign = _start(
        web, alice, data={"csrf_token": token}, headers={"Origin": "https://evil.example"}
    )
    for refused in (missing, wrong, foreign):
        assert refused.status_code == 403
        assert 'role="alert"' in refused.text
    with database.transaction(write=False) as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM time_entries").scalar() == 0
    # The same request with the token (form field or htmx header) goes through.
    assert _start(web, alice, data={"csrf_token": token}).status_code == 303
    header = _start(web, alice, headers={"X-CSRF-Token": token, "HX-Request": "true"})
    assert (header.status_code, header.headers["hx-refresh"]) == (200, "true")
    with database.transaction(write=False) as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM time_entries").scalar() == 2


def test_the_sign_in_form_needs_its_double_submit_token(
    web: TestClient[Any], alice: Account
) -> None:
    web.get("/login")
    refused = web.post(
        "/login",
        data={"csrf_token": "f" * 64, "email": alice.email, "password": alice.password},
    )
    assert refused.status_code == 403
    assert "pc_session" not in refused.headers.get("set-cookie", "")


def test_secure_cookies_when_the_site_is_served_over_https(
    settings: Settings, clock: FrozenClock, alice: Account
) -> None:
    secure = settings.with_overrides(web_secure_cookies=True)
    with TestClient(create_app(secure, clock=clock), base_url="https://punchclock.local") as web:
        web.follow_redirects = False
        _sign_in(web, alice)
        cookie = next(c for c in web.cookies.jar if c.name == "pc_session")
        assert cookie.secure


def test_sessions_end_when_they_expire(
    web: TestClient[Any], alice: Account, clock: FrozenClock, settings: Settings
) -> None:
    _sign_in(web, alice)
    assert web.get("/").text.count("Sign out") == 1
    clock.advance(settings.web_session_hours * 3600 + 1)
    assert "Sign out" not in web.get("/").text
    assert web.get("/entries?before=1").headers["location"] == "/login"


def test_htmx_requests_without_a_session_are_sent_to_sign_in(web: TestClient[Any]) -> None:
    answer = web.post("/timer/stop", headers={"HX-Request": "true"})
    assert (answer.status_code, answer.headers["hx-redirect"]) == (401, "/login")


def test_static_files_are_served_by_content_hash_and_cached_for_good(
    web: TestClient[Any], alice: Account
) -> None:
    page = web.get("/login").text
    paths = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert {p.split("/")[-1].split(".")[0] for p in paths} >= {"app", "htmx"}
    for path in paths:
        answer = web.get(path)
        assert answer.status_code == 200
        assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert web.get("/static/app.css").status_code == 404
    assert web.get("/static/../config.py").status_code == 404
    htmx = next(p for p in paths if "htmx" in p)
    assert web.get(htmx).text.startswith("/*! htmx")


def test_the_first_account_can_be_created_only_once(
    web: TestClient[Any], database: Database
) -> None:
    assert web.get("/").headers["location"] == "/setup"
    token = CSRF.search(web.get("/setup").text)
    assert token is not None
    fields = {"csrf_token": token[1], "fullname": "Olga", "password": "owner-pass"}
    first = web.post("/setup", data=fields | {"email": "olga@example.com"})
    assert first.status_code == 303
    web.cookies.clear()
    web.get("/setup")
    web.cookies.set("pc_csrf", token[1])
    second = web.post("/setup", data=fields | {"email": "mallory@example.com"})
    assert (second.status_code, second.headers["location"]) == (303, "/login")
    with database.transaction(write=False) as conn:
        emails = conn.exec_driver_sql("SELECT email FROM users").scalars().all()
    assert emails == ["olga@example.com"]


def test_repeated_wrong_passwords_make_sign_in_wait(
    web: TestClient[Any], alice: Account, clock: FrozenClock
) -> None:
    token = CSRF.search(web.get("/login").text)
    assert token is not None

    def attempt(password: str) -> str:
        fields = {"csrf_token": token[1], "email": alice.email, "password": password}
        return web.post("/login", data=fields).text

    for _ in range(5):
        assert "Wrong email or password." in attempt("wrong")
    # Even the right password waits now, without being checked.
    assert "Too many failed sign-ins. Try again in 1 second." in attempt(alice.password)
    clock.advance(1)
    assert "Wrong email or password." in attempt("wrong")
    assert "Try again in 2 seconds." in attempt(alice.password)
    clock.advance(2)
    assert (
        web.post(
            "/login",
            data={"csrf_token": token[1], "email": alice.email, "password": alice.password},
        ).status_code
        == 303
    )


def test_a_password_changed_through_the_api_signs_the_web_app_out(
    web: TestClient[Any], alice: Account
) -> None:
    _sign_in(web, alice)
    assert "Sign out" in web.get("/").text
    changed = web.put(
        "/api/v9/me",
        headers=alice.headers,
        json={"current_password": alice.password, "password": "a-new-password"},
    )
    assert changed.status_code == 200, changed.text
    assert "Sign out" not in web.get("/").text
    # Changing anything else signs nobody out.
    _sign_in(web, Account(alice.id, alice.email, "a-new-password", alice.token, alice.workspace_id))
    assert web.put("/api/v9/me", headers=alice.headers, json={"fullname": "A"}).status_code == 200
    assert "Sign out" in web.get("/").text
