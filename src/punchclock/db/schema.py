"""The relational schema, shared by SQLite and PostgreSQL.

Timestamps are stored as integers (UTC): time-entry start/stop in whole Unix seconds (Toggl emits
whole seconds), every other instant in Unix microseconds (Toggl's `at` has microseconds). Integers
compare, index and convert identically on both engines and avoid per-row datetime parsing.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)

# Constraint names must be deterministic for Alembic on both engines.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# int64 ids; SQLite needs INTEGER PRIMARY KEY for its rowid autoincrement.
Id = BigInteger().with_variant(Integer(), "sqlite")


def _id() -> Column[int]:
    return Column("id", Id, primary_key=True, autoincrement=True)


users = Table(
    "users",
    metadata,
    _id(),
    Column("email", String(255), nullable=False, unique=True),
    Column("fullname", String(255), nullable=False, server_default=""),
    Column("password_hash", Text, nullable=True),
    Column("api_token", String(32), nullable=False, unique=True),
    Column("toggl_accounts_id", String(22), nullable=False, unique=True),
    Column("timezone", String(64), nullable=False, server_default="UTC"),
    Column("beginning_of_week", Integer, nullable=False, server_default="1"),
    Column("country_id", BigInteger, nullable=True),
    Column("default_workspace_id", BigInteger, nullable=True),
    Column("image_url", Text, nullable=True),
    Column("created_at", BigInteger, nullable=False),
    Column("updated_at", BigInteger, nullable=False),
    Column("at", BigInteger, nullable=False),
    Column("authorization_updated_at", BigInteger, nullable=False),
    Column("toggl_accounts_updated_at", BigInteger, nullable=False),
)

organizations = Table(
    "organizations",
    metadata,
    _id(),
    Column("name", String(255), nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("at", BigInteger, nullable=False),
    Column("server_deleted_at", BigInteger, nullable=True),
)

organization_users = Table(
    "organization_users",
    metadata,
    _id(),
    Column("organization_id", Id, ForeignKey("organizations.id"), nullable=False),
    Column("user_id", Id, ForeignKey("users.id"), nullable=False),
    # owner | admin | member
    Column("role", String(16), nullable=False),
    Column("created_at", BigInteger, nullable=False),
    UniqueConstraint("organization_id", "user_id", name="uq_organization_users_org_user"),
)
Index("ix_organization_users_user", organization_users.c.user_id)

workspaces = Table(
    "workspaces",
    metadata,
    _id(),
    Column("organization_id", Id, ForeignKey("organizations.id"), nullable=False),
    Column("name", String(255), nullable=False),
    Column("default_currency", String(8), nullable=False, server_default="USD"),
    Column("default_hourly_rate", Numeric(12, 2), nullable=True),
    Column(
        "only_admins_may_create_projects", Boolean, nullable=False, server_default=text("false")
    ),
    Column("only_admins_may_create_tags", Boolean, nullable=False, server_default=text("false")),
    Column("only_admins_see_billable_rates", Boolean, nullable=False, server_default=text("false")),
    Column("only_admins_see_team_dashboard", Boolean, nullable=False, server_default=text("false")),
    Column("projects_billable_by_default", Boolean, nullable=False, server_default=text("true")),
    Column("projects_private_by_default", Boolean, nullable=False, server_default=text("true")),
    Column("projects_enforce_billable", Boolean, nullable=False, server_default=text("false")),
    Column("limit_public_project_data", Boolean, nullable=False, server_default=text("false")),
    Column("reports_collapse", Boolean, nullable=False, server_default=text("true")),
    Column("rounding", Integer, nullable=False, server_default="0"),
    Column("rounding_minutes", Integer, nullable=False, server_default="0"),
    Column("ical_token", String(32), nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("at", BigInteger, nullable=False),
    Column("server_deleted_at", BigInteger, nullable=True),
)
Index("ix_workspaces_organization", workspaces.c.organization_id)

workspace_users = Table(
    "workspace_users",
    metadata,
    _id(),
    Column("workspace_id", Id, ForeignKey("workspaces.id"), nullable=False),
    Column("user_id", Id, ForeignKey("users.id"), nullable=False),
    # admin | user
    Column("role", String(16), nullable=False),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("rate", Numeric(12, 2), nullable=True),
    Column("labor_cost", Numeric(12, 2), nullable=True),
    Column("created_at", BigInteger, nullable=False),
    Column("at", BigInteger, nullable=False),
    UniqueConstraint("workspace_id", "user_id", name="uq_workspace_users_ws_user"),
)
Index("ix_workspace_users_user", workspace_users.c.user_id)

clients = Table(
    "clients",
    metadata,
    _id(),
    Column("workspace_id", Id, ForeignKey("workspaces.id"), nullable=False),
    Column("name", String(255), nullable=False),
    Column("notes", Text, nullable=True),
    Column("archived", Boolean, nullable=False, server_default=text("false")),
    Column("creator_id", Id, ForeignKey("users.id"), nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("at", BigInteger, nullable=False),
    Column("server_deleted_at", BigInteger, nullable=True),
)
Index("ix_clients_workspace", clients.c.workspace_id)
# Client names are unique per workspace among live clients.
Index(
    "uq_clients_workspace_name_live",
    clients.c.workspace_id,
    clients.c.name,
    unique=True,
    sqlite_where=clients.c.server_deleted_at.is_(None),
    postgresql_where=clients.c.server_deleted_at.is_(None),
)

projects = Table(
    "projects",
    metadata,
    _id(),
    Column("workspace_id", Id, ForeignKey("workspaces.id"), nullable=False),
    Column("client_id", Id, ForeignKey("clients.id"), nullable=True),
    Column("name", String(255), nullable=False),
    Column("is_private", Boolean, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("color", String(7), nullable=False),
    Column("billable", Boolean, nullable=True),
    Column("template", Boolean, nullable=True),
    Column("auto_estimates", Boolean, nullable=True),
    Column("estimated_seconds", BigInteger, nullable=True),
    Column("rate", Numeric(12, 2), nullable=True),
    Column("currency", String(8), nullable=True),
    Column("fixed_fee", Numeric(12, 2), nullable=True),
    Column("recurring", Boolean, nullable=False, server_default=text("false")),
    Column("start_date", String(10), nullable=False),
    Column("end_date", String(10), nullable=True),
    Column("creator_id", Id, ForeignKey("users.id"), nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("at", BigInteger, nullable=False),
    Column("server_deleted_at", BigInteger, nullable=True),
)
Index("ix_projects_workspace", projects.c.workspace_id)
# Project names are unique per workspace and client among live projects; COALESCE makes
# "no client" one value (NULLs are distinct in unique indexes on both engines).
Index(
    "uq_projects_workspace_client_name_live",
    projects.c.workspace_id,
    func.coalesce(projects.c.client_id, 0),
    projects.c.name,
    unique=True,
    sqlite_where=projects.c.server_deleted_at.is_(None),
    postgresql_where=projects.c.server_deleted_at.is_(None),
)

project_users = Table(
    "project_users",
    metadata,
    _id(),
    Column("workspace_id", Id, ForeignKey("workspaces.id"), nullable=False),
    Column("project_id", Id, ForeignKey("projects.id"), nullable=False),
    Column("user_id", Id, ForeignKey("users.id"), nullable=False),
    Column("manager", Boolean, nullable=False, server_default=text("false")),
    Column("rate", Numeric(12, 2), nullable=True),
    Column("rate_last_updated", BigInteger, nullable=True),
    Column("labor_cost", Numeric(12, 2), nullable=True),
    Column("created_at", BigInteger, nullable=False),
    Column("at", BigInteger, nullable=False),
    UniqueConstraint("project_id", "user_id", name="uq_project_users_project_user"),
)
Index("ix_project_users_workspace", project_users.c.workspace_id)
Index("ix_project_users_user", project_users.c.user_id)

tasks = Table(
    "tasks",
    metadata,
    _id(),
    Column("workspace_id", Id, ForeignKey("workspaces.id"), nullable=False),
    Column("project_id", Id, ForeignKey("projects.id"), nullable=False),
    Column("name", String(255), nullable=False),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("user_id", Id, ForeignKey("users.id"), nullable=True),
    Column("estimated_seconds", BigInteger, nullable=True),
    Column("recurring", Boolean, nullable=False, server_default=text("false")),
    Column("created_at", BigInteger, nullable=False),
    Column("at", BigInteger, nullable=False),
    Column("server_deleted_at", BigInteger, nullable=True),
)
Index("ix_tasks_project", tasks.c.project_id)
Index("ix_tasks_workspace", tasks.c.workspace_id)

tags = Table(
    "tags",
    metadata,
    _id(),
    Column("workspace_id", Id, ForeignKey("workspaces.id"), nullable=False),
    Column("name", String(255), nullable=False),
    Column("creator_id", Id, ForeignKey("users.id"), nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("at", BigInteger, nullable=False),
    Column("server_deleted_at", BigInteger, nullable=True),
)
# Tag names are unique per workspace among live tags (deleted ones keep their tombstone).
Index(
    "uq_tags_workspace_name_live",
    tags.c.workspace_id,
    tags.c.name,
    unique=True,
    sqlite_where=tags.c.server_deleted_at.is_(None),
    postgresql_where=tags.c.server_deleted_at.is_(None),
)

time_entries = Table(
    "time_entries",
    metadata,
    _id(),
    Column("workspace_id", Id, ForeignKey("workspaces.id"), nullable=False),
    Column("user_id", Id, ForeignKey("users.id"), nullable=False),
    Column("project_id", Id, ForeignKey("projects.id"), nullable=True),
    Column("task_id", Id, ForeignKey("tasks.id"), nullable=True),
    Column("billable", Boolean, nullable=False, server_default=text("false")),
    Column("description", Text, nullable=True),
    # Whole Unix seconds; stop is NULL while the entry runs.
    Column("start", BigInteger, nullable=False),
    Column("stop", BigInteger, nullable=True),
    # Tag ids in the entry's order, comma-separated ("" for none): one row read serves
    # `tags`/`tag_ids` in a stable order without a join per entry.
    Column("tag_ids", Text, nullable=False, server_default=""),
    Column("created_with", String(255), nullable=True),
    Column("created_at", BigInteger, nullable=False),
    Column("at", BigInteger, nullable=False),
    Column("server_deleted_at", BigInteger, nullable=True),
)
# The list endpoint: a user's entries by start, newest first.
Index("ix_time_entries_user_start", time_entries.c.user_id, time_entries.c.start)
# `since` sync: a user's entries by modification time.
Index("ix_time_entries_user_at", time_entries.c.user_id, time_entries.c.at)
Index("ix_time_entries_workspace_start", time_entries.c.workspace_id, time_entries.c.start)
# Per-project and per-task tracked time (actual_seconds, tracked_seconds), read from the index
# alone: summing a workspace's 20k entries from the table took ~27 ms on SQLite, from these
# ~2 ms (issue 12, the projects page). They also serve a project's or task's deletion.
Index(
    "ix_time_entries_project_tracked",
    time_entries.c.project_id,
    time_entries.c.stop,
    time_entries.c.start,
    time_entries.c.server_deleted_at,
)
Index(
    "ix_time_entries_task_tracked",
    time_entries.c.task_id,
    time_entries.c.stop,
    time_entries.c.start,
    time_entries.c.server_deleted_at,
)
# At most one running entry per user, enforced by the database itself.
Index(
    "uq_time_entries_one_running_per_user",
    time_entries.c.user_id,
    unique=True,
    sqlite_where=text("stop IS NULL AND server_deleted_at IS NULL"),
    postgresql_where=text("stop IS NULL AND server_deleted_at IS NULL"),
)

time_entry_shares = Table(
    "time_entry_shares",
    metadata,
    Column("time_entry_id", Id, ForeignKey("time_entries.id"), primary_key=True),
    Column("user_id", Id, ForeignKey("users.id"), primary_key=True),
    Column("accepted", Boolean, nullable=False, server_default=text("false")),
    Column("created_at", BigInteger, nullable=False),
)

# Web app sign-ins (web/): the cookie holds a random token, the table only its SHA-256, so a
# copy of the database signs nobody in. Every worker and machine reads the same rows.
web_sessions = Table(
    "web_sessions",
    metadata,
    _id(),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", Id, ForeignKey("users.id"), nullable=False),
    # Sent back with every state-changing form and htmx request (CSRF).
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
)
Index("ix_web_sessions_user_id", web_sessions.c.user_id)
Index("ix_web_sessions_expires_at", web_sessions.c.expires_at)

# Failed web sign-ins per account and per client address, to slow guessing down.
sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("key", String(320), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", BigInteger, nullable=False),
)

# One-time sign-in links (sessions/links.py): an admin who adds a person without an account
# hands them a link to set their password. Only the token's SHA-256 is kept; a link ends when
# it is used or when `expires_at` passes.
sign_in_links = Table(
    "sign_in_links",
    metadata,
    _id(),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", Id, ForeignKey("users.id"), nullable=False),
    Column("created_by", Id, ForeignKey("users.id"), nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
)
Index("ix_sign_in_links_user_id", sign_in_links.c.user_id)
