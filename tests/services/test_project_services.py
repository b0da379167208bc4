"""Project services on a real database: entry cleanup, reference checks and views below HTTP."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import insert, select

from punchclock.clock import FrozenClock
from punchclock.composition import project_editor, project_service
from punchclock.db.engine import Database
from punchclock.db.schema import time_entries
from punchclock.errors import BadRequest, Forbidden
from punchclock.projects.member_models import ProjectUserDraft
from punchclock.projects.member_service import ProjectUserService
from punchclock.projects.models import ProjectDraft
from punchclock.time_entries.cascade import EntryCascade
from punchclock.time_entries.references import PROJECT_NOT_ACCESSIBLE, ReferenceChecker
from punchclock.users.models import User
from tests.conftest import FROZEN_NOW_US, Account
from tests.services.support import join_workspace, user_of


def new_project(database: Database, clock: FrozenClock, user: User, **draft: Any) -> int:
    """A project created through the service in the user's default workspace."""
    assert user.default_workspace_id is not None
    with database.transaction(write=True) as conn:
        view = project_service(conn, clock).create(
            user, user.default_workspace_id, ProjectDraft(**draft)
        )
    return view.project.id


def new_entry(database: Database, user_id: int, workspace_id: int, **values: Any) -> int:
    """A stopped entry inserted directly (at = FROZEN_NOW_US unless given)."""
    row = {
        "workspace_id": workspace_id,
        "user_id": user_id,
        "start": 1_795_700_000,
        "stop": 1_795_700_600,
        "created_at": FROZEN_NOW_US,
        "at": FROZEN_NOW_US,
        **values,
    }
    with database.transaction(write=True) as conn:
        return int(
            conn.execute(insert(time_entries).values(**row).returning(time_entries.c.id)).scalar()
        )


def entry(database: Database, entry_id: int) -> tuple[Any, ...]:
    """(project_id, task_id, at, server_deleted_at) of an entry."""
    te = time_entries
    with database.transaction(write=False) as conn:
        row = conn.execute(
            select(te.c.project_id, te.c.task_id, te.c.at, te.c.server_deleted_at).where(
                te.c.id == entry_id
            )
        ).one()
    return tuple(row)


class TestProjectEntryCascade:
    def test_unassign_bumps_each_owners_at_past_their_newest(
        self,
        database: Database,
        clock: FrozenClock,
        alice: Account,
        make_account: Callable[..., Account],
    ) -> None:
        carol = make_account()
        user = user_of(database, alice)
        wid = alice.workspace_id
        pid = new_project(database, clock, user, name="W")
        mine = new_entry(database, alice.id, wid, project_id=pid)
        # Alice's newest change is in the future (the clock went backwards since).
        new_entry(database, alice.id, wid, at=FROZEN_NOW_US + 9_000_000)
        hers = new_entry(database, carol.id, wid, project_id=pid)
        gone = new_entry(database, carol.id, wid, project_id=pid, server_deleted_at=5)
        with database.transaction(write=True) as conn:
            changed = EntryCascade(conn).unassign_project(pid, FROZEN_NOW_US + 1_000_000)
        assert changed == 2
        assert entry(database, mine) == (None, None, FROZEN_NOW_US + 9_000_001, None)
        assert entry(database, hers) == (None, None, FROZEN_NOW_US + 1_000_000, None)
        # Tombstones keep their project and are not touched again.
        assert entry(database, gone) == (pid, None, FROZEN_NOW_US, 5)

    def test_delete_tombstones_live_entries(
        self, database: Database, clock: FrozenClock, alice: Account
    ) -> None:
        pid = new_project(database, clock, user_of(database, alice), name="W")
        live = new_entry(database, alice.id, alice.workspace_id, project_id=pid)
        running = new_entry(database, alice.id, alice.workspace_id, project_id=pid, stop=None)
        with database.transaction(write=True) as conn:
            assert EntryCascade(conn).delete_project_entries(pid, FROZEN_NOW_US + 7) == 2
        at = FROZEN_NOW_US + 7
        assert entry(database, live) == (pid, None, at, at)
        assert entry(database, running) == (pid, None, at, at)

    def test_no_entries(self, database: Database, clock: FrozenClock, alice: Account) -> None:
        pid = new_project(database, clock, user_of(database, alice), name="W")
        with database.transaction(write=True) as conn:
            assert EntryCascade(conn).unassign_project(pid, FROZEN_NOW_US) == 0


class TestReferenceChecker:
    def test_without_a_user_private_projects_are_not_checked(
        self,
        database: Database,
        clock: FrozenClock,
        alice: Account,
        make_account: Callable[..., Account],
    ) -> None:
        carol = make_account()
        join_workspace(database, alice.workspace_id, carol.id)
        pid = new_project(database, clock, user_of(database, alice), name="W", is_private=True)
        wid = alice.workspace_id
        with database.transaction(write=False) as conn:
            checker = ReferenceChecker(conn)
            assert checker.check(wid, pid, None)[:2] == (pid, None)
            assert checker.check(wid, pid, None, user_id=carol.id, is_admin=True)[:2] == (pid, None)
            assert checker.check(wid, pid, None, user_id=alice.id)[:2] == (pid, None)
            with pytest.raises(BadRequest) as error:
                checker.check(wid, pid, None, user_id=carol.id)
            assert error.value.message == PROJECT_NOT_ACCESSIBLE
            assert checker.check(wid, None, None, user_id=carol.id)[:2] == (None, None)


class TestServicesBelowHttp:
    def test_related_data_filter_for_a_user(
        self,
        database: Database,
        clock: FrozenClock,
        alice: Account,
        make_account: Callable[..., Account],
    ) -> None:
        carol_account = make_account()
        join_workspace(database, alice.workspace_id, carol_account.id)
        owner = user_of(database, alice)
        carol = user_of(database, carol_account)
        secret = new_project(
            database, clock, owner, name="Secret", is_private=True, rate=Decimal(5)
        )
        public = new_project(database, clock, owner, name="Public", is_private=False)
        wid = alice.workspace_id
        with database.transaction(write=False) as conn:
            service = project_service(conn, clock)
            every = service.for_workspaces([wid])
            assert [v.project.id for v in every] == [public, secret]
            seen = service.for_workspaces([wid, carol_account.workspace_id], user=carol)
            assert [v.project.id for v in seen] == [public]

    def test_a_failed_bulk_item_leaves_no_trace(
        self, database: Database, clock: FrozenClock, alice: Account
    ) -> None:
        owner = user_of(database, alice)
        a = new_project(database, clock, owner, name="A")
        b = new_project(database, clock, owner, name="B")
        with database.transaction(write=True) as conn:
            outcome = project_editor(conn, clock).bulk_update(
                owner, alice.workspace_id, [a, b, a], ProjectDraft(name="Same", client_name="New")
            )
        assert outcome.success == [a]
        assert outcome.failure == [(b, "Name has already been taken")]

    def test_members_cannot_manage_members(
        self,
        database: Database,
        clock: FrozenClock,
        alice: Account,
        make_account: Callable[..., Account],
    ) -> None:
        carol_account = make_account()
        join_workspace(database, alice.workspace_id, carol_account.id)
        pid = new_project(database, clock, user_of(database, alice), name="P", is_private=False)
        draft = ProjectUserDraft(project_id=pid, user_id=carol_account.id)
        carol = user_of(database, carol_account)
        with database.transaction(write=True) as conn, pytest.raises(Forbidden):
            ProjectUserService(conn, clock).create(carol, alice.workspace_id, draft)
