"""Benchmark runner: Punchclock against a raw-ASGI floor, same machine, same run.

For each engine it starts `punchclock serve` (one worker) and the floor server (bench/floor.py),
both pinned to one core, and drives them with `wrk` pinned to another core over loopback. Every
Punchclock figure is printed as a ratio to the floor of its workload family, measured minutes
apart in the same run (workloads are interleaved: floor, then Punchclock, family by family).

    python bench/run.py --quick                       # 10k entries, SQLite, short runs (<3 min)
    python bench/run.py --size 1m --engines sqlite,postgresql --scale-check
    python bench/run.py --quick --profile list,create # + py-spy profiles of those workloads
    python bench/run.py --only report-summary,report-detailed  # Reports v3 latency, no floor

The runner itself is the package bench/harness/ (one module per concern); see bench/README.md
for what each workload measures.
"""

from __future__ import annotations

import sys

from harness.cli import main

if __name__ == "__main__":
    sys.exit(main())
