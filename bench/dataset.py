"""Benchmark dataset: 1,000 users in 50 workspaces, N Toggl-shaped time entries over two years.

The schema comes from `punchclock db upgrade`; the rows go in with the plain driver (sqlite3
`executemany`, PostgreSQL `COPY`), with the time-entry indexes dropped during the load and
recreated from their own definitions afterwards. Generated SQLite files are cached under
`bench/.data/`, keyed by size, generator version and the migration files, so reruns are quick.

Shape (deterministic, seeded):
- 10 organizations x 5 workspaces; 20 users per workspace (the first is the workspace admin,
  the first of each organization its owner); 8 timezones.
- Per workspace: 10 clients, 40 projects (3/4 with a client, 1/4 private with 5 members,
  70% billable), tasks on a third of the projects, 30 tags.
- Each user has ~25 recurring "activities" (description, project, task, tags) chosen with a
  Zipf-like weight, a personal rate of entries per workday (log-normal, mean ~2), working days
  that start between 08:00 and 10:00 local time, entries back to back with short gaps, a few
  weekend entries, and 0.5% soft-deleted entries. Ids grow with time (rows are inserted in
  chronological order, as a real server receives them), so one user's entries are spread over
  the whole table, not clustered.
- The data ends on END_DATE - 1 day; one user in five has a timer running since 09:00 local on
  END_DATE (`/me/time_entries/current` returns it).
- The 1m variant keeps the newest 1,000,000 entries of a two-year history. The 10k variant keeps
  the last 28 days of the users the benchmark reads from (so the ~48-entry list windows are the
  same rows as in the 1m variant) and fills the rest with the newest entries of everyone else:
  per-request work is identical, only the table size differs.

Usage: python bench/dataset.py --size 10k|1m [--postgres-url URL]  (prints the cached path)
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / ".data"
MIGRATIONS_DIR = ROOT / "src" / "punchclock" / "db" / "migrations" / "versions"

GENERATOR_VERSION = 1  # bump whenever the generated rows change
SEED = 20261120
SIZES = {"10k": 10_000, "1m": 1_000_000}

N_ORGS = 10
WS_PER_ORG = 5
N_WORKSPACES = N_ORGS * WS_PER_ORG
USERS_PER_WS = 20
N_USERS = N_WORKSPACES * USERS_PER_WS
CLIENTS_PER_WS = 10
PROJECTS_PER_WS = 40
TAGS_PER_WS = 30
ACTIVITIES_PER_USER = 25

END_DATE = dt.date(2026, 11, 20)  # a Friday: entries up to the Thursday, timers running on it
HISTORY_DAYS = 730
RECENT_DAYS = 28  # what the 10k variant keeps for the users the benchmark reads from
WINDOW_DAYS = 14  # the list window: [END_DATE - 14 days, END_DATE) in the user's timezone
LIST_TARGET = 48
# Mean entries per workday, so that a two-year history holds ~1.5% more than 1,000,000 entries.
MEAN_RATE = 1.86

PASSWORD = "bench-password"
CREATED_WITH = ("Toggl Track (web)", "TogglDesktop/7.5.461", "toggl-cli", "Timery for Toggl")
TIMEZONES = (
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Europe/London",
    "Asia/Kolkata",
    "America/Los_Angeles",
    "Australia/Sydney",
    "Europe/Tallinn",
)
VERBS = (
    "Review",
    "Implement",
    "Fix",
    "Plan",
    "Write",
    "Test",
    "Design",
    "Refactor",
    "Discuss",
    "Deploy",
    "Research",
    "Support",
)
NOUNS = (
    "login flow",
    "invoice export",
    "API docs",
    "weekly report",
    "onboarding",
    "search page",
    "billing",
    "mobile app",
    "dashboard",
    "CI pipeline",
    "data migration",
    "customer call",
    "roadmap",
    "landing page",
    "backlog",
    "release notes",
)
COLORS = ("#0b83d9", "#9e5bd9", "#d94182", "#e36a00", "#bf7000", "#2da608", "#06a893", "#c9806b")
TAG_WORDS = (
    "meeting",
    "deep-work",
    "bug",
    "feature",
    "admin",
    "travel",
    "review",
    "support",
    "urgent",
    "research",
    "ops",
    "sales",
    "design",
    "writing",
    "billable-later",
)

# Time-entry columns in insert order (matches the tuples built below).
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


def api_token(user_id: int) -> str:
    """The known API token of bench user `user_id` (32 lowercase hex)."""
    return hashlib.md5(f"punchclock-bench-user-{user_id}".encode()).hexdigest()


def email(user_id: int) -> str:
    """The known email of bench user `user_id` (all share PASSWORD)."""
    return f"user{user_id:04d}@bench.punchclock.test"


def workspace_of(user_id: int) -> int:
    return (user_id - 1) // USERS_PER_WS + 1


def timezone_of(user_id: int) -> str:
    return TIMEZONES[(user_id * 7) % len(TIMEZONES)]


# ---- catalogue ---------------------------------------------------------------------------


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


# ---- time entries ------------------------------------------------------------------------


class _Midnights:
    """UTC seconds of local midnight, cached per (timezone, date)."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, dt.date], int] = {}
        self._zones = {name: ZoneInfo(name) for name in TIMEZONES}

    def __call__(self, tz: str, day: dt.date) -> int:
        key = (tz, day)
        value = self._cache.get(key)
        if value is None:
            value = int(dt.datetime.combine(day, dt.time(), tzinfo=self._zones[tz]).timestamp())
            self._cache[key] = value
        return value


