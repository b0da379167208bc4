"""serve(): every setting reaches the worker processes (issue 10, point 6).

Worker processes rebuild their settings from PUNCHCLOCK_* variables. These tests capture the
environment at the moment serve() hands over to uvicorn (uvicorn.run is replaced, nothing is
served) and check that it rebuilds exactly the settings serve() was given.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

import punchclock.server as server
from punchclock.config import Settings, SettingsError
from tests.settings_examples import non_default_settings


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    """What serve() passed to uvicorn.run, and the environment at that moment."""
    calls: dict[str, Any] = {}

    def fake_run(app: Any, **kwargs: Any) -> None:
        calls["app"] = app
        calls["kwargs"] = kwargs
        calls["env"] = dict(os.environ)

    monkeypatch.setattr(server.uvicorn, "run", fake_run)
    monkeypatch.setattr(server, "upgrade", lambda url: calls.setdefault("upgraded", url))
    # Stale values for every setting, as a shell or an earlier run might leave them: the
    # workers must see the settings given to serve(), not these. (monkeypatch restores them.)
    for f in fields(Settings):
        monkeypatch.setenv(f"PUNCHCLOCK_{f.name.upper()}", "stale")
    monkeypatch.setenv(server.MULTIPROC_DIR_VARIABLE, str(tmp_path / "metrics"))
    return calls


def test_workers_rebuild_exactly_the_settings_given_to_serve(
    captured: dict[str, Any], tmp_path: Path
) -> None:
    settings = non_default_settings(f"sqlite:///{tmp_path / 'pc.db'}", log_level="warning")
    default = Settings()
    assert all(
        getattr(settings, f.name) != getattr(default, f.name)
        for f in fields(Settings)
        if f.name != "extra"
    ), "every field must differ from its default, or a dropped one goes unnoticed"

    server.serve(settings, workers=2)

    assert captured["upgraded"] == settings.database_url
    assert Settings.from_env(captured["env"]) == settings
    kwargs = captured["kwargs"]
    assert captured["app"] == "punchclock.server:app_from_environment"
    assert kwargs["factory"] is True and kwargs["workers"] == 2
    # Options uvicorn applies in each worker come from the same settings.
    assert (kwargs["host"], kwargs["port"]) == ("0.0.0.0", 9191)
    assert kwargs["timeout_keep_alive"] == 1.5
    factory = kwargs["http"]
    assert (factory.header_timeout, factory.body_timeout) == (2.5, 4.0)


def test_a_worker_builds_its_app_from_that_environment(
    captured: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = non_default_settings(f"sqlite:///{tmp_path / 'pc.db'}", log_level="warning")
    server.serve(settings, workers=2)
    # What a worker process starts with: the supervisor's environment.
    for name, value in captured["env"].items():
        monkeypatch.setenv(name, value)
    app = server.app_from_environment()
    try:
        assert app.state.settings == settings
    finally:
        app.state.db.dispose()


def test_the_protocol_factory_survives_pickling_for_workers() -> None:
    factory = pickle.loads(pickle.dumps(server.protocol_factory(2.5, 4.0)))
    assert (factory.header_timeout, factory.body_timeout) == (2.5, 4.0)


def test_one_worker_serves_the_settings_object_itself(
    captured: dict[str, Any], tmp_path: Path
) -> None:
    settings = non_default_settings(f"sqlite:///{tmp_path / 'pc.db'}", log_level="warning")
    server.serve(settings, workers=1)
    app = captured["app"]
    try:
        assert app.state.settings is settings
        assert captured["kwargs"]["workers"] is None
        # Nothing was written for workers that do not exist.
        assert captured["env"]["PUNCHCLOCK_PORT"] == "stale"
    finally:
        app.state.db.dispose()


def test_settings_that_cannot_reach_workers_stop_serve_before_anything_runs(
    captured: dict[str, Any],
) -> None:
    settings = Settings(extra={"something": "only this process knows"})
    with pytest.raises(SettingsError, match="extra"):
        server.serve(settings, workers=2)
    assert "upgraded" not in captured and "app" not in captured
    assert server.worker_environment(Settings(port=9000))["PUNCHCLOCK_PORT"] == "9000"
