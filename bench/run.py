"""Benchmark runner: Punchclock against a raw-ASGI floor, same machine, same run.

For each engine it starts `punchclock serve` (one worker) and the floor server (bench/floor.py),
both pinned to one core, and drives them with `wrk` pinned to another core over loopback. Every
Punchclock figure is printed as a ratio to the floor of its workload family, measured minutes
apart in the same run (workloads are interleaved: floor, then Punchclock, family by family).

    python bench/run.py --quick                       # 10k entries, SQLite, short runs (<3 min)
    python bench/run.py --size 1m --engines sqlite,postgresql --scale-check
    python bench/run.py --quick --profile list,create # + py-spy profiles of those workloads
    python bench/run.py --only report-summary,report-detailed  # Reports v3 latency, no floor

See bench/README.md for what each workload measures.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import datetime as dt
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
LUA_DIR = BENCH_DIR / "lua"
OUT_DIR = BENCH_DIR / ".out"
sys.path.insert(0, str(BENCH_DIR))

import dataset  # noqa: E402

BIN = Path(sys.executable).parent
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432"
PG_DB = "punchclock_bench"
PG_FLOOR_DB = "punchclock_bench_floor"

# Which floor each workload is compared with.
FAMILY = {
    "list": "list",
    "list-meta": "list",
    "current": "current",
    "me-token": "me",
    "me-password": "me",
    "create": "create",
    "start-stop": "create",
    "put": "create",
    "bulk50": "bulk",
}
FLOOR_WORKLOADS = {"list", "current", "me", "create", "bulk"}
# Interleaved order: each family's floor right before Punchclock's workloads of that family.
ORDER = [
    ("floor", "list"),
    ("punchclock", "list"),
    ("punchclock", "list-meta"),
    ("floor", "current"),
    ("punchclock", "current"),
    ("floor", "me"),
    ("punchclock", "me-token"),
    ("punchclock", "me-password"),
    ("floor", "create"),
    ("punchclock", "create"),
    ("punchclock", "start-stop"),
    ("punchclock", "put"),
    ("floor", "bulk"),
    ("punchclock", "bulk50"),
    # Reports v3 (issue 6): latency targets, no floor. Each runs at every REPORT_CONNECTIONS.
    ("punchclock", "report-detailed"),
    ("punchclock", "report-totals"),
    ("punchclock", "report-summary"),
    ("punchclock", "report-weekly"),
]
REPORTS = ("report-detailed", "report-totals", "report-summary", "report-weekly")
# Reports are latency targets: few connections, so p50 is service time, not queueing.
REPORT_CONNECTIONS = (1, 4)
# Report ranges over the dataset (which ends the day before dataset.END_DATE), inclusive dates.
REPORT_YEAR = (
    dataset.END_DATE - dt.timedelta(days=365),
    dataset.END_DATE - dt.timedelta(days=1),
)
REPORT_WEEK = (dt.date(2026, 11, 9), dt.date(2026, 11, 15))  # Monday to Sunday
REPORT_PAGE = 50


def log(message: str) -> None:
    print(message, flush=True)


# ---- environment -----------------------------------------------------------------------------


def ensure_wrk() -> str:
    """The wrk binary, installing the Debian package when missing and possible."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("wrk is missing: apt-get install -y wrk")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, env=env)
        found = shutil.which("wrk")
        if found:
            return found
    raise SystemExit(
        "wrk is not installed: run `sudo apt-get update && sudo apt-get install -y wrk` "
        "(Debian/Ubuntu) or build it from source, then rerun."
    )


def pinning() -> tuple[list[str], list[str], str]:
    """taskset prefixes for the server and the load generator, and a description."""
    cpus = sorted(os.sched_getaffinity(0))
    if shutil.which("taskset") and len(cpus) >= 2:
        server, load = cpus[0], cpus[1]
        return (
            ["taskset", "-c", str(server)],
            ["taskset", "-c", str(load)],
            f"server on CPU {server}, wrk on CPU {load}",
        )
    return [], [], "no pinning (taskset missing or a single CPU)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def token_auth(user: dict[str, Any]) -> str:
    return basic(user["token"], "api_token")


# ---- servers and RSS -------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    found.append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return found


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    """utime + stime of a process, in seconds."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def _status_kb(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Server:
    """A server process we started (pinned), its log, and its memory."""

    def __init__(self, name: str, cmd: list[str], port: int, log_path: Path, env: dict[str, str]):
        self.name = name
        self.cmd = cmd
        self.port = port
        self.log_path = log_path
        self.env = env
        self.proc: subprocess.Popen[bytes] | None = None
        self.peak_kb = 0  # since the last mark()
        self.hwm_kb = 0

    def start(self, timeout: float = 90.0) -> None:
        handle = open(self.log_path, "ab")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(
            self.cmd, stdout=handle, stderr=subprocess.STDOUT, env=self.env, cwd=ROOT
        )
        handle.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.proc.returncode} during start-up; "
                    f"see {self.log_path}:\n{tail(self.log_path)}"
                )
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not listen on port {self.port} in {timeout:.0f}s")

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def pids(self) -> list[int]:
        if not self.alive:
            return []
        assert self.proc is not None
        return [self.proc.pid, *_children(self.proc.pid)]

    def cpu_seconds(self) -> float:
        return sum(_cpu_seconds(pid) for pid in self.pids())

    def sample(self) -> None:
        pids = self.pids()
        rss = sum(_status_kb(pid, "VmRSS:") for pid in pids)
        hwm = sum(_status_kb(pid, "VmHWM:") for pid in pids)
        self.peak_kb = max(self.peak_kb, rss)
        self.hwm_kb = max(self.hwm_kb, hwm)

    def mark(self) -> None:
        self.peak_kb = 0
        self.sample()

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.sample()
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


class Sampler(threading.Thread):
    """Samples every server's RSS (with children) ten times a second."""

    def __init__(self, servers: list[Server]) -> None:
        super().__init__(daemon=True)
        self.servers = servers
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.wait(0.1):
            for server in list(self.servers):
                server.sample()


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# ---- plain HTTP (verification) ----------------------------------------------------------------


