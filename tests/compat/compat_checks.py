"""Assertions shared by the scenario tests: client output and server state over plain HTTP.

The clients are lenient parsers, so every scenario checks what the server stored as well
as what the client printed; these helpers fail with the whole client run as context.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from tests.compat.compat_harness import Api, ClientRun


def has(run: ClientRun, pattern: str) -> re.Match[str]:
    """Search stdout+stderr line by line (re.M), failing with the whole run as context."""
    match = re.search(pattern, run.stdout + run.stderr, re.MULTILINE)
    assert match, f"output does not match {pattern!r}\n{run.describe()}"
    return match


def new_id(run: ClientRun, pattern: str) -> int:
    return int(has(run, pattern).group(1))


def last_line(run: ClientRun) -> str:
    lines = run.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def parse_ts(value: str) -> datetime:
    ts = datetime.fromisoformat(value)
    assert ts.utcoffset() == timedelta(0), f"timestamp not in UTC: {value!r}"
    return ts


def entries(api: Api) -> list[dict[str, Any]]:
    # The no-parameter list: what togglcli's `rm`/`continue` and tgl-cli's `resume` search.
    result: list[dict[str, Any]] = api.get("/me/time_entries")
    return result


def entry(api: Api, entry_id: int) -> dict[str, Any]:
    found = [e for e in entries(api) if e["id"] == entry_id]
    assert len(found) == 1, f"entry {entry_id} not exactly once in GET /me/time_entries: {found}"
    return found[0]


def running(api: Api) -> list[dict[str, Any]]:
    return [e for e in entries(api) if e["stop"] is None or e["duration"] < 0]


def assert_running(e: dict[str, Any]) -> None:
    start = parse_ts(e["start"]).timestamp()
    assert e["stop"] is None, e
    assert abs(e["duration"] + start) <= 1, f"running duration must be -start epoch ({start}): {e}"


def assert_stopped(e: dict[str, Any]) -> None:
    assert e["stop"] is not None and e["duration"] >= 0, f"entry not stopped: {e}"
    elapsed = parse_ts(e["stop"]) - parse_ts(e["start"])
    assert abs(elapsed.total_seconds() - e["duration"]) <= 1, f"duration != stop-start: {e}"
