"""Task and tag writes racing each other, and name rules, on a real database (both engines)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from punchclock.clock import FrozenClock
from punchclock.composition import client_service, tag_service, task_editor, task_service
from punchclock.db.engine import Database
from punchclock.db.schema import projects, tasks, time_entries
from punchclock.errors import BadRequest
from punchclock.tags.resolver import TagResolver
from punchclock.tasks.models import TaskDraft
from punchclock.time_entries.models import EntryChanges
from punchclock.time_entries.service import TimeEntryService
from tests.conftest import FROZEN_NOW_US, Account
from tests.services.support import user_of

HOLD_SECONDS = 0.5


def project_of(database: Database, account: Account) -> int:
    with database.transaction(write=True) as conn:
        return int(
            conn.execute(
                projects.insert()
                .values(
                    workspace_id=account.workspace_id,
                    name="Website",
                    is_private=False,
                    active=True,
                    color="#0b83d9",
                    start_date="2026-11-27",
                    creator_id=account.id,
                    created_at=FROZEN_NOW_US,
                    at=FROZEN_NOW_US,
                )
                .returning(projects.c.id)
            ).scalar_one()
        )


def race(database: Database, first: Callable[[Any], None], second: Callable[[Any], Any]) -> Any:
    """Run `first` in a transaction held open a while, and `second` meanwhile; second's result.

    `second` starts once `first` has done its work but before `first` commits, so it only
    behaves if it waits for `first` (a lock) or sees its work afterwards.
    """
    started = threading.Event()
    errors: list[BaseException] = []

    def hold() -> None:
        try:
            with database.transaction(write=True) as conn:
                first(conn)
                started.set()
                time.sleep(HOLD_SECONDS)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
            started.set()

    thread = threading.Thread(target=hold)
    thread.start()
    assert started.wait(10)
    try:
        with database.transaction(write=True) as conn:
            return second(conn)
    finally:
        thread.join(10)
        assert not errors, errors


class TestConcurrentTaskNames:
    def test_second_create_of_a_name_waits_and_fails(
        self, database: Database, clock: FrozenClock, alice: Account
    ) -> None:
        user = user_of(database, alice)
        pid = project_of(database, alice)

        def create(conn: Any) -> Any:
            draft = TaskDraft(name="Spec")
            return task_service(conn, clock).create(user, alice.workspace_id, pid, draft)

        with pytest.raises(BadRequest) as raised:
            race(database, create, create)
        assert raised.value.message == "a task with the name 'Spec' already exists in this project"
        with database.transaction(write=False) as conn:
            assert len(conn.execute(select(tasks.c.id)).all()) == 1


class TestDeletesRacingEntryWrites:
    def test_tag_delete_waits_for_an_entry_that_uses_the_tag(
        self, database: Database, clock: FrozenClock, alice: Account
    ) -> None:
        user = user_of(database, alice)
        wid = alice.workspace_id
        with database.transaction(write=True) as conn:
            (tag_id,) = TagResolver(conn, clock).resolve(wid, user.id, ["dev"], [])

        def create_entry(conn: Any) -> None:
            changes = EntryChanges(start=FROZEN_NOW_US - 60_000_000, duration=60, tag_ids=[tag_id])
            TimeEntryService(conn, clock).create(user, wid, changes)

        race(
            database, create_entry, lambda conn: tag_service(conn, clock).delete(user, wid, tag_id)
        )
        with database.transaction(write=False) as conn:
            assert conn.execute(select(time_entries.c.tag_ids)).scalars().all() == [""]

    def test_task_delete_waits_for_an_entry_that_uses_the_task(
        self, database: Database, clock: FrozenClock, alice: Account
    ) -> None:
        user = user_of(database, alice)
        wid = alice.workspace_id
        pid = project_of(database, alice)
        with database.transaction(write=True) as conn:
            task = task_service(conn, clock).create(user, wid, pid, TaskDraft(name="Spec")).task

        def create_entry(conn: Any) -> None:
            changes = EntryChanges(start=FROZEN_NOW_US - 60_000_000, duration=60, task_id=task.id)
            TimeEntryService(conn, clock).create(user, wid, changes)

        race(
            database,
            create_entry,
            lambda conn: task_editor(conn, clock).delete(user, wid, pid, task.id),
        )
        with database.transaction(write=False) as conn:
            rows = conn.execute(select(time_entries.c.task_id, time_entries.c.project_id)).all()
        assert [tuple(row) for row in rows] == [(None, pid)]


class TestNulInNames:
    """Below HTTP (which refuses NUL already) the rules refuse it too: PostgreSQL cannot."""

    def test_task_and_client_names(
        self, database: Database, clock: FrozenClock, alice: Account
    ) -> None:
        user = user_of(database, alice)
        pid = project_of(database, alice)
        with database.transaction(write=True) as conn:
            with pytest.raises(BadRequest) as raised:
                task_service(conn, clock).create(
                    user, alice.workspace_id, pid, TaskDraft(name="a\x00")
                )
            assert raised.value.message == "Invalid task name"
            with pytest.raises(BadRequest) as raised:
                client_service(conn, clock).create(user, alice.workspace_id, "ok", "n\x00")
            assert raised.value.message == "Invalid client notes"
            with pytest.raises(BadRequest) as raised:
                client_service(conn, clock).create(user, alice.workspace_id, "\x00", None)
            assert raised.value.message == "Invalid client name"