def http_request(
    port: int, method: str, path: str, auth: str, body: str | None = None
) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": auth}
    if body is not None:
        headers["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


# ---- workloads -------------------------------------------------------------------------------


@dataclass
class Workload:
    name: str
    script: str
    lines: list[str]
    check: Callable[[int], str]  # port -> note; raises AssertionError on a wrong answer
    note: str = ""
    connections: int | None = None  # wrk -c for this workload (None: --connections)
    base: str = ""  # the workload this is a concurrency variant of (reports: `name@cN`)


@dataclass
class Result:
    engine: str
    size: str
    server: str
    workload: str
    rps: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    requests: int = 0
    errors: int = 0
    rss_mb: float | None = None
    cpu_us: float | None = None  # server CPU time (user + system) per request
    cpu_util: float | None = None  # server CPU time / wall time of the timed run
    ratio: float | None = None
    cpu_ratio: float | None = None  # floor CPU per request / this CPU per request
    note: str = ""
    failed: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _line(method: str, path: str, auth: str, body: str = "") -> str:
    assert "\t" not in body and "\n" not in body
    return f"{method}\t{path}\t{auth}\t{body}"


def _json(body: object) -> str:
    return json.dumps(body, separators=(",", ":"))


def build_workloads(meta: dict[str, Any], server: str) -> dict[str, Workload]:
    """The workloads for one server ('punchclock' or a floor) over this dataset's metadata."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    wl: dict[str, Workload] = {}

    def list_path(user: dict[str, Any], meta_flag: bool = False) -> str:
        path = (
            f"/api/v9/me/time_entries?start_date={user['start_date']}&end_date={user['end_date']}"
        )
        return path + "&meta=true" if meta_flag else path

    def check_list(meta_flag: bool) -> Callable[[int], str]:
        def check(port: int) -> str:
            counts = []
            for user in meta["list"]:
                status, body = http_request(
                    port, "GET", list_path(user, meta_flag), token_auth(user)
                )
                assert status == 200, f"list: HTTP {status} {body[:200]!r}"
                entries = json.loads(body)
                assert len(entries) == user["expected"], (
                    f"list: user {user['id']} got {len(entries)} entries, "
                    f"expected {user['expected']}"
                )
                if meta_flag:
                    assert any("project_name" in e for e in entries), "meta=true without names"
                counts.append((len(entries), len(body)))
            n = [c for c, _ in counts]
            size = sum(b for _, b in counts) / len(counts)
            return f"{min(n)}-{max(n)} entries, {size / 1024:.1f} KB avg"

        return check

    wl["list"] = Workload(
        "list",
        "replay.lua",
        [_line("GET", list_path(u), token_auth(u)) for u in meta["list"]],
        check_list(False),
    )

    def check_current(port: int) -> str:
        for user in meta["current"]:
            status, body = http_request(
                port, "GET", "/api/v9/me/time_entries/current", token_auth(user)
            )
            assert status == 200, f"current: HTTP {status} {body[:200]!r}"
            entry = json.loads(body)
            assert entry and entry["id"] == user["running_id"], f"current: {body[:200]!r}"
        return f"{len(meta['current'])} users with a running entry"

    wl["current"] = Workload(
        "current",
        "replay.lua",
        [_line("GET", "/api/v9/me/time_entries/current", token_auth(u)) for u in meta["current"]],
        check_current,
    )

    def check_me(auth: Callable[[dict[str, Any]], str]) -> Callable[[int], str]:
        def check(port: int) -> str:
            first = []
            for user in meta["current"]:
                began = time.perf_counter()
                status, body = http_request(port, "GET", "/api/v9/me", auth(user))
                first.append(time.perf_counter() - began)
                assert status == 200, f"me: HTTP {status} {body[:200]!r}"
                assert json.loads(body)["email"] == user["email"], "me: wrong user"
            began = time.perf_counter()
            http_request(port, "GET", "/api/v9/me", auth(meta["current"][0]))
            again = time.perf_counter() - began
            return f"first request {max(first) * 1000:.0f} ms max, repeat {again * 1000:.1f} ms"

        return check

    password = meta["password"]
    me_name = "me" if server != "punchclock" else "me-token"
    wl[me_name] = Workload(
        me_name,
        "replay.lua",
        [_line("GET", "/api/v9/me", token_auth(u)) for u in meta["current"]],
        check_me(token_auth),
    )

    def pw_auth(u: dict[str, Any]) -> str:
        return basic(u["email"], password)

    wl["me-password"] = Workload(
        "me-password",
        "replay.lua",
        [_line("GET", "/api/v9/me", pw_auth(u)) for u in meta["current"]],
        check_me(pw_auth),
    )

    def create_body(user: dict[str, Any], description: str) -> str:
        return _json(
            {
                "created_with": "punchclock-bench",
                "description": description,
                "billable": False,
                "workspace_id": user["workspace_id"],
                "project_id": user["project_id"],
                "tag_ids": user["tag_ids"],
                "start": now,
                "duration": -1,
            }
        )

    def check_create(port: int) -> str:
        user = meta["create"][0]
        status, body = http_request(
            port,
            "POST",
            f"/api/v9/workspaces/{user['workspace_id']}/time_entries",
            token_auth(user),
            create_body(user, "Bench timer"),
        )
        assert status == 200, f"create: HTTP {status} {body[:300]!r}"
        entry = json.loads(body)
        assert entry["stop"] is None and entry["tag_ids"] == user["tag_ids"], f"create: {entry}"
        return f"running entry with 2 tags, {len(body)} B"

    wl["create"] = Workload(
        "create",
        "replay.lua",
        [
            _line(
                "POST",
                f"/api/v9/workspaces/{u['workspace_id']}/time_entries",
                token_auth(u),
                create_body(u, "Bench timer"),
            )
            for u in meta["create"]
        ],
        check_create,
    )

    def check_startstop(port: int) -> str:
        user = meta["startstop"][0]
        wid = user["workspace_id"]
        status, body = http_request(
            port,
            "POST",
            f"/api/v9/workspaces/{wid}/time_entries",
            token_auth(user),
            create_body(user, "Bench start/stop"),
        )
        assert status == 200, f"start: HTTP {status} {body[:300]!r}"
        entry_id = json.loads(body)["id"]
        status, body = http_request(
            port,
            "PATCH",
            f"/api/v9/workspaces/{wid}/time_entries/{entry_id}/stop",
            token_auth(user),
        )
        assert status == 200 and json.loads(body)["stop"], f"stop: HTTP {status} {body[:300]!r}"
        return "start then stop"

    wl["start-stop"] = Workload(
        "start-stop",
        "startstop.lua",
        [
            f"{token_auth(u)}\t{u['workspace_id']}\t{u['id']}\t{create_body(u, 'Bench start/stop')}"
            for u in meta["startstop"]
        ],
        check_startstop,
    )

    def put_body(user: dict[str, Any]) -> str:
        return _json(
            {"description": "Edited by bench", "tag_ids": user["tag_ids"], "billable": True}
        )

    def check_put(port: int) -> str:
        target = meta["put"][0]
        status, body = http_request(
            port,
            "PUT",
            f"/api/v9/workspaces/{target['workspace_id']}/time_entries/{target['entry_id']}",
            token_auth(target),
            put_body(target),
        )
        assert status == 200, f"put: HTTP {status} {body[:300]!r}"
        assert json.loads(body)["description"] == "Edited by bench", "put: not applied"
        return f"{len(meta['put'])} stopped entries of {len({t['id'] for t in meta['put']})} users"

    wl["put"] = Workload(
        "put",
        "replay.lua",
        [
            _line(
                "PUT",
                f"/api/v9/workspaces/{t['workspace_id']}/time_entries/{t['entry_id']}",
                token_auth(t),
                put_body(t),
            )
            for t in meta["put"]
        ],
        check_put,
    )

    bulk_body = _json([{"op": "replace", "path": "/description", "value": "Bulk edited by bench"}])

    def bulk_path(target: dict[str, Any]) -> str:
        ids = ",".join(str(i) for i in target["ids"])
        return f"/api/v9/workspaces/{target['workspace_id']}/time_entries/{ids}"

    def check_bulk(port: int) -> str:
        target = meta["bulk"][0]
        status, body = http_request(port, "PATCH", bulk_path(target), token_auth(target), bulk_body)
        assert status == 200, f"bulk: HTTP {status} {body[:300]!r}"
        result = json.loads(body)
        assert len(result["success"]) == 50 and not result["failure"], f"bulk: {result}"
        return "50 ids per request, all succeed"

    wl["bulk50" if server == "punchclock" else "bulk"] = Workload(
        "bulk50" if server == "punchclock" else "bulk",
        "replay.lua",
        [_line("PATCH", bulk_path(t), token_auth(t), bulk_body) for t in meta["bulk"]],
        check_bulk,
    )
    wl["list-meta"] = Workload(
        "list-meta",
        "replay.lua",
        [_line("GET", list_path(u, True), token_auth(u)) for u in meta["list"]],
        check_list(True),
    )
    if server != "punchclock":
        return {name: w for name, w in wl.items() if name in FLOOR_WORKLOADS}
    return {name: w for name, w in wl.items() if name in FAMILY}


# ---- Reports v3 workloads (issue 6) -----------------------------------------------------------

# A query on Punchclock's own database (the runner's copy): SQL with `?` placeholders -> rows.
Query = Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]

_LIVE_STOPPED = (
    "workspace_id = ? AND server_deleted_at IS NULL AND stop IS NOT NULL"
    " AND start >= ? AND start < ?"
)


def report_admins(meta: dict[str, Any]) -> list[dict[str, Any]]:
    """The admin (first user) of every workspace, with the known token (see dataset.py)."""
    admins = []
    for wid in range(1, int(meta.get("workspaces", dataset.N_WORKSPACES)) + 1):
        uid = (wid - 1) * dataset.USERS_PER_WS + 1
        admins.append(
            {
                "id": uid,
                "workspace_id": wid,
                "token": dataset.api_token(uid),
                "timezone": dataset.timezone_of(uid),
            }
        )
    return admins


def _day_start(day: dt.date, zone: str) -> int:
    """The instant `day` begins in `zone`, as punchclock.reports.rules.day_start computes it."""
    from zoneinfo import ZoneInfo

    return int(dt.datetime.combine(day, dt.time(), tzinfo=ZoneInfo(zone)).timestamp())


def _report_seconds(body: Any) -> int:
    """Total seconds of a summary (`{"groups": [...]}`) or weekly (list of rows) answer."""
    if isinstance(body, dict) and "groups" in body:
        total = 0
        for group in body["groups"] or []:
            subs = group.get("sub_groups")
            if subs:
                total += sum(_report_seconds(sub) for sub in subs)
            else:
                total += _report_seconds(group)
        return total
    if isinstance(body, list):
        return sum(_report_seconds(row) for row in body)
    if isinstance(body, dict):
        seconds = body.get("seconds", 0)
        return sum(s or 0 for s in seconds) if isinstance(seconds, list) else int(seconds or 0)
    raise AssertionError(f"unexpected report shape: {str(body)[:200]}")


def build_report_workloads(meta: dict[str, Any], query: Query) -> dict[str, Workload]:
    """report-detailed/-totals/-summary/-weekly at each of REPORT_CONNECTIONS, over the admins.

    Each check compares the answer with SQL on the runner's copy of the database, with the
    report's day boundaries (midnight in the admin's timezone): the summary's, totals' and
    weekly's seconds equal the sum over the workspace's stopped live entries in range, and the
    detailed page holds the 50 newest of them, in order. The first check of a workload covers
    all 50 admins; later ones (next rounds, other concurrency) three of them.
    """
    admins = report_admins(meta)
    zones: dict[int, str] = {}

    def zone_of(admin: dict[str, Any]) -> str:
        # The server uses the timezone stored on the user; read it, not the generator's.
        if admin["id"] not in zones:
            rows = query("SELECT timezone FROM users WHERE id = ?", (admin["id"],))
            zones[admin["id"]] = rows[0][0] if rows and rows[0][0] else "UTC"
        return zones[admin["id"]]

    def bounds(admin: dict[str, Any], days: tuple[dt.date, dt.date]) -> tuple[int, int]:
        zone = zone_of(admin)
        return _day_start(days[0], zone), _day_start(days[1] + dt.timedelta(days=1), zone)

    def expected(admin: dict[str, Any], days: tuple[dt.date, dt.date]) -> tuple[int, int]:
        start, end = bounds(admin, days)
        rows = query(
            f"SELECT COUNT(*), COALESCE(SUM(stop - start), 0) FROM time_entries"
            f" WHERE {_LIVE_STOPPED}",
            (admin["workspace_id"], start, end),
        )
        return int(rows[0][0]), int(rows[0][1])

    def body(days: tuple[dt.date, dt.date], **extra: Any) -> str:
        return _json({"start_date": days[0].isoformat(), "end_date": days[1].isoformat(), **extra})

    specs: dict[str, tuple[str, tuple[dt.date, dt.date], dict[str, Any]]] = {
        "report-detailed": ("search/time_entries", REPORT_YEAR, {"page_size": REPORT_PAGE}),
        "report-totals": ("search/time_entries/totals", REPORT_YEAR, {}),
        "report-summary": ("summary/time_entries", REPORT_YEAR, {}),
        "report-weekly": ("weekly/time_entries", REPORT_WEEK, {}),
    }
    checked: set[str] = set()

    def make_check(name: str) -> Callable[[int], str]:
        path, days, extra = specs[name]

        def check(port: int) -> str:
            sample = admins if name not in checked else admins[:: max(1, len(admins) // 3)][:3]
            counts, sizes, first_ms = [], [], []
            for admin in sample:
                url = f"/reports/api/v3/workspace/{admin['workspace_id']}/{path}"
                began = time.perf_counter()
                status, raw_body = http_request(
                    port, "POST", url, token_auth(admin), body(days, **extra)
                )
                first_ms.append((time.perf_counter() - began) * 1000)
                assert status == 200, f"{name}: HTTP {status} {raw_body[:300]!r}"
                answer = json.loads(raw_body)
                count, seconds = expected(admin, days)
                assert count > 0, f"{name}: workspace {admin['workspace_id']} has no entries"
                counts.append(count)
                sizes.append(len(raw_body))
                wid = admin["workspace_id"]
                if name == "report-detailed":
                    start, end = bounds(admin, days)
                    ids = [
                        row[0]
                        for row in query(
                            f"SELECT id FROM time_entries WHERE {_LIVE_STOPPED}"
                            f" ORDER BY start DESC, id DESC LIMIT {REPORT_PAGE}",
                            (wid, start, end),
                        )
                    ]
                    got = [e["id"] for row in answer for e in row["time_entries"]]
                    assert got == ids, (
                        f"{name}: workspace {wid}: first page ids {got[:5]}... "
                        f"expected {ids[:5]}... ({len(got)} vs {len(ids)})"
                    )
                    assert [row["row_number"] for row in answer] == list(
                        range(1, len(answer) + 1)
                    ), f"{name}: row numbers"
                else:
                    total = (
                        int(answer["seconds"])
                        if name == "report-totals"
                        else _report_seconds(answer)
                    )
                    assert total == seconds, (
                        f"{name}: workspace {wid}: {total} s, expected {seconds} s "
                        f"(SQL over {count} stopped live entries)"
                    )
            checked.add(name)
            what = "seconds = SQL sum"
            if name == "report-detailed":
                what = "first page = SQL's 50 newest"
            return (
                f"{len(sample)} admins checked, {min(counts):,}-{max(counts):,} entries in range, "
                f"{what}, {sum(sizes) / len(sizes) / 1024:.1f} KB avg, "
                f"unwarmed {max(first_ms):.0f} ms max"
            )

        return check

    wl: dict[str, Workload] = {}
    for name, (path, days, extra) in specs.items():
        lines = [
            _line(
                "POST",
                f"/reports/api/v3/workspace/{a['workspace_id']}/{path}",
                token_auth(a),
                body(days, **extra),
            )
            for a in admins
        ]
        check = make_check(name)
        for conns in REPORT_CONNECTIONS:
            variant = f"{name}@c{conns}"
            wl[variant] = Workload(
                variant, "replay.lua", lines, check, connections=conns, base=name
            )
    return wl


def report_query(engine: str, url: str) -> Query:
    """A Query on Punchclock's database: sqlite3 on the file, or psycopg on the database."""

    def query(sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        if engine == "sqlite":
            conn = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30)
            try:
                return list(conn.execute(sql, params).fetchall())
            finally:
                conn.close()
        import psycopg

        with psycopg.connect(url, autocommit=True) as pg:
            return list(pg.execute(sql.replace("?", "%s"), params).fetchall())

    return query


