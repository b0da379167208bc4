"""The read workloads (list, list-meta, current, me-token, me-password) and their checks."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from harness.client import basic, http_request, request_line, token_auth
from harness.plan import Workload


def list_path(user: dict[str, Any], meta_flag: bool = False) -> str:
    """The list request of a list user: their 14-day window, optionally with `meta=true`."""
    path = f"/api/v9/me/time_entries?start_date={user['start_date']}&end_date={user['end_date']}"
    return path + "&meta=true" if meta_flag else path


def _check_list(meta: dict[str, Any], meta_flag: bool) -> Callable[[int], str]:
    def check(port: int) -> str:
        counts = []
        for user in meta["list"]:
            status, body = http_request(port, "GET", list_path(user, meta_flag), token_auth(user))
            assert status == 200, f"list: HTTP {status} {body[:200]!r}"
            entries = json.loads(body)
            assert len(entries) == user["expected"], (
                f"list: user {user['id']} got {len(entries)} entries, expected {user['expected']}"
            )
            if meta_flag:
                assert any("project_name" in e for e in entries), "meta=true without names"
            counts.append((len(entries), len(body)))
        n = [c for c, _ in counts]
        size = sum(b for _, b in counts) / len(counts)
        return f"{min(n)}-{max(n)} entries, {size / 1024:.1f} KB avg"

    return check


def _check_current(meta: dict[str, Any]) -> Callable[[int], str]:
    def check(port: int) -> str:
        for user in meta["current"]:
            status, body = http_request(
                port, "GET", "/api/v9/me/time_entries/current", token_auth(user)
            )
            assert status == 200, f"current: HTTP {status} {body[:200]!r}"
            entry = json.loads(body)
            assert entry and entry["id"] == user["running_id"], f"current: {body[:200]!r}"
        return f"{len(meta['current'])} users with a running entry"

    return check


def _check_me(meta: dict[str, Any], auth: Callable[[dict[str, Any]], str]) -> Callable[[int], str]:
    def check(port: int) -> str:
        first = []
        for user in meta["current"]:
            began = time.perf_counter()
            status, body = http_request(port, "GET", "/api/v9/me", auth(user))
            first.append(time.perf_counter() - began)
            assert status == 200, f"me: HTTP {status} {body[:200]!r}"
            assert json.loads(body)["email"] == user["email"], "me: wrong user"
        began = time.perf_counter()
        http_request(port, "GET", "/api/v9/me", auth(meta["current"][0]))
        again = time.perf_counter() - began
        return f"first request {max(first) * 1000:.0f} ms max, repeat {again * 1000:.1f} ms"

    return check


def read_workloads(meta: dict[str, Any], server: str) -> dict[str, Workload]:
    """list, list-meta, current, me (me-token for Punchclock) and me-password."""
    password = meta["password"]

    def pw_auth(u: dict[str, Any]) -> str:
        return basic(u["email"], password)

    me_name = "me" if server != "punchclock" else "me-token"
    return {
        "list": Workload(
            "list",
            "replay.lua",
            [request_line("GET", list_path(u), token_auth(u)) for u in meta["list"]],
            _check_list(meta, False),
        ),
        "list-meta": Workload(
            "list-meta",
            "replay.lua",
            [request_line("GET", list_path(u, True), token_auth(u)) for u in meta["list"]],
            _check_list(meta, True),
        ),
        "current": Workload(
            "current",
            "replay.lua",
            [
                request_line("GET", "/api/v9/me/time_entries/current", token_auth(u))
                for u in meta["current"]
            ],
            _check_current(meta),
        ),
        me_name: Workload(
            me_name,
            "replay.lua",
            [request_line("GET", "/api/v9/me", token_auth(u)) for u in meta["current"]],
            _check_me(meta, token_auth),
        ),
        "me-password": Workload(
            "me-password",
            "replay.lua",
            [request_line("GET", "/api/v9/me", pw_auth(u)) for u in meta["current"]],
            _check_me(meta, pw_auth),
        ),
    }
