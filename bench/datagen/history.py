"""Each user's time entries: recurring activities, working days, and per-user rates."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from datagen.shape import (
    ACTIVITIES_PER_USER,
    CREATED_WITH,
    END_DATE,
    MEAN_RATE,
    N_USERS,
    NOUNS,
    SEED,
    TIMEZONES,
    VERBS,
    timezone_of,
    workspace_of,
)


class Midnights:
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


def user_history(
    uid: int, rate: float, days: int, catalogue: dict[str, Any], midnight: Midnights
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


def user_rates() -> dict[int, float]:
    """Each user's mean entries per workday: log-normal, scaled to a mean of MEAN_RATE."""
    rng = random.Random(f"rates-{SEED}")
    raw = {uid: rng.lognormvariate(0.0, 0.7) for uid in range(1, N_USERS + 1)}
    mean = sum(raw.values()) / len(raw)
    return {uid: MEAN_RATE * value / mean for uid, value in raw.items()}
