"""POST /workspaces/{wid}/time_entries (wire contract §4.1, §4.4, §4.6, §4.7)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import func, select

from punchclock.app import create_app
from punchclock.clock import FrozenClock
from punchclock.config import Settings
from punchclock.db.engine import Database
from punchclock.db.schema import (
    tags,
    time_entries,
    time_entry_shares,
)
from tests.api.support.entries import LEGACY_KEYS
from tests.api.support.http import NO_ACCESS, assert_error
from tests.api.support.projects import insert_project, insert_task
from tests.api.support.workspaces import join_workspace
from tests.conftest import API

NOW = dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC)
NOW_US = int(NOW.timestamp()) * 1_000_000
TOO_LONG = "Max allowed duration per 1 time entry is 999 hours"
START_YEAR = "Start time year must be between 2006 and 2030"
STOP_YEAR = "Stop time year must be between 2006 and 2030"
JSON = "application/json"


def wire(moment: dt.datetime) -> str:
    """start/stop as recommended for every response: whole seconds, +00:00."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def post(client: TestClient[Any], account: Any, body: dict[str, Any], wid: int | None = None):  # type: ignore[no-untyped-def]
    wid = account.workspace_id if wid is None else wid
    return client.post(f"{API}/workspaces/{wid}/time_entries", json=body, headers=account.headers)


def create(client: TestClient[Any], account: Any, **body: Any) -> dict[str, Any]:
    body.setdefault("created_with", "tests")
    resp = post(client, account, body)
    assert resp.status_code == 200, resp.text
    result: dict[str, Any] = resp.json()
    return result


def count_entries(database: Database) -> int:
    with database.transaction(write=False) as conn:
        return int(conn.execute(select(func.count()).select_from(time_entries)).scalar_one())


def tag_names_in_db(database: Database, wid: int) -> list[str]:
    with database.transaction(write=False) as conn:
        rows = conn.execute(select(tags.c.name).where(tags.c.workspace_id == wid)).all()
    return sorted(row[0] for row in rows)


