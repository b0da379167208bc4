"""The machine side of a run: the wrk binary, CPU pinning, and the environment facts."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from harness.settings import ROOT, log


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


def environment(pin: str) -> dict[str, Any]:
    """The facts results.md records about this machine and checkout."""

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
