"""Bad input never yields a 500, always a 4xx with a JSON-string body, and changes nothing.

Wire contract §1.2 (malformed JSON, type mismatches), §1.6 (int64 ids, path ids), §4.13.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar.testing import TestClient
from sqlalchemy import func, select

from punchclock.db.engine import Database
from punchclock.db.schema import tags, time_entries, users
from tests.conftest import API

INVALID_JSON = "Invalid JSON input"
HUGE = 10**30


def snapshot(database: Database) -> tuple[Any, ...]:
    """Everything a time-entry or profile request could change."""
    with database.transaction(write=False) as conn:
        entries = conn.execute(select(time_entries).order_by(time_entries.c.id)).all()
        tag_rows = conn.execute(select(func.count()).select_from(tags)).scalar_one()
        user_rows = conn.execute(select(users).order_by(users.c.id)).all()
    return (tuple(entries), tag_rows, tuple(user_rows))


def assert_client_error(resp: Any, status: int | None = None) -> None:
    assert 400 <= resp.status_code < 500, (resp.status_code, resp.text)
    if status is not None:
        assert resp.status_code == status, resp.text
    if resp.status_code not in (401, 405):
        assert resp.headers["content-type"].startswith("application/json")
        assert isinstance(resp.json(), str)


def expected_type_error(body: str, field: str, json_type: str) -> str:
    """Toggl's Go decoder text: the offset is the byte just past the offending value."""
    key = f'"{field}":'
    start = body.index(key) + len(key)
    _, end = json.JSONDecoder().raw_decode(body, start)
    return f'Unexpected "{field}" type {json_type}, offset={len(body[:end].encode())}'


@pytest.fixture
def entry(client: TestClient[Any], alice: Any) -> dict[str, Any]:
    resp = client.post(
        f"{API}/workspaces/{alice.workspace_id}/time_entries",
        json={"start": "2026-11-27T09:00:00Z", "duration": 60, "description": "orig"},
        headers=alice.headers,
    )
    assert resp.status_code == 200
    result: dict[str, Any] = resp.json()
    return result


def _targets(alice: Any, entry_id: int) -> list[tuple[str, str]]:
    wid = alice.workspace_id
    return [
        ("POST", f"{API}/workspaces/{wid}/time_entries"),
        ("PUT", f"{API}/workspaces/{wid}/time_entries/{entry_id}"),
        ("PATCH", f"{API}/workspaces/{wid}/time_entries/{entry_id}"),
        ("PUT", f"{API}/me"),
    ]


