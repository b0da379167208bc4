"""Benchmark runner: Punchclock against a raw-ASGI floor, same machine, same run.

The command line of bench/run.py: options, the engines in turn, the scale check, the table,
the targets, results.md/json, and the `bench-quick:` summary line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from typing import Any

from datagen.shape import SIZES

from harness.engine import run_engine
from harness.machine import ensure_wrk, environment, pinning
from harness.postgres import DEFAULT_PG, postgres_available
from harness.results import Result, fill_ratios, find
from harness.settings import OUT_DIR, ROOT, Settings, log
from harness.tables import fmt, table, write_results
from harness.targets import target_lines


def parse_args() -> argparse.Namespace:
    """The runner's options (bench/README.md lists them)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="10k entries, SQLite only, 3 s runs; ends with the bench-quick line",
    )
    parser.add_argument("--size", choices=sorted(SIZES), default="1m")
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
    return parser.parse_args()


def quick_line(results: list[Result]) -> str:
    """The single last line of `--quick` (`make bench-quick`)."""
    lst = find(results, "sqlite", "10k", "punchclock", "list")
    crt = find(results, "sqlite", "10k", "punchclock", "create")
    cur = find(results, "sqlite", "10k", "punchclock", "current")
    return (
        f"bench-quick: list={fmt(lst.ratio if lst else None, '.2f')} "
        f"create={fmt(crt.ratio if crt else None, '.2f')} "
        f"current={fmt(cur.rps if cur else None, '.0f')} "
        f"p99_list_ms={fmt(lst.p99_ms if lst else None, '.1f')}"
    )


def main() -> int:
    """Run the benchmark; 1 when every measured line failed, else 0."""
    args = parse_args()
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
    title = f"{stamp} ({'quick' if args.quick else args.size})"
    written = write_results(out, title, env_facts, results, targets, facts, elapsed)
    log("")
    log(table(results))
    log("")
    for line in targets:
        log(f"target: {line}")
    log(f"results: {written.relative_to(ROOT)}  (elapsed {elapsed:.0f}s)")
    failed = [r for r in results if r.failed]
    if args.quick:
        print(quick_line(results), flush=True)
    return 1 if failed and len(failed) == len(results) else 0
