"""Entry forms without a browser: refusals come back as the alert, and change nothing."""

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
from tests.conftest import Account

CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


@pytest.fixture
def signed_in(
    settings: Settings, clock: FrozenClock, alice: Account
) -> Iterator[tuple[TestClient[Any], str]]:
    """A client signed in as Alice, and her session's CSRF token."""
    with TestClient(create_app(settings, clock=clock)) as web:
        web.follow_redirects = False
        token = CSRF.search(web.get("/login").text)
        assert token is not None
        fields = {"csrf_token": token[1], "email": alice.email, "password": alice.password}
        assert web.post("/login", data=fields).status_code == 303
        found = CSRF.search(web.get("/").text)
        assert found is not None
        yield web, found[1]


def _alert(html: str) -> str:
    found = re.search(r'role="alert"[^>]*>([^<]*)<', html)
    assert found, html[:500]
    return found[1]


def _count(database: Database) -> int:
    with database.transaction(write=False) as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM time_entries").scalar_one())


@pytest.mark.parametrize(
    ("path", "fields", "message"),
    [
        ("/entries/bulk", {"action": "delete"}, "Select one or more entries first."),
        ("/entries/bulk", {"action": "nothing", "ids": "1"}, "can not be found"),
        ("/entries", {"start": "9:00"}, "Give a stop time or a duration."),
        ("/entries", {"start": "25:00", "duration": "1h"}, "Type times as"),
        ("/entries", {"start": "9:00", "duration": "1h", "date": "yesterday"}, "YYYY-MM-DD"),
        ("/timer/start", {"project_id": "99999"}, "project"),
        ("/timer/start", {"tags": ",".join(f"t{n}" for n in range(60))}, "at most 50 tags"),
        # Digits of other scripts are no ids or durations (int() reads some, refuses others).
        ("/timer/start", {"workspace_id": "\u00b2"}, "not valid"),
        ("/timer/start", {"workspace_id": "\u0663"}, "not valid"),
        ("/timer/start", {"project_id": "99999999999999999999"}, "not valid"),
        ("/entries", {"start": "9:00", "duration": "\u00b2"}, "1:30, 90m or 1h30"),
        ("/entries", {"start": "9:00", "stop": "10:00", "date": "9999-12-31"}, "1970 and 9998"),
        ("/timer/start", {"description": "nul\x00byte"}, "NUL"),
    ],
)
def test_refused_forms_answer_the_alert_and_store_nothing(
    signed_in: tuple[TestClient[Any], str],
    database: Database,
    alice: Account,
    path: str,
    fields: dict[str, str],
    message: str,
) -> None:
    web, token = signed_in
    answer = web.post(
        path,
        data={"workspace_id": str(alice.workspace_id), **fields},
        headers={"X-CSRF-Token": token, "HX-Request": "true"},
    )
    assert answer.status_code == 200
    assert answer.headers["hx-retarget"] == "#alerts"
    assert message.lower() in _alert(answer.text).lower()
    assert _count(database) == 0


def test_an_entry_of_someone_else_is_not_found(
    signed_in: tuple[TestClient[Any], str], make_account: Any, database: Database
) -> None:
    web, token = signed_in
    other = make_account()
    headers = {"X-CSRF-Token": token, "HX-Request": "true"}
    with TestClient(web.app) as other_api:
        created = other_api.post(
            f"/api/v9/workspaces/{other.workspace_id}/time_entries",
            headers=other.headers,
            json={
                "start": "2026-11-27T10:00:00Z",
                "duration": 60,
                "created_with": "t",
                "workspace_id": other.workspace_id,
            },
        )
    entry_id = created.json()["id"]
    for path in (f"/entries/{entry_id}/edit", f"/entries/{entry_id}/row"):
        assert "not be found" in _alert(web.get(path, headers=headers).text)
    answer = web.post(
        f"/entries/{entry_id}/delete",
        data={"workspace_id": str(other.workspace_id)},
        headers=headers,
    )
    assert answer.headers["hx-retarget"] == "#alerts"
    assert _count(database) == 1


@pytest.mark.parametrize(
    "path",
    [
        "/entries/99999999999999999999999/edit",
        "/entries/99999999999999999999999/row",
        "/entries?before=100000000000000000000000",
        "/entries?before=-5",
        "/projects/99999999999999999999999",
    ],
)
def test_ids_beyond_the_database_are_refused_not_a_500(
    signed_in: tuple[TestClient[Any], str], path: str
) -> None:
    web, token = signed_in
    answer = web.get(path, headers={"X-CSRF-Token": token, "HX-Request": "true"})
    assert answer.status_code == 200 and answer.headers["hx-retarget"] == "#alerts"
    plain = web.get(path)
    assert 400 <= plain.status_code < 500 and 'role="alert"' in plain.text
