"""Operability (issue 10, point 5): /healthz, /readyz, /metrics and the access log."""

from __future__ import annotations

import asyncio
import logging
import random
import socket
import sqlite3
import string
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar.testing import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text
from sqlalchemy.engine import make_url

from punchclock.app import create_app
from punchclock.clock import FrozenClock
from punchclock.config import Settings
from punchclock.db.engine import Database
from punchclock.db.migrate import current_head
from punchclock.operations import health
from punchclock.operations.metrics import RequestMetrics
from punchclock.operations.middleware import MAX_LOGGED_PATH, OperationsMiddleware
from tests.conftest import API, Account

TOKEN = "metrics-s3cret"
ENTRY_ROUTE = "/api/v9/workspaces/{workspace_id}/time_entries/{time_entry_id}"


def _samples(exposition: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of an exposition, by name and labels."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(exposition)
        for sample in family.samples
    }


def _value(exposition: str, name: str, **labels: str) -> float | None:
    return _samples(exposition).get((name, frozenset(labels.items())))


def _app_client(settings: Settings, clock: FrozenClock) -> TestClient[Any]:
    return TestClient(create_app(settings, clock=clock))


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _unreachable_url(settings: Settings, tmp_path: Path) -> str:
    if settings.is_sqlite:
        return f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'punchclock.db'}"
    return make_url(settings.database_url).set(port=_closed_port()).render_as_string(False)


# --- health and readiness ---------------------------------------------------------------


def test_healthz_and_readyz_answer_200_without_authentication(client: TestClient[Any]) -> None:
    health_response = client.get("/healthz")
    assert health_response.status_code == 200
    assert health_response.json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json() == {"status": "ok", "checks": {"database": "ok", "migrations": "ok"}}


def test_the_operations_routes_are_not_under_the_toggl_api(client: TestClient[Any]) -> None:
    for path in ("/healthz", "/readyz", "/metrics"):
        assert client.get(f"{API}{path}").status_code == 404


@pytest.fixture
def migrations_behind(database: Database) -> Iterator[None]:
    """The database says it is at the first revision (restored afterwards: PostgreSQL's
    session database is shared by every test)."""
    head = current_head()
    with database.transaction(write=True) as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    try:
        yield
    finally:
        with database.transaction(write=True) as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :h"), {"h": head})


def test_readyz_is_503_when_migrations_are_behind(
    migrations_behind: None, client: TestClient[Any]
) -> None:
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failed"] == "migrations"
    assert body["checks"]["database"] == "ok"
    assert "0001" in body["checks"]["migrations"]
    assert str(current_head()) in body["checks"]["migrations"]
    # Liveness does not depend on the database.
    assert client.get("/healthz").status_code == 200


def test_readyz_is_503_when_the_schema_was_never_migrated(
    settings: Settings, clock: FrozenClock, tmp_path: Path
) -> None:
    if not settings.is_sqlite:
        pytest.skip("an empty SQLite file stands for a database nobody migrated")
    empty = settings.with_overrides(database_url=f"sqlite:///{tmp_path / 'empty.db'}")
    with _app_client(empty, clock) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == "migrations"


def test_readyz_is_503_at_once_when_the_database_is_unreachable(
    settings: Settings, clock: FrozenClock, tmp_path: Path
) -> None:
    unreachable = settings.with_overrides(database_url=_unreachable_url(settings, tmp_path))
    with _app_client(unreachable, clock) as client:
        started = time.monotonic()
        response = client.get("/readyz")
        elapsed = time.monotonic() - started
        assert client.get("/healthz").status_code == 200
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == "database"
    assert body["checks"]["database"].startswith("unreachable")
    assert elapsed < 2


