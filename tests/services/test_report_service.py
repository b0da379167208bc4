"""ReportService on a real database: who may see which facts, and facts priced once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Connection, insert, update

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from punchclock.db.schema import time_entries, workspace_users, workspaces
from punchclock.errors import Forbidden
from punchclock.reports.models import ROUND_UP, ReportFilters, Rounding
from punchclock.reports.service import WORKSPACE_NOT_ACCESSIBLE, ReportService
from punchclock.users.models import User
from punchclock.users.repository import UserRepository
from tests.conftest import Account

START = 1_793_520_000  # 2026-11-02 08:00 UTC
WEEK = ReportFilters(start=START - 8 * 3600, end=START + 7 * 86400)


@contextmanager
def service(database: Database, clock: FrozenClock) -> Iterator[tuple[ReportService, Connection]]:
    with database.transaction(write=False) as conn:
        yield ReportService(conn, clock), conn


def user_of(conn: Connection, account: Account) -> User:
    user = UserRepository(conn).get(account.id)
    assert user is not None
    return user


def set_workspace(database: Database, workspace_id: int, **values: Any) -> None:
    with database.transaction(write=True) as conn:
        conn.execute(update(workspaces).where(workspaces.c.id == workspace_id).values(**values))


def join(database: Database, workspace_id: int, user_id: int, rate: float | None = None) -> None:
    with database.transaction(write=True) as conn:
        conn.execute(
            insert(workspace_users).values(
                workspace_id=workspace_id,
                user_id=user_id,
                role="user",
                active=True,
                rate=rate,
                created_at=0,
                at=0,
            )
        )


def entry(
    database: Database,
    account: Account,
    workspace_id: int,
    *,
    seconds: int | None = 600,
    billable: bool = True,
    offset: int = 0,
) -> int:
    with database.transaction(write=True) as conn:
        return int(
            conn.execute(
                insert(time_entries)
                .values(
                    workspace_id=workspace_id,
                    user_id=account.id,
                    billable=billable,
                    start=START + offset,
                    stop=None if seconds is None else START + offset + seconds,
                    tag_ids="",
                    created_at=0,
                    at=0,
                )
                .returning(time_entries.c.id)
            ).scalar_one()
        )


@pytest.fixture
def bob(make_account: Callable[..., Account], alice: Account, database: Database) -> Account:
    """A plain member of alice's workspace, with his own rate there."""
    bob = make_account(fullname="Bob")
    join(database, alice.workspace_id, bob.id, rate=50)
    return bob


class TestScope:
    def test_admin_and_member(
        self, database: Database, clock: FrozenClock, alice: Account, bob: Account
    ) -> None:
        set_workspace(database, alice.workspace_id, only_admins_see_billable_rates=True)
        with service(database, clock) as (reports, conn):
            admin = reports.scope(user_of(conn, alice), alice.workspace_id)
            member = reports.scope(user_of(conn, bob), alice.workspace_id)
            assert (admin.is_admin, admin.show_amounts) == (True, True)
            assert (member.is_admin, member.show_amounts) == (False, False)
            assert admin.workspace.id == alice.workspace_id
            assert reports.rates(member) is None
            assert reports.rates(admin) is not None

    def test_outsiders_and_deleted_workspaces_get_the_reports_403(
        self, database: Database, clock: FrozenClock, alice: Account, bob: Account
    ) -> None:
        with service(database, clock) as (reports, conn):
            with pytest.raises(Forbidden) as outsider:
                reports.scope(user_of(conn, alice), bob.workspace_id)
            with pytest.raises(Forbidden) as unknown:
                reports.scope(user_of(conn, alice), 10**12)
        set_workspace(database, alice.workspace_id, server_deleted_at=1)
        with service(database, clock) as (reports, conn), pytest.raises(Forbidden) as deleted:
            reports.scope(user_of(conn, alice), alice.workspace_id)
        for error in (outsider, unknown, deleted):
            assert error.value.message == WORKSPACE_NOT_ACCESSIBLE


class TestFacts:
    def test_members_see_their_own_time_admins_everyones(
        self, database: Database, clock: FrozenClock, alice: Account, bob: Account
    ) -> None:
        wid = alice.workspace_id
        mine, his = entry(database, alice, wid), entry(database, bob, wid, offset=60)
        entry(database, bob, wid, seconds=None, offset=7200)  # running: never in a report
        with service(database, clock) as (reports, conn):
            alice_user, bob_user = user_of(conn, alice), user_of(conn, bob)
            admin = reports.scope(alice_user, wid)
            member = reports.scope(bob_user, wid)
            everyone = reports.facts(alice_user, admin, WEEK, None, None)
            own = reports.facts(bob_user, member, WEEK, None, None)
            asked = ReportFilters(start=WEEK.start, end=WEEK.end, user_ids=[alice.id])
            others = reports.facts(bob_user, member, asked, None, None)
        assert sorted(fact.id for fact in everyone) == [mine, his]
        assert [fact.id for fact in own] == [his]
        assert others == []

    def test_each_entry_priced_once_at_its_rate(
        self, database: Database, clock: FrozenClock, alice: Account, bob: Account
    ) -> None:
        wid = alice.workspace_id
        set_workspace(database, wid, default_hourly_rate=33.33)
        entry(database, alice, wid, seconds=600)
        entry(database, alice, wid, seconds=600, billable=False, offset=900)
        entry(database, bob, wid, seconds=61, offset=1800)
        with service(database, clock) as (reports, conn):
            user = user_of(conn, alice)
            scope = reports.scope(user, wid)
            rates = reports.rates(scope)
            rounding = Rounding(direction=ROUND_UP, minutes=15)
            facts = reports.facts(user, scope, WEEK, rounding, rates, order_by="date")
            hidden = reports.facts(user, scope, WEEK, None, None)
        # Newest first: bob's 61 s rounded up to 15 min at his 50.00/h, then alice's entries
        # at the workspace's 33.33/h (555.5 cents rounds to 556; not billable: no amount).
        assert [(f.seconds, f.rate, f.cents) for f in facts] == [
            (900, 5000, 1250),
            (900, 3333, None),
            (900, 3333, 833),
        ]
        assert [(f.seconds, f.rate, f.cents) for f in hidden] == [
            (61, None, None),
            (600, None, None),
            (600, None, None),
        ]