class TestMalformedJson:
    @pytest.mark.parametrize(
        "raw",
        [
            b"",
            b"   ",
            b"{",
            b'{"start": }',
            b"not json",
            b'{"start":"2026-11-27T09:00:00Z",}',
            b"\xff\xfe",
        ],
    )
    def test_invalid_json(
        self,
        client: TestClient[Any],
        alice: Any,
        entry: dict[str, Any],
        database: Database,
        raw: bytes,
    ) -> None:
        before = snapshot(database)
        for method, url in _targets(alice, entry["id"]):
            resp = client.request(
                method,
                url,
                content=raw,
                headers={**alice.headers, "Content-Type": "application/json"},
            )
            assert_client_error(resp, 400)
            assert resp.json() == INVALID_JSON, (method, url)
        assert snapshot(database) == before

    @pytest.mark.parametrize(
        ("body", "field", "json_type"),
        [
            (
                '{"created_with":"x","start":"2026-11-27T09:00:00Z","workspace_id":"88"}',
                "workspace_id",
                "string",
            ),
            ('{"start":"2026-11-27T09:00:00Z","duration":"60"}', "duration", "string"),
            ('{"start":12345}', "start", "number"),
            ('{"start":"2026-11-27T09:00:00Z","billable":"yes"}', "billable", "string"),
            ('{"start":"2026-11-27T09:00:00Z","tags":"dev"}', "tags", "string"),
            ('{"start":"2026-11-27T09:00:00Z","tags":[1,2]}', "tags", "number"),
            ('{"start":"2026-11-27T09:00:00Z","tag_ids":["1"]}', "tag_ids", "string"),
            ('{"start":"2026-11-27T09:00:00Z","project_id":true}', "project_id", "bool"),
            ('{"start":"2026-11-27T09:00:00Z","description":{"a":1}}', "description", "object"),
            ('{"start":"2026-11-27T09:00:00Z","duration":1.5}', "duration", "number"),
        ],
    )
    def test_type_mismatch_on_create(
        self,
        client: TestClient[Any],
        alice: Any,
        database: Database,
        body: str,
        field: str,
        json_type: str,
    ) -> None:
        before = snapshot(database)
        resp = client.post(
            f"{API}/workspaces/{alice.workspace_id}/time_entries",
            content=body.encode(),
            headers={**alice.headers, "Content-Type": "application/json"},
        )
        assert_client_error(resp, 400)
        assert resp.json() == expected_type_error(body, field, json_type)
        assert snapshot(database) == before

    def test_type_mismatch_on_update_and_me(
        self, client: TestClient[Any], alice: Any, entry: dict[str, Any], database: Database
    ) -> None:
        before = snapshot(database)
        body = '{"description":"new","stop":42}'
        resp = client.put(
            f"{API}/workspaces/{alice.workspace_id}/time_entries/{entry['id']}",
            content=body.encode(),
            headers={**alice.headers, "Content-Type": "application/json"},
        )
        assert resp.json() == expected_type_error(body, "stop", "number")
        body = '{"fullname":"X","beginning_of_week":"1"}'
        resp = client.put(
            f"{API}/me",
            content=body.encode(),
            headers={**alice.headers, "Content-Type": "application/json"},
        )
        assert_client_error(resp, 400)
        assert resp.json() == expected_type_error(body, "beginning_of_week", "string")
        assert snapshot(database) == before

    @pytest.mark.parametrize("body", ["[]", '"text"', "42", "null", '{"start":"x"}'])
    def test_wrong_top_level_or_bad_values(
        self, client: TestClient[Any], alice: Any, database: Database, body: str
    ) -> None:
        before = snapshot(database)
        resp = client.post(
            f"{API}/workspaces/{alice.workspace_id}/time_entries",
            content=body.encode(),
            headers={**alice.headers, "Content-Type": "application/json"},
        )
        assert_client_error(resp, 400)
        assert snapshot(database) == before

    def test_bulk_body_must_be_an_array_of_operations(
        self, client: TestClient[Any], alice: Any, entry: dict[str, Any], database: Database
    ) -> None:
        before = snapshot(database)
        url = f"{API}/workspaces/{alice.workspace_id}/time_entries/{entry['id']}"
        for body in ({"op": "replace"}, [{"path": "/description"}], [{"op": 1, "path": "/x"}], [1]):
            assert_client_error(client.patch(url, json=body, headers=alice.headers), 400)
        assert snapshot(database) == before