# ---- wrk -------------------------------------------------------------------------------------


@dataclass
class Settings:
    duration: int
    warmup: int
    connections: int
    pin_server: list[str]
    pin_load: list[str]
    out: Path
    wrk: str
    profile: set[str]
    rounds: int = 1
    retries: int = 3


def run_wrk(
    settings: Settings, port: int, workload: Workload, reqfile: Path, duration: int, tag: str
) -> dict[str, Any]:
    cmd = [
        *settings.pin_load,
        settings.wrk,
        "-t1",
        f"-c{workload.connections or settings.connections}",
        f"-d{duration}s",
        "--latency",
        "--timeout",
        "10s",
        "-s",
        workload.script,
        f"http://127.0.0.1:{port}",
        "--",
        str(reqfile),
    ]
    done = subprocess.run(
        cmd, cwd=LUA_DIR, capture_output=True, text=True, timeout=duration + 60, check=False
    )
    (settings.out / f"wrk-{tag}.txt").write_text(done.stdout + done.stderr)
    for line in done.stdout.splitlines():
        if line.startswith("BENCHJSON "):
            return dict(json.loads(line[len("BENCHJSON ") :]))
    raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr.strip()[:500]}")


def measure(
    settings: Settings,
    server: Server,
    workload: Workload,
    engine: str,
    size: str,
    label: str,
) -> Result:
    """Verify with plain requests, warm up, then time one wrk run (retrying a broken server)."""
    result = Result(engine, size, label, workload.name)
    tag = f"{engine}-{size}-{label}-{workload.name}"
    reqfile = settings.out / f"req-{tag}.tsv"
    reqfile.write_text("\n".join(workload.lines) + "\n")
    last_error = ""
    for attempt in range(1, settings.retries + 1):
        try:
            if not server.alive:
                log(f"  {label} is not running; restarting it")
                server.start()
            result.note = workload.check(server.port)
            if settings.warmup:
                run_wrk(settings, server.port, workload, reqfile, settings.warmup, tag + "-warmup")
            server.mark()
            cpu_before = server.cpu_seconds()
            stats = run_wrk(settings, server.port, workload, reqfile, settings.duration, tag)
            cpu_used = server.cpu_seconds() - cpu_before
            server.sample()
            break
        except (AssertionError, OSError, RuntimeError, ValueError, KeyError) as error:
            last_error = f"{type(error).__name__}: {error}"
            log(f"  {label} {workload.name}: attempt {attempt} failed: {last_error}")
            time.sleep(2 * attempt)
    else:
        result.failed = last_error
        return result
    seconds = stats["duration_us"] / 1e6
    errors = stats["connect"] + stats["read"] + stats["write"] + stats["timeout"] + stats["status"]
    result.requests = stats["requests"]
    result.rps = stats["requests"] / seconds if seconds else None
    result.p50_ms = stats["p50_us"] / 1000
    result.p99_ms = stats["p99_us"] / 1000
    result.errors = errors
    result.rss_mb = server.peak_kb / 1024
    if stats["requests"] and seconds:
        result.cpu_us = cpu_used * 1e6 / stats["requests"]
        result.cpu_util = cpu_used / seconds
    result.extra = {k: stats[k] for k in ("started", "stopped", "failed") if k in stats}
    if result.extra:
        result.note = (
            f"{stats['started']} starts + {stats['stopped']} stops, {stats['failed']} failed"
        )
    if errors > 0.01 * max(1, stats["requests"]):
        result.failed = f"{errors} errors of {stats['requests']} requests (see wrk-{tag}.txt)"
    log(
        f"  {label:<14} {workload.name:<12} {result.rps or 0:>9,.0f} req/s  "
        f"p50 {result.p50_ms:6.2f} ms  p99 {result.p99_ms:7.2f} ms  "
        f"CPU {fmt(result.cpu_us, '5.0f')} us/req "
        f"({fmt(result.cpu_util and 100 * result.cpu_util, '3.0f')}%)  "
        f"RSS {result.rss_mb:5.0f} MB  {result.note}"
        + (f"  !! {result.failed}" if result.failed else "")
    )
    profiled = workload.name in settings.profile or (
        workload.base in settings.profile and workload.connections == REPORT_CONNECTIONS[0]
    )
    if label == "punchclock" and profiled:
        profile(settings, server, workload, reqfile, tag)
    return result


