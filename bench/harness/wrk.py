"""The wrk driver: one bounded, pinned `wrk -t1` run over a request file."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from harness.plan import Workload
from harness.settings import LUA_DIR, Settings


def run_wrk(
    settings: Settings, port: int, workload: Workload, reqfile: Path, duration: int, tag: str
) -> dict[str, Any]:
    """One wrk run; returns the BENCHJSON figures of bench/lua/common.lua, keeps the raw output."""
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
