"""Web app benchmark: how fast the timer, projects and reports pages render, how heavy they are,
and what 100 open live-update streams cost, on the same dataset as the API benchmarks.

Pages are timed one request at a time (the issue's measure: server render p95), next to the
JSON list of the same user in the same run as a baseline. Usage:

    .venv/bin/python bench/web.py [--size 1m|10k] [--requests 200] [--streams 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from datagen.storage import copy_sqlite, ensure_sqlite
from harness.machine import pinning
from harness.processes import Server, free_port
from harness.settings import BIN, OUT_DIR
from harness.web_pages import cpu_share, open_streams, page_weight, signed_in, time_page

PAGE_P95_TARGET_MS = 50.0
PAGE_WEIGHT_TARGET_KB = 150.0
STREAM_SECONDS = 10.0


def main() -> None:
    """Run the web benchmark and print its figures and targets."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--size", choices=["10k", "1m"], default="1m")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--streams", type=int, default=100)
    args = parser.parse_args()
    out = OUT_DIR / f"{dt.datetime.now():%Y%m%d-%H%M%S}-web-{args.size}"
    out.mkdir(parents=True, exist_ok=True)
    source, meta = ensure_sqlite(args.size)
    database = out / "web.sqlite3"
    copy_sqlite(source, database)
    server_pin, _, pin_note = pinning()
    port = free_port()
    server = Server(
        "punchclock",
        [
            *server_pin,
            str(BIN / "punchclock"),
            "serve",
            "--port",
            str(port),
            "--database-url",
            f"sqlite:///{database}",
        ],
        port,
        out / "server.log",
        {**os.environ, "PUNCHCLOCK_LOG_LEVEL": "warning", "PUNCHCLOCK_ACCESS_LOG": "false"},
    )
    server.start()
    base = f"http://127.0.0.1:{port}"
    lines = [f"web bench: {args.size} ({meta['entries']:,} entries), SQLite, {pin_note}"]
    try:
        member = meta["bulk"][0]  # one of the users with the most recent entries
        admin_email = "user0001@bench.punchclock.test"  # the first workspace's admin
        password = meta["password"]
        end = meta["end_date"]
        month = f"start={end[:8]}01&end={end}"
        # The week the timer page shows: the dataset's last one.
        last = dt.date.fromisoformat(end)
        week = f"start_date={last - dt.timedelta(days=last.weekday())}&end_date={last}"
        year = f"start={end[:4]}-01-01&end={end}"
        web = signed_in(base, member["email"], password)
        admin_web = signed_in(base, admin_email, password)
        if True:
            api = (member["token"], "api_token")
            timings = [
                time_page(
                    web,
                    "API list (baseline, JSON)",
                    f"/api/v9/me/time_entries?{week}",
                    args.requests,
                    auth=api,
                ),
                time_page(web, "timer page", "/", args.requests),
                time_page(web, "projects page", "/projects", args.requests),
                time_page(web, "reports page, month (member)", f"/reports?{month}", args.requests),
                time_page(
                    admin_web, "reports page, month (admin)", f"/reports?{month}", args.requests
                ),
                time_page(
                    admin_web, "reports page, year (admin)", f"/reports?{year}", args.requests // 4
                ),
            ]
            lines += [timing.line() for timing in timings]
            html, assets, zipped = page_weight(web, "/")
            weight_kb = (html + assets) / 1024
            lines.append(
                f"timer page weight: {html / 1024:.1f} KB HTML + {assets / 1024:.1f} KB static"
                f" = {weight_kb:.1f} KB ({zipped / 1024:.1f} KB gzipped)"
            )
            idle = cpu_share(server.cpu_seconds, STREAM_SECONDS)
            cookie = web.cookies["pc_session"]
            streams = open_streams(port, cookie, args.streams)
            try:
                busy = cpu_share(server.cpu_seconds, STREAM_SECONDS)
                during = time_page(web, f"timer page, {args.streams} streams open", "/", 50)
            finally:
                for sock in streams:
                    sock.close()
            lines.append(
                f"{args.streams} open live streams: server CPU {busy * 100:.2f}% of a core "
                f"(idle {idle * 100:.2f}%): {(busy - idle) / args.streams * 1e6:.0f} us of CPU per"
                " second per stream"
            )
            lines.append(during.line())
        pages = [t for t in timings if "page" in t.name]
        worst = max(pages, key=lambda t: t.pct(95))
        lines.append(
            f"target: page p95 < {PAGE_P95_TARGET_MS:.0f} ms: "
            f"{'PASS' if worst.pct(95) < PAGE_P95_TARGET_MS else 'FAIL'} "
            f"(worst: {worst.name}, {worst.pct(95):.1f} ms)"
        )
        lines.append(
            f"target: page weight < {PAGE_WEIGHT_TARGET_KB:.0f} KB: "
            f"{'PASS' if weight_kb < PAGE_WEIGHT_TARGET_KB else 'FAIL'} ({weight_kb:.1f} KB)"
        )
    finally:
        server.stop()
    text = "\n".join(lines)
    (out / "results.txt").write_text(text + "\n")
    print(text)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
