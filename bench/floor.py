"""The floor: a raw ASGI app (no framework) doing Punchclock's hot-path work with the plain driver.

It answers the same URLs, with the same Basic `<token>:api_token` auth lookup and the same JSON
(msgspec structs with Toggl's key order, byte-identical to Punchclock's list output), served by
the same uvicorn configuration as `punchclock serve` (uvloop + httptools, one process, no
access log). Whatever Punchclock spends beyond this is framework, ORM and domain overhead.

Endpoints and the minimal work each does per request:
- GET  /api/v9/me/time_entries?start_date&end_date: token -> user row; one indexed range query
  (user_id, start) excluding tombstones, newest first; one query for the tag names; encode.
- GET  /api/v9/me/time_entries/current: token -> user; the running entry; its tag names; encode.
- GET  /api/v9/me: token -> user row; encode the profile.
- POST /api/v9/workspaces/{wid}/time_entries: token -> user; decode the body; ONE write
  transaction holding the auto-stop UPDATE of the running entry and the INSERT (a bare INSERT of
  a running entry would violate the one-running-entry-per-user index); tag names; encode.
  SQLite runs with journal_mode=WAL, synchronous=FULL, foreign_keys=ON, as Punchclock does.
- PATCH /api/v9/workspaces/{wid}/time_entries/{ids}: token -> user; one transaction with a
  single UPDATE ... WHERE id IN (ids) AND user_id = ?; encode {"success": [...], "failure": []}.

Drivers: sqlite3 and psycopg 3 run synchronously on the event loop (as Punchclock's handlers
do); asyncpg runs on the loop with a small pool.

Usage: python bench/floor.py --database-url URL --port N [--driver sqlite3|psycopg|asyncpg]
"""

from __future__ import annotations

import argparse

from floorapp.app import Floor
from floorapp.drivers import DRIVERS


def main() -> None:
    """Serve the floor on `--port` over `--database-url` until SIGTERM."""
    parser = argparse.ArgumentParser(description="Punchclock benchmark floor server")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--driver", choices=sorted(DRIVERS))
    args = parser.parse_args()
    driver = args.driver or ("sqlite3" if args.database_url.startswith("sqlite") else "psycopg")
    import uvicorn

    # The same uvicorn.run call as punchclock.server.serve with one worker.
    uvicorn.run(
        Floor(DRIVERS[driver](args.database_url)),
        host=args.host,
        port=args.port,
        log_level="warning",
        access_log=False,
    )


if __name__ == "__main__":
    main()
