"""One measured line (Result), the best of several rounds, and the ratios to the floors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from harness.plan import FAMILY


@dataclass
class Result:
    """One line of the table: a server and workload on one engine and size."""

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


def fill_ratios(results: list[Result]) -> None:
    """Set each result's req/s and CPU ratios to the floor of its family (same engine, size)."""
    floors = {(r.engine, r.size, r.workload): r for r in results if r.server == "floor" and r.rps}
    for r in results:
        base = floors.get((r.engine, r.size, FAMILY.get(r.workload, r.workload)))
        if base is None or not r.rps:
            continue
        r.ratio = r.rps / (base.rps or 1)
        if r.cpu_us and base.cpu_us:
            r.cpu_ratio = base.cpu_us / r.cpu_us


def find(
    results: list[Result], engine: str, size: str, server: str, workload: str
) -> Result | None:
    """The measured result of that line (one with a req/s), if any."""
    for r in results:
        if (r.engine, r.size, r.server, r.workload) == (engine, size, server, workload) and r.rps:
            return r
    return None