# ---- profiling -------------------------------------------------------------------------------


def profile(
    settings: Settings, server: Server, workload: Workload, reqfile: Path, tag: str
) -> None:
    """py-spy over a second run of the workload: collapsed stacks + a top-functions summary."""
    spy = BIN / "py-spy"
    if not spy.exists():
        found = shutil.which("py-spy")
        if not found:
            log("  (profiling skipped: `.venv/bin/pip install py-spy` first)")
            return
        spy = Path(found)
    assert server.proc is not None
    raw = settings.out / f"profile-{tag}.txt"
    duration = max(5, settings.duration)
    spy_proc = subprocess.Popen(
        [
            str(spy),
            "record",
            "--pid",
            str(server.proc.pid),
            "--duration",
            str(duration + 1),
            "--rate",
            "200",
            "--format",
            "raw",
            "--output",
            str(raw),
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.5)
    run_wrk(settings, server.port, workload, reqfile, duration, tag + "-profiled")
    _, err = spy_proc.communicate(timeout=60)
    if not raw.exists():
        log(f"  (py-spy failed: {err.strip()[:300]})")
        return
    summary = summarise_profile(raw)
    (settings.out / f"profile-{tag}-summary.txt").write_text(summary)
    log(f"  py-spy profile of {workload.name}: {raw.name} (speedscope.app reads it)\n{summary}")


def _frame_name(frame: str) -> tuple[str, str]:
    """(readable frame name, package) from a py-spy raw frame `function (path:line)`."""
    match = re.match(r"(.*) \((.*?)(?::\d+)?\)$", frame.strip())
    if not match:
        return frame.strip(), "?"
    function, path = match.groups()
    for marker in ("site-packages/", "/src/", "lib/python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    package = path.split("/", 1)[0].removesuffix(".py") if "/" in path else path
    return f"{function} ({path})", package


def summarise_profile(raw: Path, top: int = 20) -> str:
    """Self time by package and function, and inclusive time below the common trunk."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    packages: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [_frame_name(f) for f in stack.split(";") if f.strip()]
        if not frames:
            continue
        total += count
        own[frames[-1][0]] += count
        packages[frames[-1][1]] += count
        for name in {name for name, _ in frames}:
            inclusive[name] += count
    if not total:
        return "    (no samples)\n"
    lines = [f"    {total} samples. Self time by package:"]
    lines += [f"    {100 * n / total:5.1f}%  {name}" for name, n in packages.most_common(10)]
    lines.append(f"    self time by function (top {top}):")
    lines += [f"    {100 * n / total:5.1f}%  {name}" for name, n in own.most_common(top)]
    # Frames present in (nearly) every sample are the server's trunk: skip them.
    below = [(name, n) for name, n in inclusive.most_common() if n < 0.75 * total]
    lines.append(f"    inclusive time below the request trunk (top {top}):")
    lines += [f"    {100 * n / total:5.1f}%  {name}" for name, n in below[:top]]
    return "\n".join(lines) + "\n"


# ---- one engine ------------------------------------------------------------------------------


def serve_cmd(settings: Settings, url: str, port: int) -> list[str]:
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
    try:
        import asyncpg  # noqa: F401
    except ImportError:
        return False
    return True


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
            cached, meta = dataset.ensure_sqlite(size, log)
            pc_db = settings.out / f"punchclock-{size}.sqlite3"
            floor_db = settings.out / f"floor-{size}.sqlite3"
            began = time.monotonic()
            dataset.copy_sqlite(cached, pc_db)
            dataset.copy_sqlite(cached, floor_db)
            facts["copy_seconds"] = round(time.monotonic() - began, 1)
            pc_url, floor_url = f"sqlite:///{pc_db}", f"sqlite:///{floor_db}"
            cleanup.append(lambda: [p.unlink() for p in settings.out.glob("*.sqlite3*")])
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
            s.name: round(_status_kb(s.pids()[0], "VmRSS:") / 1024, 1) for s in servers if s.alive
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


def best_of(every: list[Result], rounds: int) -> list[Result]:
    """One result per (server, workload): the round with the highest req/s (noise only slows)."""
    if rounds == 1:
        return every
    chosen: dict[tuple[str, str], Result] = {}
    for r in every:
        key = (r.server, r.workload)
        best = chosen.get(key)
        if best is None or (r.rps or 0) > (best.rps or 0):
            chosen[key] = r
    for r in chosen.values():
        tried = [x.rps for x in every if (x.server, x.workload) == (r.server, r.workload) and x.rps]
        r.note += f" (best of {rounds}: {', '.join(f'{v:,.0f}' for v in tried)})"
    return list(chosen.values())


def compare_list(meta: dict[str, Any], pc: Server, floor: Server | None) -> str:
    """Whether Punchclock's and the floor's list bodies are byte-identical (same work?)."""
    if floor is None or not pc.alive or not floor.alive:
        return "not compared"
    user = meta["list"][0]
    path = f"/api/v9/me/time_entries?start_date={user['start_date']}&end_date={user['end_date']}"
    try:
        _, a = http_request(pc.port, "GET", path, token_auth(user))
        _, b = http_request(floor.port, "GET", path, token_auth(user))
    except OSError as error:
        return f"not compared ({error})"
    if a == b:
        return f"identical ({len(a)} bytes)"
    same = json.loads(a) == json.loads(b)
    return f"differ: punchclock {len(a)} B, floor {len(b)} B, same JSON value: {same}"


# ---- PostgreSQL ------------------------------------------------------------------------------


def _admin(pg_base: str) -> Any:
    import psycopg

    return psycopg.connect(f"{pg_base}/postgres", autocommit=True)


def drop_postgres(pg_base: str) -> None:
    with _admin(pg_base) as conn:
        for name in (PG_FLOOR_DB, PG_DB):
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def prepare_postgres(pg_base: str, size: str) -> dict[str, Any]:
    """Fresh bench databases: the dataset COPY-loaded once, the floor's a template copy."""
    drop_postgres(pg_base)
    with _admin(pg_base) as conn:
        conn.execute(f"CREATE DATABASE {PG_DB}")
    meta = dataset.write_postgres(f"{pg_base}/{PG_DB}", size, log)
    with _admin(pg_base) as conn:
        conn.execute(f"CREATE DATABASE {PG_FLOOR_DB} TEMPLATE {PG_DB}")
    return meta


def postgres_available(pg_base: str) -> str | None:
    try:
        with _admin(pg_base) as conn:
            return str(conn.execute("SHOW server_version").fetchone()[0])
    except Exception as error:
        log(f"PostgreSQL at {pg_base} is not reachable ({error}); skipping it")
        return None


# ---- reporting -------------------------------------------------------------------------------


def fill_ratios(results: list[Result]) -> None:
    floors = {(r.engine, r.size, r.workload): r for r in results if r.server == "floor" and r.rps}
    for r in results:
        base = floors.get((r.engine, r.size, FAMILY.get(r.workload, r.workload)))
        if base is None or not r.rps:
            continue
        r.ratio = r.rps / (base.rps or 1)
        if r.cpu_us and base.cpu_us:
            r.cpu_ratio = base.cpu_us / r.cpu_us


def fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def table(results: list[Result]) -> str:
    head = (
        "| engine | size | server | workload | req/s | p50 ms | p99 ms | vs floor | errors "
        "| peak RSS MB | CPU us/req | CPU ratio | server CPU % | notes |"
    )
    rows = [head, "|" + "---|" * 14]
    for r in results:
        ratio = "floor" if r.server == "floor" else fmt(r.ratio, ".2f")
        cpu_ratio = "floor" if r.server == "floor" else fmt(r.cpu_ratio, ".2f")
        note = (r.failed and f"FAILED: {r.failed}") or r.note
        rows.append(
            f"| {r.engine} | {r.size} | {r.server} | {r.workload} | {fmt(r.rps, ',.0f')} "
            f"| {fmt(r.p50_ms, '.2f')} | {fmt(r.p99_ms, '.2f')} | {ratio} | {r.errors} "
            f"| {fmt(r.rss_mb, '.0f')} | {fmt(r.cpu_us, '.0f')} | {cpu_ratio} "
            f"| {fmt(r.cpu_util and 100 * r.cpu_util, '.0f')} | {note} |"
        )
    return "\n".join(rows)


def find(
    results: list[Result], engine: str, size: str, server: str, workload: str
) -> Result | None:
    for r in results:
        if (r.engine, r.size, r.server, r.workload) == (engine, size, server, workload) and r.rps:
            return r
    return None


def target_lines(results: list[Result], sizes: list[str], facts: dict[str, Any]) -> list[str]:
    """The issue's targets, checked against this run."""
    lines = []
    big = sizes[0]
    for engine in sorted({r.engine for r in results}):
        pcs = [
            r for r in results if r.engine == engine and r.size == big and r.server == "punchclock"
        ]
        if not pcs:
            continue
        if engine == "sqlite":
            for name, target in (("list", 0.90), ("create", 0.80)):
                r = find(results, engine, big, "punchclock", name)
                if r and r.ratio is not None:
                    verdict = "ok" if r.ratio >= target else "MISSED"
                    lines.append(
                        f"{engine}: {name} ratio {r.ratio:.2f} (target >= {target}) {verdict}; "
                        f"CPU ratio {fmt(r.cpu_ratio, '.2f')}"
                    )
        else:
            worst = min((r.ratio for r in pcs if r.ratio is not None), default=None)
            for name in ("list", "current", "create"):
                r = find(results, engine, big, "punchclock", name)
                if r and r.ratio is not None:
                    verdict = "ok" if r.ratio >= 0.6 else "MISSED"
                    lines.append(f"{engine}: {name} ratio {r.ratio:.2f} (target >= 0.6) {verdict}")
                fa = find(results, engine, big, "floor-asyncpg", FAMILY.get(name, name))
                if r and fa and fa.rps:
                    lines.append(f"{engine}: {name} vs asyncpg floor {r.rps / fa.rps:.2f}")
            if worst is not None:
                lines.append(f"{engine}: lowest ratio of any workload {worst:.2f}")
        for name in ("list", "current", "create", "start-stop"):
            r = find(results, engine, big, "punchclock", name)
            if r and r.p99_ms is not None:
                verdict = "ok" if r.p99_ms < 25 else "MISSED"
                lines.append(f"{engine}: {name} p99 {r.p99_ms:.1f} ms (target < 25) {verdict}")
        tok = find(results, engine, big, "punchclock", "me-token")
        pw = find(results, engine, big, "punchclock", "me-password")
        if tok and pw and tok.rps and pw.rps:
            cost = tok.rps / pw.rps - 1
            verdict = "ok" if cost <= 0.10 else "MISSED"
            cpu_cost = (
                f"{100 * (pw.cpu_us / tok.cpu_us - 1):+.0f}%" if pw.cpu_us and tok.cpu_us else "-"
            )
            lines.append(
                f"{engine}: email:password costs {100 * cost:+.0f}% req/s vs token "
                f"(target <= +10%) {verdict}; CPU per request {cpu_cost}"
            )
        lines += report_target_lines(results, engine, big)
        peak = max((r.rss_mb for r in pcs if r.rss_mb), default=None)
        if peak is not None:
            verdict = "ok" if peak < 150 else "MISSED"
            hwm = facts.get(f"{engine}-{big}", {}).get("vmhwm_mb", {}).get("punchclock")
            lines.append(
                f"{engine}: punchclock peak RSS during timed runs {peak:.0f} MB (target < 150) "
                f"{verdict}; VmHWM over the whole run {fmt(hwm, '.0f')} MB (includes the "
                "first argon2 verifications, 64 MiB each)"
            )
    if len(sizes) > 1:
        small = sizes[1]
        for name in ("list", "current", "create"):
            a = find(results, "sqlite", big, "punchclock", name)
            b = find(results, "sqlite", small, "punchclock", name)
            if a and b and a.p50_ms and b.p50_ms and a.p99_ms and b.p99_ms:
                grow = a.p50_ms / b.p50_ms - 1
                verdict = "ok" if grow <= 0.20 else "MISSED"
                lines.append(
                    f"sqlite: {name} p50 at {big} vs {small}: {a.p50_ms:.2f} vs {b.p50_ms:.2f} ms "
                    f"({100 * grow:+.0f}%, p99 {a.p99_ms:.1f} vs {b.p99_ms:.1f} ms; "
                    f"target <= +20%) {verdict}"
                )
    return lines


def report_target_lines(results: list[Result], engine: str, size: str) -> list[str]:
    """Issue 6: one-year summary p50 < 100 ms, detailed page p50 < 50 ms (at -c1)."""
    lines = []
    c1, c4 = REPORT_CONNECTIONS[0], REPORT_CONNECTIONS[-1]
    for name, label, limit in (
        ("report-summary", "summary one-year", 100),
        ("report-detailed", "detailed page", 50),
    ):
        r = find(results, engine, size, "punchclock", f"{name}@c{c1}")
        if r is None or r.p50_ms is None:
            continue
        verdict = "ok" if r.p50_ms < limit else "MISSED"
        more = find(results, engine, size, "punchclock", f"{name}@c{c4}")
        also = (
            f"; -c{c4} p50 {fmt(more.p50_ms, '.1f')} ms, {fmt(more.rps, ',.0f')} req/s"
            if more
            else ""
        )
        lines.append(
            f"{engine}: {label} p50 {r.p50_ms:.1f} ms at {size} -c{c1} (target < {limit} ms) "
            f"{verdict}; p99 {fmt(r.p99_ms, '.1f')} ms, {fmt(r.rps, ',.0f')} req/s{also}"
        )
    for name in ("report-totals", "report-weekly"):
        r = find(results, engine, size, "punchclock", f"{name}@c{c1}")
        if r is not None and r.p50_ms is not None:
            lines.append(
                f"{engine}: {name.removeprefix('report-')} p50 {r.p50_ms:.1f} ms, "
                f"p99 {fmt(r.p99_ms, '.1f')} ms at {size} -c{c1} (no target)"
            )
    return lines


def environment(pin: str) -> dict[str, Any]:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    cpu = ""
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    return {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "pinning": pin,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted_files": len(git("status", "--porcelain").splitlines()),
        "loadavg_at_start": os.getloadavg(),
    }


# ---- main ------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="10k entries, SQLite only, 3 s runs; ends with the bench-quick line",
    )
    parser.add_argument("--size", choices=sorted(dataset.SIZES), default="1m")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--duration", type=int, help="seconds per timed run (default 10; quick 3)")
    parser.add_argument(
        "--warmup", type=int, help="seconds of warm-up per run (default 2; quick 1)"
    )
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="repeat every workload N times, interleaved; keep the best req/s",
    )
    parser.add_argument(
        "--scale-check",
        action="store_true",
        help="also time list/current/create on the 10k SQLite dataset",
    )
    parser.add_argument("--only", help="comma-separated workloads (e.g. list,create)")
    parser.add_argument(
        "--profile", default="", help="comma-separated Punchclock workloads to profile with py-spy"
    )
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG),
        help="server URL without a database name",
    )
    args = parser.parse_args()

    if args.quick:
        args.size, args.engines = "10k", "sqlite"
    duration = args.duration or (3 if args.quick else 10)
    warmup = args.warmup if args.warmup is not None else (1 if args.quick else 2)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    only = {w.strip() for w in args.only.split(",")} if args.only else None
    wrk = ensure_wrk()
    pin_server, pin_load, pin_text = pinning()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = OUT_DIR / f"{stamp}-{'quick' if args.quick else args.size}"
    out.mkdir(parents=True, exist_ok=True)
    settings = Settings(
        duration=duration,
        warmup=warmup,
        connections=args.connections,
        pin_server=pin_server,
        pin_load=pin_load,
        out=out,
        wrk=wrk,
        profile={p.strip() for p in args.profile.split(",") if p.strip()},
        rounds=max(1, args.rounds),
    )
    env_facts = environment(pin_text)
    log(
        f"bench: {args.size} entries, engines {', '.join(engines)}, wrk -t1 -c{args.connections} "
        f"-d{duration}s (+{warmup}s warm-up), {pin_text}; output in {out.relative_to(ROOT)}"
    )
    began = time.monotonic()
    results: list[Result] = []
    facts: dict[str, Any] = {}
    sizes = [args.size]
    for engine in engines:
        if engine == "postgresql":
            version = postgres_available(args.postgres_url)
            if version is None:
                continue
            env_facts["postgresql"] = version
        elif engine != "sqlite":
            raise SystemExit(f"unknown engine {engine!r}")
        log(f"[{engine} {args.size}]")
        engine_results, engine_facts = run_engine(
            settings, engine, args.size, args.postgres_url, only
        )
        results += engine_results
        facts[f"{engine}-{args.size}"] = engine_facts
        log(f"  facts: {engine_facts}")
    if args.scale_check and args.size != "10k":
        log("[sqlite 10k: scale check]")
        scale_only = {"list", "current", "create"}
        engine_results, engine_facts = run_engine(
            settings, "sqlite", "10k", args.postgres_url, scale_only
        )
        results += engine_results
        facts["sqlite-10k"] = engine_facts
        sizes.append("10k")
    fill_ratios(results)
    env_facts["loadavg_at_end"] = os.getloadavg()
    elapsed = time.monotonic() - began
    targets = target_lines(results, sizes, facts)
    report = "\n".join(
        [
            f"# Punchclock bench {stamp} ({'quick' if args.quick else args.size})",
            "",
            f"Environment: {json.dumps(env_facts)}",
            "",
            table(results),
            "",
            "Targets (issues 5 and 6):",
            *[f"- {line}" for line in targets],
            "",
            f"Facts: {json.dumps(facts)}",
            f"Elapsed: {elapsed:.0f}s",
        ]
    )
    (out / "results.md").write_text(report + "\n")
    (out / "results.json").write_text(
        json.dumps(
            {"environment": env_facts, "facts": facts, "results": [r.__dict__ for r in results]},
            indent=1,
        )
    )
    log("")
    log(table(results))
    log("")
    for line in targets:
        log(f"target: {line}")
    log(f"results: {(out / 'results.md').relative_to(ROOT)}  (elapsed {elapsed:.0f}s)")
    failed = [r for r in results if r.failed]
    if args.quick:
        lst = find(results, "sqlite", "10k", "punchclock", "list")
        crt = find(results, "sqlite", "10k", "punchclock", "create")
        cur = find(results, "sqlite", "10k", "punchclock", "current")
        print(
            f"bench-quick: list={fmt(lst and lst.ratio, '.2f')} "
            f"create={fmt(crt and crt.ratio, '.2f')} "
            f"current={fmt(cur and cur.rps, '.0f')} "
            f"p99_list_ms={fmt(lst and lst.p99_ms, '.1f')}",
            flush=True,
        )
    return 1 if failed and len(failed) == len(results) else 0


if __name__ == "__main__":
    sys.exit(main())
