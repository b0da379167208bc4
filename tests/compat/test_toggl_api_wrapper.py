"""toggl-api-wrapper 2.2.0 against a live punchclock: real-clients.md §4.4.

The library covers `/me/logged`, `since` sync, `tag_action` add/remove with the strict
zip of `tags` and `tag_ids`, PATCH stop with 409 read as "already stopped", get by id
with 404 read as None, delete and bulk edit. The scenario script raises on any mismatch.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.compat.compat_checks import last_line
from tests.compat.compat_harness import (
    API_TOKEN,
    EMAIL,
    PASSWORD,
    ClientRun,
    PunchclockServer,
    run_client,
)
from tests.compat.compat_venvs import ClientVenv

pytestmark = pytest.mark.compat


def run_script(
    venv: ClientVenv, server: PunchclockServer, home: Path, script: str, env: dict[str, str]
) -> ClientRun:
    home.mkdir(parents=True)
    return run_client(venv, script, (), server=server, home=home, extra_env=env)


def test_toggl_api_wrapper_scenario(
    toggl_api_wrapper_venv: ClientVenv, punchclock_server: PunchclockServer, tmp_path: Path
) -> None:
    since = int(time.time()) - 60
    run = run_script(
        toggl_api_wrapper_venv,
        punchclock_server,
        tmp_path / "home",
        "toggl_api_wrapper_scenario.py",
        {"TOGGL_API_TOKEN": API_TOKEN},
    )
    run.expect(0)
    assert last_line(run) == "toggl-api-wrapper scenario OK", run.describe()

    # What the server stored: the bulk rename, the tag left after `remove`, the deletion
    # visible to `since` sync, both tag names auto-created in the workspace.
    api = punchclock_server.api
    synced = api.get("/me/time_entries", since=since)
    assert [(e["description"], e["tags"]) for e in synced] == [("Bulk renamed", ["dev"])], synced
    assert synced[0]["server_deleted_at"] and synced[0]["stop"] is not None, synced
    assert synced[0]["duration"] >= 0, synced
    assert api.get("/me/time_entries") == [], "the deleted entry is still listed"
    assert api.get("/me/time_entries/current") is None
    wid = api.get("/me")["default_workspace_id"]
    tags = {t["name"] for t in api.get(f"/workspaces/{wid}/tags")}
    assert tags == {"dev", "docs"}, tags


def test_toggl_api_wrapper_extra_auth_checks(
    toggl_api_wrapper_venv: ClientVenv, punchclock_server: PunchclockServer, tmp_path: Path
) -> None:
    # email:password from the environment -> True; an unknown token -> False (needs a 403).
    run = run_script(
        toggl_api_wrapper_venv,
        punchclock_server,
        tmp_path / "home",
        "toggl_api_wrapper_extra_checks.py",
        {"TOGGL_API_TOKEN": EMAIL, "TOGGL_PASSWORD": PASSWORD},
    )
    run.expect(0)
    assert last_line(run) == "toggl-api-wrapper extra checks OK", run.describe()


def test_toggl_api_wrapper_reports(
    toggl_api_wrapper_venv: ClientVenv, punchclock_server: PunchclockServer, tmp_path: Path
) -> None:
    # Detailed paging, totals, summary, weekly and two CSV exports through the library.
    run = run_script(
        toggl_api_wrapper_venv,
        punchclock_server,
        tmp_path / "home",
        "toggl_api_wrapper_reports.py",
        {"TOGGL_API_TOKEN": API_TOKEN},
    )
    run.expect(0)
    assert last_line(run) == "toggl-api-wrapper reports OK", run.describe()
