"""The SQLite connection settings that durability and multi-process writes rely on."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from punchclock.config import Settings
from punchclock.db.engine import Database

# PRAGMA synchronous answers a number: 1 = NORMAL, 2 = FULL.
SYNCHRONOUS = {"NORMAL": 1, "FULL": 2}


@pytest.mark.parametrize("level", ["FULL", "NORMAL"])
def test_sqlite_runs_in_wal_with_a_busy_timeout(tmp_path: Path, level: str) -> None:
    db = Database(Settings(database_url=f"sqlite:///{tmp_path / 'p.db'}", sqlite_synchronous=level))
    with db.transaction(write=False) as conn:
        pragma = {
            name: conn.execute(text(f"PRAGMA {name}")).scalar_one()
            for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")
        }
    db.dispose()
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": SYNCHRONOUS[level],
        "busy_timeout": 10000,
        "foreign_keys": 1,
    }


def test_full_durability_is_the_default() -> None:
    assert Settings().sqlite_synchronous == "FULL"


def test_write_transactions_take_the_lock_up_front(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    first, second = Database(Settings(database_url=url)), Database(Settings(database_url=url))
    second.engine.dispose()
    with first.transaction(write=True) as conn:
        assert conn.execute(text("SELECT 1")).scalar_one() == 1
        # BEGIN IMMEDIATE holds the write lock before any write: another writer cannot start.
        with second.engine.connect() as other:
            other.exec_driver_sql("PRAGMA busy_timeout=0")
            with pytest.raises(Exception, match="locked"):
                other.exec_driver_sql("BEGIN IMMEDIATE")
    first.dispose()
    second.dispose()
