"""The kept time-entry rows of a size: full histories, running timers, the 1m/10k trim."""

from __future__ import annotations

import datetime as dt
import random
from operator import itemgetter
from typing import Any

from datagen.catalogue import build_catalogue
from datagen.history import Midnights, user_history, user_rates
from datagen.shape import (
    CREATED_WITH,
    END_DATE,
    HISTORY_DAYS,
    N_USERS,
    RECENT_DAYS,
    SEED,
    SIZES,
    WINDOW_DAYS,
    timezone_of,
    workspace_of,
)
from datagen.workload_users import assign_roles, metadata

GENERATOR_VERSION = 1  # bump whenever the generated rows change


def generate(
    size: str, password_hash: str
) -> tuple[dict[str, Any], list[tuple[Any, ...]], dict[str, Any]]:
    """(catalogue, time-entry rows with ids in chronological order, metadata for the runner)."""
    total = SIZES[size]
    catalogue = build_catalogue(password_hash)
    midnight = Midnights()
    rates = user_rates()
    full = total >= 500_000
    days = HISTORY_DAYS if full else RECENT_DAYS
    histories: dict[int, list[tuple[Any, ...]]] = {}
    stats: dict[int, dict[str, Any]] = {}
    for uid in range(1, N_USERS + 1):
        entries, offsets = user_history(uid, rates[uid], days, catalogue, midnight)
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

    roles = assign_roles(stats)
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
    meta = metadata(size, roles, stats, ids_by_key, running, catalogue)
    return catalogue, rows, meta
