"""The reports page without a browser: the same numbers and files as Reports v3, presets by the
app's clock, bad input in an alert, and what members may see."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import markupsafe
import pytest
from litestar.testing import TestClient
from sqlalchemy import update

from punchclock.app import create_app
from punchclock.clock import FrozenClock
from punchclock.config import Settings
from punchclock.db.engine import Database
from punchclock.db.schema import users
from tests.api.support.clients import insert_client
from tests.api.support.entries import create_stopped_entry
from tests.api.support.projects import insert_project
from tests.api.support.reports import REPORTS
from tests.api.support.workspaces import join_workspace, update_workspace
from tests.conftest import Account

CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
ALERT = re.compile(r'role="alert"[^>]*>([^<]*)<')
HOSTILE = '<img src=x onerror="alert(1)">'


def _value(page: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>([^<]*)<', page)
    assert found is not None, element_id
    return html.unescape(found[1])


def _input(page: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*value="([^"]*)"', page)
    assert found is not None, element_id
    return found[1]


def _hms(seconds: int) -> str:
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _money(cents: int, currency: str = "USD") -> str:
    return f"{cents // 100:,}.{cents % 100:02d} {currency}"


def _sign_in(web: TestClient[Any], account: Account) -> None:
    web.cookies.clear()
    token = CSRF.search(web.get("/login").text)
    assert token is not None
    answer = web.post(
        "/login",
        data={"csrf_token": token[1], "email": account.email, "password": account.password},
    )
    assert answer.status_code == 303, answer.text


@pytest.fixture
def web(settings: Settings, clock: FrozenClock) -> Iterator[TestClient[Any]]:
    """A client for a fresh app at the frozen instant (Friday 27 November 2026, 12:00 UTC)."""
    with TestClient(create_app(settings, clock=clock)) as client:
        client.follow_redirects = False
        yield client


@pytest.fixture
def bob(make_account: Callable[..., Account], alice: Account, database: Database) -> Account:
    """A plain member of Alice's workspace."""
    bob = make_account(email="bob@example.com", fullname="Bob Member")
    join_workspace(database, alice.workspace_id, bob.id)
    # The web app shows the default workspace.
    with database.transaction(write=True) as conn:
        conn.execute(
            update(users)
            .where(users.c.id == bob.id)
            .values(default_workspace_id=alice.workspace_id)
        )
    return Account(bob.id, bob.email, bob.password, bob.token, alice.workspace_id)


@pytest.fixture
def filled(
    web: TestClient[Any], database: Database, alice: Account, bob: Account
) -> dict[str, int]:
    """A month of entries by Alice and Bob, priced at odd rates so rounding shows."""
    wid = alice.workspace_id
    acme = insert_client(database, wid, alice.id, "Acme")
    site = insert_project(database, wid, alice.id, "Site", client_id=acme, color="#c9806b")
    docs = insert_project(database, wid, alice.id, HOSTILE)
    update_workspace(database, wid, default_hourly_rate=Decimal("33.33"))
    for day, seconds, project, billable in (
        ("2026-11-02T09:00:00Z", 600, site, True),
        ("2026-11-02T10:00:00Z", 601, site, True),
        ("2026-11-03T23:30:00Z", 5400, docs, False),
        ("2026-11-24T08:00:00Z", 7261, None, True),
        ("2026-11-27T06:00:00Z", 59, site, False),
    ):
        create_stopped_entry(
            web,
            alice,
            day,
            seconds,
            project_id=project,
            billable=billable,
            description=HOSTILE if project == docs else f"work {seconds}",
            tags=["deep"] if billable else [],
        )
    create_stopped_entry(web, bob, "2026-11-05T12:00:00Z", 3333, project_id=site, billable=True)
    return {"site": site, "docs": docs, "acme": acme}


def _api(web: TestClient[Any], who: Account, path: str, body: dict[str, Any]) -> Any:
    answer = web.post(f"{REPORTS}/{who.workspace_id}/{path}", json=body, auth=who.auth)
    assert answer.status_code == 200, answer.text
    return answer


RANGES = [
    ({"start": "2026-11-01", "end": "2026-11-30"}, {}),
    ({"start": "2026-11-02", "end": "2026-11-02", "billable": "yes"}, {"billable": True}),
    ({"start": "2026-10-01", "end": "2026-12-31", "billable": "no"}, {"billable": False}),
]


@pytest.mark.parametrize(("query", "body"), RANGES)
def test_report_totals_equal_the_reports_v3_totals_for_the_same_range(
    web: TestClient[Any],
    alice: Account,
    filled: dict[str, int],
    query: dict[str, str],
    body: dict[str, Any],
) -> None:
    _sign_in(web, alice)
    page = web.get("/reports", params=query)
    assert page.status_code == 200, page.text
    dates = {"start_date": query["start"], "end_date": query["end"]}
    totals = _api(web, alice, "search/time_entries/totals", dates | body).json()
    assert _value(page.text, "report-total") == _hms(totals["seconds"])
    assert _value(page.text, "report-amount") == _money(totals["billable_amount_in_cents"])
    assert _value(page.text, "report-days") == str(totals["tracked_days"])
    assert totals["seconds"] > 0


