"""Reports v3 summary: groups, sub-groups, rates, visibility and the CSV export (§13)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar.testing import TestClient

from punchclock.db.engine import Database
from tests.api.support.clients import insert_client
from tests.api.support.entries import create_stopped_entry
from tests.api.support.http import assert_error
from tests.api.support.projects import insert_project, insert_task, update_project
from tests.api.support.reports import REPORTS
from tests.api.support.workspaces import join_workspace, update_workspace
from tests.conftest import API, Account

DAY = "2026-11-20"
PAIRS = [
    ("projects", "time_entries"),
    ("projects", "tasks"),
    ("projects", "users"),
    ("clients", "time_entries"),
    ("clients", "tasks"),
    ("clients", "projects"),
    ("clients", "users"),
    ("users", "time_entries"),
    ("users", "tasks"),
    ("users", "projects"),
    ("users", "clients"),
]


@dataclass
class Made:
    """One created entry, as the test knows it (the independent model of the report)."""

    id: int
    user_id: int
    project_id: int | None
    task_id: int | None
    client_id: int | None
    description: str | None
    seconds: int

    def key(self, kind: str) -> int | str | None:
        """What this entry is grouped by for one grouping kind."""
        if kind == "time_entries":
            return self.description or ""
        attribute = {"projects": "project", "users": "user", "clients": "client", "tasks": "task"}
        value: int | None = getattr(self, f"{attribute[kind]}_id")
        return value


@dataclass
class Catalogue:
    """Two clients' worth of projects and a task in alice's workspace."""

    acme: int
    website: int
    api: int
    spec: int


def _summary(
    client: TestClient[Any], who: Account, body: Any, wid: int | None = None, suffix: str = ""
) -> Any:
    url = f"{REPORTS}/{wid or who.workspace_id}/summary/time_entries{suffix}"
    return client.post(url, json=body, auth=who.auth)


def _rows(response: Any) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def _flatten(groups: list[dict[str, Any]]) -> dict[Any, dict[Any, int]]:
    """{group id: {sub-group id or title: seconds}} from a response."""
    out: dict[Any, dict[Any, int]] = {}
    for group in groups:
        subs = out.setdefault(group["id"], {})
        for sub in group["sub_groups"]:
            key = sub["title"] if "title" in sub else sub["id"]
            subs[key] = subs.get(key, 0) + sub["seconds"]
    return out


def _expected(made: list[Made], grouping: str, sub_grouping: str) -> dict[Any, dict[Any, int]]:
    out: dict[Any, dict[Any, int]] = {}
    for entry in made:
        subs = out.setdefault(entry.key(grouping), {})
        sub = entry.key(sub_grouping)
        subs[sub] = subs.get(sub, 0) + entry.seconds
    return out


@pytest.fixture
def catalogue(database: Database, alice: Account) -> Catalogue:
    wid = alice.workspace_id
    acme = insert_client(database, wid, alice.id, "Acme")
    website = insert_project(database, wid, alice.id, "Website", client_id=acme)
    api = insert_project(database, wid, alice.id, "api")
    return Catalogue(acme, website, api, insert_task(database, wid, website, "Write spec"))


@pytest.fixture
def made(client: TestClient[Any], alice: Account, catalogue: Catalogue) -> list[Made]:
    """Five entries on DAY: a task, two "Design"s, a "design", no project, "" and null."""
    rows = [
        (catalogue.website, catalogue.spec, "Design", 3600, True),
        (catalogue.website, None, "Design", 1800, False),
        (catalogue.api, None, "design", 600, True),
        (None, None, None, 900, False),
        (None, None, "", 300, False),
    ]
    out = []
    for hour, (project, task, description, seconds, billable) in enumerate(rows, start=8):
        extra: dict[str, Any] = {"billable": billable}
        if project:
            extra["project_id"] = project
        if task:
            extra["task_id"] = task
        if description is not None:
            extra["description"] = description
        entry_id = create_stopped_entry(
            client, alice, f"{DAY}T{hour:02d}:00:00Z", seconds, **extra
        )["id"]
        client_id = catalogue.acme if project == catalogue.website else None
        out.append(Made(entry_id, alice.id, project, task, client_id, description, seconds))
    return out


class TestSummary:
    def test_default_is_projects_by_time_entries(
        self, client: TestClient[Any], alice: Account, catalogue: Catalogue, made: list[Made]
    ) -> None:
        response = _summary(client, alice, {"start_date": DAY})
        assert response.status_code == 200, response.text
        assert response.headers["X-Grouping"] == "projects"
        assert response.headers["X-Sub-Grouping"] == "time_entries"
        assert response.headers["X-Range-Start"] == DAY
        assert response.headers["X-Range-End"] == DAY
        # Ordered by name, case-insensitively ("api" before "Website"); no project last.
        assert response.json() == {
            "groups": [
                {
                    "id": catalogue.api,
                    "sub_groups": [{"id": None, "title": "design", "seconds": 600, "rates": []}],
                },
                {
                    "id": catalogue.website,
                    "sub_groups": [{"id": None, "title": "Design", "seconds": 5400, "rates": []}],
                },
                {
                    "id": None,
                    "sub_groups": [{"id": None, "title": "", "seconds": 1200, "rates": []}],
                },
            ]
        }

    @pytest.mark.parametrize(("grouping", "sub_grouping"), PAIRS)
    def test_every_pair_adds_up(
        self,
        client: TestClient[Any],
        alice: Account,
        made: list[Made],
        grouping: str,
        sub_grouping: str,
    ) -> None:
        body = {"start_date": DAY, "grouping": grouping, "sub_grouping": sub_grouping}
        response = _summary(client, alice, body)
        assert response.status_code == 200, response.text
        assert response.headers["X-Grouping"] == grouping
        assert response.headers["X-Sub-Grouping"] == sub_grouping
        groups = response.json()["groups"]
        assert _flatten(groups) == _expected(made, grouping, sub_grouping)
        for group in groups:
            for sub in group["sub_groups"]:
                assert "ids" not in sub
                assert ("title" in sub) == (sub_grouping == "time_entries")
                assert sub["id"] is None or sub_grouping != "time_entries"

    def test_id_sub_groups_are_ordered_by_name_with_none_last(
        self,
        client: TestClient[Any],
        alice: Account,
        catalogue: Catalogue,
        made: list[Made],
    ) -> None:
        body = {"start_date": DAY, "grouping": "Users", "sub_grouping": "PROJECTS"}
        response = _summary(client, alice, body)
        assert response.headers["X-Grouping"] == "users"
        (group,) = response.json()["groups"]
        assert group["id"] == alice.id
        assert group["sub_groups"] == [
            {"id": catalogue.api, "seconds": 600, "rates": []},
            {"id": catalogue.website, "seconds": 5400, "rates": []},
            {"id": None, "seconds": 1200, "rates": []},
        ]
        body = {"start_date": DAY, "grouping": "clients", "sub_grouping": "tasks"}
        groups = _summary(client, alice, body).json()["groups"]
        assert [group["id"] for group in groups] == [catalogue.acme, None]
        assert [sub["id"] for sub in groups[0]["sub_groups"]] == [catalogue.spec, None]
        assert [sub["seconds"] for sub in groups[0]["sub_groups"]] == [3600, 1800]

    def test_include_time_entry_ids(
        self, client: TestClient[Any], alice: Account, catalogue: Catalogue, made: list[Made]
    ) -> None:
        body = {"start_date": DAY, "include_time_entry_ids": True}
        groups = _summary(client, alice, body).json()["groups"]
        ids = {group["id"]: group["sub_groups"][0]["ids"] for group in groups}
        assert ids == {
            catalogue.api: [made[2].id],
            catalogue.website: [made[0].id, made[1].id],
            None: [made[3].id, made[4].id],
        }

    def test_rates_amounts_and_distinguish_rates(
        self,
        client: TestClient[Any],
        alice: Account,
        database: Database,
        catalogue: Catalogue,
        made: list[Made],
    ) -> None:
        response = client.put(
            f"{API}/workspaces/{alice.workspace_id}",
            json={"default_hourly_rate": 50},
            auth=alice.auth,
        )
        assert response.status_code == 200, response.text
        update_project(database, catalogue.api, rate=80)
        groups = _summary(client, alice, {"start_date": DAY}).json()["groups"]
        rates = {group["id"]: group["sub_groups"][0]["rates"] for group in groups}
        assert rates == {
            catalogue.api: [
                {"billable_seconds": 600, "currency": "USD", "hourly_rate_in_cents": 8000}
            ],
            catalogue.website: [
                {"billable_seconds": 3600, "currency": "USD", "hourly_rate_in_cents": 5000}
            ],
            None: [],
        }
        body = {"start_date": DAY, "distinguish_rates": True}
        groups = _summary(client, alice, body).json()["groups"]
        website = next(group for group in groups if group["id"] == catalogue.website)
        assert [(sub["title"], sub["seconds"], sub["rates"]) for sub in website["sub_groups"]] == [
            (
                "Design",
                3600,
                [{"billable_seconds": 3600, "currency": "USD", "hourly_rate_in_cents": 5000}],
            ),
            ("Design", 1800, []),
        ]
        hidden = _summary(client, alice, {**body, "hide_amounts": True}).json()["groups"]
        assert _flatten(hidden) == _flatten(groups)
        assert all(sub["rates"] == [] for group in hidden for sub in group["sub_groups"])
        assert [len(group["sub_groups"]) for group in hidden] == [1, 1, 1]
        lines = _rows(_summary(client, alice, {"start_date": DAY}, suffix=".csv"))
        assert lines[1:] == [
            ["api", "Without client", "design", "00:10:00", "13.33"],
            ["Website", "Acme", "Design", "01:30:00", "50.00"],
            ["Without project", "Without client", "", "00:20:00", ""],
        ]

    def test_rounding_is_a_projection(self, client: TestClient[Any], alice: Account) -> None:
        first = create_stopped_entry(client, alice, f"{DAY}T09:00:00Z", 61, description="a")["id"]
        create_stopped_entry(client, alice, f"{DAY}T10:00:00Z", 900, description="a")
        body = {"start_date": DAY, "rounding": 1, "rounding_minutes": 15}
        (group,) = _summary(client, alice, body).json()["groups"]
        assert group["sub_groups"][0]["seconds"] == 1800
        (plain,) = _summary(client, alice, {"start_date": DAY}).json()["groups"]
        assert plain["sub_groups"][0]["seconds"] == 961
        listed = client.get(
            f"{API}/me/time_entries",
            params={"start_date": DAY, "end_date": "2026-11-21"},
            auth=alice.auth,
        ).json()
        assert {entry["id"]: entry["duration"] for entry in listed}[first] == 61

    def test_dates_are_in_the_users_timezone(
        self, client: TestClient[Any], make_account: Callable[..., Account]
    ) -> None:
        berlin = make_account(timezone="Europe/Berlin")
        # 23:30 UTC on the 19th is 00:30 on the 20th in Berlin; 22:30 UTC is still the 19th.
        inside = create_stopped_entry(
            client, berlin, "2026-11-19T23:30:00Z", 600, description="late"
        )["id"]
        create_stopped_entry(client, berlin, "2026-11-19T22:30:00Z", 300, description="late")
        body = {"start_date": DAY, "include_time_entry_ids": True}
        response = _summary(client, berlin, body)
        assert response.headers["X-Range-Start"] == DAY
        (group,) = response.json()["groups"]
        assert group["sub_groups"] == [
            {"id": None, "title": "late", "seconds": 600, "ids": [inside], "rates": []}
        ]
        day_before = _summary(client, berlin, {"start_date": "2026-11-19"}).json()["groups"]
        assert day_before[0]["sub_groups"][0]["seconds"] == 300

    def test_members_see_their_own_entries_and_no_hidden_amounts(
        self,
        client: TestClient[Any],
        alice: Account,
        database: Database,
        make_account: Callable[..., Account],
    ) -> None:
        bob = make_account(fullname="bob")
        join_workspace(database, alice.workspace_id, bob.id)
        wid = alice.workspace_id
        update_workspace(database, wid, default_hourly_rate=60)
        create_stopped_entry(client, alice, f"{DAY}T09:00:00Z", 3600, billable=True)
        create_stopped_entry(client, bob, f"{DAY}T10:00:00Z", 1800, wid=wid, billable=True)
        body = {"start_date": DAY, "grouping": "users"}
        admin_view = _summary(client, alice, body).json()["groups"]
        # "Alice Tester" sorts before "bob" case-insensitively.
        assert [group["id"] for group in admin_view] == [alice.id, bob.id]
        member_view = _summary(client, bob, body, wid=wid).json()["groups"]
        assert [group["id"] for group in member_view] == [bob.id]
        rate = {"billable_seconds": 1800, "currency": "USD", "hourly_rate_in_cents": 6000}
        assert member_view[0]["sub_groups"][0]["rates"] == [rate]
        update_workspace(database, wid, only_admins_see_billable_rates=True)
        hidden = _summary(client, bob, {**body, "distinguish_rates": True}, wid=wid).json()
        assert hidden["groups"][0]["sub_groups"] == [
            {"id": None, "title": "", "seconds": 1800, "rates": []}
        ]
        lines = _rows(_summary(client, bob, body, wid=wid, suffix=".csv"))
        assert lines == [
            ["User", "Description", "Duration", "Amount (USD)"],
            ["bob", "", "00:30:00", ""],
        ]
        admin_again = _summary(client, alice, body).json()["groups"]
        assert admin_again[1]["sub_groups"][0]["rates"] == [rate]

    def test_errors(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        for suffix in ("", ".csv"):
            response = _summary(
                client, alice, {"start_date": DAY, "grouping": "tags"}, suffix=suffix
            )
            assert_error(
                response,
                400,
                "Invalid 'grouping' value, allowed values are: 'projects', 'users', 'clients'",
            )
        response = _summary(client, alice, {"start_date": DAY, "sub_grouping": "clients"})
        assert_error(
            response,
            400,
            "Invalid 'sub_grouping' value, allowed values are: 'time_entries', 'tasks', 'users'",
        )
        body = {"start_date": DAY, "grouping": "users", "sub_grouping": "users"}
        assert_error(
            _summary(client, alice, body),
            400,
            "Invalid 'sub_grouping' value, allowed values are: "
            "'time_entries', 'tasks', 'projects', 'clients'",
        )
        assert_error(_summary(client, alice, {}), 400, "At least one parameter must be set")
        other = make_account()
        response = _summary(client, alice, {"start_date": DAY}, wid=other.workspace_id)
        assert_error(response, 403, "Workspace not found/accessible")


class TestSummaryCsv:
    def test_layout_per_pair(
        self, client: TestClient[Any], alice: Account, made: list[Made]
    ) -> None:
        headers = {}
        for grouping, sub_grouping in PAIRS:
            body = {"start_date": DAY, "grouping": grouping, "sub_grouping": sub_grouping}
            response = _summary(client, alice, body, suffix=".csv")
            lines = _rows(response)
            assert response.headers["X-Sub-Grouping"] == sub_grouping
            headers[grouping, sub_grouping] = lines[0]
            assert lines[0][-2:] == ["Duration", "Amount (USD)"]
            # Every line is one sub-group; the durations add up to the entries' total.
            seconds = 0
            for line in lines[1:]:
                hours, minutes, secs = (int(part) for part in line[-2].split(":"))
                seconds += hours * 3600 + minutes * 60 + secs
            assert seconds == sum(entry.seconds for entry in made)
            groups = _summary(client, alice, body).json()["groups"]
            assert len(lines) - 1 == sum(len(group["sub_groups"]) for group in groups)
        assert headers["projects", "time_entries"][:3] == ["Project", "Client", "Description"]
        assert headers["projects", "users"][:3] == ["Project", "Client", "User"]
        assert headers["clients", "projects"][:2] == ["Client", "Project"]
        assert headers["users", "projects"][:3] == ["User", "Project", "Client"]
        assert headers["users", "clients"][:2] == ["User", "Client"]
        assert headers["clients", "tasks"][:2] == ["Client", "Task"]

    def test_lines_and_duration_formats(
        self, client: TestClient[Any], alice: Account, made: list[Made]
    ) -> None:
        body = {"start_date": DAY, "grouping": "projects", "sub_grouping": "tasks"}
        lines = _rows(_summary(client, alice, body, suffix=".csv"))
        assert lines == [
            ["Project", "Client", "Task", "Duration", "Amount (USD)"],
            ["api", "Without client", "Without task", "00:10:00", ""],
            ["Website", "Acme", "Write spec", "01:00:00", ""],
            ["Website", "Acme", "Without task", "00:30:00", ""],
            ["Without project", "Without client", "Without task", "00:20:00", ""],
        ]
        decimal = _rows(
            _summary(client, alice, {**body, "duration_format": "decimal"}, suffix=".csv")
        )
        assert [line[3] for line in decimal[1:]] == ["0.17", "1.00", "0.50", "0.33"]
        bad = _summary(client, alice, {**body, "duration_format": "roman"}, suffix=".csv")
        assert bad.status_code == 400


entries = st.lists(
    st.tuples(
        st.integers(0, 2),  # project: none, Website (client Acme), api
        st.booleans(),  # with the task (Website only)
        st.sampled_from([None, "", "a", "A", "b"]),
        st.integers(1, 20_000),
    ),
    min_size=1,
    max_size=5,
)


class TestSummaryProperty:
    @settings(
        max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(rows=entries, pair=st.sampled_from(PAIRS))
    def test_totals_match_the_entries(
        self,
        client: TestClient[Any],
        alice: Account,
        catalogue: Catalogue,
        rows: list[tuple[int, bool, str | None, int]],
        pair: tuple[str, str],
    ) -> None:
        made = []
        for index, (project_index, with_task, description, seconds) in enumerate(rows):
            project = [None, catalogue.website, catalogue.api][project_index]
            task = catalogue.spec if with_task and project == catalogue.website else None
            extra: dict[str, Any] = {"description": description}
            if project:
                extra["project_id"] = project
            if task:
                extra["task_id"] = task
            start = f"{DAY}T{index:02d}:00:00Z"
            entry_id = create_stopped_entry(client, alice, start, seconds, **extra)["id"]
            client_id = catalogue.acme if project == catalogue.website else None
            made.append(Made(entry_id, alice.id, project, task, client_id, description, seconds))
        grouping, sub_grouping = pair
        body = {
            "start_date": DAY,
            "grouping": grouping,
            "sub_grouping": sub_grouping,
            "include_time_entry_ids": True,
            # Earlier examples' entries are in the same database: look at this one's only.
            "time_entry_ids": [entry.id for entry in made],
        }
        response = _summary(client, alice, body)
        assert response.status_code == 200, response.text
        groups = response.json()["groups"]
        assert _flatten(groups) == _expected(made, grouping, sub_grouping)
        ids = [i for group in groups for sub in group["sub_groups"] for i in sub["ids"]]
        assert sorted(ids) == sorted(entry.id for entry in made)
        for group in groups:
            for sub in group["sub_groups"]:
                assert sub["ids"] == sorted(sub["ids"])
