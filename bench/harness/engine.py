"""One engine and dataset size: databases, both servers, every workload in the interleaved order."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from datagen.storage import copy_sqlite, ensure_sqlite

from harness.client import http_request, token_auth
from harness.measure import measure
from harness.plan import FAMILY, FLOOR_WORKLOADS, ORDER
from harness.postgres import PG_DB, PG_FLOOR_DB, drop_postgres, prepare_postgres
from harness.processes import Sampler, Server, free_port, status_kb
from harness.read_workloads import list_path
from harness.report_checks import report_query
from harness.report_workloads import build_report_workloads
from harness.results import Result, best_of
from harness.settings import BENCH_DIR, BIN, Settings, log
from harness.workloads import build_workloads


def serve_cmd(settings: Settings, url: str, port: int) -> list[str]:
    """`punchclock serve` with one worker, pinned to the server CPU."""
    return [
        *settings.pin_server,
        str(BIN / "punchclock"),
        "serve",
        "--port",
        str(port),
        "--database-url",
        url,
        "--workers",
        "1",
    ]


def floor_cmd(settings: Settings, url: str, port: int, driver: str) -> list[str]:
    """bench/floor.py with `driver`, pinned to the server CPU."""
    return [
        *settings.pin_server,
        sys.executable,
        str(BENCH_DIR / "floor.py"),
        "--database-url",
        url,
        "--port",
        str(port),
        "--driver",
        driver,
    ]


def has_asyncpg() -> bool:
    """Whether the asyncpg floor can run (`make bench` tries to install it)."""
    try:
        import asyncpg  # noqa: F401
    except ImportError:
        return False
    return True


def _remove_sqlite_copies(out: Path) -> None:
    """Delete the run's working copies of the SQLite dataset (and their WAL files)."""
    for path in out.glob("*.sqlite3*"):
        path.unlink()


def run_engine(
    settings: Settings, engine: str, size: str, pg_base: str, only: set[str] | None = None
) -> tuple[list[Result], dict[str, Any]]:
    """Every workload of one engine and dataset size; returns results and run facts."""
    env = {**os.environ, "PUNCHCLOCK_LOG_LEVEL": "warning"}
    facts: dict[str, Any] = {}
    cleanup: list[Callable[[], None]] = []
    servers: list[Server] = []
    try:
        if engine == "sqlite":
            cached, meta = ensure_sqlite(size, log)
            pc_db = settings.out / f"punchclock-{size}.sqlite3"
            floor_db = settings.out / f"floor-{size}.sqlite3"
            began = time.monotonic()
            copy_sqlite(cached, pc_db)
            copy_sqlite(cached, floor_db)
            facts["copy_seconds"] = round(time.monotonic() - began, 1)
            pc_url, floor_url = f"sqlite:///{pc_db}", f"sqlite:///{floor_db}"
            cleanup.append(lambda: _remove_sqlite_copies(settings.out))
            floors = [("floor", "sqlite3")]
        else:
            meta = prepare_postgres(pg_base, size)
            cleanup.append(lambda: drop_postgres(pg_base))
            pc_url = f"{pg_base}/{PG_DB}"
            floor_url = f"{pg_base}/{PG_FLOOR_DB}"
            floors = [("floor", "psycopg")]
            if has_asyncpg():
                floors.append(("floor-asyncpg", "asyncpg"))
            else:
                log("  asyncpg is not installed: its floor line is skipped")
        port = free_port()
        pc = Server(
            "punchclock",
            serve_cmd(settings, pc_url, port),
            port,
            settings.out / f"server-{engine}-{size}-punchclock.log",
            env,
        )
        servers.append(pc)
        floor_servers = {}
        floor_families = {FAMILY.get(name, name) for name in only} if only else set()
        if only is not None and not floor_families & FLOOR_WORKLOADS:
            floors = []  # e.g. --only report-summary: no floor to compare with
        for label, driver in floors:
            fport = free_port()
            fs = Server(
                label,
                floor_cmd(settings, floor_url, fport, driver),
                fport,
                settings.out / f"server-{engine}-{size}-{label}.log",
                env,
            )
            floor_servers[label] = fs
            servers.append(fs)
        for server in servers:
            server.start()
        sampler = Sampler(servers)
        sampler.start()
        cleanup.append(sampler.halt.set)
        facts["startup_rss_mb"] = {
            s.name: round(status_kb(s.pids()[0], "VmRSS:") / 1024, 1) for s in servers if s.alive
        }
        workloads = {"punchclock": build_workloads(meta, "punchclock")}
        workloads["punchclock"].update(build_report_workloads(meta, report_query(engine, pc_url)))
        floor_workloads = build_workloads(meta, "floor")
        every: list[Result] = []
        for round_no in range(1, settings.rounds + 1):
            if settings.rounds > 1:
                log(f"  round {round_no} of {settings.rounds}")
            for who, name in ORDER:
                if who == "punchclock":
                    variants = [
                        w
                        for w in workloads["punchclock"].values()
                        if name in (w.name, w.base)
                        and (only is None or w.name in only or w.base in only)
                    ]
                    for workload in variants:
                        every.append(measure(settings, pc, workload, engine, size, "punchclock"))
                elif only is None or name in floor_families:
                    for label, fs in floor_servers.items():
                        every.append(
                            measure(settings, fs, floor_workloads[name], engine, size, label)
                        )
        results = best_of(every, settings.rounds)
        facts["list_identical"] = compare_list(meta, pc, floor_servers.get("floor"))
        for server in servers:
            server.sample()
            facts.setdefault("vmhwm_mb", {})[server.name] = round(server.hwm_kb / 1024, 1)
        return results, facts
    finally:
        for server in servers:
            server.stop()
        for step in reversed(cleanup):
            try:
                step()
            except Exception as error:
                log(f"  cleanup: {error}")


def compare_list(meta: dict[str, Any], pc: Server, floor: Server | None) -> str:
    """Whether Punchclock's and the floor's list bodies are byte-identical (same work?)."""
    if floor is None or not pc.alive or not floor.alive:
        return "not compared"
    user = meta["list"][0]
    path = list_path(user)
    try:
        _, a = http_request(pc.port, "GET", path, token_auth(user))
        _, b = http_request(floor.port, "GET", path, token_auth(user))
    except OSError as error:
        return f"not compared ({error})"
    if a == b:
        return f"identical ({len(a)} bytes)"
    same = json.loads(a) == json.loads(b)
    return f"differ: punchclock {len(a)} B, floor {len(b)} B, same JSON value: {same}"
