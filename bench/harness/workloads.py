"""The issue-5 workloads of one server over a dataset's metadata (reads and writes)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from harness.plan import FAMILY, FLOOR_WORKLOADS, Workload
from harness.read_workloads import read_workloads
from harness.write_workloads import write_workloads


def build_workloads(meta: dict[str, Any], server: str) -> dict[str, Workload]:
    """The workloads for one server ('punchclock' or a floor) over this dataset's metadata."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    wl = {**read_workloads(meta, server), **write_workloads(meta, server, now)}
    if server != "punchclock":
        return {name: w for name, w in wl.items() if name in FLOOR_WORKLOADS}
    return {name: w for name, w in wl.items() if name in FAMILY}