def _activities(
    rng: random.Random, uid: int, catalogue: dict[str, Any]
) -> list[tuple[int | None, int | None, bool, str | None, str, str]]:
    """(project_id, task_id, billable, description, tag_ids, created_with) per activity."""
    wid = workspace_of(uid)
    usable = [p for p in catalogue["projects_by_ws"][wid] if not p[1] or uid in p[4]]
    tags = catalogue["tags_by_ws"][wid]
    client = rng.choice(CREATED_WITH)
    result = []
    for _ in range(ACTIVITIES_PER_USER):
        project_id: int | None = None
        task_id: int | None = None
        billable = False
        if rng.random() < 0.85:
            project_id, _private, billable, tasks, _members = rng.choice(usable)
            if tasks and rng.random() < 0.5:
                task_id = rng.choice(tasks)
        roll = rng.random()
        if roll < 0.08:
            description: str | None = None
        elif roll < 0.3:
            description = f"{rng.choice(VERBS)} {rng.choice(NOUNS)} #{rng.randint(100, 9999)}"
        else:
            description = f"{rng.choice(VERBS)} {rng.choice(NOUNS)}"
        k = rng.choices((0, 1, 2, 3), weights=(40, 30, 20, 10))[0]
        tag_ids = ",".join(str(t) for t in rng.sample(tags, k))
        result.append((project_id, task_id, billable, description, tag_ids, client))
    return result


def _user_history(
    uid: int, rate: float, days: int, catalogue: dict[str, Any], midnight: _Midnights
) -> tuple[list[tuple[Any, ...]], list[int]]:
    """Entries (without id) for days 1..`days` before END_DATE, and each entry's day offset.

    Days are generated newest first with the user's own RNG, so the last N days are the same
    rows whatever `days` is: the 10k and 1m variants share their recent history.
    """
    rng = random.Random(f"user-{SEED}-{uid}")
    tz = timezone_of(uid)
    wid = workspace_of(uid)
    activities = _activities(rng, uid, catalogue)
    cum_weights = list(_accumulate([1.0 / (k + 1) ** 0.9 for k in range(len(activities))]))
    entries: list[tuple[Any, ...]] = []
    offsets: list[int] = []
    sd = math.sqrt(rate)
    for offset in range(1, days + 1):
        day = END_DATE - dt.timedelta(days=offset)
        if day.weekday() < 5:
            count = max(0, round(rng.gauss(rate, sd)))
        else:
            count = rng.choice((1, 2)) if rng.random() < 0.05 else 0
        if count == 0:
            continue
        base = midnight(tz, day)
        local = 8 * 3600 + rng.randrange(0, 2 * 3600)
        mean = min(9000.0, 7.5 * 3600 / count)
        mu = math.log(mean) - 0.18
        for _ in range(count):
            if local >= 23 * 3600:
                break
            duration = int(min(4 * 3600, max(300, rng.lognormvariate(mu, 0.6))))
            start = base + local
            stop = start + duration
            project_id, task_id, billable, description, tag_ids, client = rng.choices(
                activities, cum_weights=cum_weights
            )[0]
            at = stop * 1_000_000 + rng.randrange(1_000_000)
            deleted = None
            if rng.random() < 0.005:
                at += 3600 * 1_000_000
                deleted = at
            entries.append(
                (
                    start,
                    wid,
                    uid,
                    project_id,
                    task_id,
                    billable,
                    description,
                    stop,
                    tag_ids,
                    client,
                    start * 1_000_000,
                    at,
                    deleted,
                )
            )
            offsets.append(offset)
            local += duration + rng.randrange(0, 900)
    return entries, offsets


