"""One measured line: check the answers, warm up, time one wrk run, read CPU and memory."""

from __future__ import annotations

import time

from harness.plan import REPORT_CONNECTIONS, Workload
from harness.processes import Server
from harness.profiling import profile
from harness.results import Result
from harness.settings import Settings, log
from harness.tables import fmt
from harness.wrk import run_wrk


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
