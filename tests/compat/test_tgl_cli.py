"""tgl-cli 0.3.0 (Python >= 3.13) against a live punchclock: real-clients.md §5.5.

Each command runs the real CLI through clients/tgl_punchclock.py with a fresh HOME,
TZ=UTC, the token in TOGGL_API_TOKEN and stdin closed (only `init` gets its answers
piped). tgl-cli never stops a timer before starting another, so these scenarios are the
check of the server's auto-stop; tgl-cli prints durations straight from the stop response.
"""

from __future__ import annotations

import re
import time
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.compat.compat_checks import assert_running, assert_stopped, entry, has, parse_ts, running
from tests.compat.compat_harness import API_TOKEN, Api, ClientRun, PunchclockServer, run_client
from tests.compat.compat_venvs import ClientVenv

pytestmark = pytest.mark.compat


class Tgl:
    """`tgl ARGS </dev/null` with TOGGL_API_TOKEN set, in one fresh HOME."""

    SCRIPT = "tgl_punchclock.py"

    def __init__(self, venv: ClientVenv, server: PunchclockServer, home: Path) -> None:
        home.mkdir(parents=True)
        self.venv, self.server, self.home = venv, server, home

    def __call__(self, *args: str, input_text: str | None = None) -> ClientRun:
        env = {"TOGGL_API_TOKEN": API_TOKEN}
        run = run_client(
            self.venv,
            self.SCRIPT,
            args,
            server=self.server,
            home=self.home,
            extra_env=env,
            input_text=input_text,
        )
        return run.expect(0)  # tgl-cli exits 0 for everything in §5.5, "No timer running" too


def hms(seconds: int) -> str:
    """tgl-cli's own h:mm:ss format."""
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def stopped_duration(run: ClientRun, description: str) -> int:
    """`Stopped: DESCR (h:mm:ss)` -> the seconds printed (tgl-cli echoes the PATCH response)."""
    h, m, s = has(run, rf"\AStopped: {description} \((\d+):(\d\d):(\d\d)\)$").groups()
    return int(h) * 3600 + int(m) * 60 + int(s)


def away_from_midnight() -> None:
    # "today", `summary` windows and `-s HH:MM` are all local (UTC) dates: don't straddle one.
    now = datetime.now(UTC)
    left = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), UTC) - now
    if left < timedelta(seconds=90):
        time.sleep(left.total_seconds() + 1)


def check_summary(run: ClientRun, header: str, seconds: int) -> None:
    """The §5.5 layout: header, blank, one line per project, blank, total."""
    lines = run.stdout.splitlines()
    want = [
        header,
        "",
        f"  {'(no project)':30s} {hms(seconds)}",
        "",
        f"  {'Total':30s} {hms(seconds)}",
    ]
    assert lines == want, f"summary layout\n{run.describe()}"


def the_running(api: Api, description: str) -> dict[str, Any]:
    live = running(api)
    assert [e["description"] for e in live] == [description], live
    assert_running(live[0])
    current = api.get("/me/time_entries/current")
    assert current is not None and current["id"] == live[0]["id"], current
    return live[0]