def test_readyz_gives_up_on_a_database_that_never_answers(
    clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A socket that completes TCP handshakes (the backlog) but never speaks: a connect
    # would wait forever, as behind a firewall that drops packets.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    port = silent.getsockname()[1]
    monkeypatch.setattr(health, "READINESS_TIMEOUT_SECONDS", 0.3)
    settings = Settings(database_url=f"postgresql://nobody@127.0.0.1:{port}/nothing")
    try:
        with _app_client(settings, clock) as client:
            started = time.monotonic()
            response = client.get("/readyz")
            elapsed = time.monotonic() - started
            # The event loop was free meanwhile and still is.
            assert client.get("/healthz").status_code == 200
    finally:
        silent.close()  # resets the pending connection: the abandoned check thread ends
    assert response.status_code == 503
    assert response.json()["failed"] == "database"
    assert "no answer" in response.json()["checks"]["database"]
    assert elapsed < 1.5


# --- metrics ----------------------------------------------------------------------------


def test_metrics_count_requests_by_route_template_and_status(
    client: TestClient[Any], alice: Account
) -> None:
    wid = alice.workspace_id
    for _ in range(3):
        assert client.get(f"{API}/me", headers=alice.headers).status_code == 200
    assert client.get(f"{API}/me").status_code == 401
    deleted = client.delete(f"{API}/workspaces/{wid}/time_entries/999", headers=alice.headers)
    assert deleted.status_code == 200
    missing = client.get(f"{API}/me/time_entries/999", headers=alice.headers)
    assert missing.status_code == 404
    assert client.get("/no/such/path").status_code == 404

    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    body = response.text
    count = "punchclock_http_requests_total"
    assert _value(body, count, method="GET", route="/api/v9/me", status="200") == 3
    assert _value(body, count, method="GET", route="/api/v9/me", status="401") == 1
    assert _value(body, count, method="DELETE", route=ENTRY_ROUTE, status="200") == 1
    my_entry = "/api/v9/me/time_entries/{time_entry_id}"
    assert _value(body, count, method="GET", route=my_entry, status="404") == 1
    assert _value(body, count, method="GET", route="<unmatched>", status="404") == 1
    latency = "punchclock_http_request_duration_seconds"
    assert _value(body, f"{latency}_count", method="GET", route="/api/v9/me") == 4
    assert _value(body, f"{latency}_bucket", method="GET", route="/api/v9/me", le="+Inf") == 4
    assert (_value(body, f"{latency}_sum", method="GET", route="/api/v9/me") or 0) > 0
    # The scrape itself is the one request in flight.
    assert _value(body, "punchclock_http_requests_in_flight") == 1
    assert _value(body, "punchclock_db_connections_checked_out") == 0
    assert _value(body, "punchclock_sqlite_busy_retries_total") == 0


def test_metrics_show_checked_out_database_connections(client: TestClient[Any]) -> None:
    db: Database = client.app.state.db
    gauge = "punchclock_db_connections_checked_out"
    with db.engine.connect(), db.engine.connect():
        assert _value(client.get("/metrics").text, gauge) == 2
    assert _value(client.get("/metrics").text, gauge) == 0


def test_metrics_count_sqlite_busy_retries(
    settings: Settings, clock: FrozenClock, alice: Account
) -> None:
    if not settings.is_sqlite:
        pytest.skip("SQLite's write lock only")
    app = create_app(settings, clock=clock)
    wid = alice.workspace_id
    entry = {"created_with": "metrics-test", "workspace_id": wid, "start": "2026-11-27T10:00:00Z"}
    # Another process's connection holds the write lock, as a second worker would.
    other = sqlite3.connect(settings.database_url.removeprefix("sqlite:///"), timeout=0)
    other.isolation_level = None

    async def scenario() -> str:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            other.execute("BEGIN IMMEDIATE")
            write = asyncio.create_task(
                http.post(f"{API}/workspaces/{wid}/time_entries", json=entry, auth=alice.auth)
            )
            await asyncio.sleep(0.15)
            other.execute("ROLLBACK")
            assert (await write).status_code == 200
            return (await http.get("/metrics")).text

    try:
        body = asyncio.run(scenario())
    finally:
        other.close()
        app.state.db.dispose()
    assert (_value(body, "punchclock_sqlite_busy_retries_total") or 0) >= 2


def test_hostile_paths_and_methods_do_not_create_label_values(
    clock: FrozenClock, tmp_path: Path
) -> None:
    # Almost no route matches ("/." and "/.." are the web app's home, `/`), so the database is
    # barely touched: one engine is enough.
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'unused.db'}", access_log=False)
    app = create_app(settings, clock=clock)
    rng = random.Random(10)
    alphabet = string.ascii_letters + string.digits + "-._~%"

    async def scenario() -> str:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            for n in range(10_000):
                path = "/" + "".join(rng.choices(alphabet, k=rng.randint(1, 40)))
                method = "GET" if n % 2 else f"X{n}"
                await http.request(method, path)
            return (await http.get("/metrics")).text

    try:
        body = asyncio.run(scenario())
    finally:
        app.state.db.dispose()
    requests = {
        labels: value
        for (name, labels), value in _samples(body).items()
        if name == "punchclock_http_requests_total"
    }
    assert len(requests) <= 8, requests
    routes = {dict(labels)["route"] for labels in requests}
    methods = {dict(labels)["method"] for labels in requests}
    assert routes <= {"<unmatched>", "/metrics", "/"}
    assert methods <= {"GET", "OTHER"}
    assert sum(requests.values()) == 10_000


