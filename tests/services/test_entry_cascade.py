"""Catalogue deletions under a clock that steps back: `since` pollers never miss the change.

A `since` poller of /me/time_entries has seen every entry of its user up to the newest `at`.
A change that a tag, task or project deletion makes to an entry must be stamped after that
newest `at`, or the poller would never see it (punchclock/stamps.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import NamedTuple

import pytest
from sqlalchemy import Connection, select

from punchclock.clock import FrozenClock
from punchclock.composition import (
    project_editor,
    project_service,
    tag_service,
    task_editor,
    task_service,
)
from punchclock.db.engine import Database
from punchclock.db.schema import tags, time_entries
from punchclock.projects.models import ProjectDraft
from punchclock.tasks.models import TaskDraft
from punchclock.time_entries.models import EntryChanges
from punchclock.time_entries.service import TimeEntryService
from punchclock.users.models import User
from tests.conftest import FROZEN_NOW_US, Account
from tests.services.support import join_workspace, user_of

STEP_BACK_US = 3_600_000_000  # the clock goes an hour back between the writes and the delete


class Ids(NamedTuple):
    workspace: int
    tag: int
    task: int
    project: int


def _delete_tag(conn: Connection, clock: FrozenClock, admin: User, ids: Ids) -> None:
    tag_service(conn, clock).delete(admin, ids.workspace, ids.tag)


def _delete_task(conn: Connection, clock: FrozenClock, admin: User, ids: Ids) -> None:
    task_editor(conn, clock).delete(admin, ids.workspace, ids.project, ids.task)


def _unassign_project(conn: Connection, clock: FrozenClock, admin: User, ids: Ids) -> None:
    project_editor(conn, clock).delete(admin, ids.workspace, ids.project, "unassign")


def _delete_project(conn: Connection, clock: FrozenClock, admin: User, ids: Ids) -> None:
    project_editor(conn, clock).delete(admin, ids.workspace, ids.project, "delete")


def _stamps(database: Database) -> dict[int, tuple[int, int]]:
    """Per entry: (owner, at)."""
    with database.transaction(write=False) as conn:
        rows = conn.execute(select(time_entries.c.id, time_entries.c.user_id, time_entries.c.at))
        return {row[0]: (row[1], row[2]) for row in rows}


@pytest.mark.parametrize(
    "delete",
    [_delete_tag, _delete_task, _unassign_project, _delete_project],
    ids=["tag", "task", "project-unassign", "project-delete"],
)
def test_deletion_stamps_each_entry_after_its_owners_newest_change(
    database: Database,
    clock: FrozenClock,
    alice: Account,
    make_account: Callable[..., Account],
    delete: Callable[[Connection, FrozenClock, User, Ids], None],
) -> None:
    bob = make_account()
    wid = alice.workspace_id
    join_workspace(database, wid, bob.id)
    admin, member = user_of(database, alice), user_of(database, bob)
    with database.transaction(write=True) as conn:
        pid = (
            project_service(conn, clock)
            .create(admin, wid, ProjectDraft(name="Site", is_private=False))
            .project.id
        )
        task_id = task_service(conn, clock).create(admin, wid, pid, TaskDraft(name="Spec")).task.id
        tag_id = tag_service(conn, clock).create(admin, wid, "dev").id
    ids = Ids(wid, tag_id, task_id, pid)
    uses_all = EntryChanges(
        start=FROZEN_NOW_US - 7_200_000_000, duration=60, tag_ids=[tag_id], task_id=task_id
    )
    plain = EntryChanges(start=FROZEN_NOW_US - 3_600_000_000, duration=60)
    touched: set[int] = set()
    with database.transaction(write=True) as conn:
        entries = TimeEntryService(conn, clock)
        for user in (admin, member):
            touched.add(entries.create(user, wid, uses_all).entry.id)
            clock.advance(1)
            # Each owner's newest change is to an entry the deletion does not touch.
            entries.create(user, wid, plain)
            clock.advance(1)
    before = _stamps(database)
    newest: dict[int, int] = {}
    for owner, at in before.values():
        newest[owner] = max(at, newest.get(owner, 0))
    clock.set(clock.now_us() - STEP_BACK_US)
    with database.transaction(write=True) as conn:
        delete(conn, clock, admin, ids)
    after = _stamps(database)
    assert len(touched) == 2
    for entry_id, (owner, at) in after.items():
        if entry_id in touched:
            assert at > newest[owner], (entry_id, at, newest[owner])
        else:
            assert at == before[entry_id][1]


def test_a_new_tag_name_cannot_deadlock_an_admin_editing_across_owners(
    database: Database,
    clock: FrozenClock,
    alice: Account,
    make_account: Callable[..., Account],
) -> None:
    """An admin's transaction has created tag "N" (uncommitted) and goes on to another owner's
    entry, while that owner creates an entry naming "N". The owner's create must wait for "N"
    without holding its own lock, or each would wait for the other (PostgreSQL aborts one)."""
    bob = make_account()
    wid = alice.workspace_id
    join_workspace(database, wid, bob.id)
    admin, member = user_of(database, alice), user_of(database, bob)
    stopped = EntryChanges(start=FROZEN_NOW_US - 7_200_000_000, duration=60)
    with database.transaction(write=True) as conn:
        mine = TimeEntryService(conn, clock).create(admin, wid, stopped).entry.id
        theirs = TimeEntryService(conn, clock).create(member, wid, stopped).entry.id
    tagged = threading.Event()
    errors: list[BaseException] = []

    def owner_creates() -> None:
        try:
            assert tagged.wait(10)
            with database.transaction(write=True) as conn:
                TimeEntryService(conn, clock).create(
                    member, wid, EntryChanges(start=FROZEN_NOW_US - 3_600_000_000, tags=["N"])
                )
        except BaseException as error:  # reported below
            errors.append(error)

    other = threading.Thread(target=owner_creates)
    other.start()
    try:
        with database.transaction(write=True) as conn:
            entries = TimeEntryService(conn, clock)
            entries.update(admin, wid, mine, EntryChanges(tags=["N"]))
            tagged.set()
            time.sleep(0.5)  # the owner's create is now waiting on "N"
            entries.update(admin, wid, theirs, EntryChanges(description="checked"))
    finally:
        other.join(15)
    assert not errors, errors
    with database.transaction(write=False) as conn:
        names = conn.execute(select(tags.c.id).where(tags.c.name == "N")).scalars().all()
        carried = conn.execute(select(time_entries.c.tag_ids)).scalars().all()
    assert len(names) == 1
    assert sorted(carried) == sorted(["", str(names[0]), str(names[0])])
