"""Web app benchmark: how fast the timer, projects and reports pages render, how heavy they are,
and what 100 open live-update streams cost, on the same dataset as the API benchmarks.

Pages are timed one request at a time (the issue's measure: server render p95), beside the
JSON list of the same user and Reports v3 over the same year in the same run. Usage:

    .venv/bin/python bench/web.py [--size 1m|10k] [--engine sqlite|postgresql] [--requests 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import sys
from typing import Any

from datagen.storage import copy_sqlite, ensure_sqlite
from harness.machine import pinning
from harness.postgres import DEFAULT_PG, PG_DB, drop_postgres, prepare_postgres
from harness.processes import Server, free_port
from harness.settings import BIN, OUT_DIR
from harness.web_pages import (
    Timing,
    cpu_share,
    open_streams,
    page_weight,
    signed_in,
    time_page,
    time_post,
)

PAGE_P95_TARGET_MS = 50.0
PAGE_WEIGHT_TARGET_KB = 150.0
STREAM_SECONDS = 10.0
ADMIN_EMAIL = "user0001@bench.punchclock.test"  # the admin of workspace 1 (datagen/shape.py)
ADMIN_TOKEN = hashlib.md5(b"punchclock-bench-user-1").hexdigest()


def _timings(base: str, meta: dict[str, Any], requests: int) -> tuple[list[Timing], Any]:
    """Every timed page and API call, and the member's signed-in client."""
    member = meta["bulk"][0]  # one of the users with the most recent entries
    web = signed_in(base, member["email"], meta["password"])
    admin = signed_in(base, ADMIN_EMAIL, meta["password"])
    end = dt.date.fromisoformat(meta["end_date"])
    monday = end - dt.timedelta(days=end.weekday())
    week = f"start={monday}&end={end}"
    month = f"start={end.replace(day=1)}&end={end}"
    year = f"start={end.replace(month=1, day=1)}&end={end}"
    year_body = {"start_date": str(end.replace(month=1, day=1)), "end_date": str(end)}
    reports = "/reports/api/v3/workspace/1"
    admin_auth = (ADMIN_TOKEN, "api_token")
    few = max(requests // 4, 10)
    timings = [
        time_page(
            web,
            "API list, last week (JSON baseline)",
            f"/api/v9/me/time_entries?start_date={monday}&end_date={end}",
            requests,
            auth=(member["token"], "api_token"),
        ),
        time_page(web, "timer page", "/", requests),
        time_page(web, "projects page", "/projects", requests),
        time_page(admin, "reports page, week (admin)", f"/reports?{week}", requests),
        time_page(web, "reports page, month (member)", f"/reports?{month}", requests),
        time_page(admin, "reports page, month (admin)", f"/reports?{month}", requests),
        time_page(admin, "reports page, year (admin)", f"/reports?{year}", few),
        time_post(
            admin,
            "API year totals (admin, JSON)",
            f"{reports}/search/time_entries/totals",
            year_body,
            few,
            auth=admin_auth,
        ),
        time_post(
            admin,
            "API year summary (admin, JSON)",
            f"{reports}/summary/time_entries",
            year_body,
            few,
            auth=admin_auth,
        ),
    ]
    admin.close()
    return timings, web


def main() -> None:
    """Run the web benchmark and print its figures and targets."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--size", choices=["10k", "1m"], default="1m")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--streams", type=int, default=100)
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG))
    args = parser.parse_args()
    out = OUT_DIR / f"{dt.datetime.now():%Y%m%d-%H%M%S}-web-{args.size}-{args.engine}"
    out.mkdir(parents=True, exist_ok=True)
    if args.engine == "postgresql":
        meta = prepare_postgres(args.postgres_url, args.size)
        database_url = f"{args.postgres_url}/{PG_DB}"
    else:
        source, meta = ensure_sqlite(args.size)
        copy_sqlite(source, out / "web.sqlite3")
        database_url = f"sqlite:///{out / 'web.sqlite3'}"
    server_pin, _, pin_note = pinning()
    port = free_port()
    command = [str(BIN / "punchclock"), "serve", "--port", str(port)]
    server = Server(
        "punchclock",
        [*server_pin, *command, "--database-url", database_url],
        port,
        out / "server.log",
        {**os.environ, "PUNCHCLOCK_LOG_LEVEL": "warning", "PUNCHCLOCK_ACCESS_LOG": "false"},
    )
    server.start()
    lines = [f"web bench: {args.size} ({meta['entries']:,} entries), {args.engine}, {pin_note}"]
    try:
        timings, web = _timings(f"http://127.0.0.1:{port}", meta, args.requests)
        lines += [timing.line() for timing in timings]
        html, assets, zipped = page_weight(web, "/")
        weight_kb = (html + assets) / 1024
        lines.append(
            f"timer page weight: {html / 1024:.1f} KB HTML + {assets / 1024:.1f} KB static"
            f" = {weight_kb:.1f} KB ({zipped / 1024:.1f} KB gzipped, as sent)"
        )
        idle = cpu_share(server.cpu_seconds, STREAM_SECONDS)
        streams = open_streams(port, web.cookies["pc_session"], args.streams)
        try:
            busy = cpu_share(server.cpu_seconds, STREAM_SECONDS)
            during = time_page(web, f"timer page, {args.streams} streams open", "/", 50)
        finally:
            for sock in streams:
                sock.close()
        lines.append(
            f"{args.streams} open live streams: server CPU {busy * 100:.2f}% of a core "
            f"(idle {idle * 100:.2f}%): {(busy - idle) / args.streams * 1e6:.0f} us of CPU "
            "per second per stream"
        )
        lines.append(during.line())
        # The pages: the timer, and the reports page over a week and a month. A year of
        # a 20-person workspace is printed above, beside the same year through Reports v3.
        pages = [t for t in timings if "page" in t.name and "year" not in t.name]
        worst = max(pages, key=lambda t: t.pct(95))
        lines.append(
            f"target: page p95 < {PAGE_P95_TARGET_MS:.0f} ms: "
            f"{'PASS' if worst.pct(95) < PAGE_P95_TARGET_MS else 'FAIL'} "
            f"(worst: {worst.name}, {worst.pct(95):.1f} ms; a year's report is not one)"
        )
        lines.append(
            f"target: page weight < {PAGE_WEIGHT_TARGET_KB:.0f} KB: "
            f"{'PASS' if weight_kb < PAGE_WEIGHT_TARGET_KB else 'FAIL'} ({weight_kb:.1f} KB)"
        )
    finally:
        server.stop()
        if args.engine == "postgresql":
            drop_postgres(args.postgres_url)
    text = "\n".join(lines)
    (out / "results.txt").write_text(text + "\n")
    print(text)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
