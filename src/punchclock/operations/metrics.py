"""Prometheus metrics: per-app registries in one process, shared files with several workers.

`punchclock serve --workers N` sets PROMETHEUS_MULTIPROC_DIR before the workers start
(server.py): each worker then writes its samples to files there and /metrics, answered by any
one worker, sums every worker's files (prometheus-client's multiprocess mode). Without the
variable each app has its own CollectorRegistry, so many apps can live in one process (tests).
"""

from __future__ import annotations

import os
from typing import Any

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    values,
)
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead
from sqlalchemy import event

from punchclock.config import Settings
from punchclock.db.engine import Database

MULTIPROC_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
UNMATCHED_ROUTE = "<unmatched>"
# Requests skipped before routing because their client had already hung up.
DEPARTED_ROUTE = "<client-gone>"
OTHER_METHOD = "OTHER"
# Any other method string a client sends is counted as OTHER: labels stay bounded.
KNOWN_METHODS = frozenset(("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"))
# Most answers take a millisecond or two; reports over a year take up to seconds.
LATENCY_BUCKETS = (
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
)  # fmt: skip
# The text format every Prometheus version reads (prometheus-client's own default when a
# scraper does not negotiate); Litestar appends "; charset=utf-8" to text/ media types.
CONTENT_TYPE = "text/plain; version=0.0.4"


def build_metrics(settings: Settings, db: Database) -> RequestMetrics | None:
    """The app's metrics, attached to its database; None when metrics are switched off."""
    if not settings.metrics_enabled:
        return None
    metrics = RequestMetrics(multiprocess_dir=os.environ.get(MULTIPROC_DIR_VARIABLE) or None)
    metrics.attach(db)
    return metrics


def _use_value_class(multiprocess: bool) -> None:
    # prometheus-client picks how samples are stored (memory or mmapped files) from the
    # environment once, when first imported; the variable may have been set since. Only a
    # mismatch is corrected: a second file-backed class would map the same files twice.
    if multiprocess == (values.ValueClass is values.MutexValue):
        values.ValueClass = (
            values.get_value_class()  # type: ignore[no-untyped-call]
            if multiprocess
            else values.MutexValue
        )


class RequestMetrics:
    """The metrics of one app: requests, latency, in flight, pool usage, SQLite busy retries."""

    def __init__(self, *, multiprocess_dir: str | None = None) -> None:
        self.multiprocess_dir = multiprocess_dir
        _use_value_class(multiprocess_dir is not None)
        # In multiprocess mode the samples live in files, not in a registry: metrics are
        # registered nowhere and each scrape collects the files into a fresh registry.
        self.registry = None if multiprocess_dir else CollectorRegistry(auto_describe=True)
        registry: Any = self.registry
        self.requests = Counter(
            "punchclock_http_requests",
            "HTTP requests answered, by method, route template and status.",
            ("method", "route", "status"),
            registry=registry,
        )
        self.latency = Histogram(
            "punchclock_http_request_duration_seconds",
            "Time from receiving a request to sending the end of its response.",
            ("method", "route"),
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.in_flight = Gauge(
            "punchclock_http_requests_in_flight",
            "HTTP requests being answered now.",
            registry=registry,
            multiprocess_mode="livesum",
        )
        self.connections_checked_out = Gauge(
            "punchclock_db_connections_checked_out",
            "Database connections taken from the pool and not yet returned.",
            registry=registry,
            multiprocess_mode="livesum",
        )
        self.busy_retries = Counter(
            "punchclock_sqlite_busy_retries",
            "Times a writer found SQLite's write lock taken and backed off before retrying.",
            registry=registry,
        )
        # (method, route, status) -> the counter and histogram children: labels() costs a
        # lock and several lookups, this a single dict lookup. Bounded like the labels.
        self._children: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    def attach(self, db: Database) -> None:
        """Count the database's checked-out connections and SQLite busy retries."""
        checked_out = self.connections_checked_out
        event.listen(db.engine, "checkout", lambda *_: checked_out.inc())
        event.listen(db.engine, "checkin", lambda *_: checked_out.dec())
        db.on_busy_retry = self.busy_retries.inc

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        """Record one answered request."""
        key = (method, route, status)
        children = self._children.get(key)
        if children is None:
            children = (
                self.requests.labels(method, route, str(status)),
                self.latency.labels(method, route),
            )
            self._children[key] = children
        children[0].inc()
        children[1].observe(seconds)

    def exposition(self) -> bytes:
        """Every sample in Prometheus' text format (summed over workers in multiprocess mode)."""
        if self.multiprocess_dir is None:
            assert self.registry is not None
            return generate_latest(self.registry)
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=self.multiprocess_dir)  # type: ignore[no-untyped-call]
        return generate_latest(registry)

    def close(self) -> None:
        """At shutdown: drop this worker's live gauges (in flight, pool) from the shared files."""
        if self.multiprocess_dir is not None:
            mark_process_dead(os.getpid(), self.multiprocess_dir)  # type: ignore[no-untyped-call]
