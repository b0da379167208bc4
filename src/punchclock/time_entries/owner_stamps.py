"""Per-owner `at` stamps: a time entry's change comes after every change to its owner's entries."""

from __future__ import annotations

from punchclock.stamps import next_at
from punchclock.time_entries.repository import TimeEntryRepository


class OwnerStamps:
    """The next `at` for each owner within one unit of work; callers hold the owner's lock.

    The owner's newest `at` is read once per unit of work: every later write in it holds the
    owner's lock and takes its stamp from here, so the cached value stays the newest.
    """

    def __init__(self, repo: TimeEntryRepository) -> None:
        self.repo = repo
        self._latest: dict[int, int] = {}

    def known(self, user_id: int, latest: int) -> None:
        """The owner's newest `at`, when a read under their lock has already returned it."""
        self._latest.setdefault(user_id, latest)

    def forget(self) -> None:
        """After a rollback to a savepoint: read each owner's newest `at` again."""
        self._latest.clear()

    def next(self, user_id: int, now: int) -> int:
        """A stamp after the owner's newest `at` (punchclock.stamps.next_at)."""
        latest = self._latest.get(user_id)
        if latest is None:
            latest = self.repo.latest_at_for_user(user_id)
        at = next_at(latest, now)
        self._latest[user_id] = at
        return at
