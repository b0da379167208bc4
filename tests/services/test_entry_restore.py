"""Undoing a delete (TimeEntryService.restore), as the web app's Undo button does."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from punchclock.errors import Forbidden, NotFound
from punchclock.time_entries.models import EntryChanges
from punchclock.time_entries.queries import TimeEntryQueries
from punchclock.time_entries.service import TimeEntryService
from punchclock.users.models import User
from tests.conftest import Account
from tests.services.support import join_workspace, user_of


def _create(database: Database, clock: FrozenClock, user: User, wid: int, **changes: object) -> int:
    with database.transaction(write=True) as conn:
        view = TimeEntryService(conn, clock).create(
            user,
            wid,
            EntryChanges(start=clock.now_us() - 3_600_000_000, **changes),  # type: ignore[arg-type]
        )
    return view.entry.id


def _at_and_deleted(database: Database, entry_id: int) -> tuple[int, int | None]:
    with database.transaction(write=False) as conn:
        row = conn.exec_driver_sql(
            f"SELECT at, server_deleted_at FROM time_entries WHERE id = {entry_id}"
        ).one()
    return int(row[0]), row[1]


def test_a_restored_entry_is_live_again_with_a_newer_at(
    database: Database, clock: FrozenClock, alice: Account
) -> None:
    user = user_of(database, alice)
    entry_id = _create(database, clock, user, alice.workspace_id, duration=600)
    with database.transaction(write=True) as conn:
        TimeEntryService(conn, clock).delete(user, alice.workspace_id, entry_id)
    deleted_at, tombstone = _at_and_deleted(database, entry_id)
    assert tombstone is not None
    clock.advance(-30)  # a clock that steps back must not hide the change from `since` pollers
    with database.transaction(write=True) as conn:
        restored = TimeEntryService(conn, clock).restore(user, alice.workspace_id, entry_id)
    at, tombstone = _at_and_deleted(database, entry_id)
    assert tombstone is None and at > deleted_at and restored.entry.at == at
    with database.transaction(write=False) as conn:
        assert TimeEntryQueries(conn, clock).get_own(user, entry_id).entry.stop is not None


def test_restoring_a_running_entry_stops_the_one_running_now(
    database: Database, clock: FrozenClock, alice: Account
) -> None:
    user = user_of(database, alice)
    wid = alice.workspace_id
    first = _create(database, clock, user, wid, running=True)
    with database.transaction(write=True) as conn:
        TimeEntryService(conn, clock).delete(user, wid, first)
    second = _create(database, clock, user, wid, running=True)
    with database.transaction(write=True) as conn:
        TimeEntryService(conn, clock).restore(user, wid, first)
    with database.transaction(write=False) as conn:
        queries = TimeEntryQueries(conn, clock)
        current = queries.current(user)
        assert current is not None and current.entry.id == first
        assert queries.get_own(user, second).entry.stop is not None


def test_only_who_may_edit_an_entry_may_restore_it(
    database: Database,
    clock: FrozenClock,
    alice: Account,
    make_account: Callable[..., Account],
) -> None:
    owner = user_of(database, alice)
    entry_id = _create(database, clock, owner, alice.workspace_id, duration=60)
    with database.transaction(write=True) as conn:
        TimeEntryService(conn, clock).delete(owner, alice.workspace_id, entry_id)
    bob = make_account()
    join_workspace(database, alice.workspace_id, bob.id)
    with database.transaction(write=True) as conn, pytest.raises(Forbidden):
        TimeEntryService(conn, clock).restore(user_of(database, bob), alice.workspace_id, entry_id)
    with database.transaction(write=True) as conn, pytest.raises(Forbidden):
        TimeEntryService(conn, clock).restore(owner, bob.workspace_id, entry_id)
    with database.transaction(write=True) as conn, pytest.raises(NotFound):
        TimeEntryService(conn, clock).restore(owner, alice.workspace_id, 999_999)
    assert _at_and_deleted(database, entry_id)[1] is not None


def test_an_entry_whose_project_went_comes_back_without_it(
    database: Database, clock: FrozenClock, alice: Account
) -> None:
    from punchclock.composition import project_editor, project_service
    from punchclock.projects.models import ProjectDraft

    user = user_of(database, alice)
    wid = alice.workspace_id
    with database.transaction(write=True) as conn:
        project = project_service(conn, clock).create(user, wid, ProjectDraft(name="Gone"))
    entry_id = _create(database, clock, user, wid, duration=60, project_id=project.project.id)
    with database.transaction(write=True) as conn:
        project_editor(conn, clock).delete(user, wid, project.project.id, "delete")
    with database.transaction(write=True) as conn:
        restored = TimeEntryService(conn, clock).restore(user, wid, entry_id)
    assert (restored.entry.project_id, restored.entry.task_id) == (None, None)
    assert restored.entry.server_deleted_at is None
