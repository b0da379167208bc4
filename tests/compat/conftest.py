"""Fixtures for the real-client acceptance tests (shared/reference/real-clients.md).

Every test here runs a published Toggl client, installed unmodified in its own cached
virtualenv, against a live `punchclock serve` subprocess.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest

from tests.compat.compat_harness import PunchclockServer, running_server
from tests.compat.compat_venvs import ClientVenv, InterpreterUnavailable, ensure_client_venv

COMPAT_DIR = Path(__file__).resolve().parent
SERVER_FIXTURE = "punchclock_server"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every test under tests/compat is a compat test, whether or not its module says so.
    for item in items:
        if COMPAT_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.compat)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, None]:
    # On failure, attach the server's own log to the report: the client's view of a
    # failing request is rarely enough to tell what the server did wrong.
    outcome = yield
    report = outcome.get_result()
    server = getattr(item, "funcargs", {}).get(SERVER_FIXTURE)
    if report.failed and isinstance(server, PunchclockServer):
        report.sections.append(("punchclock server log", server.log_excerpt(200)))


@pytest.fixture(scope="session")
def client_venv() -> Callable[[str], ClientVenv]:
    """Build-on-first-use factory: a run that needs only one client installs only that one."""
    cache: dict[str, ClientVenv] = {}

    def get(name: str) -> ClientVenv:
        if name not in cache:
            try:
                cache[name] = ensure_client_venv(name)
            except InterpreterUnavailable as exc:
                # CI must run every client; a developer machine may lack e.g. Python 3.13.
                message = f"cannot build the {name} venv: {exc}"
                if os.environ.get("CI", "").lower() in ("true", "1"):
                    pytest.fail(message, pytrace=False)
                pytest.skip(message)
        return cache[name]

    return get


@pytest.fixture(scope="session")
def togglcli_venv(client_venv: Callable[[str], ClientVenv]) -> ClientVenv:
    return client_venv("togglcli")


@pytest.fixture(scope="session")
def toggl_python_venv(client_venv: Callable[[str], ClientVenv]) -> ClientVenv:
    return client_venv("toggl-python")


@pytest.fixture(scope="session")
def toggl_api_wrapper_venv(client_venv: Callable[[str], ClientVenv]) -> ClientVenv:
    return client_venv("toggl-api-wrapper")


@pytest.fixture(scope="session")
def tgl_cli_venv(client_venv: Callable[[str], ClientVenv]) -> ClientVenv:
    return client_venv("tgl-cli")  # Python >= 3.13: skipped without one, failed under CI


@pytest.fixture
def punchclock_server(tmp_path: Path) -> Iterator[PunchclockServer]:
    """A fresh server and database per test, seeded with the identity of §1.1."""
    server_dir = tmp_path / "server"
    server_dir.mkdir()
    with running_server(server_dir) as server:
        yield server