class TestHugeAndOutOfRange:
    @pytest.mark.parametrize(
        "extra",
        [
            {"project_id": HUGE},
            {"pid": HUGE},
            {"task_id": HUGE},
            {"tid": -HUGE},
            {"tag_ids": [HUGE]},
            {"user_id": HUGE},
            {"uid": HUGE},
            {"workspace_id": HUGE},
            {"wid": HUGE},
            {"shared_with_user_ids": [HUGE]},
            {"duration": HUGE},
            {"project_id": 2**63},
            {"project_id": -(2**63) - 1},
            {"project_id": 2**63 - 1},
            {"tag_ids": [2**63 - 1]},
            {"user_id": 2**63 - 1},
        ],
    )
    def test_create(
        self, client: TestClient[Any], alice: Any, database: Database, extra: dict[str, Any]
    ) -> None:
        before = snapshot(database)
        body = {"start": "2026-11-27T09:00:00Z", **extra}
        resp = client.post(
            f"{API}/workspaces/{alice.workspace_id}/time_entries",
            content=json.dumps(body).encode(),
            headers={**alice.headers, "Content-Type": "application/json"},
        )
        assert_client_error(resp)
        assert snapshot(database) == before

    @pytest.mark.parametrize(
        "extra",
        [
            {"project_id": HUGE},
            {"tag_ids": [HUGE]},
            {"user_id": HUGE},
            {"task_id": 2**63 - 1},
            {"duration": HUGE},
        ],
    )
    def test_update(
        self,
        client: TestClient[Any],
        alice: Any,
        entry: dict[str, Any],
        database: Database,
        extra: dict[str, Any],
    ) -> None:
        before = snapshot(database)
        resp = client.put(
            f"{API}/workspaces/{alice.workspace_id}/time_entries/{entry['id']}",
            content=json.dumps({"description": "x", **extra}).encode(),
            headers={**alice.headers, "Content-Type": "application/json"},
        )
        assert_client_error(resp)
        assert snapshot(database) == before

    @pytest.mark.parametrize(
        "operation",
        [
            {"op": "replace", "path": "/project_id", "value": HUGE},
            {"op": "replace", "path": "/user_id", "value": HUGE},
            {"op": "replace", "path": "/task_id", "value": 2**63 - 1},
            {"op": "add", "path": "/tag_ids", "value": [HUGE]},
            {"op": "replace", "path": "/shared_with_user_ids", "value": [{"a": 1}]},
            {"op": "replace", "path": "/shared_with_user_ids", "value": [HUGE]},
            {"op": "replace", "path": "/duration", "value": HUGE},
            {"op": "replace", "path": "/start", "value": "0001-01-01T00:00:00+23:59"},
            {"op": "replace", "path": "/start", "value": "9999-12-31"},
            {"op": "replace", "path": "/stop", "value": "0001-01-01"},
            {"op": "replace", "path": "/description", "value": 5},
        ],
    )
    def test_bulk(
        self,
        client: TestClient[Any],
        alice: Any,
        entry: dict[str, Any],
        database: Database,
        operation: dict[str, Any],
    ) -> None:
        before = snapshot(database)
        resp = client.patch(
            f"{API}/workspaces/{alice.workspace_id}/time_entries/{entry['id']}",
            content=json.dumps([operation]).encode(),
            headers={**alice.headers, "Content-Type": "application/json"},
        )
        assert resp.status_code < 500, resp.text
        if resp.status_code == 200:
            # A per-id failure: reported, and the entry is untouched.
            assert resp.json()["success"] == []
            assert [f["id"] for f in resp.json()["failure"]] == [entry["id"]]
        else:
            assert_client_error(resp, 400)
        assert snapshot(database) == before

    def test_me(self, client: TestClient[Any], alice: Any, database: Database) -> None:
        before = snapshot(database)
        for body in (
            {"default_workspace_id": HUGE},
            {"country_id": HUGE},
            {"beginning_of_week": HUGE},
            {"default_workspace_id": 2**63 - 1},
        ):
            resp = client.put(
                f"{API}/me",
                content=json.dumps(body).encode(),
                headers={**alice.headers, "Content-Type": "application/json"},
            )
            assert_client_error(resp, 400)
        assert snapshot(database) == before

    @pytest.mark.parametrize(
        "start",
        [
            "0001-01-01T00:00:00+23:59",
            "9999-12-31T23:59:59-23:59",
            "2026-02-30T10:00:00Z",
            "2026-11-27T25:00:00Z",
            "2026-11-27",
            "",
            "now",
        ],
    )
    def test_bad_timestamps(
        self,
        client: TestClient[Any],
        alice: Any,
        entry: dict[str, Any],
        database: Database,
        start: str,
    ) -> None:
        before = snapshot(database)
        wid = alice.workspace_id
        resp = client.post(
            f"{API}/workspaces/{wid}/time_entries", json={"start": start}, headers=alice.headers
        )
        assert_client_error(resp, 400)
        resp = client.post(
            f"{API}/workspaces/{wid}/time_entries",
            json={"start": "2026-11-27T09:00:00Z", "stop": start},
            headers=alice.headers,
        )
        assert_client_error(resp, 400)
        resp = client.put(
            f"{API}/workspaces/{wid}/time_entries/{entry['id']}",
            json={"start": start},
            headers=alice.headers,
        )
        assert_client_error(resp, 400)
        resp = client.post(
            f"{API}/workspaces/{wid}/time_entries",
            json={"start": "2026-11-27T09:00:00Z", "start_date": "0001-01-01"},
            headers=alice.headers,
        )
        assert_client_error(resp, 400)
        assert snapshot(database) == before

    @pytest.mark.parametrize(
        "query",
        [
            "before=0001-01-01",
            "before=9999-12-31",
            "start_date=0001-01-01T00:00:00%2B23:59&end_date=9999-12-31T23:59:59-23:59",
            "start_date=0001-01-01&end_date=9999-12-31",
            "since=-1",
            "since=1e9",
            "meta=maybe",
            "include_sharing=2",
        ],
    )
    def test_list_query_extremes(self, client: TestClient[Any], alice: Any, query: str) -> None:
        resp = client.get(f"{API}/me/time_entries?{query}", headers=alice.headers)
        assert resp.status_code in (200, 400), resp.text
        if resp.status_code == 400:
            assert isinstance(resp.json(), str)


