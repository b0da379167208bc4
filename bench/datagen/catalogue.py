"""The catalogue: every table but time_entries (organizations to tags), and each table's columns."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from typing import Any

from datagen.shape import (
    CLIENTS_PER_WS,
    COLORS,
    END_DATE,
    HISTORY_DAYS,
    N_ORGS,
    N_USERS,
    N_WORKSPACES,
    NOUNS,
    PROJECTS_PER_WS,
    SEED,
    TAG_WORDS,
    TAGS_PER_WS,
    USERS_PER_WS,
    WS_PER_ORG,
    api_token,
    email,
    timezone_of,
    workspace_of,
)

# Time-entry columns in insert order (matches the rows datagen.generate builds).
TE_COLUMNS = (
    "id",
    "workspace_id",
    "user_id",
    "project_id",
    "task_id",
    "billable",
    "description",
    "start",
    "stop",
    "tag_ids",
    "created_with",
    "created_at",
    "at",
    "server_deleted_at",
)


def _micros(day: dt.date, hour: int = 12) -> int:
    return int(dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC).timestamp()) * 10**6


def build_catalogue(password_hash: str) -> dict[str, Any]:
    """Rows of every table except time_entries, plus lookups the entry generator needs."""
    rng = random.Random(f"catalogue-{SEED}")
    founded = END_DATE - dt.timedelta(days=HISTORY_DAYS + 30)
    t0 = _micros(founded)
    rows: dict[str, list[tuple[Any, ...]]] = {
        name: []
        for name in (
            "organizations",
            "users",
            "organization_users",
            "workspaces",
            "workspace_users",
            "clients",
            "projects",
            "project_users",
            "tasks",
            "tags",
        )
    }
    for org in range(1, N_ORGS + 1):
        rows["organizations"].append((org, f"Bench Org {org}", t0, t0))
    for uid in range(1, N_USERS + 1):
        wid = workspace_of(uid)
        rows["users"].append(
            (
                uid,
                email(uid),
                f"Bench User {uid}",
                password_hash,
                api_token(uid),
                hashlib.sha1(f"accounts-{uid}".encode()).hexdigest()[:22],
                timezone_of(uid),
                1,
                wid,
                t0,
                t0,
                t0,
                t0,
                t0,
            )
        )
    org_user_id = 0
    ws_user_id = 0
    client_id = project_id = project_user_id = task_id = tag_id = 0
    projects_by_ws: dict[int, list[tuple[int, bool, bool, list[int], set[int]]]] = {}
    tags_by_ws: dict[int, list[int]] = {}
    for wid in range(1, N_WORKSPACES + 1):
        org = (wid - 1) // WS_PER_ORG + 1
        members = list(range((wid - 1) * USERS_PER_WS + 1, wid * USERS_PER_WS + 1))
        ical = hashlib.md5(f"ical-{wid}".encode()).hexdigest()
        rows["workspaces"].append((wid, org, f"Bench Workspace {wid}", ical, t0, t0))
        for n, uid in enumerate(members):
            ws_user_id += 1
            rows["workspace_users"].append(
                (ws_user_id, wid, uid, "admin" if n == 0 else "user", True, t0, t0)
            )
            org_user_id += 1
            owner = wid % WS_PER_ORG == 1 and n == 0
            rows["organization_users"].append(
                (org_user_id, org, uid, "owner" if owner else "member", t0)
            )
        admin = members[0]
        ws_clients = []
        for n in range(CLIENTS_PER_WS):
            client_id += 1
            ws_clients.append(client_id)
            rows["clients"].append((client_id, wid, f"Client {wid}-{n + 1}", admin, t0, t0))
        projects_by_ws[wid] = []
        for n in range(PROJECTS_PER_WS):
            project_id += 1
            client = ws_clients[n % CLIENTS_PER_WS] if n % 4 != 3 else None
            private = n % 4 == 1
            billable = rng.random() < 0.7
            rows["projects"].append(
                (
                    project_id,
                    wid,
                    client,
                    f"{rng.choice(NOUNS).title()} {n + 1}",
                    private,
                    True,
                    COLORS[n % len(COLORS)],
                    billable,
                    "USD",
                    founded.isoformat(),
                    admin,
                    t0,
                    t0,
                )
            )
            project_members: set[int] = set()
            if private:
                project_members = set(rng.sample(members, 5))
                for uid in sorted(project_members):
                    project_user_id += 1
                    rows["project_users"].append(
                        (project_user_id, wid, project_id, uid, uid == admin, t0, t0)
                    )
            project_tasks = []
            if n % 3 == 0:
                for k in range(3):
                    task_id += 1
                    project_tasks.append(task_id)
                    rows["tasks"].append((task_id, wid, project_id, f"Task {k + 1}", True, t0, t0))
            projects_by_ws[wid].append(
                (project_id, private, billable, project_tasks, project_members)
            )
        tags_by_ws[wid] = []
        for n in range(TAGS_PER_WS):
            tag_id += 1
            tags_by_ws[wid].append(tag_id)
            name = f"{TAG_WORDS[n % len(TAG_WORDS)]}-{n // len(TAG_WORDS) + 1}"
            rows["tags"].append((tag_id, wid, name, admin, t0, t0))
    return {"rows": rows, "projects_by_ws": projects_by_ws, "tags_by_ws": tags_by_ws}


TABLE_COLUMNS = {
    "organizations": ("id", "name", "created_at", "at"),
    "users": (
        "id",
        "email",
        "fullname",
        "password_hash",
        "api_token",
        "toggl_accounts_id",
        "timezone",
        "beginning_of_week",
        "default_workspace_id",
        "created_at",
        "updated_at",
        "at",
        "authorization_updated_at",
        "toggl_accounts_updated_at",
    ),
    "organization_users": ("id", "organization_id", "user_id", "role", "created_at"),
    "workspaces": ("id", "organization_id", "name", "ical_token", "created_at", "at"),
    "workspace_users": ("id", "workspace_id", "user_id", "role", "active", "created_at", "at"),
    "clients": ("id", "workspace_id", "name", "creator_id", "created_at", "at"),
    "projects": (
        "id",
        "workspace_id",
        "client_id",
        "name",
        "is_private",
        "active",
        "color",
        "billable",
        "currency",
        "start_date",
        "creator_id",
        "created_at",
        "at",
    ),
    "project_users": (
        "id",
        "workspace_id",
        "project_id",
        "user_id",
        "manager",
        "created_at",
        "at",
    ),
    "tasks": ("id", "workspace_id", "project_id", "name", "active", "created_at", "at"),
    "tags": ("id", "workspace_id", "name", "creator_id", "created_at", "at"),
    "time_entries": TE_COLUMNS,
}
