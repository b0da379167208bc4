"""Migrations: they build exactly the schema the code declares, and keep existing rows."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from punchclock.db.engine import normalise_url
from punchclock.db.migrate import alembic_config, current_head, upgrade
from punchclock.db.schema import metadata


def _engine(url: str):  # type: ignore[no-untyped-def]
    return create_engine(normalise_url(url))


def test_upgrade_from_empty_matches_the_models(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    engine = _engine(empty_database_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    engine.dispose()
    assert diff == []
    assert version == current_head()


def test_upgrade_is_idempotent_and_creates_the_running_entry_index(
    empty_database_url: str,
) -> None:
    upgrade(empty_database_url)
    upgrade(empty_database_url)
    engine = _engine(empty_database_url)
    indexes = {ix["name"]: ix for ix in inspect(engine).get_indexes("time_entries")}
    engine.dispose()
    assert indexes["uq_time_entries_one_running_per_user"]["unique"]


# Rows as a 0001 database holds them: a user with an organization, a workspace, a client,
# a project, a tag, a task and two entries (one running).
_SEED_0001 = [
    "INSERT INTO users (id, email, fullname, password_hash, api_token, toggl_accounts_id, timezone,"
    " beginning_of_week, created_at, updated_at, at, authorization_updated_at,"
    " toggl_accounts_updated_at) VALUES (1, 'a@example.com', 'A', NULL,"
    " '0123456789abcdef0123456789abcdef', 'aaaaaaaaaaaaaaaaaaaaaa', 'UTC', 1, 1, 1, 1, 1, 1)",
    "INSERT INTO organizations (id, name, created_at, at) VALUES (1, 'Org', 1, 1)",
    "INSERT INTO workspaces (id, organization_id, name, ical_token, created_at, at)"
    " VALUES (1, 1, 'WS', 'ffffffffffffffffffffffffffffffff', 1, 1)",
    "INSERT INTO workspace_users (id, workspace_id, user_id, role, created_at, at)"
    " VALUES (1, 1, 1, 'admin', 1, 1)",
    "INSERT INTO clients (id, workspace_id, name, creator_id, created_at, at)"
    " VALUES (1, 1, 'Acme', 1, 1, 1)",
    "INSERT INTO projects (id, workspace_id, client_id, name, is_private, active, color,"
    " start_date, creator_id, created_at, at) VALUES (1, 1, 1, 'Web', false, true, '#0b83d9',"
    " '2026-01-01', 1, 1, 1)",
    "INSERT INTO tags (id, workspace_id, name, creator_id, created_at, at)"
    " VALUES (1, 1, 'dev', 1, 1, 1)",
    "INSERT INTO tasks (id, workspace_id, project_id, name, created_at, at)"
    " VALUES (1, 1, 1, 'T', 1, 1)",
    "INSERT INTO time_entries (id, workspace_id, user_id, project_id, task_id, description, start,"
    " stop, tag_ids, created_at, at) VALUES (1, 1, 1, 1, 1, 'done', 100, 200, '1', 1, 2)",
    "INSERT INTO time_entries (id, workspace_id, user_id, description, start, tag_ids,"
    " created_at, at) VALUES (2, 1, 1, 'running', 300, '', 3, 4)",
]


def test_upgrading_a_filled_0001_database_keeps_every_row(empty_database_url: str) -> None:
    upgrade(empty_database_url, "0001")
    engine = _engine(empty_database_url)
    with engine.begin() as conn:
        for statement in _SEED_0001:
            conn.execute(text(statement))
    engine.dispose()

    upgrade(empty_database_url)

    engine = _engine(empty_database_url)
    with engine.connect() as conn:
        entries = conn.execute(
            text(
                "SELECT id, project_id, task_id, description, start, stop, tag_ids, at"
                " FROM time_entries ORDER BY id"
            )
        ).all()
        counts = {
            table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in (
                "users",
                "organizations",
                "workspaces",
                "workspace_users",
                "clients",
                "projects",
                "tags",
                "tasks",
            )
        }
        members = conn.execute(text("SELECT rate, labor_cost FROM workspace_users")).all()
    engine.dispose()
    assert [tuple(row) for row in entries] == [
        (1, 1, 1, "done", 100, 200, "1", 2),
        (2, None, None, "running", 300, None, "", 4),
    ]
    assert counts == dict.fromkeys(counts, 1)
    assert [tuple(row) for row in members] == [(None, None)]


def test_downgrade_to_0001_and_back(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    command.downgrade(alembic_config(empty_database_url), "0001")
    upgrade(empty_database_url)
    engine = _engine(empty_database_url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert "project_users" in tables