class TestOversizedBody:
    def test_too_large(
        self, client: TestClient[Any], alice: Any, entry: dict[str, Any], database: Database
    ) -> None:
        before = snapshot(database)
        huge = json.dumps({"start": "2026-11-27T09:00:00Z", "description": "x" * 2_000_000})
        for method, url in _targets(alice, entry["id"]):
            resp = client.request(
                method,
                url,
                content=huge.encode(),
                headers={**alice.headers, "Content-Type": "application/json"},
            )
            assert_client_error(resp, 413)
        assert snapshot(database) == before


class TestPathIds:
    @pytest.mark.parametrize("bad", ["abc", "0", "-5", "1.0", "99999999999999999999", "%20"])
    def test_workspace_id(
        self, client: TestClient[Any], alice: Any, entry: dict[str, Any], bad: str
    ) -> None:
        eid = entry["id"]
        ops = [{"op": "replace", "path": "/description", "value": "x"}]
        for method, url, body in [
            ("POST", f"{API}/workspaces/{bad}/time_entries", {"start": "2026-11-27T09:00:00Z"}),
            ("PUT", f"{API}/workspaces/{bad}/time_entries/{eid}", {"description": "x"}),
            ("PATCH", f"{API}/workspaces/{bad}/time_entries/{eid}", ops),
            ("PATCH", f"{API}/workspaces/{bad}/time_entries/{eid}/stop", None),
            ("DELETE", f"{API}/workspaces/{bad}/time_entries/{eid}", None),
        ]:
            resp = client.request(method, url, json=body, headers=alice.headers)
            assert_client_error(resp, 403)
            assert resp.json() == "Missing or invalid workspace_id", (method, url)

    @pytest.mark.parametrize("bad", ["abc", "0", "-5", "99999999999999999999"])
    def test_entry_id(
        self,
        client: TestClient[Any],
        alice: Any,
        entry: dict[str, Any],
        database: Database,
        bad: str,
    ) -> None:
        before = snapshot(database)
        wid = alice.workspace_id
        resp = client.put(
            f"{API}/workspaces/{wid}/time_entries/{bad}",
            json={"description": "x"},
            headers=alice.headers,
        )
        assert_client_error(resp, 400)
        assert resp.json() == "Invalid or missing time_entry_id"
        assert_client_error(
            client.delete(f"{API}/workspaces/{wid}/time_entries/{bad}", headers=alice.headers), 400
        )
        resp = client.get(f"{API}/me/time_entries/{bad}", headers=alice.headers)
        assert_client_error(resp, 404)
        resp = client.patch(
            f"{API}/workspaces/{wid}/time_entries/{entry['id']},{bad}",
            json=[{"op": "replace", "path": "/description", "value": "x"}],
            headers=alice.headers,
        )
        assert_client_error(resp, 400)
        assert snapshot(database) == before

    def test_unrouted_methods(self, client: TestClient[Any], alice: Any) -> None:
        wid = alice.workspace_id
        for method, path in [
            ("GET", f"/workspaces/{wid}/time_entries"),
            ("POST", "/me/organizations"),
            ("DELETE", "/me"),
            ("POST", "/me/time_entries"),
        ]:
            resp = client.request(method, f"{API}{path}", headers=alice.headers)
            assert resp.status_code == 405, (method, path)
            assert resp.content == b""


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(
        ["2026-11-27T09:00:00Z", "2026-11-20", "2005-01-01T00:00:00Z", "add", "remove"]
    ),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