def test_filters_by_project_client_and_tag_agree_with_the_api(
    web: TestClient[Any], alice: Account, filled: dict[str, int]
) -> None:
    _sign_in(web, alice)
    month = {"start": "2026-11-01", "end": "2026-11-30"}
    dates = {"start_date": "2026-11-01", "end_date": "2026-11-30"}
    tag = re.search(r'<option value="(\d+)">deep</option>', web.get("/reports").text)
    assert tag is not None
    for query, body in (
        ({"project": str(filled["site"])}, {"project_ids": [filled["site"]]}),
        ({"project": "none"}, {"project_ids": [None]}),
        ({"client": str(filled["acme"])}, {"client_ids": [filled["acme"]]}),
        ({"client": "none"}, {"client_ids": [None]}),
        ({"tag": tag[1]}, {"tag_ids": [int(tag[1])]}),
        ({"tag": "none"}, {"tag_ids": [None]}),
        ({"user": str(alice.id)}, {"user_ids": [alice.id]}),
    ):
        page = web.get("/reports", params=month | query).text
        totals = _api(web, alice, "search/time_entries/totals", dates | body).json()
        assert _value(page, "report-total") == _hms(totals["seconds"]), query
        assert _value(page, "report-amount") == _money(totals["billable_amount_in_cents"])


def _rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_the_csv_downloads_are_the_reports_v3_exports_parsed_back(
    web: TestClient[Any], alice: Account, filled: dict[str, int]
) -> None:
    _sign_in(web, alice)
    page = web.get("/reports", params={"start": "2026-11-01", "end": "2026-11-30"}).text
    link = re.search(r'<a class="button" href="([^"]+)" download>Export CSV</a>', page)
    assert link is not None
    download = web.get(html.unescape(link[1]))
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/csv")
    assert 'filename="Toggl_time_entries.csv"' in download.headers["content-disposition"]
    dates = {"start_date": "2026-11-01", "end_date": "2026-11-30"}
    exported = _api(web, alice, "search/time_entries.csv", dates)
    assert download.content == exported.content
    header, *lines = _rows(download.content)
    assert header[0] == "User" and header[-1] == "Amount (USD)"
    assert len(lines) == 6 and {line[0] for line in lines} == {"Alice Tester", "Bob Member"}
    # The hostile project name is a plain text cell.
    assert HOSTILE in {line[3] for line in lines}

    for by, grouping in (("project", "projects"), ("client", "clients"), ("user", "users")):
        query = {"start": "2026-11-01", "end": "2026-11-30", "by": by, "billable": "yes"}
        summary = web.get("/reports/summary.csv", params=query)
        assert summary.status_code == 200
        body = dates | {"grouping": grouping, "billable": True}
        assert summary.content == _api(web, alice, "summary/time_entries.csv", body).content
        assert _rows(summary.content)[0][-2:] == ["Duration", "Amount (USD)"]


def test_filtered_detailed_csv_is_the_same_file(
    web: TestClient[Any], alice: Account, filled: dict[str, int]
) -> None:
    _sign_in(web, alice)
    query = {"start": "2026-11-02", "end": "2026-11-05", "project": str(filled["site"])}
    download = web.get("/reports/export.csv", params=query)
    body = {"start_date": "2026-11-02", "end_date": "2026-11-05", "project_ids": [filled["site"]]}
    assert download.content == _api(web, alice, "search/time_entries.csv", body).content
    assert len(_rows(download.content)) == 1 + 3


