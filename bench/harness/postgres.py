"""The PostgreSQL bench databases: reachability, a fresh COPY-loaded pair, and the drop."""

from __future__ import annotations

from typing import Any

from datagen.storage import write_postgres

from harness.settings import log

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432"
PG_DB = "punchclock_bench"
PG_FLOOR_DB = "punchclock_bench_floor"


def _admin(pg_base: str) -> Any:
    import psycopg

    return psycopg.connect(f"{pg_base}/postgres", autocommit=True)


def drop_postgres(pg_base: str) -> None:
    """Drop both bench databases (run at the end, even when a run fails)."""
    with _admin(pg_base) as conn:
        for name in (PG_FLOOR_DB, PG_DB):
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def prepare_postgres(pg_base: str, size: str) -> dict[str, Any]:
    """Fresh bench databases: the dataset COPY-loaded once, the floor's a template copy."""
    drop_postgres(pg_base)
    with _admin(pg_base) as conn:
        conn.execute(f"CREATE DATABASE {PG_DB}")
    meta = write_postgres(f"{pg_base}/{PG_DB}", size, log)
    with _admin(pg_base) as conn:
        conn.execute(f"CREATE DATABASE {PG_FLOOR_DB} TEMPLATE {PG_DB}")
    return meta


def postgres_available(pg_base: str) -> str | None:
    """The server version, or None (with a message) when PostgreSQL is unreachable."""
    try:
        with _admin(pg_base) as conn:
            return str(conn.execute("SHOW server_version").fetchone()[0])
    except Exception as error:
        log(f"PostgreSQL at {pg_base} is not reachable ({error}); skipping it")
        return None
