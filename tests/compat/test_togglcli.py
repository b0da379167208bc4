"""togglcli 4.0.1 against a live punchclock: the scenario of real-clients.md §2.5.

Each command runs the real CLI through clients/togglcli_punchclock.py with a fresh HOME,
TZ=UTC and stdin closed. We assert on its output and exit code, then check the server
state over plain HTTP, because togglcli is lenient and would hide wrong stored data.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.compat.compat_checks import (
    assert_running,
    assert_stopped,
    entries,
    entry,
    has,
    new_id,
    parse_ts,
    running,
)
from tests.compat.compat_harness import (
    API_TOKEN,
    EMAIL,
    PASSWORD,
    Api,
    ClientRun,
    PunchclockServer,
    run_client,
)
from tests.compat.compat_venvs import ClientVenv

pytestmark = pytest.mark.compat

TOKEN_AUTH = f"api_token = {API_TOKEN}"
PASSWORD_AUTH = f"username = {EMAIL}\npassword = {PASSWORD}"


class Toggl:
    """`toggl ARGS </dev/null` in one HOME whose .togglrc is written as in §2.2."""

    SCRIPT = "togglcli_punchclock.py"

    def __init__(self, venv: ClientVenv, server: PunchclockServer, home: Path, auth: str) -> None:
        home.mkdir(parents=True)
        (home / ".togglrc").write_text(
            f"[version]\nversion = 4.0.1\n\n[auth]\n{auth}\n\n[options]\ntz = UTC\nretries = 1\n"
        )
        self.venv, self.server, self.home = venv, server, home

    def __call__(self, *args: str, code: int = 0, env: dict[str, str] | None = None) -> ClientRun:
        run = run_client(
            self.venv, self.SCRIPT, args, server=self.server, home=self.home, extra_env=env
        )
        return run.expect(code)


def timer_cycle(toggl: Toggl, api: Api, wid: int) -> int:
    """Steps 5-8: start, now, stop (by PUT), ls. Returns the entry id."""
    has(toggl("start", "Write-docs"), r"^Started Write-docs$")
    live = running(api)
    assert len(live) == 1 and live[0]["description"] == "Write-docs", live
    assert_running(live[0])
    assert live[0]["workspace_id"] == wid, live[0]
    eid: int = live[0]["id"]

    now = toggl("now")
    has(now, rf"\AWrite-docs #{eid}$")
    has(now, r"^\s*Duration:\s+0:00:[0-5]\d$")
    has(now, r"^\s*Stop:\s*$")
    has(now, rf"^\s*Workspace:\s+Alice WS \(#{wid}\)$")

    time.sleep(2)
    has(toggl("stop"), r"^'Write-docs' was stopped$")
    stopped = entry(api, eid)
    assert_stopped(stopped)
    assert 2 <= stopped["duration"] <= 60, f"timer ran ~2-3 s, server says: {stopped}"
    assert "." not in stopped["stop"], f"stop must be whole seconds: {stopped['stop']!r}"
    assert api.get("/me/time_entries/current") is None

    listing = toggl("ls")
    has(listing, r"^\s*Description\s+Duration\s+Start\s+Stop\b")
    has(listing, r"^\s*Write-docs\s+0:00:[0-5]\d\s")
    return eid


def test_togglcli_scenario(
    togglcli_venv: ClientVenv, punchclock_server: PunchclockServer, tmp_path: Path
) -> None:
    api = punchclock_server.api
    toggl = Toggl(togglcli_venv, punchclock_server, tmp_path / "home", TOKEN_AUTH)
    me = api.get("/me")
    wid: int = me["default_workspace_id"]

    # 1-4: catalogue objects.
    cid = new_id(
        toggl("clients", "add", "--name", "Acme"), r"^Client 'Acme' with #(\d+) created\.$"
    )
    assert [(c["id"], c["name"]) for c in api.get(f"/workspaces/{wid}/clients")] == [(cid, "Acme")]
    run = toggl("projects", "add", "--name", "Website", "--client", "Acme")
    pid = new_id(run, r"^Project 'Website' with #(\d+) created\.$")
    project = api.get(f"/workspaces/{wid}/projects/{pid}")
    assert (project["name"], project["client_id"]) == ("Website", cid), project
    run = toggl("projects", "ls")
    has(run, r"^\s*Name\s+Client\s+Active\s+Id\s*$")
    has(run, rf"^\s*Website\s+Acme \(#{cid}\)\s+True\s+{pid}\s*$")
    tid = new_id(toggl("tags", "add", "--name", "dev"), r"^Tag 'dev' with #(\d+) created\.$")
    has(toggl("tags", "ls"), rf"^\s*dev\s+{tid}\s*$")
    assert (tid, "dev") in [(t["id"], t["name"]) for t in api.get(f"/workspaces/{wid}/tags")]

    # 5-8: a plain timer, stopped by PUT.
    docs_id = timer_cycle(toggl, api, wid)

    # 9: a manual entry yesterday (inside the default 9-day window, and the oldest).
    yday = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    run = toggl("add", f"{yday} 09:00", f"{yday} 10:30", "Manual entry")
    mid = new_id(run, r"^Time entry 'Manual entry' with #(\d+) created\.$")
    manual = entry(api, mid)
    assert_stopped(manual)
    assert manual["duration"] == 5400, manual
    assert parse_ts(manual["start"]) == datetime.fromisoformat(f"{yday}T09:00:00+00:00"), manual

    # 10: start with a project (looked up by name).
    has(toggl("start", "-o", "Website", "Coding"), r"^Started Coding$")
    cur = api.get("/me/time_entries/current")
    assert cur and cur["description"] == "Coding" and cur["project_id"] == pid, cur
    assert cur.get("pid") == pid, f"legacy 'pid' key missing or wrong: {cur}"
    assert_running(cur)
    coding_id: int = cur["id"]

    # 11: rename and tag the running entry (PUT with the complete tag list).
    run = toggl("now", "-d", "Coding renamed", "-a", "+dev")
    has(run, rf"\ACoding renamed #{coding_id}$")
    has(run, rf"^\s*Project:\s+Website \(#{pid}\)$")
    has(run, r"^\s*Tags:\s+dev$")
    cur = api.get("/me/time_entries/current")
    assert (cur["id"], cur["description"]) == (coding_id, "Coding renamed"), cur
    assert (cur["tags"], cur["tag_ids"]) == (["dev"], [tid]), cur

    # 12: a new timer; the server must auto-stop "Coding renamed". Starts are stored in whole
    # seconds and togglcli reverses the server order of equal starts, so give this one its own
    # second (a human would anyway) to keep step 13's newest-first check deterministic.
    time.sleep(1.1)
    has(toggl("start", "Second task"), r"^Started Second task$")
    assert_stopped(entry(api, coding_id))
    live = running(api)
    assert [e["description"] for e in live] == ["Second task"], live
    second_id: int = live[0]["id"]

    # 13: scripting output, newest first.
    run = toggl("-s", "--no-header", "ls", "-f", "id,description,stop,duration,tags")
    rows = [[c.strip() for c in line.split("\t")] for line in run.stdout.splitlines() if line]
    assert [int(r[0]) for r in rows] == [second_id, coding_id, docs_id, mid], run.describe()
    by_id = {int(r[0]): r for r in rows}
    assert by_id[second_id][1:3] == ["Second task", ""], run.describe()
    assert by_id[coding_id][2] and by_id[coding_id][4] == "dev", run.describe()
    assert by_id[mid][1] == "Manual entry" and by_id[mid][3] == "1:30:00", run.describe()

    # 14: continue; "Second task" must be auto-stopped.
    has(toggl("continue", "Coding renamed"), r"^Time entry 'Coding renamed' continue!$")
    cur = api.get("/me/time_entries/current")
    assert cur and cur["id"] not in (coding_id, second_id), cur
    assert (cur["description"], cur["project_id"], cur["tags"]) == ("Coding renamed", pid, ["dev"])
    assert cur["tag_ids"] == [tid], cur
    assert_stopped(entry(api, second_id))
    assert [e["id"] for e in running(api)] == [cur["id"]]

    # 15-16: stop, then nothing is running.
    has(toggl("stop"), r"^'Coding renamed' was stopped$")
    assert api.get("/me/time_entries/current") is None
    assert running(api) == []
    has(toggl("now", code=1), r"There is no time entry running!")
    has(toggl("stop", code=1), r"There is no time entry running!")

    # 17-18: delete; the deletion must surface through `since`.
    since = int(time.time()) - 3600
    has(toggl("rm", str(mid)), r"^Time entry successfully deleted!$")
    assert mid not in [e["id"] for e in entries(api)]
    synced = [e for e in api.get("/me/time_entries", since=since) if e["id"] == mid]
    assert len(synced) == 1 and synced[0]["server_deleted_at"], f"since={since}: {synced}"
    has(toggl("rm", "999999", code=44), r"Time entry not found!")

    # 19-20: workspaces and the user profile.
    has(toggl("workspaces", "ls"), rf"^\s*Alice WS\s+False\s+True\s+{wid}\s*$")
    run = toggl("me")
    assert run.stdout.splitlines()[0].strip() == f"alice@example.com #{me['id']}", run.describe()
    has(run, rf"^\s*Default workspace:\s+Alice WS \(#{wid}\)$")
    has(run, r"^\s*Timezone:\s+UTC$")


def test_togglcli_wrong_token_exits_43(
    togglcli_venv: ClientVenv, punchclock_server: PunchclockServer, tmp_path: Path
) -> None:
    # Step 21: the env token overrides .togglrc; togglcli maps only 403 to exit 43.
    toggl = Toggl(togglcli_venv, punchclock_server, tmp_path / "home", TOKEN_AUTH)
    run = toggl("ls", code=43, env={"TOGGL_API_TOKEN": "f" * 32})
    assert "ERROR: Authentication credentials are not correct." in run.stderr, run.describe()
    resp = punchclock_server.api.request("GET", "/me", auth=("f" * 32, "api_token"))
    assert resp.status_code == 403, f"GET /me with an unknown token: {resp.status_code} {resp.text}"


def test_togglcli_email_password_auth(
    togglcli_venv: ClientVenv, punchclock_server: PunchclockServer, tmp_path: Path
) -> None:
    # Step 22: steps 5-8 again, authenticated with Basic email:password.
    toggl = Toggl(togglcli_venv, punchclock_server, tmp_path / "home", PASSWORD_AUTH)
    wid: int = punchclock_server.api.get("/me")["default_workspace_id"]
    timer_cycle(toggl, punchclock_server.api, wid)
