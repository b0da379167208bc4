"""The Reports v3 workloads (issue 6): four reports as workspace admins, at each concurrency."""

from __future__ import annotations

import datetime as dt
from typing import Any

from datagen import shape

from harness.client import request_line, token_auth
from harness.plan import REPORT_CONNECTIONS, Workload
from harness.report_checks import REPORT_PAGE, Query, ReportChecks, ReportSpec, report_body

# Report ranges over the dataset (which ends the day before shape.END_DATE), inclusive dates.
REPORT_YEAR = (
    shape.END_DATE - dt.timedelta(days=365),
    shape.END_DATE - dt.timedelta(days=1),
)
REPORT_WEEK = (dt.date(2026, 11, 9), dt.date(2026, 11, 15))  # Monday to Sunday
REPORT_SPECS: dict[str, ReportSpec] = {
    "report-detailed": ("search/time_entries", REPORT_YEAR, {"page_size": REPORT_PAGE}),
    "report-totals": ("search/time_entries/totals", REPORT_YEAR, {}),
    "report-summary": ("summary/time_entries", REPORT_YEAR, {}),
    "report-weekly": ("weekly/time_entries", REPORT_WEEK, {}),
}


def report_admins(meta: dict[str, Any]) -> list[dict[str, Any]]:
    """The admin (first user) of every workspace, with the known token (see datagen/shape.py)."""
    admins = []
    for wid in range(1, int(meta.get("workspaces", shape.N_WORKSPACES)) + 1):
        uid = (wid - 1) * shape.USERS_PER_WS + 1
        admins.append(
            {
                "id": uid,
                "workspace_id": wid,
                "token": shape.api_token(uid),
                "timezone": shape.timezone_of(uid),
            }
        )
    return admins


def build_report_workloads(meta: dict[str, Any], query: Query) -> dict[str, Workload]:
    """report-detailed/-totals/-summary/-weekly at each of REPORT_CONNECTIONS, over the admins.

    Each check compares the answer with SQL on the runner's copy of the database (see
    ReportChecks); both concurrencies of a report share one check.
    """
    admins = report_admins(meta)
    checks = ReportChecks(admins, query)
    wl: dict[str, Workload] = {}
    for name, spec in REPORT_SPECS.items():
        path, days, extra = spec
        lines = [
            request_line(
                "POST",
                f"/reports/api/v3/workspace/{a['workspace_id']}/{path}",
                token_auth(a),
                report_body(days, **extra),
            )
            for a in admins
        ]
        check = checks.check(name, spec)
        for conns in REPORT_CONNECTIONS:
            variant = f"{name}@c{conns}"
            wl[variant] = Workload(
                variant, "replay.lua", lines, check, connections=conns, base=name
            )
    return wl
