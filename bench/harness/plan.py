"""What a run measures: the Workload type, each workload's floor family, and the run order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Workload:
    """One workload: its wrk script, the request lines it replays, and the check before timing."""

    name: str
    script: str
    lines: list[str]
    check: Callable[[int], str]  # port -> note; raises AssertionError on a wrong answer
    note: str = ""
    connections: int | None = None  # wrk -c for this workload (None: --connections)
    base: str = ""  # the workload this is a concurrency variant of (reports: `name@cN`)


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
# Reports are latency targets: few connections, so p50 is service time, not queueing.
REPORT_CONNECTIONS = (1, 4)
