"""Checks of Reports v3 answers against SQL on the runner's copy of Punchclock's database."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Callable
from typing import Any

from harness.client import compact_json, http_request, token_auth

# A query on Punchclock's own database (the runner's copy): SQL with `?` placeholders -> rows.
Query = Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]
# A report request: the path under /reports/api/v3/workspace/{wid}/, its dates, extra body keys.
ReportSpec = tuple[str, tuple[dt.date, dt.date], dict[str, Any]]

REPORT_PAGE = 50
_LIVE_STOPPED = (
    "workspace_id = ? AND server_deleted_at IS NULL AND stop IS NOT NULL"
    " AND start >= ? AND start < ?"
)


def report_query(engine: str, url: str) -> Query:
    """A Query on Punchclock's database: sqlite3 on the file, or psycopg on the database."""

    def query(sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        if engine == "sqlite":
            conn = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30)
            try:
                return list(conn.execute(sql, params).fetchall())
            finally:
                conn.close()
        import psycopg

        with psycopg.connect(url, autocommit=True) as pg:
            return list(pg.execute(sql.replace("?", "%s"), params).fetchall())

    return query


def report_body(days: tuple[dt.date, dt.date], **extra: Any) -> str:
    """The JSON body of a report request over `days` (inclusive)."""
    return compact_json(
        {"start_date": days[0].isoformat(), "end_date": days[1].isoformat(), **extra}
    )


def _day_start(day: dt.date, zone: str) -> int:
    """The instant `day` begins in `zone`, as punchclock.reports.rules.day_start computes it."""
    from zoneinfo import ZoneInfo

    return int(dt.datetime.combine(day, dt.time(), tzinfo=ZoneInfo(zone)).timestamp())


def _report_seconds(body: Any) -> int:
    """Total seconds of a summary (`{"groups": [...]}`) or weekly (list of rows) answer."""
    if isinstance(body, dict) and "groups" in body:
        total = 0
        for group in body["groups"] or []:
            subs = group.get("sub_groups")
            if subs:
                total += sum(_report_seconds(sub) for sub in subs)
            else:
                total += _report_seconds(group)
        return total
    if isinstance(body, list):
        return sum(_report_seconds(row) for row in body)
    if isinstance(body, dict):
        seconds = body.get("seconds", 0)
        return sum(s or 0 for s in seconds) if isinstance(seconds, list) else int(seconds or 0)
    raise AssertionError(f"unexpected report shape: {str(body)[:200]}")


class ReportChecks:
    """Compares report answers with SQL, with the report's day boundaries (admin's midnight).

    The summary's, totals' and weekly's seconds equal the sum over the workspace's stopped live
    entries in range, and the detailed page holds the 50 newest of them, in order. The first
    check of a workload covers all admins; later ones (next rounds, other concurrency) three.
    """

    def __init__(self, admins: list[dict[str, Any]], query: Query) -> None:
        self.admins = admins
        self.query = query
        self._zones: dict[int, str] = {}
        self._checked: set[str] = set()

    def _zone_of(self, admin: dict[str, Any]) -> str:
        # The server uses the timezone stored on the user; read it, not the generator's.
        if admin["id"] not in self._zones:
            rows = self.query("SELECT timezone FROM users WHERE id = ?", (admin["id"],))
            self._zones[admin["id"]] = rows[0][0] if rows and rows[0][0] else "UTC"
        return self._zones[admin["id"]]

    def _bounds(self, admin: dict[str, Any], days: tuple[dt.date, dt.date]) -> tuple[int, int]:
        zone = self._zone_of(admin)
        return _day_start(days[0], zone), _day_start(days[1] + dt.timedelta(days=1), zone)

    def _expected(self, admin: dict[str, Any], days: tuple[dt.date, dt.date]) -> tuple[int, int]:
        start, end = self._bounds(admin, days)
        rows = self.query(
            f"SELECT COUNT(*), COALESCE(SUM(stop - start), 0) FROM time_entries"
            f" WHERE {_LIVE_STOPPED}",
            (admin["workspace_id"], start, end),
        )
        return int(rows[0][0]), int(rows[0][1])

    def _check_page(
        self, name: str, admin: dict[str, Any], days: tuple[dt.date, dt.date], answer: Any
    ) -> None:
        """The detailed page: SQL's 50 newest ids in order, row numbers 1..n."""
        wid = admin["workspace_id"]
        start, end = self._bounds(admin, days)
        ids = [
            row[0]
            for row in self.query(
                f"SELECT id FROM time_entries WHERE {_LIVE_STOPPED}"
                f" ORDER BY start DESC, id DESC LIMIT {REPORT_PAGE}",
                (wid, start, end),
            )
        ]
        got = [e["id"] for row in answer for e in row["time_entries"]]
        assert got == ids, (
            f"{name}: workspace {wid}: first page ids {got[:5]}... "
            f"expected {ids[:5]}... ({len(got)} vs {len(ids)})"
        )
        assert [row["row_number"] for row in answer] == list(range(1, len(answer) + 1)), (
            f"{name}: row numbers"
        )

    def check(self, name: str, spec: ReportSpec) -> Callable[[int], str]:
        """The check of report workload `name` (port -> note), shared by its concurrencies."""
        path, days, extra = spec

        def check(port: int) -> str:
            admins = self.admins
            later = admins[:: max(1, len(admins) // 3)][:3]
            sample = admins if name not in self._checked else later
            counts, sizes, first_ms = [], [], []
            for admin in sample:
                url = f"/reports/api/v3/workspace/{admin['workspace_id']}/{path}"
                began = time.perf_counter()
                status, raw_body = http_request(
                    port, "POST", url, token_auth(admin), report_body(days, **extra)
                )
                first_ms.append((time.perf_counter() - began) * 1000)
                assert status == 200, f"{name}: HTTP {status} {raw_body[:300]!r}"
                answer = json.loads(raw_body)
                count, seconds = self._expected(admin, days)
                assert count > 0, f"{name}: workspace {admin['workspace_id']} has no entries"
                counts.append(count)
                sizes.append(len(raw_body))
                if name == "report-detailed":
                    self._check_page(name, admin, days, answer)
                else:
                    total = (
                        int(answer["seconds"])
                        if name == "report-totals"
                        else _report_seconds(answer)
                    )
                    assert total == seconds, (
                        f"{name}: workspace {admin['workspace_id']}: {total} s, expected "
                        f"{seconds} s (SQL over {count} stopped live entries)"
                    )
            self._checked.add(name)
            what = "seconds = SQL sum"
            if name == "report-detailed":
                what = "first page = SQL's 50 newest"
            return (
                f"{len(sample)} admins checked, {min(counts):,}-{max(counts):,} entries in range, "
                f"{what}, {sum(sizes) / len(sizes) / 1024:.1f} KB avg, "
                f"unwarmed {max(first_ms):.0f} ms max"
            )

        return check
