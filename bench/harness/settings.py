"""Where the harness lives and writes, the console log, and the settings of one run."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent.parent
ROOT = BENCH_DIR.parent
LUA_DIR = BENCH_DIR / "lua"
OUT_DIR = BENCH_DIR / ".out"
BIN = Path(sys.executable).parent


def log(message: str) -> None:
    """Print a progress line at once (runs take minutes)."""
    print(message, flush=True)


@dataclass
class Settings:
    """How every workload of this run is driven (durations, wrk, pinning, output folder)."""

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
