"""The issues' targets (5: ratios, latency, memory, scale; 6: report latency) for one run."""

from __future__ import annotations

from typing import Any

from harness.plan import FAMILY, REPORT_CONNECTIONS
from harness.results import Result, find
from harness.tables import fmt


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
                if r and r.rps and fa and fa.rps:
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
