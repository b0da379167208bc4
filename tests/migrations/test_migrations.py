"""Migrations: they build exactly the schema the code declares."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from punchclock.db.migrate import current_head, upgrade
from punchclock.db.schema import metadata


def test_upgrade_from_empty_matches_the_models(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
    engine.dispose()
    assert diff == []
    assert version == current_head()


def test_upgrade_is_idempotent_and_creates_the_running_entry_index(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url)
    upgrade(url)
    engine = create_engine(url)
    indexes = {ix["name"]: ix for ix in inspect(engine).get_indexes("time_entries")}
    engine.dispose()
    assert indexes["uq_time_entries_one_running_per_user"]["unique"]