def test_metrics_can_be_switched_off(settings: Settings, clock: FrozenClock) -> None:
    with _app_client(settings.with_overrides(metrics_enabled=False), clock) as client:
        assert client.get("/metrics").status_code == 404
        assert client.get("/healthz").status_code == 200


def test_metrics_token_is_required_when_set(
    settings: Settings, clock: FrozenClock, alice: Account
) -> None:
    with _app_client(settings.with_overrides(metrics_token=TOKEN), clock) as client:
        assert client.get("/metrics").status_code == 401
        wrong = client.get("/metrics", headers={"Authorization": "Bearer not-the-token"})
        assert wrong.status_code == 401
        assert wrong.headers["www-authenticate"] == "Bearer"
        assert client.get("/metrics", headers=alice.headers).status_code == 401
        no_scheme = client.get("/metrics", headers={"Authorization": TOKEN})
        assert no_scheme.status_code == 401
        right = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert right.status_code == 200
        assert "punchclock_http_requests_total" in right.text
        # Health and readiness stay open to probes.
        assert client.get("/healthz").status_code == 200


# --- access log -------------------------------------------------------------------------


def _access_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "punchclock.access"]


def test_one_access_log_line_per_request(
    client: TestClient[Any], alice: Account, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="punchclock.access"):
        client.get(f"{API}/me?secret=query-secret", headers=alice.headers)
        client.get(f"{API}/me", auth=(alice.email, alice.password))
        client.get(f"{API}/me", headers={"Authorization": "Basic bm9wZTpub3Bl"})
        client.get(f"{API}/me/time_entries/7", headers=alice.headers)
    lines = _access_lines(caplog)
    assert len(lines) == 4, lines
    first = lines[0]
    assert first.startswith("method=GET route=/api/v9/me status=200 duration_ms=")
    assert first.endswith(f"user_id={alice.id}")
    float(first.split("duration_ms=")[1].split()[0])
    assert lines[1].endswith(f"user_id={alice.id}")
    assert "status=403" in lines[2]
    assert lines[2].endswith("user_id=-")
    assert lines[3].startswith(
        "method=GET route=/api/v9/me/time_entries/{time_entry_id} status=404"
    )
    everything = "\n".join(lines)
    for secret in (alice.token, alice.password, "Basic", "bm9wZTpub3Bl", "query-secret"):
        assert secret not in everything
    assert "authorization" not in everything.lower()


def test_access_log_shows_unmatched_paths_short_and_on_one_line(
    client: TestClient[Any], caplog: pytest.LogCaptureFixture
) -> None:
    hostile = "/x%0Aforged line " + "a" * 5000
    with caplog.at_level(logging.INFO, logger="punchclock.access"):
        client.get(hostile)
    (line,) = _access_lines(caplog)
    route = line.split("route=")[1].split(" status=")[0]
    assert "\n" not in line
    assert " " not in route
    assert len(route) <= MAX_LOGGED_PATH + 3
    assert route.startswith("/x%0Aforged%20line")
    assert "status=404" in line


def test_access_log_can_be_switched_off(
    settings: Settings, clock: FrozenClock, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        _app_client(settings.with_overrides(access_log=False), clock) as client,
        caplog.at_level(logging.INFO, logger="punchclock.access"),
    ):
        assert client.get("/healthz").status_code == 200
        assert client.get(f"{API}/me").status_code == 401
        # Metrics are still collected.
        assert "punchclock_http_requests_total" in client.get("/metrics").text
    assert _access_lines(caplog) == []


def test_a_request_that_fails_before_answering_is_counted_and_logged_as_500(
    caplog: pytest.LogCaptureFixture,
) -> None:
    metrics = RequestMetrics()

    async def broken(scope: Any, receive: Any, send: Any) -> None:
        scope["path_template"] = "/broken"
        raise RuntimeError("boom")

    async def scenario() -> None:
        middleware = OperationsMiddleware(broken, metrics, access_log=True)
        scope = {"type": "http", "method": "GET", "path": "/broken", "headers": []}
        with pytest.raises(RuntimeError):
            await middleware(scope, None, None)  # type: ignore[arg-type]

    with caplog.at_level(logging.INFO, logger="punchclock.access"):
        asyncio.run(scenario())
    body = metrics.exposition().decode()
    count = "punchclock_http_requests_total"
    assert _value(body, count, method="GET", route="/broken", status="500") == 1
    assert _value(body, "punchclock_http_requests_in_flight") == 0
    assert "route=/broken status=500" in _access_lines(caplog)[0]
