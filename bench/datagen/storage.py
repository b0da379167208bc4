"""Where the dataset goes: the cached SQLite file (and its working copies), or PostgreSQL."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from datagen.catalogue import TABLE_COLUMNS
from datagen.generate import GENERATOR_VERSION, generate
from datagen.shape import PASSWORD

BENCH_DIR = Path(__file__).resolve().parent.parent
ROOT = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / ".data"
MIGRATIONS_DIR = ROOT / "src" / "punchclock" / "db" / "migrations" / "versions"


def _punchclock() -> str:
    exe = Path(sys.executable).parent / "punchclock"
    return str(exe) if exe.exists() else "punchclock"


def migrate(database_url: str) -> None:
    """`punchclock db upgrade` on the target database."""
    subprocess.run(
        [_punchclock(), "db", "upgrade", "--database-url", database_url],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PUNCHCLOCK_LOG_LEVEL": "warning"},
    )


def _password_hash() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from punchclock.users.passwords import hash_password

    return hash_password(PASSWORD)  # once; every user reuses it


def _insert_sql(table: str, placeholder: str = "?") -> str:
    columns = TABLE_COLUMNS[table]
    marks = ", ".join(placeholder for _ in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"


def write_sqlite(path: Path, catalogue: dict[str, Any], rows: Sequence[tuple[Any, ...]]) -> None:
    """A migrated SQLite database at `path` holding the dataset (WAL mode, like punchclock)."""
    if path.exists():
        path.unlink()
    migrate(f"sqlite:///{path}")
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-262144")
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='time_entries'"
            " AND sql IS NOT NULL"
        ).fetchall()
        conn.execute("BEGIN")
        for name, _sql in indexes:
            conn.execute(f"DROP INDEX {name}")
        for table, table_rows in catalogue["rows"].items():
            conn.executemany(_insert_sql(table), table_rows)
        conn.executemany(_insert_sql("time_entries"), rows)
        for _name, sql in indexes:
            conn.execute(sql)
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()


def _migrations_key() -> str:
    digest = hashlib.sha1(f"v{GENERATOR_VERSION}".encode())
    for path in sorted(MIGRATIONS_DIR.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def cached_paths(size: str) -> tuple[Path, Path]:
    """The cached database and metadata files of a size, for this generator and schema."""
    key = _migrations_key()
    return DATA_DIR / f"punchclock-{size}-{key}.sqlite3", DATA_DIR / f"punchclock-{size}-{key}.json"


def ensure_sqlite(size: str, log: Any = print) -> tuple[Path, dict[str, Any]]:
    """The cached SQLite dataset of this size (built on first use) and its metadata."""
    db_path, meta_path = cached_paths(size)
    if db_path.exists() and meta_path.exists():
        return db_path, json.loads(meta_path.read_text())
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    catalogue, rows, meta = generate(size, _password_hash())
    generated = time.monotonic() - began
    tmp = db_path.with_suffix(".tmp")
    write_sqlite(tmp, catalogue, rows)
    for stale in DATA_DIR.glob(f"punchclock-{size}-*"):
        if stale != tmp:
            stale.unlink()
    meta["build_seconds"] = round(time.monotonic() - began, 1)
    meta_path.write_text(json.dumps(meta, indent=1))
    tmp.rename(db_path)
    log(
        f"dataset {size}: {len(rows):,} entries generated in {generated:.1f}s, "
        f"SQLite written in {time.monotonic() - began - generated:.1f}s -> {db_path.name}"
    )
    return db_path, meta


def write_postgres(url: str, size: str, log: Any = print) -> dict[str, Any]:
    """Load the dataset into the (existing, empty) PostgreSQL database at `url` with COPY."""
    import psycopg

    began = time.monotonic()
    meta_path = cached_paths(size)[1]
    catalogue, rows, meta = generate(size, _password_hash())
    generated = time.monotonic() - began
    migrate(url)
    with psycopg.connect(url) as conn:
        indexes = conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'time_entries'"
            " AND indexname <> 'pk_time_entries'"
        ).fetchall()
        for name, _sql in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        with conn.cursor() as cur:
            for table, table_rows in [*catalogue["rows"].items(), ("time_entries", rows)]:
                columns = ", ".join(TABLE_COLUMNS[table])
                with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in table_rows:
                        copy.write_row(row)
        for _name, sql in indexes:
            conn.execute(sql)
        for table in [*catalogue["rows"], "time_entries"]:
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT max(id) FROM {table}))"
            )
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
    if not meta_path.exists():
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        meta_path.write_text(json.dumps(meta, indent=1))
    log(
        f"dataset {size} -> PostgreSQL: {len(rows):,} entries generated in {generated:.1f}s, "
        f"loaded with COPY in {time.monotonic() - began - generated:.1f}s"
    )
    return meta


def copy_sqlite(source: Path, target: Path) -> None:
    """A working copy of a cached database (benchmarks write to it)."""
    for suffix in ("", "-wal", "-shm"):
        stale = Path(f"{target}{suffix}")
        if stale.exists():
            stale.unlink()
    shutil.copyfile(source, target)
