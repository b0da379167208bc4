"""/metrics with several worker processes: every worker's samples, summed (multiprocess mode)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families

from tests.concurrency.live_server import TOKEN, seed_user, start_server

REQUESTS = 120


def _me_count(samples: list[tuple[str, dict[str, str], float]]) -> float:
    return sum(
        value
        for name, labels, value in samples
        if name == "punchclock_http_requests_total"
        and labels.get("route") == "/api/v9/me"
        and labels.get("status") == "200"
    )


def _scrape(url: str) -> list[tuple[str, dict[str, str], float]]:
    # A new connection each time, so scrapes are answered by either worker.
    response = httpx.get(f"{url}/metrics", timeout=10)
    assert response.status_code == 200, response.text
    return [
        (sample.name, sample.labels, sample.value)
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    ]


def test_metrics_sum_requests_over_two_workers(live_database_url: str, tmp_path: Path) -> None:
    seed_user(live_database_url)
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    server = start_server(
        live_database_url,
        tmp_path,
        workers=2,
        env={"PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)},
    )
    try:

        def get_me(_: int) -> int:
            # A new connection per request: the two workers share the listening socket.
            response = httpx.get(f"{server.url}/api/v9/me", auth=(TOKEN, "api_token"), timeout=30)
            return response.status_code

        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(get_me, range(REQUESTS)))
        assert statuses == [200] * REQUESTS
        assert httpx.get(f"{server.url}/readyz", timeout=10).status_code == 200

        for _ in range(4):
            samples = _scrape(server.url)
            assert _me_count(samples) == REQUESTS
            gauges = {name: value for name, labels, value in samples if not labels}
            # Live gauges are summed over the workers: only the scrape itself is in flight.
            assert gauges["punchclock_http_requests_in_flight"] == 1
            assert gauges["punchclock_db_connections_checked_out"] == 0
            assert gauges["punchclock_sqlite_busy_retries_total"] >= 0

        # Each worker wrote its own file; between them they hold every request.
        per_worker = []
        for path in sorted(metrics_dir.glob("counter_*.db")):
            merged = MultiProcessCollector.merge([str(path)], accumulate=True)
            per_worker.append(
                _me_count(
                    [(s.name, s.labels, s.value) for family in merged for s in family.samples]
                )
            )
        assert len(per_worker) == 2, per_worker
        assert sum(per_worker) == REQUESTS
    finally:
        server.stop()
    # Live gauges of workers that stopped are removed with them.
    assert not list(metrics_dir.glob("gauge_live*"))
