"""The dataset's shape: sizes, counts, dates, vocabulary, and each user's known credentials."""

from __future__ import annotations

import datetime as dt
import hashlib

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


def api_token(user_id: int) -> str:
    """The known API token of bench user `user_id` (32 lowercase hex)."""
    return hashlib.md5(f"punchclock-bench-user-{user_id}".encode()).hexdigest()


def email(user_id: int) -> str:
    """The known email of bench user `user_id` (all share PASSWORD)."""
    return f"user{user_id:04d}@bench.punchclock.test"


def workspace_of(user_id: int) -> int:
    """The workspace of bench user `user_id` (20 consecutive users per workspace)."""
    return (user_id - 1) // USERS_PER_WS + 1


def timezone_of(user_id: int) -> str:
    """The timezone of bench user `user_id` (one of TIMEZONES)."""
    return TIMEZONES[(user_id * 7) % len(TIMEZONES)]