def test_presets_follow_the_app_clock_and_the_week_start(
    web: TestClient[Any], alice: Account, database: Database
) -> None:
    _sign_in(web, alice)
    expected = {
        "today": ("2026-11-27", "2026-11-27"),
        "this_week": ("2026-11-23", "2026-11-29"),
        "last_week": ("2026-11-16", "2026-11-22"),
        "this_month": ("2026-11-01", "2026-11-30"),
        "last_month": ("2026-10-01", "2026-10-31"),
        "this_year": ("2026-01-01", "2026-12-31"),
    }
    for preset, (first, last) in expected.items():
        page = web.get("/reports", params={"range": preset}).text
        assert (_input(page, "report-start"), _input(page, "report-end")) == (first, last)
        assert re.search(r'aria-current="true">[^<]+</a>', page), preset
    default = web.get("/reports").text
    assert _input(default, "report-start") == "2026-11-23"
    assert re.search(r'range=this_week" aria-current="true">This week<', default)
    # A week that begins on Sunday.
    changed = web.put("/api/v9/me", json={"beginning_of_week": 0}, auth=alice.auth)
    assert changed.status_code == 200, changed.text
    sunday = web.get("/reports", params={"range": "this_week"}).text
    assert _input(sunday, "report-start") == "2026-11-22"
    # Custom dates that are no preset say so.
    custom = web.get("/reports", params={"start": "2026-11-03", "end": "2026-11-09"}).text
    assert "(custom range)" in custom and 'aria-current="true"' not in custom


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2026-02-30"}, "The start date is not a valid date"),
        ({"start": "2026-11-10", "end": "2026-11-01"}, "The end date is before the start date"),
        ({"start": "2024-01-01", "end": "2026-01-01"}, "longer than a year"),
        ({"project": "999999"}, "There is no such project in this workspace."),
        ({"client": "999999"}, "There is no such client in this workspace."),
        ({"tag": "999999"}, "There is no such tag in this workspace."),
        ({"user": "999999"}, "There is no such member in this workspace."),
        ({"project": "x" * 5000}, "That project is not valid"),
        ({"billable": "maybe"}, "billable"),
        ({"page": "-1"}, "page"),
    ],
)
def test_bad_input_is_an_alert_never_a_500(
    web: TestClient[Any], alice: Account, query: dict[str, str], message: str
) -> None:
    _sign_in(web, alice)
    for path in ("/reports", "/reports/export.csv", "/reports/summary.csv"):
        answer = web.get(path, params=query)
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"].startswith("text/html")
        alert = ALERT.search(answer.text)
        assert alert is not None and message in html.unescape(alert[1])
        # The form is there to fix the mistake, with what was typed.
        typed = query.get("start") or "2026-11-23"  # else this week's
        assert _input(answer.text, "report-start") == typed


def test_a_member_sees_their_own_time_and_no_member_filter(
    web: TestClient[Any], alice: Account, bob: Account, filled: dict[str, int], database: Database
) -> None:
    _sign_in(web, bob)
    month = {"start": "2026-11-01", "end": "2026-11-30"}
    page = web.get("/reports", params=month).text
    totals = _api(
        web,
        bob,
        "search/time_entries/totals",
        {"start_date": "2026-11-01", "end_date": "2026-11-30"},
    ).json()
    assert _value(page, "report-total") == _hms(totals["seconds"]) == "0:55:33"
    assert 'id="report-user"' not in page and "Alice Tester" not in page
    for query, message in (
        ({"user": str(alice.id)}, "Only workspace admins can report on other members."),
        ({"by": "user"}, "Only workspace admins can break time down by member."),
    ):
        alert = ALERT.search(web.get("/reports", params=month | query).text)
        assert alert is not None and alert[1] == message
    own = web.get("/reports/export.csv", params=month).content
    dates = {"start_date": "2026-11-01", "end_date": "2026-11-30"}
    assert own == _api(web, bob, "search/time_entries.csv", dates).content
    assert len(_rows(own)) == 2
    # Where the workspace hides rates from members, the page shows no amounts either.
    update_workspace(database, alice.workspace_id, only_admins_see_billable_rates=True)
    hidden = web.get("/reports", params=month).text
    assert 'id="report-amount"' not in hidden and "USD" not in hidden
    assert (
        _api(web, bob, "search/time_entries/totals", dates).json()["billable_amount_in_cents"]
        is None
    )
    assert web.get("/reports/export.csv", params=month).content == (
        _api(web, bob, "search/time_entries.csv", dates).content
    )


def test_names_are_escaped_and_nothing_is_inline(
    web: TestClient[Any], alice: Account, filled: dict[str, int]
) -> None:
    _sign_in(web, alice)
    page = web.get("/reports", params={"start": "2026-11-01", "end": "2026-11-30"}).text
    assert HOSTILE not in page and str(markupsafe.escape(HOSTILE)) in page
    assert " style=" not in page and "<script>" not in page
    assert 'href="/static/reports.' in page
    # The chart is SVG drawn on the server: one bar per day of November.
    assert page.count('<rect class="bar"') == 30


def test_the_entries_are_paged(web: TestClient[Any], alice: Account) -> None:
    for minute in range(55):
        create_stopped_entry(web, alice, f"2026-11-20T10:{minute:02d}:00Z", 30)
    _sign_in(web, alice)
    first = web.get("/reports", params={"range": "last_week"}).text
    assert first.count('<td class="description">') == 50
    assert "Page 1 of 2" in first and "Next page" in first and "Previous page" not in first
    found = re.search(r'href="([^"]+)" rel="next"', first)
    assert found is not None
    second = web.get(html.unescape(found[1])).text
    assert "Page 2 of 2" in second and "Previous page" in second
    assert _value(second, "report-count") == "55"


def test_signed_out_browsers_go_to_sign_in(web: TestClient[Any]) -> None:
    for path in ("/reports", "/reports/export.csv"):
        answer = web.get(path)
        assert (answer.status_code, answer.headers["location"]) == (303, "/login")
