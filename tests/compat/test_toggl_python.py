"""toggl-python 0.3.2 against a live punchclock: real-clients.md §3.4.

toggl-python parses every response into strict pydantic models, so this is the
schema-conformance check: a missing or wrongly typed key makes the script raise.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.compat.compat_checks import last_line
from tests.compat.compat_harness import API_TOKEN, ClientRun, PunchclockServer, run_client
from tests.compat.compat_venvs import ClientVenv

pytestmark = pytest.mark.compat


def run_script(
    venv: ClientVenv, server: PunchclockServer, home: Path, script: str, token: str = API_TOKEN
) -> ClientRun:
    home.mkdir(parents=True)
    return run_client(
        venv, script, (), server=server, home=home, extra_env={"TOGGL_API_TOKEN": token}
    )


def test_toggl_python_scenario(
    toggl_python_venv: ClientVenv, punchclock_server: PunchclockServer, tmp_path: Path
) -> None:
    since = int(time.time()) - 60
    run = run_script(
        toggl_python_venv, punchclock_server, tmp_path / "home", "toggl_python_scenario.py"
    )
    run.expect(0)
    assert last_line(run) == "toggl-python scenario OK", run.describe()

    # The scenario ends by deleting its entry; the deletion must reach `since` sync.
    api = punchclock_server.api
    synced = api.get("/me/time_entries", since=since)
    assert [(e["description"], e["billable"]) for e in synced] == [("Probe renamed", True)], synced
    assert synced[0]["server_deleted_at"], synced
    assert api.get("/me/time_entries/current") is None


def test_toggl_python_extra_auth_checks(
    toggl_python_venv: ClientVenv, punchclock_server: PunchclockServer, tmp_path: Path
) -> None:
    run = run_script(
        toggl_python_venv, punchclock_server, tmp_path / "home", "toggl_python_extra_checks.py"
    )
    run.expect(0)
    assert last_line(run) == "toggl-python extra checks OK", run.describe()
