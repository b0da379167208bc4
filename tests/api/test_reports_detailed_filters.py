"""Reports v3 detailed search: every filter, ordering, paging and bad input, on real data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import insert

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from punchclock.db.schema import tags
from tests.api.support.clients import insert_client
from tests.api.support.entries import create_stopped_entry
from tests.api.support.projects import insert_project, insert_task
from tests.api.support.reports import RANGE, REPORTS, post_detailed_search
from tests.api.support.workspaces import join_workspace
from tests.conftest import Account

# Tag ids chosen so that one id's digits sit inside another's: 5 must not match 55 or 155.
TAG_IDS = (5, 55, 155)


@dataclass
class World:
    """Two users in one workspace, a small catalogue and named entries."""

    alice: Account
    bob: Account
    wid: int
    clients: dict[str, int] = field(default_factory=dict)
    projects: dict[str, int] = field(default_factory=dict)
    tasks: dict[str, int] = field(default_factory=dict)
    entries: dict[str, int] = field(default_factory=dict)

    def names(self, ids: list[int]) -> set[str]:
        by_id = {v: k for k, v in self.entries.items()}
        return {by_id[i] for i in ids}


def _ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.text
    return [item["id"] for row in response.json() for item in row["time_entries"]]


@pytest.fixture
def world(
    client: TestClient[Any],
    database: Database,
    alice: Account,
    make_account: Callable[..., Account],
) -> World:
    wid = alice.workspace_id
    bob = make_account(fullname="Bob Member")
    join_workspace(database, wid, bob.id)
    bob.workspace_id = wid
    w = World(alice=alice, bob=bob, wid=wid)
    w.clients = {
        "acme": insert_client(database, wid, alice.id, "Acme"),
        "zen": insert_client(database, wid, alice.id, "Zen"),
    }
    w.projects = {
        "site": insert_project(database, wid, alice.id, "Site", client_id=w.clients["acme"]),
        "app": insert_project(database, wid, alice.id, "App", client_id=w.clients["zen"]),
        "misc": insert_project(database, wid, alice.id, "Misc"),
    }
    w.tasks = {"spec": insert_task(database, wid, w.projects["site"], "Spec")}
    with database.transaction(write=True) as conn:
        for tag_id in TAG_IDS:
            conn.execute(
                insert(tags).values(
                    id=tag_id,
                    workspace_id=wid,
                    name=f"tag{tag_id}",
                    creator_id=alice.id,
                    created_at=0,
                    at=0,
                )
            )
    spec = [
        # name, who, start, seconds, extra
        (
            "percent",
            alice,
            "2026-11-02T09:00:00Z",
            3600,
            {
                "project_id": w.projects["site"],
                "task_id": w.tasks["spec"],
                "billable": True,
                "description": "Fix 100% of bugs",
                "tag_ids": [5],
            },
        ),
        (
            "underscore",
            alice,
            "2026-11-03T09:00:00Z",
            1800,
            {"project_id": w.projects["app"], "description": "snake_case", "tag_ids": [55]},
        ),
        (
            "plain",
            bob,
            "2026-11-04T09:00:00Z",
            600,
            {"project_id": w.projects["misc"], "description": "Meeting", "tag_ids": [155]},
        ),
        ("bare", alice, "2026-11-05T09:00:00Z", 120, {}),
        (
            "both",
            bob,
            "2026-11-06T09:00:00Z",
            7200,
            {
                "project_id": w.projects["site"],
                "billable": True,
                "description": "FIX 100 bugs",
                "tag_ids": [5, 55],
            },
        ),
        ("snake", alice, "2026-11-07T09:00:00Z", 59, {"description": "snakeXcase"}),
    ]
    for name, who, start, seconds, extra in spec:
        w.entries[name] = create_stopped_entry(client, who, start, seconds, **extra)["id"]
    # Outside the range, deleted and running entries never show.
    create_stopped_entry(client, alice, "2026-10-31T09:00:00Z", 60, description="october")
    return w


def _find(client: TestClient[Any], w: World, who: Account | None = None, **body: Any) -> set[str]:
    payload = {**RANGE, "page_size": 1000, **body}
    return w.names(_ids(post_detailed_search(client, who or w.alice, w.wid, payload)))


ALL = {"percent", "underscore", "plain", "bare", "both", "snake"}


class TestFilters:
    def test_no_filter_is_every_entry_in_range(self, client: TestClient[Any], world: World) -> None:
        assert _find(client, world) == ALL

    def test_user_ids(self, client: TestClient[Any], world: World) -> None:
        assert _find(client, world, user_ids=[world.bob.id]) == {"plain", "both"}
        assert _find(client, world, user_ids=[world.alice.id, world.bob.id]) == ALL

    def test_project_ids_and_null(self, client: TestClient[Any], world: World) -> None:
        site, misc = world.projects["site"], world.projects["misc"]
        assert _find(client, world, project_ids=[site]) == {"percent", "both"}
        assert _find(client, world, project_ids=[None]) == {"bare", "snake"}
        assert _find(client, world, project_ids=[misc, None]) == {"plain", "bare", "snake"}

    def test_client_ids_go_through_the_project(self, client: TestClient[Any], world: World) -> None:
        acme, zen = world.clients["acme"], world.clients["zen"]
        assert _find(client, world, client_ids=[acme]) == {"percent", "both"}
        assert _find(client, world, client_ids=[zen]) == {"underscore"}
        # No client: entries without a project, and entries on a project without a client.
        assert _find(client, world, client_ids=[None]) == {"plain", "bare", "snake"}
        assert _find(client, world, client_ids=[zen, None]) == {
            "underscore",
            "plain",
            "bare",
            "snake",
        }

    def test_task_ids_and_null(self, client: TestClient[Any], world: World) -> None:
        assert _find(client, world, task_ids=[world.tasks["spec"]]) == {"percent"}
        assert _find(client, world, task_ids=[None]) == ALL - {"percent"}

    def test_tag_ids_match_whole_ids(self, client: TestClient[Any], world: World) -> None:
        assert _find(client, world, tag_ids=[5]) == {"percent", "both"}
        assert _find(client, world, tag_ids=[55]) == {"underscore", "both"}
        assert _find(client, world, tag_ids=[155]) == {"plain"}
        assert _find(client, world, tag_ids=[1]) == set()
        assert _find(client, world, tag_ids=[None]) == {"bare", "snake"}
        assert _find(client, world, tag_ids=[155, None]) == {"plain", "bare", "snake"}

    def test_time_entry_ids(self, client: TestClient[Any], world: World) -> None:
        wanted = [world.entries["bare"], world.entries["plain"]]
        assert _find(client, world, time_entry_ids=wanted) == {"bare", "plain"}
        assert _find(client, world, time_entry_ids=[10**12]) == set()

    def test_billable(self, client: TestClient[Any], world: World) -> None:
        assert _find(client, world, billable=True) == {"percent", "both"}
        assert _find(client, world, billable=False) == ALL - {"percent", "both"}

    def test_description_is_a_case_insensitive_substring(
        self, client: TestClient[Any], world: World
    ) -> None:
        assert _find(client, world, description="fix") == {"percent", "both"}
        assert _find(client, world, description="MEET") == {"plain"}
        # LIKE wildcards in the filter are literal characters.
        assert _find(client, world, description="100%") == {"percent"}
        assert _find(client, world, description="%") == {"percent"}
        assert _find(client, world, description="e_c") == {"underscore"}
        assert _find(client, world, description="_") == {"underscore"}
        world.entries["path"] = create_stopped_entry(
            client, world.alice, "2026-11-09T09:00:00Z", 60, description="C:\\temp? 50%_off"
        )["id"]
        assert _find(client, world, description="\\t") == {"path"}
        assert _find(client, world, description="? 50%_O") == {"path"}
        assert _find(client, world, description="\\") == {"path"}
        # An empty description filters nothing.
        assert _find(client, world, description="") == ALL | {"path"}

    def test_description_non_ascii_is_case_insensitive(
        self, client: TestClient[Any], world: World
    ) -> None:
        umlaut = create_stopped_entry(
            client, world.alice, "2026-11-08T09:00:00Z", 60, description="ÜBER straße"
        )["id"]
        world.entries["umlaut"] = umlaut
        assert _find(client, world, description="über") == {"umlaut"}
        assert _find(client, world, description="STRASSE") == set()
        assert _find(client, world, description="ße") == {"umlaut"}

    def test_min_and_max_duration(self, client: TestClient[Any], world: World) -> None:
        assert _find(client, world, min_duration_seconds=1800) == {"percent", "underscore", "both"}
        assert _find(client, world, max_duration_seconds=600) == {"plain", "bare", "snake"}
        assert _find(client, world, min_duration_seconds=120, max_duration_seconds=1800) == {
            "underscore",
            "plain",
            "bare",
        }

    def test_combinations_intersect(self, client: TestClient[Any], world: World) -> None:
        site = world.projects["site"]
        assert _find(client, world, project_ids=[site], user_ids=[world.bob.id], billable=True) == {
            "both"
        }
        assert _find(client, world, tag_ids=[5], description="of bugs") == {"percent"}
        assert _find(client, world, client_ids=[None], min_duration_seconds=100) == {
            "plain",
            "bare",
        }

    def test_empty_id_lists_filter_nothing(self, client: TestClient[Any], world: World) -> None:
        # Toggl's Go backend treats an empty list like an absent one.
        assert _find(client, world, project_ids=[], tag_ids=[], user_ids=[]) == ALL

    def test_deleted_and_running_entries_stay_out(
        self, client: TestClient[Any], world: World
    ) -> None:
        gone = world.entries.pop("snake")
        resp = client.delete(
            f"/api/v9/workspaces/{world.wid}/time_entries/{gone}", auth=world.alice.auth
        )
        assert resp.status_code == 200, resp.text
        create_stopped_entry(client, world.alice, "2026-11-27T11:00:00Z", -1, description="running")
        assert _find(client, world) == ALL - {"snake"}

    def test_members_see_only_their_own(self, client: TestClient[Any], world: World) -> None:
        assert _find(client, world, who=world.bob) == {"plain", "both"}
        assert _find(client, world, who=world.bob, user_ids=[world.alice.id]) == set()
        assert _find(client, world, who=world.bob, user_ids=[world.alice.id, world.bob.id]) == {
            "plain",
            "both",
        }


DURATIONS = {
    "percent": 3600,
    "underscore": 1800,
    "plain": 600,
    "bare": 120,
    "both": 7200,
    "snake": 59,
}
STARTS = {
    name: i for i, name in enumerate(["percent", "underscore", "plain", "bare", "both", "snake"])
}
DESCRIPTIONS = {
    "percent": "Fix 100% of bugs",
    "underscore": "snake_case",
    "plain": "Meeting",
    "bare": "",
    "both": "FIX 100 bugs",
    "snake": "snakeXcase",
}


class TestOrdering:
    def _order(self, client: TestClient[Any], w: World, **body: Any) -> list[str]:
        payload = {**RANGE, "page_size": 1000, **body}
        ids = _ids(post_detailed_search(client, w.alice, w.wid, payload))
        by_id = {v: k for k, v in w.entries.items()}
        return [by_id[i] for i in ids]

    def test_default_is_date_descending(self, client: TestClient[Any], world: World) -> None:
        expected = sorted(STARTS, key=STARTS.__getitem__, reverse=True)
        assert self._order(client, world) == expected
        assert self._order(client, world, order_by="date", order_dir="desc") == expected
        assert self._order(client, world, order_by="DATE", order_dir="ASC") == expected[::-1]

    @pytest.mark.parametrize("direction", ["ASC", "DESC"])
    def test_duration(self, client: TestClient[Any], world: World, direction: str) -> None:
        expected = sorted(DURATIONS, key=DURATIONS.__getitem__, reverse=direction == "DESC")
        assert self._order(client, world, order_by="duration", order_dir=direction) == expected

    @pytest.mark.parametrize("direction", ["ASC", "DESC"])
    def test_description(self, client: TestClient[Any], world: World, direction: str) -> None:
        got = self._order(client, world, order_by="description", order_dir=direction)
        # Code-point order, the same on SQLite (BINARY) and PostgreSQL (C collation).
        keys = [DESCRIPTIONS[name] for name in got]
        assert keys == sorted(keys, reverse=direction == "DESC")
        assert set(got) == ALL

    @pytest.mark.parametrize("direction", ["ASC", "DESC"])
    def test_user(self, client: TestClient[Any], world: World, direction: str) -> None:
        got = self._order(client, world, order_by="user", order_dir=direction)
        alice_first = direction == "ASC"  # "Alice Tester" < "Bob Member"
        bobs = {"plain", "both"}
        split = 4 if alice_first else 2
        head, tail = set(got[:split]), set(got[split:])
        assert (head, tail) == ((ALL - bobs, bobs) if alice_first else (bobs, ALL - bobs))

    @pytest.mark.parametrize("direction", ["ASC", "DESC"])
    def test_last_update(
        self, client: TestClient[Any], world: World, direction: str, clock: FrozenClock
    ) -> None:
        # Touch "bare" later than everything else: it moves to the end of the update order.
        clock.advance(60)
        resp = client.put(
            f"/api/v9/workspaces/{world.wid}/time_entries/{world.entries['bare']}",
            json={"description": "touched"},
            auth=world.alice.auth,
        )
        assert resp.status_code == 200, resp.text
        got = self._order(client, world, order_by="last_update", order_dir=direction)
        assert got[-1 if direction == "ASC" else 0] == "bare"
        assert set(got) == ALL


def _walk_by_row_number(
    client: TestClient[Any], w: World, page_size: int, **body: Any
) -> tuple[list[list[int]], list[int]]:
    pages: list[list[int]] = []
    numbers: list[int] = []
    payload: dict[str, Any] = {**RANGE, "page_size": page_size, **body}
    for _ in range(100):
        resp = post_detailed_search(client, w.alice, w.wid, payload)
        assert resp.status_code == 200, resp.text
        assert resp.headers["X-Page-Size"] == str(page_size)
        rows = resp.json()
        pages.append([item["id"] for row in rows for item in row["time_entries"]])
        numbers += [row["row_number"] for row in rows]
        if "X-Next-Row-Number" not in resp.headers:
            assert "X-Next-ID" not in resp.headers
            return pages, numbers
        assert int(resp.headers["X-Next-Row-Number"]) == numbers[-1] + 1
        payload = {**payload, "first_row_number": int(resp.headers["X-Next-Row-Number"])}
    raise AssertionError("paging never ended")


class TestPaging:
    @pytest.mark.parametrize("page_size", [1, 4, 6, 7])
    def test_row_numbers_visit_every_row_once(
        self, client: TestClient[Any], world: World, page_size: int
    ) -> None:
        for order_by in ("date", "user", "duration", "description", "last_update"):
            for order_dir in ("ASC", "DESC"):
                self._walk(client, world, page_size, order_by=order_by, order_dir=order_dir)

    def _walk(self, client: TestClient[Any], world: World, page_size: int, **order: str) -> None:
        full = _ids(
            post_detailed_search(
                client, world.alice, world.wid, {**RANGE, "page_size": 1000, **order}
            )
        )
        pages, numbers = _walk_by_row_number(client, world, page_size, **order)
        assert [i for page in pages for i in page] == full
        assert numbers == list(range(1, len(full) + 1))
        assert all(len(page) == page_size for page in pages[:-1])

    @pytest.mark.parametrize("page_size", [1, 2, 5])
    def test_first_id_alone_walks_the_pages(
        self, client: TestClient[Any], world: World, page_size: int
    ) -> None:
        full = _ids(
            post_detailed_search(client, world.alice, world.wid, {**RANGE, "page_size": 1000})
        )
        payload: dict[str, Any] = {**RANGE, "page_size": page_size, "order_dir": "DESC"}
        seen: list[int] = []
        numbers: list[int] = []
        for _ in range(50):
            resp = post_detailed_search(client, world.alice, world.wid, payload)
            rows = resp.json()
            seen += [item["id"] for row in rows for item in row["time_entries"]]
            numbers += [row["row_number"] for row in rows]
            if "X-Next-ID" not in resp.headers:
                break
            next_id = int(resp.headers["X-Next-ID"])
            assert next_id == full[len(seen)]
            payload = {**RANGE, "page_size": page_size, "first_id": next_id}
        assert seen == full
        assert numbers == list(range(1, len(full) + 1))

    def test_next_timestamp_is_the_next_rows_start(
        self, client: TestClient[Any], world: World
    ) -> None:
        resp = post_detailed_search(client, world.alice, world.wid, {**RANGE, "page_size": 2})
        second = post_detailed_search(
            client, world.alice, world.wid, {**RANGE, "page_size": 1, "first_row_number": 3}
        ).json()[0]["time_entries"][0]
        import datetime as dt

        start = dt.datetime.fromisoformat(second["start"]).timestamp()
        assert int(resp.headers["X-Next-Timestamp"]) == int(start)
        assert int(resp.headers["X-Next-ID"]) == second["id"]

    def test_first_row_number_past_the_end_is_empty(
        self, client: TestClient[Any], world: World
    ) -> None:
        resp = post_detailed_search(
            client, world.alice, world.wid, {**RANGE, "first_row_number": 500}
        )
        assert resp.status_code == 200 and resp.json() == []
        assert "X-Next-Row-Number" not in resp.headers

    def test_grouped_rows_merge_alike_entries_and_page(
        self, client: TestClient[Any], world: World
    ) -> None:
        # Three more "Meeting"s by bob on misc with tag 155: one group of four with "plain".
        for day in (10, 11, 12):
            world.entries[f"meet{day}"] = create_stopped_entry(
                client,
                world.bob,
                f"2026-11-{day}T09:00:00Z",
                300,
                project_id=world.projects["misc"],
                description="Meeting",
                tag_ids=[155],
            )["id"]
        # Different tags: not the same group.
        world.entries["meet-untagged"] = create_stopped_entry(
            client,
            world.bob,
            "2026-11-13T09:00:00Z",
            300,
            project_id=world.projects["misc"],
            description="Meeting",
        )["id"]
        body = {**RANGE, "grouped": True, "page_size": 1000}
        rows = post_detailed_search(client, world.alice, world.wid, body).json()
        assert [row["row_number"] for row in rows] == list(range(1, len(rows) + 1))
        members = [world.names([i["id"] for i in row["time_entries"]]) for row in rows]
        assert {"plain", "meet10", "meet11", "meet12"} in members
        assert len(rows) == len(ALL) + 1
        group = rows[members.index({"plain", "meet10", "meet11", "meet12"})]
        assert group["description"] == "Meeting" and group["tag_ids"] == [155]
        assert sum(i["seconds"] for i in group["time_entries"]) == 600 + 900
        # Grouped pages, walked by row number and by id, give the same rows once each.
        flat = [frozenset(m) for m in members]
        pages, numbers = _walk_by_row_number(client, world, 2, grouped=True)
        by_number = [
            frozenset(world.names(page[i : i + 1])) for page in pages for i in range(len(page))
        ]
        assert numbers == list(range(1, len(rows) + 1))
        assert {e for group_ in flat for e in group_} == {e for s in by_number for e in s}
        payload: dict[str, Any] = {**RANGE, "grouped": True, "page_size": 3}
        seen: list[frozenset[str]] = []
        for _ in range(20):
            resp = post_detailed_search(client, world.alice, world.wid, payload)
            seen += [
                frozenset(world.names([i["id"] for i in r["time_entries"]])) for r in resp.json()
            ]
            if "X-Next-ID" not in resp.headers:
                break
            payload = {**payload, "first_id": int(resp.headers["X-Next-ID"])}
        assert seen == flat


BASE = {"start_date": "2026-11-01"}
ORDER_BY_ERROR = (
    "Invalid 'order_by' value, allowed values are: "
    "'date', 'user', 'duration', 'description', 'last_update'"
)
DAY = {"start_date": "2026-11-02"}
PAGE_SIZE_ERROR = "Invalid 'page_size' value, allowed values are: '1-1000'"
PAGING_KEYS = ("page_size", "first_row_number")
# (body, exact message); endpoints that do not read a field are not asked about it.
EXACT_ERRORS: list[tuple[dict[str, Any], str]] = [
    ({**BASE, "order_by": "start"}, ORDER_BY_ERROR),
    ({**BASE, "order_by": ""}, ORDER_BY_ERROR),
    ({**BASE, "order_dir": "up"}, "Invalid 'order_dir' value, allowed values are: 'DESC', 'ASC'"),
    ({**BASE, "page_size": 0}, PAGE_SIZE_ERROR),
    ({**BASE, "page_size": 1001}, PAGE_SIZE_ERROR),
    ({**BASE, "page_size": -5}, PAGE_SIZE_ERROR),
    (
        {**BASE, "first_row_number": 0},
        "Invalid 'first_row_number' value, allowed values are: '1 or more'",
    ),
    (
        {**BASE, "end_date": "2026-10-01"},
        "Invalid 'end_date' value, allowed values are: 'after start_date'",
    ),
    (
        {**BASE, "start_date": "11/01/2026"},
        "Invalid 'start_date' value, allowed values are: 'YYYY-MM-DD'",
    ),
    (
        {**BASE, "rounding": 2, "rounding_minutes": 15},
        "Invalid 'rounding' value, allowed values are: '-1', '0', '1'",
    ),
    (
        {**BASE, "min_duration_seconds": 10, "max_duration_seconds": 5},
        "Invalid 'max_duration_seconds' value, allowed values are:"
        " 'greater than min_duration_seconds'",
    ),
    ({"end_date": "2026-11-01"}, "At least one parameter must be set"),
    ({**BASE, "start_date": None}, "At least one parameter must be set"),
    ({}, "At least one parameter must be set"),
]
NOT_500_BODIES: list[Any] = [
    [1],
    "text",
    None,
    42,
    {**BASE, "user_ids": "1"},
    {**BASE, "user_ids": [None]},
    {**BASE, "user_ids": [0]},
    {**BASE, "project_ids": [1.5]},
    {**BASE, "project_ids": ["1"]},
    {**BASE, "project_ids": [2**63]},
    {**BASE, "tag_ids": [2**64]},
    {**BASE, "task_ids": [-3]},
    {**BASE, "time_entry_ids": [-1]},
    {**BASE, "time_entry_ids": [None]},
    {**BASE, "client_ids": {"a": 1}},
    {**BASE, "billable": "yes"},
    {**BASE, "description": 5},
    {**BASE, "page_size": "10"},
    {**BASE, "page_size": 10**30},
    {**BASE, "first_id": 10**30},
    {**BASE, "first_id": "x"},
    {**BASE, "first_row_number": 2**63},
    {**BASE, "min_duration_seconds": 10**20},
    {**BASE, "rounding_minutes": 7, "rounding": 1},
    {**BASE, "rounding_minutes": -15, "rounding": 1},
    {**BASE, "rounding": 10**40},
    {**BASE, "grouped": 1},
    {**BASE, "order_by": 1},
    {**BASE, "start_date": "2026-02-30"},
    {**BASE, "start_date": "2026-13-01"},
    {**BASE, "start_date": 20261101},
    {**BASE, "start_date": "0001-01-01"},
    {**BASE, "end_date": "9999-12-31"},
    {**BASE, "end_date": "tomorrow"},
]


def _post(client: TestClient[Any], who: Account, suffix: str, body: Any, wid: Any = None) -> Any:
    wid = who.workspace_id if wid is None else wid
    return client.post(f"{REPORTS}/{wid}/search/time_entries{suffix}", json=body, auth=who.auth)


class TestBadInput:
    def test_exact_messages(self, client: TestClient[Any], alice: Account) -> None:
        for body, message in EXACT_ERRORS:
            for suffix in ("", "/totals", ".csv"):
                ordering = any(k.startswith("order") for k in body)
                if suffix == "/totals" and (ordering or any(k in body for k in PAGING_KEYS)):
                    continue
                if suffix == ".csv" and any(k in body for k in PAGING_KEYS):
                    continue
                resp = _post(client, alice, suffix, body)
                assert (resp.status_code, resp.json()) == (400, message), (suffix, body)

    def test_never_500(self, client: TestClient[Any], alice: Account) -> None:
        create_stopped_entry(client, alice, "2026-11-02T09:00:00Z", 60)
        for body in NOT_500_BODIES:
            for suffix in ("", "/totals", ".csv"):
                resp = _post(client, alice, suffix, body)
                assert resp.status_code == 400, (suffix, body, resp.status_code, resp.text)
                assert resp.headers["content-type"].startswith("application/json")
                assert isinstance(resp.json(), str)

    def test_wrong_types_use_the_decoder_wording(
        self, client: TestClient[Any], alice: Account
    ) -> None:
        resp = _post(client, alice, "", {**BASE, "page_size": "10"})
        assert resp.json().startswith('Unexpected "page_size" type string')

    def test_malformed_bodies(self, client: TestClient[Any], alice: Account) -> None:
        for payload in (b"", b"{", b"not json", b"\xff\xfe", b'{"start_date": "\\u0000"}'):
            resp = client.post(
                f"{REPORTS}/{alice.workspace_id}/search/time_entries",
                content=payload,
                auth=alice.auth,
                headers={"content-type": "application/json"},
            )
            assert resp.status_code == 400, (payload, resp.text)
            assert isinstance(resp.json(), str)

    def test_bad_and_foreign_workspace_ids(
        self, client: TestClient[Any], alice: Account, make_account: Callable[..., Account]
    ) -> None:
        for wid in ("0", "-1", "abc", str(2**63), "1.5", "99999999999999999999"):
            resp = _post(client, alice, "", BASE, wid)
            assert 400 <= resp.status_code < 500 and isinstance(resp.json(), str), wid
        other = make_account()
        for wid in (999999, other.workspace_id):
            for suffix in ("", "/totals", ".csv"):
                resp = _post(client, alice, suffix, BASE, wid)
                assert (resp.status_code, resp.json()) == (403, "Workspace not found/accessible")

    def test_no_auth_is_401(self, client: TestClient[Any], alice: Account) -> None:
        resp = client.post(f"{REPORTS}/{alice.workspace_id}/search/time_entries", json=BASE)
        assert resp.status_code == 401

    def test_unknown_keys_are_ignored(self, client: TestClient[Any], alice: Account) -> None:
        resp = post_detailed_search(
            client, alice, alice.workspace_id, {**BASE, "startTime": "x", "foo": [1]}
        )
        assert resp.status_code == 200 and resp.json() == []

    def test_long_id_lists(self, client: TestClient[Any], alice: Account) -> None:
        entry = create_stopped_entry(client, alice, "2026-11-02T09:00:00Z", 60, tags=["x"])["id"]
        tag_id = post_detailed_search(client, alice, alice.workspace_id, DAY).json()[0]["tag_ids"][
            0
        ]
        many = list(range(10**6, 10**6 + 1999))
        for name, ids in (
            ("tag_ids", [*many, tag_id]),
            ("time_entry_ids", [*many, entry]),
            ("project_ids", [*many, None]),
            ("client_ids", [*many, None]),
            ("task_ids", [*many, None]),
            ("user_ids", [*many, alice.id]),
        ):
            for suffix in ("", "/totals", ".csv"):
                resp = _post(client, alice, suffix, {**DAY, name: ids})
                assert resp.status_code == 200, (name, suffix, resp.text)
            assert _ids(
                post_detailed_search(client, alice, alice.workspace_id, {**DAY, name: ids})
            ) == [entry]
            resp = _post(client, alice, "", {**DAY, name: [*ids, 1]})
            assert (resp.status_code, resp.json()) == (400, "Maximum count of posted IDs is 2000")
