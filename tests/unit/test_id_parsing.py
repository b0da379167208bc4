"""Ids and numbers from request text: ASCII digits within int64 only (issue 10).

str.isdigit() accepts superscripts such as U+00B9 that int() then refuses (a 500), and int()
reads other scripts' digits (U+0663 is 3: the wrong entry). Toggl's Go strconv reads ASCII only.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar.testing import TestClient

from punchclock.api.http import (
    INT64_MAX,
    id_from_path,
    ids_from_path,
    parse_ascii_int,
    workspace_id_from_path,
)
from punchclock.api.timestamps import parse_date, parse_instant
from punchclock.api.toggl_v9.schemas.projects import id_list, positive_int
from punchclock.api.toggl_v9.schemas.tasks import parse_since
from punchclock.api.toggl_v9.schemas.time_entry_queries import list_query_from_params
from punchclock.errors import BadRequest, Forbidden
from tests.conftest import API

# Every Unicode decimal digit (Nd) and other number (No: superscripts, circled, fractions).
unicode_digits = st.characters(categories=["Nd", "No"])
# Strings of digits that are not plain ASCII digits: at least one non-ASCII digit among them.
non_ascii_digit_strings = st.text(
    alphabet=unicode_digits | st.sampled_from("0123456789"), min_size=1, max_size=25
).filter(lambda text: not text.isascii())
ascii_digit_strings = st.text(alphabet="0123456789", min_size=1, max_size=40)
PROPERTY = settings(max_examples=300, deadline=None)
THROUGH_APP = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


class TestParser:
    @PROPERTY
    @given(text=non_ascii_digit_strings)
    def test_non_ascii_digits_are_refused(self, text: str) -> None:
        assert parse_ascii_int(text) is None
        with pytest.raises(BadRequest) as error:
            id_from_path(text, "Invalid or missing time_entry_id")
        assert error.value.message == "Invalid or missing time_entry_id"
        with pytest.raises(Forbidden):
            workspace_id_from_path(text)
        with pytest.raises(BadRequest):
            ids_from_path(f"1,{text}", "PATCH expects at least one ID")
        with pytest.raises(BadRequest):
            id_list(f"1,{text}", "client_ids")
        with pytest.raises(BadRequest):
            positive_int(text, "page", 1, 100)
        with pytest.raises(BadRequest):
            parse_since(text)
        with pytest.raises(BadRequest):
            list_query_from_params({"since": text}, "UTC")

    @PROPERTY
    @given(text=ascii_digit_strings)
    def test_ascii_digits_parse_within_int64(self, text: str) -> None:
        value = int(text)
        if value <= INT64_MAX:
            assert parse_ascii_int(text) == value
            if value > 0:
                assert id_from_path(text, "x") == value
        else:
            assert parse_ascii_int(text) is None
            with pytest.raises(BadRequest):
                id_from_path(text, "x")

    @PROPERTY
    @given(value=st.integers(min_value=0, max_value=2**70))
    def test_int64_bounds(self, value: int) -> None:
        assert parse_ascii_int(str(value)) == (value if value <= INT64_MAX else None)

    @pytest.mark.parametrize(
        "text",
        [
            "",
            " 1",
            "1 ",
            "+1",
            "-1",
            "1_000",
            "0x10",
            "1e3",
            "1.0",
            "\u00b9",
            "\u0663",
            "\uff11",
            "1" * 5000,
            str(2**63),
        ],
    )
    def test_refused(self, text: str) -> None:
        assert parse_ascii_int(text) is None

    def test_edges(self) -> None:
        assert parse_ascii_int(str(INT64_MAX)) == INT64_MAX
        assert parse_ascii_int("0") == 0
        assert parse_ascii_int("0" * 30 + "7") == 7  # leading zeros, as Go's ParseInt reads them
        assert parse_ascii_int("5", 10) is None
        assert parse_ascii_int("11", 0, 10) is None

    @PROPERTY
    @given(digit=unicode_digits.filter(lambda char: not char.isascii()))
    def test_timestamps_take_ascii_digits_only(self, digit: str) -> None:
        for text in (f"2026-11-2{digit}", f"{digit}026-11-27"):
            with pytest.raises(ValueError):
                parse_date(text)
        with pytest.raises(ValueError):
            parse_instant(f"2026-11-27T09:00:0{digit}Z")


class TestThroughTheApp:
    """Path ids on several routes: a 4xx in Toggl's shape, never a 500, and nothing changes."""

    @THROUGH_APP
    @given(text=non_ascii_digit_strings)
    def test_path_ids(self, client: TestClient[Any], alice: Any, text: str) -> None:
        wid = alice.workspace_id
        segment = quote(text)
        expected = [
            ("DELETE", f"{API}/workspaces/{wid}/time_entries/{segment}", 400),
            ("DELETE", f"{API}/workspaces/{segment}/time_entries/1", 403),
            ("GET", f"{API}/me/time_entries/{segment}", 404),
            ("GET", f"{API}/workspaces/{segment}", 403),
            ("GET", f"{API}/workspaces/{wid}/projects/{segment}", 400),
            ("GET", f"{API}/workspaces/{wid}/clients/{segment}", 400),
            ("DELETE", f"{API}/workspaces/{wid}/tags/{segment}", 400),
            ("GET", f"{API}/workspaces/{wid}/projects/1/tasks/{segment}", 400),
            ("GET", f"{API}/organizations/{segment}", 404),
        ]
        for method, url, status in expected:
            resp = client.request(method, url, headers=alice.headers)
            assert resp.status_code == status, (method, url, resp.text)
            assert isinstance(resp.json(), str)
        resp = client.patch(
            f"{API}/workspaces/{wid}/time_entries/1,{segment}",
            json=[{"op": "replace", "path": "/description", "value": "x"}],
            headers=alice.headers,
        )
        assert (resp.status_code, resp.json()) == (400, "PATCH expects at least one ID")
        resp = client.post(
            f"/reports/api/v3/workspace/{segment}/search/time_entries",
            json={"start_date": "2026-11-01"},
            headers=alice.headers,
        )
        assert (resp.status_code, resp.json()) == (400, "Invalid workspace id")

    @THROUGH_APP
    @given(text=non_ascii_digit_strings)
    def test_query_numbers(self, client: TestClient[Any], alice: Any, text: str) -> None:
        wid = alice.workspace_id
        for url, name in [
            (f"{API}/me/time_entries", "since"),
            (f"{API}/me/projects", "since"),
            (f"{API}/workspaces/{wid}/projects", "page"),
            (f"{API}/workspaces/{wid}/projects", "client_ids"),
            (f"{API}/workspaces/{wid}/tasks", "per_page"),
            (f"{API}/me/tasks", "offset"),
            (f"{API}/me/tags", "since"),
            (f"{API}/workspaces/{wid}/project_users", "user_id"),
        ]:
            resp = client.get(url, params={name: text}, headers=alice.headers)
            assert resp.status_code == 400, (url, name, resp.text)
            assert resp.json() == f"Invalid {name}"