def test_tgl_cli_scenario(
    tgl_cli_venv: ClientVenv, punchclock_server: PunchclockServer, tmp_path: Path
) -> None:
    away_from_midnight()
    api = punchclock_server.api
    tgl = Tgl(tgl_cli_venv, punchclock_server, tmp_path / "home")
    wid: int = api.get("/me")["default_workspace_id"]
    assert api.get("/workspaces")[0]["id"] == wid, "tgl-cli uses the first workspace listed"

    # 1-3: idle, start, status.
    has(tgl("status"), r"\ANo timer running$")
    has(tgl("start", "tgl-timer"), r"\AStarted: tgl-timer$")
    timer = the_running(api, "tgl-timer")
    assert timer["workspace_id"] == wid, timer
    assert "created_with" not in timer, f"created_with must not be echoed: {timer}"
    has(tgl("status"), r"\ARunning: tgl-timer \(0:00:0\d\)$")

    # 4-5: stop by PATCH; the printed duration is the response's final duration.
    time.sleep(2)
    printed = stopped_duration(tgl("stop"), "tgl-timer")
    stopped = entry(api, timer["id"])
    assert_stopped(stopped)
    assert stopped["duration"] == printed and 2 <= printed <= 30, (printed, stopped)
    assert api.get("/me/time_entries/current") is None
    has(tgl("stop"), r"\ANo timer running$")

    # 6-7: summaries over local-midnight windows (offset-carrying start_date/end_date).
    today = datetime.now(UTC).date()  # tgl-cli runs with TZ=UTC; this process may not
    check_summary(tgl("summary"), f"today ({today})", printed)
    monday = today - timedelta(days=today.weekday())
    header = f"week ({today})" if monday == today else f"week ({monday} to {today})"
    check_summary(tgl("summary", "week"), header, printed)

    # 8-9: resume takes the newest entry of the no-parameter list; a second resume is a no-op.
    has(tgl("resume"), r"\AResumed: tgl-timer$")
    resumed = the_running(api, "tgl-timer")
    assert resumed["id"] != timer["id"], resumed
    has(tgl("resume"), r"\ATimer already running: tgl-timer$")
    assert the_running(api, "tgl-timer")["id"] == resumed["id"]

    # 10: a start at the current minute auto-stops the resumed timer (at server time).
    now = datetime.now(UTC)
    has(tgl("start", "-s", now.strftime("%H:%M"), "second"), r"\AStarted: second$")
    auto_stopped = entry(api, resumed["id"])
    assert_stopped(auto_stopped)
    # Stopped at the server's time of the new request, not at the new entry's earlier start.
    assert parse_ts(auto_stopped["stop"]) >= now.replace(microsecond=0), auto_stopped
    second = the_running(api, "second")
    assert parse_ts(second["start"]) == now.replace(second=0, microsecond=0), second

    # 11: stop it; it started up to a minute ago.
    printed = stopped_duration(tgl("stop"), "second")
    stopped = entry(api, second["id"])
    assert_stopped(stopped)
    assert stopped["duration"] == printed and printed <= 180, (printed, stopped)
    assert running(api) == [] and api.get("/me/time_entries/current") is None


def test_tgl_cli_presets(
    tgl_cli_venv: ClientVenv, punchclock_server: PunchclockServer, tmp_path: Path
) -> None:
    api = punchclock_server.api
    wid: int = api.get("/me")["default_workspace_id"]
    cid: int = api.post(f"/workspaces/{wid}/clients", {"name": "Acme"})["id"]
    body = {"name": "Website", "client_id": cid, "active": True}
    project = api.post(f"/workspaces/{wid}/projects", body)
    assert (project["client_id"], project["active"]) == (cid, True), project
    pid: int = project["id"]
    tid: int = api.post(f"/workspaces/{wid}/tags", {"name": "dev"})["id"]
    tgl = Tgl(tgl_cli_venv, punchclock_server, tmp_path / "home")

    # 12: init, answering all clients, all projects, tag 1 for Website.
    run = tgl("init", input_text="all\nall\n1\n")
    config = tgl.home / ".config" / "tgl" / "config.toml"
    for line in (
        r"^Areas \(clients\):$",
        r"^  1\. Acme \(1 active projects\)$",
        r"^Projects in selected areas:$",
        r"^  1\. Website \(Acme\)$",
        r"^Available tags:$",
        r"^  1\. dev$",
        rf"^Config written to {re.escape(str(config))}$",
    ):
        has(run, line)
    presets = tomllib.loads(config.read_text())["presets"]
    assert presets == {
        "website": {"project_id": pid, "project_name": "Website", "tags": ["dev"]}
    }, config.read_text()

    # 13: the preset's project and tag reach the server.
    has(tgl("start", "-P", "website", "preset run"), r"\AStarted: preset run \[Website\]$")
    current = the_running(api, "preset run")
    assert current["project_id"] == pid, current
    assert (current["tags"], current["tag_ids"]) == (["dev"], [tid]), current

    # 14: stop.
    printed = stopped_duration(tgl("stop"), "preset run")
    stopped = entry(api, current["id"])
    assert_stopped(stopped)
    assert stopped["duration"] == printed and printed <= 30, (printed, stopped)
    assert running(api) == []
