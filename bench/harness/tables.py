"""The results table, and results.md / results.json of a run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from harness.results import Result


def fmt(value: float | None, spec: str) -> str:
    """`value` in format `spec`, or `-` when there is none."""
    return "-" if value is None else format(value, spec)


def table(results: list[Result]) -> str:
    """The Markdown table of every result, in run order."""
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


def write_results(
    out: Path,
    title: str,
    env_facts: dict[str, Any],
    results: list[Result],
    targets: list[str],
    facts: dict[str, Any],
    elapsed: float,
) -> Path:
    """Write results.md and results.json into `out`; returns the path of results.md."""
    report = "\n".join(
        [
            f"# Punchclock bench {title}",
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
    return out / "results.md"
