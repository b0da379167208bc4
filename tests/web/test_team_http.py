"""The team, profile and welcome pages without a browser: who may post what, and link rules."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from litestar.testing import TestClient

from punchclock.app import create_app
from punchclock.clock import FrozenClock
from punchclock.config import Settings
from punchclock.db.engine import Database
from punchclock.sessions.links import LINK_LIFETIME_SECONDS
from punchclock.users.service import UserService
from punchclock.workspaces.member_service import MemberService
from tests.conftest import Account

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
LINK = re.compile(r'value="(https?://[^"]+/welcome/[^"]+)"')


@pytest.fixture
def web(settings: Settings, clock: FrozenClock) -> Iterator[Callable[[], TestClient[Any]]]:
    """Clients (separate browsers) for one fresh app, not following redirects."""
    clients: list[TestClient[Any]] = []

    def make() -> TestClient[Any]:
        # An app of its own per browser: they share the database and the clock.
        client: TestClient[Any] = TestClient(create_app(settings, clock=clock))
        client.__enter__()
        client.follow_redirects = False
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def _token(text: str) -> str:
    found = CSRF.search(text)
    assert found is not None
    return found[1]


def _sign_in(client: TestClient[Any], email: str, password: str) -> str:
    token = _token(client.get("/login").text)
    answer = client.post("/login", data={"csrf_token": token, "email": email, "password": password})
    assert answer.status_code == 303, answer.text
    return _token(client.get("/profile").text)


def _invite(client: TestClient[Any], csrf: str, workspace_id: int, email: str) -> str:
    answer = client.post(
        "/team/members",
        data={"csrf_token": csrf, "workspace_id": str(workspace_id), "email": email},
    )
    assert answer.status_code == 200, answer.text
    found = LINK.search(answer.text)
    assert found is not None
    return urlsplit(found[1]).path


def _claim(client: TestClient[Any], path: str, password: str = "new-pass") -> Any:
    page = client.get(path)
    if page.status_code != 200:
        return page
    fields = {"csrf_token": _token(page.text), "password": password, "password_again": password}
    return client.post(path, data=fields)


def test_a_member_cannot_post_to_the_team_forms(
    web: Callable[[], TestClient[Any]], alice: Account, database: Database, clock: FrozenClock
) -> None:
    with database.transaction(write=True) as conn:
        users = UserService(conn, clock)
        bob = users.create_user(email="bob@example.com", password="bob-pass", fullname="Bob")
        MemberService(conn, clock).add(alice.workspace_id, "bob@example.com", admin=False)
        users.set_default_workspace(bob.id, alice.workspace_id)
    client = web()
    csrf = _sign_in(client, "bob@example.com", "bob-pass")
    page = client.get("/team")
    assert page.status_code == 403 and 'role="alert"' in page.text
    wid = str(alice.workspace_id)
    for path, fields in (
        ("/team/members", {"email": "eve@example.com"}),
        ("/team/settings", {"name": "Mine now"}),
        (f"/team/members/{bob.id}/deactivate", {}),
    ):
        answer = client.post(path, data={"csrf_token": csrf, "workspace_id": wid, **fields})
        assert answer.status_code == 403, path
    with database.transaction(write=False) as conn:
        assert UserService(conn, clock).find_by_email("eve@example.com") is None
        name = conn.exec_driver_sql(f"SELECT name FROM workspaces WHERE id = {wid}").scalar()
    assert name != "Mine now"


def test_a_link_works_once_within_its_lifetime(
    web: Callable[[], TestClient[Any]], alice: Account, clock: FrozenClock
) -> None:
    admin = web()
    csrf = _sign_in(admin, alice.email, alice.password)
    first = _invite(admin, csrf, alice.workspace_id, "dana@example.com")
    late = _invite(admin, csrf, alice.workspace_id, "erin@example.com")
    assert _claim(web(), first).status_code == 303
    used = _claim(web(), first)
    assert used.status_code == 410 and 'role="alert"' in used.text
    clock.advance(LINK_LIFETIME_SECONDS)
    assert _claim(web(), late).status_code == 410


def test_a_new_link_ends_the_old_one_and_a_deactivated_member_has_none(
    web: Callable[[], TestClient[Any]], alice: Account
) -> None:
    admin = web()
    csrf = _sign_in(admin, alice.email, alice.password)
    old = _invite(admin, csrf, alice.workspace_id, "dana@example.com")
    members = admin.get(
        f"/api/v9/workspaces/{alice.workspace_id}/workspace_users", headers=alice.headers
    ).json()
    [member_id] = [m["id"] for m in members if m["email"] == "dana@example.com"]
    fields = {"csrf_token": csrf, "workspace_id": str(alice.workspace_id)}
    answer = admin.post(f"/team/members/{member_id}/link", data=fields)
    found = LINK.search(answer.text)
    assert found is not None
    new = urlsplit(found[1]).path
    assert _claim(web(), old).status_code == 410
    admin.post(f"/team/members/{member_id}/deactivate", data=fields)
    assert _claim(web(), new).status_code == 410


def test_the_welcome_form_needs_its_csrf_cookie(
    web: Callable[[], TestClient[Any]], alice: Account
) -> None:
    admin = web()
    path = _invite(
        admin, _sign_in(admin, alice.email, alice.password), alice.workspace_id, "d@example.com"
    )
    stranger = web()
    fields = {"csrf_token": "0" * 64, "password": "new-pass", "password_again": "new-pass"}
    assert stranger.post(path, data=fields).status_code == 403
    # The link still works for the person it was meant for.
    assert _claim(web(), path).status_code == 303