class TestCreateRunning:
    def test_negative_one_starts_a_timer(self, client: TestClient[Any], alice: Any) -> None:
        resp = post(
            client, alice, {"created_with": "t", "start": "2026-11-27T10:00:00Z", "duration": -1}
        )
        assert resp.status_code == 200
        assert resp.headers["content-type"] == "application/json; charset=utf-8"
        body = resp.json()
        assert list(body.keys()) == LEGACY_KEYS
        start = dt.datetime(2026, 11, 27, 10, tzinfo=dt.UTC)
        assert body["workspace_id"] == body["wid"] == alice.workspace_id
        assert body["user_id"] == body["uid"] == alice.id
        assert body["project_id"] is None and body["task_id"] is None
        assert body["billable"] is False
        assert body["start"] == wire(start)
        assert body["stop"] is None
        # §4.5: duration = -(start as Unix seconds), in every response (open question 1).
        assert body["duration"] == -int(start.timestamp())
        assert body["description"] is None
        assert body["tags"] == [] and body["tag_ids"] == []
        assert body["duronly"] is True
        assert body["at"] == "2026-11-27T12:00:00.000000Z"
        assert body["server_deleted_at"] is None
        assert "created_with" not in body

    def test_togglcli_body(self, client: TestClient[Any], alice: Any) -> None:
        # Exactly what togglcli sends (real-clients.md), with start carrying microseconds.
        start = dt.datetime(2026, 11, 27, 11, 53, 59, 740491, tzinfo=dt.UTC)
        body = {
            "id": None,
            "workspace_id": alice.workspace_id,
            "description": "Write docs",
            "project_id": None,
            "start": "2026-11-27T11:53:59.740491Z",
            "stop": None,
            "duration": -int(start.timestamp()),
            "created_with": "TogglCLI",
            "tags": None,
        }
        resp = post(client, alice, body)
        assert resp.status_code == 200, resp.text
        out = resp.json()
        assert out["stop"] is None
        assert out["start"] == "2026-11-27T11:53:59+00:00"
        assert out["duration"] == -int(start.replace(microsecond=0).timestamp())
        assert out["description"] == "Write docs"
        assert out["tags"] == [] and out["tag_ids"] == []

    def test_new_timer_stops_the_running_one_at_server_time(
        self, client: TestClient[Any], alice: Any, clock: FrozenClock
    ) -> None:
        clock.set(int(dt.datetime(2026, 11, 27, 10, 0, 5, tzinfo=dt.UTC).timestamp() * 1e6))
        first = create(client, alice, start="2026-11-27T10:00:00Z", duration=-1)
        clock.set(NOW_US + 37_000)  # 12:00:00.037
        second = create(client, alice, start="2026-11-27T11:55:24Z", duration=-1)
        entries = {
            e["id"]: e for e in client.get(f"{API}/me/time_entries", headers=alice.headers).json()
        }
        old = entries[first["id"]]
        # The old entry stops at the server time of the new request, not at the new start.
        assert old["stop"] == "2026-11-27T12:00:00+00:00"
        assert old["duration"] == 2 * 3600
        assert old["at"] == second["at"]
        assert entries[second["id"]]["stop"] is None
        current = client.get(f"{API}/me/time_entries/current", headers=alice.headers).json()
        assert current["id"] == second["id"]

    def test_auto_stop_works_across_workspaces(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account()
        join_workspace(database, bob.workspace_id, alice.id)
        first = create(client, alice, start="2026-11-27T10:00:00Z", duration=-1)
        resp = post(
            client, alice, {"start": "2026-11-27T11:00:00Z", "duration": -1}, wid=bob.workspace_id
        )
        assert resp.status_code == 200, resp.text
        listed = client.get(f"{API}/me/time_entries", headers=alice.headers).json()
        old = next(e for e in listed if e["id"] == first["id"])
        assert old["stop"] == "2026-11-27T12:00:00+00:00"
        assert [e["id"] for e in listed if e["stop"] is None] == [resp.json()["id"]]

    def test_a_stopped_create_leaves_the_timer_running(
        self, client: TestClient[Any], alice: Any
    ) -> None:
        timer = create(client, alice, start="2026-11-27T10:00:00Z", duration=-1)
        create(client, alice, start="2026-11-27T08:00:00Z", duration=600)
        current = client.get(f"{API}/me/time_entries/current", headers=alice.headers).json()
        assert current["id"] == timer["id"]
        assert current["stop"] is None

    @pytest.mark.parametrize("hours", [998, -998])
    def test_timer_within_998_hours_is_accepted(
        self, client: TestClient[Any], alice: Any, hours: int
    ) -> None:
        start = NOW - dt.timedelta(hours=hours)
        out = create(client, alice, start=wire(start), duration=-1)
        assert out["stop"] is None
        assert out["duration"] == -int(start.timestamp())

    @pytest.mark.parametrize("hours", [1000, -1000])
    def test_timer_1000_hours_away_is_rejected(
        self, client: TestClient[Any], alice: Any, database: Database, hours: int
    ) -> None:
        start = NOW - dt.timedelta(hours=hours)
        resp = post(client, alice, {"start": wire(start), "duration": -1})
        assert_error(resp, 400, TOO_LONG)
        assert count_entries(database) == 0


class TestCreateStopped:
    def test_start_only_is_a_zero_length_stopped_entry(
        self, client: TestClient[Any], alice: Any
    ) -> None:
        # Open question 6: return the stored state, stop = start, duration 0.
        out = create(client, alice, start="2026-11-27T09:00:00Z")
        assert out["start"] == out["stop"] == "2026-11-27T09:00:00+00:00"
        assert out["duration"] == 0
        assert client.get(f"{API}/me/time_entries/current", headers=alice.headers).json() is None

    def test_start_and_duration_compute_stop(self, client: TestClient[Any], alice: Any) -> None:
        out = create(client, alice, start="2026-11-27T09:00:00Z", duration=5400)
        assert out["stop"] == "2026-11-27T10:30:00+00:00"
        assert out["duration"] == 5400
        assert list(out.keys()) == LEGACY_KEYS

    def test_start_and_stop_compute_duration(self, client: TestClient[Any], alice: Any) -> None:
        out = create(client, alice, start="2026-11-27T09:00:00Z", stop="2026-11-27T09:16:34Z")
        assert out["duration"] == 994
        assert out["stop"] == "2026-11-27T09:16:34+00:00"

    def test_consistent_start_stop_duration(self, client: TestClient[Any], alice: Any) -> None:
        out = create(
            client, alice, start="2026-11-27T09:00:00Z", stop="2026-11-27T10:00:00Z", duration=3600
        )
        assert out["duration"] == 3600

    def test_one_second_disagreement_is_tolerated_and_stop_wins(
        self, client: TestClient[Any], alice: Any
    ) -> None:
        out = create(
            client,
            alice,
            start="2026-11-27T09:00:00Z",
            stop="2026-11-27T10:00:00.900000Z",
            duration=3601,
        )
        assert out["stop"] == "2026-11-27T10:00:00+00:00"
        assert out["duration"] == 3600

    def test_disagreeing_stop_and_duration(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        resp = post(
            client,
            alice,
            {"start": "2026-11-27T09:00:00Z", "stop": "2026-11-27T10:00:00Z", "duration": 60},
        )
        assert_error(resp, 400, "Stop time and duration do not match")
        assert count_entries(database) == 0

    def test_stop_before_start(self, client: TestClient[Any], alice: Any) -> None:
        resp = post(
            client, alice, {"start": "2026-11-27T09:00:00Z", "stop": "2026-11-27T08:59:59Z"}
        )
        assert_error(resp, 400, "Stop time must be after start time")

    def test_999_hours(self, client: TestClient[Any], alice: Any, database: Database) -> None:
        out = create(client, alice, start="2026-01-01T00:00:00Z", duration=999 * 3600)
        assert out["duration"] == 999 * 3600
        resp = post(client, alice, {"start": "2026-01-01T00:00:00Z", "duration": 999 * 3600 + 1})
        assert_error(resp, 400, TOO_LONG)
        stop = dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=999, seconds=1)
        resp = post(client, alice, {"start": "2026-01-01T00:00:00Z", "stop": wire(stop)})
        assert_error(resp, 400, TOO_LONG)
        assert count_entries(database) == 1

    @pytest.mark.parametrize(
        "start",
        [
            "2005-12-31T23:59:59Z",
            "2031-01-01T00:00:00Z",
            "1984-01-01T00:00:00Z",
            "0001-01-01T00:00:00Z",
        ],
    )
    def test_start_year_out_of_range(self, client: TestClient[Any], alice: Any, start: str) -> None:
        assert_error(post(client, alice, {"start": start}), 400, START_YEAR)

    @pytest.mark.parametrize("start", ["2006-01-01T00:00:00Z", "2030-12-31T23:59:59Z"])
    def test_start_year_edges(self, client: TestClient[Any], alice: Any, start: str) -> None:
        assert create(client, alice, start=start)["start"] == start.replace("Z", "+00:00")

    def test_stop_year_out_of_range(self, client: TestClient[Any], alice: Any) -> None:
        resp = post(
            client, alice, {"start": "2030-12-31T23:00:00Z", "stop": "2031-01-01T01:00:00Z"}
        )
        assert_error(resp, 400, STOP_YEAR)

    def test_start_is_required(self, client: TestClient[Any], alice: Any) -> None:
        resp = post(client, alice, {"created_with": "x", "duration": 60})
        assert_error(resp, 400, "start is required for time entry creation")

    def test_start_date_replaces_the_date_part(self, client: TestClient[Any], alice: Any) -> None:
        out = create(
            client, alice, start="2026-11-27T09:30:15Z", start_date="2026-11-20", duration=60
        )
        assert out["start"] == "2026-11-20T09:30:15+00:00"
        assert out["stop"] == "2026-11-20T09:31:15+00:00"

    @pytest.mark.parametrize(
        "start",
        [
            "2026-11-27T09:40:58.642960Z",
            "2026-11-27T09:40:58.000Z",
            "2026-11-27T09:40:58Z",
            "2026-11-27T09:40:58.434491+00:00",
            "2026-11-27T09:40:58-00:00",
            "2026-11-27T10:40:58+01:00",
            "2026-11-27T04:40:58-05:00",
        ],
    )
    def test_timestamp_forms(self, client: TestClient[Any], alice: Any, start: str) -> None:
        out = create(client, alice, start=start, duration=2)
        assert out["start"] == "2026-11-27T09:40:58+00:00"
        assert out["stop"] == "2026-11-27T09:41:00+00:00"

    @pytest.mark.parametrize("duronly", [True, False])
    def test_duronly_is_ignored(self, client: TestClient[Any], alice: Any, duronly: bool) -> None:
        out = create(client, alice, start="2026-11-27T09:00:00Z", duration=60, duronly=duronly)
        assert out["stop"] == "2026-11-27T09:01:00+00:00"
        assert out["duronly"] is True

    @pytest.mark.parametrize("created_with", [None, "", "my-app"])
    def test_created_with_optional_and_never_echoed(
        self, client: TestClient[Any], alice: Any, created_with: str | None
    ) -> None:
        body: dict[str, Any] = {"start": "2026-11-27T09:00:00Z", "duration": 1}
        if created_with is not None:
            body["created_with"] = created_with
        resp = post(client, alice, body)
        assert resp.status_code == 200, resp.text
        assert "created_with" not in resp.json()

    def test_strict_created_with_setting(
        self, settings: Settings, clock: FrozenClock, alice: Any
    ) -> None:
        strict = settings.with_overrides(require_created_with=True)
        with TestClient(create_app(strict, clock=clock)) as strict_client:
            resp = post(strict_client, alice, {"start": "2026-11-27T09:00:00Z"})
            assert_error(resp, 400, "created_with needs to be provided an a valid string")
            resp = post(
                strict_client, alice, {"start": "2026-11-27T09:00:00Z", "created_with": "x"}
            )
            assert resp.status_code == 200

    def test_description_limit(self, client: TestClient[Any], alice: Any) -> None:
        out = create(client, alice, start="2026-11-27T09:00:00Z", description="x" * 3000)
        assert out["description"] == "x" * 3000
        resp = post(client, alice, {"start": "2026-11-27T09:00:00Z", "description": "x" * 3001})
        assert_error(resp, 400, "Maximum length for description (3000 chars) exceeded")

    def test_billable_is_accepted(self, client: TestClient[Any], alice: Any) -> None:
        assert (
            create(client, alice, start="2026-11-27T09:00:00Z", billable=True)["billable"] is True
        )

    def test_read_only_and_unknown_keys_are_ignored(
        self, client: TestClient[Any], alice: Any
    ) -> None:
        out = create(
            client,
            alice,
            id=None,
            meta=True,
            event_metadata={"origin_feature": "x", "visible_goals_count": 1},
            expense_ids=[],
            tag_action="add",
            user_id=alice.id,
            something_new={"a": 1},
            start="2026-11-27T09:00:00Z",
            duration=60,
        )
        assert out["user_id"] == alice.id
        assert list(out.keys()) == LEGACY_KEYS


class TestCreateLegacyKeys:
    def test_pid_and_wid_alone(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        pid = insert_project(database, alice.workspace_id, alice.id)
        out = create(client, alice, start="2026-11-27T09:00:00Z", pid=pid, wid=alice.workspace_id)
        assert out["project_id"] == pid
        # pid follows wid when a project is set; tid stays omitted without a task.
        assert list(out.keys()) == [*LEGACY_KEYS, "pid"]
        assert out["pid"] == pid

    def test_tid_is_emitted_after_pid(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        pid = insert_project(database, alice.workspace_id, alice.id)
        tid = insert_task(database, alice.workspace_id, pid)
        out = create(client, alice, start="2026-11-27T09:00:00Z", project_id=pid, tid=tid)
        assert out["task_id"] == tid
        assert list(out.keys()) == [*LEGACY_KEYS, "pid", "tid"]
        assert (out["pid"], out["tid"]) == (pid, tid)

    def test_modern_key_wins(self, client: TestClient[Any], alice: Any, database: Database) -> None:
        first = insert_project(database, alice.workspace_id, alice.id, "A")
        second = insert_project(database, alice.workspace_id, alice.id, "B")
        out = create(client, alice, start="2026-11-27T09:00:00Z", project_id=first, pid=second)
        assert out["project_id"] == out["pid"] == first

    @pytest.mark.parametrize("key", ["workspace_id", "wid"])
    def test_body_workspace_must_match_path(
        self, client: TestClient[Any], alice: Any, database: Database, key: str
    ) -> None:
        resp = post(client, alice, {"start": "2026-11-27T09:00:00Z", key: alice.workspace_id + 1})
        assert_error(resp, 400, "workspace_id in body does not match path")
        assert count_entries(database) == 0


class TestCreateProjectsAndTasks:
    def test_unknown_project(self, client: TestClient[Any], alice: Any) -> None:
        resp = post(client, alice, {"start": "2026-11-27T09:00:00Z", "project_id": 987654})
        assert_error(resp, 400, "User cannot access the selected project")

    def test_project_of_another_workspace(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account()
        pid = insert_project(database, bob.workspace_id, bob.id)
        resp = post(client, alice, {"start": "2026-11-27T09:00:00Z", "project_id": pid})
        assert_error(
            resp,
            400,
            "Conflict with project/workspace: project needs to be in the same workspace as the "
            "time entry",
        )
        assert count_entries(database) == 0

    def test_task_of_another_project(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        first = insert_project(database, alice.workspace_id, alice.id, "A")
        second = insert_project(database, alice.workspace_id, alice.id, "B")
        tid = insert_task(database, alice.workspace_id, second)
        resp = post(
            client, alice, {"start": "2026-11-27T09:00:00Z", "project_id": first, "task_id": tid}
        )
        assert_error(resp, 400, "User cannot access selected task")

    def test_unknown_task(self, client: TestClient[Any], alice: Any) -> None:
        resp = post(client, alice, {"start": "2026-11-27T09:00:00Z", "task_id": 424242})
        assert_error(resp, 400, "User cannot access selected task")


class TestCreateTags:
    def test_unknown_names_are_created(
        self, client: TestClient[Any], alice: Any, database: Database
    ) -> None:
        out = create(client, alice, start="2026-11-27T09:00:00Z", tags=["development", "ruby"])
        assert out["tags"] == ["development", "ruby"]
        assert len(out["tag_ids"]) == 2 and len(set(out["tag_ids"])) == 2
        assert tag_names_in_db(database, alice.workspace_id) == ["development", "ruby"]
        again = create(client, alice, start="2026-11-27T10:00:00Z", tags=["ruby"])
        assert again["tag_ids"] == [out["tag_ids"][1]]
        assert tag_names_in_db(database, alice.workspace_id) == ["development", "ruby"]

    def test_members_cannot_create_tag_names_where_only_admins_may(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        create(client, alice, start="2026-11-27T08:00:00Z", tags=["known"])
        member = make_account()
        join_workspace(database, alice.workspace_id, member.id)
        settings = client.put(
            f"{API}/workspaces/{alice.workspace_id}",
            json={"only_admins_may_create_tags": True},
            headers=alice.headers,
        )
        assert settings.status_code == 200, settings.text
        body = {"start": "2026-11-27T09:00:00Z", "tags": ["known", "brand-new"]}
        resp = post(client, member, body, wid=alice.workspace_id)
        assert_error(
            resp,
            403,
            "Only organization or workspace administrators may manage tags in this workspace.",
        )
        assert tag_names_in_db(database, alice.workspace_id) == ["known"]
        assert count_entries(database) == 1
        existing = post(client, member, {**body, "tags": ["known"]}, wid=alice.workspace_id)
        assert existing.status_code == 200 and existing.json()["tags"] == ["known"]

    def test_tag_ids_and_tags_are_parallel(self, client: TestClient[Any], alice: Any) -> None:
        seeded = create(client, alice, start="2026-11-27T08:00:00Z", tags=["b", "a"])
        ids = dict(zip(seeded["tags"], seeded["tag_ids"], strict=True))
        out = create(
            client, alice, start="2026-11-27T09:00:00Z", tag_ids=[ids["a"]], tags=["c", "b"]
        )
        assert len(out["tags"]) == len(out["tag_ids"]) == 3
        assert set(out["tags"]) == {"a", "b", "c"}
        assert out["tags"][out["tag_ids"].index(ids["a"])] == "a"
        assert out["tags"][out["tag_ids"].index(ids["b"])] == "b"

    def test_duplicates_collapse(self, client: TestClient[Any], alice: Any) -> None:
        out = create(client, alice, start="2026-11-27T09:00:00Z", tags=["x", "x"])
        assert out["tags"] == ["x"] and len(out["tag_ids"]) == 1

    @pytest.mark.parametrize("extra", [{"tags": None}, {"tags": []}, {"tags": [], "tag_ids": []}])
    def test_no_tags_are_empty_lists(
        self, client: TestClient[Any], alice: Any, extra: dict[str, Any]
    ) -> None:
        # Open question 10: always [] (never null) for tags and tag_ids.
        out = create(client, alice, start="2026-11-27T09:00:00Z", **extra)
        assert out["tags"] == [] and out["tag_ids"] == []

    def test_unknown_tag_id(self, client: TestClient[Any], alice: Any, database: Database) -> None:
        resp = post(client, alice, {"start": "2026-11-27T09:00:00Z", "tag_ids": [999999]})
        assert resp.status_code == 400
        assert isinstance(resp.json(), str)
        assert count_entries(database) == 0

    def test_tag_of_another_workspace(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        # §4.7: tag_ids must refer to existing tags in the entry's workspace.
        bob = make_account()
        theirs = create(client, bob, start="2026-11-27T09:00:00Z", tags=["bobs"])
        resp = post(client, alice, {"start": "2026-11-27T09:00:00Z", "tag_ids": theirs["tag_ids"]})
        assert resp.status_code == 400
        assert isinstance(resp.json(), str)
        assert count_entries(database) == 1

    def test_50_tags_at_most(self, client: TestClient[Any], alice: Any, database: Database) -> None:
        names = [f"t{i}" for i in range(51)]
        resp = post(client, alice, {"start": "2026-11-27T09:00:00Z", "tags": names})
        assert_error(resp, 400, "Tags are limited to 50 per task")
        # The failed request created none of the names.
        assert tag_names_in_db(database, alice.workspace_id) == []
        assert count_entries(database) == 0
        out = create(client, alice, start="2026-11-27T09:00:00Z", tags=names[:50])
        assert len(out["tags"]) == 50


class TestCreateAccess:
    def test_foreign_workspace(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account()
        resp = post(client, alice, {"start": "2026-11-27T09:00:00Z"}, wid=bob.workspace_id)
        assert_error(resp, 403, NO_ACCESS)
        resp = post(client, alice, {"start": "2026-11-27T09:00:00Z"}, wid=10**9)
        assert_error(resp, 403, NO_ACCESS)
        assert count_entries(database) == 0

    def test_admin_creates_for_a_member(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account()
        join_workspace(database, alice.workspace_id, bob.id)
        out = create(client, alice, start="2026-11-27T09:00:00Z", duration=-1, user_id=bob.id)
        assert out["user_id"] == out["uid"] == bob.id
        current = client.get(f"{API}/me/time_entries/current", headers=bob.headers).json()
        assert current["id"] == out["id"]
        assert client.get(f"{API}/me/time_entries/current", headers=alice.headers).json() is None

    def test_member_cannot_create_for_others(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account()
        join_workspace(database, alice.workspace_id, bob.id)
        resp = post(
            client,
            bob,
            {"start": "2026-11-27T09:00:00Z", "user_id": alice.id},
            wid=alice.workspace_id,
        )
        assert_error(resp, 403, NO_ACCESS)
        assert count_entries(database) == 0

    def test_uid_legacy_key_for_admins(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account()
        join_workspace(database, alice.workspace_id, bob.id)
        out = create(client, alice, start="2026-11-27T09:00:00Z", uid=bob.id)
        assert out["user_id"] == bob.id


class TestCreateMetaAndSharing:
    def test_meta_fields(self, client: TestClient[Any], alice: Any, database: Database) -> None:
        pid = insert_project(
            database, alice.workspace_id, alice.id, "Website", billable=True, created_at=NOW_US
        )
        resp = client.post(
            f"{API}/workspaces/{alice.workspace_id}/time_entries",
            params={"meta": "true"},
            json={"start": "2026-11-27T09:00:00Z", "project_id": pid},
            headers=alice.headers,
        )
        assert resp.status_code == 200, resp.text
        out = resp.json()
        assert list(out.keys()) == [
            *LEGACY_KEYS,
            "pid",
            "project_name",
            "project_color",
            "project_active",
            "project_billable",
            "user_name",
            "user_avatar_url",
        ]
        assert out["project_name"] == "Website"
        assert out["project_color"] == "#0b83d9"
        assert out["project_active"] is True and out["project_billable"] is True
        assert out["user_name"] == "Alice Tester"
        assert isinstance(out["user_avatar_url"], str)

    def test_shared_with_user_ids(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account(fullname="Bob Builder")
        join_workspace(database, alice.workspace_id, bob.id)
        out = create(client, alice, start="2026-11-27T09:00:00Z", shared_with_user_ids=[bob.id])
        resp = client.get(
            f"{API}/me/time_entries/{out['id']}",
            params={"include_sharing": "true"},
            headers=alice.headers,
        )
        assert resp.json()["shared_with"] == [
            {"user_id": bob.id, "user_name": "Bob Builder", "accepted": False}
        ]

    def test_sharing_outside_the_workspace_changes_nothing(
        self,
        client: TestClient[Any],
        alice: Any,
        make_account: Callable[..., Any],
        database: Database,
    ) -> None:
        bob = make_account()
        timer = create(client, alice, start="2026-11-27T10:00:00Z", duration=-1)
        resp = post(
            client,
            alice,
            {
                "start": "2026-11-27T11:00:00Z",
                "duration": -1,
                "tags": ["fresh"],
                "shared_with_user_ids": [bob.id],
            },
        )
        assert resp.status_code == 400
        assert isinstance(resp.json(), str)
        # Nothing of the failed request stays: no entry, no tag, no share, timer still running.
        assert count_entries(database) == 1
        assert tag_names_in_db(database, alice.workspace_id) == []
        with database.transaction(write=False) as conn:
            shares = conn.execute(select(func.count()).select_from(time_entry_shares)).scalar_one()
        assert shares == 0
        current = client.get(f"{API}/me/time_entries/current", headers=alice.headers).json()
        assert current["id"] == timer["id"]