ENTRY_FIELDS = [
    "billable",
    "created_with",
    "description",
    "duration",
    "duronly",
    "pid",
    "project_id",
    "shared_with_user_ids",
    "start",
    "start_date",
    "stop",
    "tag_action",
    "tag_ids",
    "tags",
    "task_id",
    "tid",
    "uid",
    "user_id",
    "wid",
    "workspace_id",
]
entry_bodies = st.dictionaries(st.sampled_from(ENTRY_FIELDS), json_values, max_size=6)
patch_bodies = st.lists(
    st.fixed_dictionaries(
        {
            "op": st.sampled_from(["add", "remove", "replace", "copy"]),
            "path": st.sampled_from(["/" + f for f in ENTRY_FIELDS] + ["/x", "tags"]),
            "value": json_values,
        }
    ),
    max_size=3,
)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


class TestFuzz:
    @FUZZ
    @given(body=entry_bodies)
    def test_create_never_500(
        self, client: TestClient[Any], alice: Any, body: dict[str, Any]
    ) -> None:
        resp = client.post(
            f"{API}/workspaces/{alice.workspace_id}/time_entries", json=body, headers=alice.headers
        )
        assert resp.status_code < 500, (body, resp.text)
        if resp.status_code != 200:
            assert_client_error(resp)

    @FUZZ
    @given(body=entry_bodies)
    def test_update_never_500(
        self, client: TestClient[Any], alice: Any, entry: dict[str, Any], body: dict[str, Any]
    ) -> None:
        resp = client.put(
            f"{API}/workspaces/{alice.workspace_id}/time_entries/{entry['id']}",
            json=body,
            headers=alice.headers,
        )
        assert resp.status_code < 500, (body, resp.text)
        if resp.status_code != 200:
            assert_client_error(resp)

    @FUZZ
    @given(body=patch_bodies)
    def test_bulk_never_500(
        self, client: TestClient[Any], alice: Any, entry: dict[str, Any], body: list[Any]
    ) -> None:
        resp = client.patch(
            f"{API}/workspaces/{alice.workspace_id}/time_entries/{entry['id']}",
            json=body,
            headers=alice.headers,
        )
        assert resp.status_code < 500, (body, resp.text)
        if resp.status_code != 200:
            assert_client_error(resp)

    @FUZZ
    @given(
        body=st.dictionaries(
            st.sampled_from(
                [
                    "beginning_of_week",
                    "country_id",
                    "default_workspace_id",
                    "email",
                    "fullname",
                    "timezone",
                ]
            ),
            json_values,
            max_size=3,
        )
    )
    def test_me_never_500(self, client: TestClient[Any], alice: Any, body: dict[str, Any]) -> None:
        resp = client.put(f"{API}/me", json=body, headers=alice.headers)
        assert resp.status_code < 500, (body, resp.text)
        if resp.status_code != 200:
            assert_client_error(resp)

    @FUZZ
    @given(
        params=st.dictionaries(
            st.sampled_from(
                ["since", "before", "start_date", "end_date", "meta", "include_sharing"]
            ),
            st.text(max_size=25) | st.sampled_from(["2026-11-20", "0001-01-01", "9999-12-31", "1"]),
            max_size=3,
        )
    )
    def test_list_never_500(
        self, client: TestClient[Any], alice: Any, params: dict[str, str]
    ) -> None:
        resp = client.get(f"{API}/me/time_entries", params=params, headers=alice.headers)
        assert resp.status_code in (200, 400), (params, resp.text)
        if resp.status_code == 400:
            assert isinstance(resp.json(), str)


class TestNulCharacters:
    """PostgreSQL cannot store NUL: it must be a 400 on every engine, never a 500."""

    def test_nul_in_a_body_string_is_refused(self, client: TestClient[Any], alice: Any) -> None:
        resp = client.post(
            f"{API}/workspaces/{alice.workspace_id}/time_entries",
            content=b'{"start":"2026-11-27T10:00:00Z","duration":5,"description":"a\\u0000b"}',
            headers=alice.headers,
        )
        assert (resp.status_code, resp.json()) == (400, "Invalid JSON input")
        listed = client.get(f"{API}/me/time_entries", params={"since": 0}, headers=alice.headers)
        assert listed.json() == []

    def test_nul_in_a_query_is_refused(self, client: TestClient[Any], alice: Any) -> None:
        resp = client.get(
            f"{API}/workspaces/{alice.workspace_id}/projects?name=a%00b", headers=alice.headers
        )
        assert (resp.status_code, resp.json()) == (400, "Invalid query parameter")