def _accumulate(values: Iterable[float]) -> Iterable[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def _rates() -> dict[int, float]:
    rng = random.Random(f"rates-{SEED}")
    raw = {uid: rng.lognormvariate(0.0, 0.7) for uid in range(1, N_USERS + 1)}
    mean = sum(raw.values()) / len(raw)
    return {uid: MEAN_RATE * value / mean for uid, value in raw.items()}


def generate(
    size: str, password_hash: str
) -> tuple[dict[str, Any], list[tuple[Any, ...]], dict[str, Any]]:
    """(catalogue, time-entry rows with ids in chronological order, metadata for the runner)."""
    total = SIZES[size]
    catalogue = build_catalogue(password_hash)
    midnight = _Midnights()
    rates = _rates()
    full = total >= 500_000
    days = HISTORY_DAYS if full else RECENT_DAYS
    histories: dict[int, list[tuple[Any, ...]]] = {}
    stats: dict[int, dict[str, Any]] = {}
    for uid in range(1, N_USERS + 1):
        entries, offsets = _user_history(uid, rates[uid], days, catalogue, midnight)
        histories[uid] = entries
        recent = [e for e, o in zip(entries, offsets, strict=True) if o <= RECENT_DAYS]
        stats[uid] = {
            "window": sum(
                1
                for e, o in zip(entries, offsets, strict=True)
                if o <= WINDOW_DAYS and e[12] is None
            ),
            "recent_live": [e for e in recent if e[12] is None],
        }

    roles = _assign_roles(stats)
    # One user in five (never a list probe) has a timer running since 09:00 on END_DATE.
    running_users = [
        uid for uid in range(1, N_USERS + 1) if uid % 5 == 0 and uid not in roles["list_set"]
    ]
    running: list[tuple[Any, ...]] = []
    for uid in running_users:
        rng = random.Random(f"running-{SEED}-{uid}")
        start = midnight(timezone_of(uid), END_DATE) + 9 * 3600 + rng.randrange(3600)
        src = histories[uid][0] if histories[uid] else None
        project_id, task_id, billable, description, tag_ids, client = (
            (src[3], src[4], src[5], src[6], src[8], src[9])
            if src
            else (None, None, False, "Running", "", CREATED_WITH[0])
        )
        running.append(
            (
                start,
                workspace_of(uid),
                uid,
                project_id,
                task_id,
                billable,
                description,
                None,
                tag_ids,
                client,
                start * 1_000_000,
                start * 1_000_000 + 1,
                None,
            )
        )

    if full:
        pool = [e for entries in histories.values() for e in entries]
        pool.extend(running)
        pool.sort(key=itemgetter(0))
        if len(pool) < total:
            raise SystemExit(f"generator produced only {len(pool)} entries for {size}")
        kept = pool[len(pool) - total :]
    else:
        # Keep exactly what the read workloads and the edit targets touch, identical to the
        # 1m variant's rows: the list users' window, the bulk/put users' newest entries.
        protected = roles["protected"]
        kept = []
        for uid in protected:
            if uid in roles["list_set"]:
                oldest = midnight(timezone_of(uid), END_DATE - dt.timedelta(days=WINDOW_DAYS))
            else:
                wanted = 50 if uid in roles["bulk"] else 10 if uid in roles["put"] else 0
                live = sorted((e[0] for e in stats[uid]["recent_live"]), reverse=True)
                oldest = live[min(wanted, len(live)) - 1] if wanted and live else 2**62
            kept.extend(e for e in histories[uid] if e[0] >= oldest)
        kept.extend(running)
        others = [e for uid, entries in histories.items() if uid not in protected for e in entries]
        others.sort(key=itemgetter(0))
        room = total - len(kept)
        if room < 0:
            raise SystemExit(f"protected entries ({len(kept)}) exceed the {size} size")
        kept.extend(others[len(others) - room :])
        kept.sort(key=itemgetter(0))
        if len(kept) != total:
            raise SystemExit(f"small variant has {len(kept)} entries, wanted {total}")

    rows = [
        (i, e[1], e[2], e[3], e[4], e[5], e[6], e[0], e[7], e[8], e[9], e[10], e[11], e[12])
        for i, e in enumerate(kept, start=1)
    ]
    ids_by_key = {(r[2], r[7]): r[0] for r in rows}
    meta = _metadata(size, roles, stats, ids_by_key, running, catalogue, midnight)
    return catalogue, rows, meta


def _assign_roles(stats: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """Disjoint user sets for each workload, chosen from the (shared) recent history."""
    by_window = sorted(
        (uid for uid in stats if abs(stats[uid]["window"] - LIST_TARGET) <= 6),
        key=lambda uid: (abs(stats[uid]["window"] - LIST_TARGET), uid),
    )
    list_users = sorted(by_window[:16])
    taken = set(list_users)
    heavy = sorted(
        (uid for uid in stats if uid not in taken),
        key=lambda uid: (-len(stats[uid]["recent_live"]), uid),
    )
    bulk_users = sorted(heavy[:20])
    taken.update(bulk_users)
    put_users = sorted(heavy[20:60])
    taken.update(put_users)
    current_users = [uid for uid in range(5, N_USERS + 1, 5) if uid not in taken][:32]
    taken.update(current_users)
    rest = [uid for uid in range(1, N_USERS + 1) if uid not in taken]
    create_users = rest[0::2][:200]
    startstop_users = rest[1::2][:200]
    return {
        "list": list_users,
        "list_set": set(list_users),
        "bulk": bulk_users,
        "put": put_users,
        "current": current_users,
        "create": create_users,
        "startstop": startstop_users,
        "protected": set(list_users) | set(bulk_users) | set(put_users) | set(current_users),
    }


def _user_info(uid: int) -> dict[str, Any]:
    return {
        "id": uid,
        "email": email(uid),
        "token": api_token(uid),
        "workspace_id": workspace_of(uid),
        "timezone": timezone_of(uid),
    }


def _metadata(
    size: str,
    roles: dict[str, Any],
    stats: dict[int, dict[str, Any]],
    ids_by_key: dict[tuple[int, int], int],
    running: list[tuple[Any, ...]],
    catalogue: dict[str, Any],
    midnight: _Midnights,
) -> dict[str, Any]:
    start_date = END_DATE - dt.timedelta(days=WINDOW_DAYS)
    public_projects = {
        wid: [p[0] for p in projects if not p[1]]
        for wid, projects in catalogue["projects_by_ws"].items()
    }

    def writer(uid: int) -> dict[str, Any]:
        wid = workspace_of(uid)
        tags = catalogue["tags_by_ws"][wid]
        return {
            **_user_info(uid),
            "project_id": public_projects[wid][uid % len(public_projects[wid])],
            "tag_ids": [tags[uid % len(tags)], tags[(uid + 7) % len(tags)]],
        }

    def newest_ids(uid: int, n: int) -> list[int]:
        live = sorted(stats[uid]["recent_live"], key=itemgetter(0), reverse=True)
        return [ids_by_key[(uid, e[0])] for e in live[:n] if (uid, e[0]) in ids_by_key]

    running_by_user = {e[2]: ids_by_key[(e[2], e[0])] for e in running}
    return {
        "size": size,
        "entries": SIZES[size],
        "users": N_USERS,
        "workspaces": N_WORKSPACES,
        "password": PASSWORD,
        "end_date": END_DATE.isoformat(),
        "list": [
            {
                **_user_info(uid),
                "start_date": start_date.isoformat(),
                "end_date": END_DATE.isoformat(),
                "expected": stats[uid]["window"],
            }
            for uid in roles["list"]
        ],
        "current": [
            {**_user_info(uid), "running_id": running_by_user[uid]} for uid in roles["current"]
        ],
        "create": [writer(uid) for uid in roles["create"]],
        "startstop": [writer(uid) for uid in roles["startstop"]],
        "put": [
            {**writer(uid), "entry_id": entry_id}
            for uid in roles["put"]
            for entry_id in newest_ids(uid, 10)
        ],
        "bulk": [{**_user_info(uid), "ids": newest_ids(uid, 50)} for uid in roles["bulk"]],
    }


# ---- writers -----------------------------------------------------------------------------


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="10k")
    parser.add_argument("--postgres-url", help="load into this (empty) database instead")
    args = parser.parse_args()
    if args.postgres_url:
        write_postgres(args.postgres_url, args.size)
    else:
        path, meta = ensure_sqlite(args.size)
        print(path)
        print(
            f"list users: {len(meta['list'])}, window counts "
            f"{sorted(u['expected'] for u in meta['list'])}"
        )


if __name__ == "__main__":
    main()
