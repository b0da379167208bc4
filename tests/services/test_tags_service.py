"""TagResolver's admin rule and tag removal from entries, on a real database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, insert, select, update

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from punchclock.db.schema import tags, time_entries, workspace_users, workspaces
from punchclock.errors import BadRequest, Forbidden
from punchclock.tags.resolver import TagResolver
from punchclock.tags.rules import ONLY_ADMINS
from punchclock.time_entries.cascade import EntryCascade
from tests.conftest import FROZEN_NOW_US, Account


def only_admins(database: Database, workspace_id: int) -> None:
    with database.transaction(write=True) as conn:
        conn.execute(
            update(workspaces)
            .where(workspaces.c.id == workspace_id)
            .values(only_admins_may_create_tags=True)
        )


def tag_count(database: Database, workspace_id: int) -> int:
    with database.transaction(write=False) as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(tags).where(tags.c.workspace_id == workspace_id)
            ).scalar_one()
        )


def entry(database: Database, account: Account, tag_ids: str, at: int = FROZEN_NOW_US) -> int:
    with database.transaction(write=True) as conn:
        return int(
            conn.execute(
                insert(time_entries)
                .values(
                    workspace_id=account.workspace_id,
                    user_id=account.id,
                    start=1_795_700_000,
                    stop=1_795_700_060,
                    tag_ids=tag_ids,
                    created_at=at,
                    at=at,
                )
                .returning(time_entries.c.id)
            ).scalar_one()
        )


def stored(database: Database, entry_id: int) -> tuple[str, int]:
    with database.transaction(write=False) as conn:
        row = conn.execute(
            select(time_entries.c.tag_ids, time_entries.c.at).where(time_entries.c.id == entry_id)
        ).one()
    return row[0], row[1]


class TestResolverAdminRule:
    def resolve(self, database: Database, clock: FrozenClock, account: Account, **kw: Any) -> Any:
        with database.transaction(write=True) as conn:
            return TagResolver(conn, clock).resolve(account.workspace_id, account.id, **kw)

    def test_default_is_admin(self, database: Database, clock: FrozenClock, alice: Account) -> None:
        only_admins(database, alice.workspace_id)
        ids = self.resolve(database, clock, alice, names=["dev"], tag_ids=[])
        assert len(ids) == 1

    def test_non_admin_cannot_create_where_only_admins_may(
        self, database: Database, clock: FrozenClock, alice: Account
    ) -> None:
        existing = self.resolve(database, clock, alice, names=["dev"], tag_ids=[])
        only_admins(database, alice.workspace_id)
        with pytest.raises(Forbidden) as raised:
            self.resolve(database, clock, alice, names=["dev", "new"], tag_ids=[], is_admin=False)
        assert raised.value.message == ONLY_ADMINS
        assert tag_count(database, alice.workspace_id) == 1
        # Existing names still resolve for everyone.
        again = self.resolve(database, clock, alice, names=["dev"], tag_ids=[], is_admin=False)
        assert again == existing

    def test_non_admin_may_create_by_default(
        self, database: Database, clock: FrozenClock, alice: Account
    ) -> None:
        ids = self.resolve(database, clock, alice, names=["a", "b"], tag_ids=[], is_admin=False)
        assert len(ids) == 2

    def test_other_checks_come_first(
        self, database: Database, clock: FrozenClock, alice: Account
    ) -> None:
        only_admins(database, alice.workspace_id)
        with pytest.raises(BadRequest) as raised:
            self.resolve(database, clock, alice, names=["new"], tag_ids=[999], is_admin=False)
        assert raised.value.message == "Invalid tag ID: 999"


class TestRemoveTags:
    @pytest.mark.parametrize(
        ("before", "after"),
        [
            ("7,8,9", "8,9"),
            ("8,7,9", "8,9"),
            ("8,9,7", "8,9"),
            ("7", ""),
            ("77,7,17", "77,17"),
            ("1,7,3,7", "1,3"),
        ],
    )
    def test_cuts_one_id_keeping_order(
        self,
        database: Database,
        alice: Account,
        before: str,
        after: str,
    ) -> None:
        entry_id = entry(database, alice, before)
        with database.transaction(write=True) as conn:
            assert EntryCascade(conn).remove_tags(alice.workspace_id, [7], FROZEN_NOW_US) == 1
        assert stored(database, entry_id) == (after, FROZEN_NOW_US + 1)

    def test_several_tags_and_untouched_entries(
        self, database: Database, alice: Account, make_account: Callable[..., Account]
    ) -> None:
        bob = make_account()
        both = entry(database, alice, "1,2,3")
        none = entry(database, alice, "11,22,33", at=FROZEN_NOW_US - 5)
        elsewhere = entry(database, bob, "1,2")
        with database.transaction(write=True) as conn:
            assert (
                EntryCascade(conn).remove_tags(alice.workspace_id, [1, 3], FROZEN_NOW_US + 50) == 1
            )
        assert stored(database, both) == ("2", FROZEN_NOW_US + 50)
        assert stored(database, none) == ("11,22,33", FROZEN_NOW_US - 5)
        assert stored(database, elsewhere) == ("1,2", FROZEN_NOW_US)

    def test_nothing_to_do(self, database: Database, alice: Account) -> None:
        with database.transaction(write=True) as conn:
            assert EntryCascade(conn).remove_tags(alice.workspace_id, [], FROZEN_NOW_US) == 0
            assert EntryCascade(conn).remove_tags(alice.workspace_id, [5], FROZEN_NOW_US) == 0

    def test_membership_rows_untouched(self, database: Database, alice: Account) -> None:
        with database.transaction(write=False) as conn:
            before = conn.execute(select(workspace_users)).all()
        entry(database, alice, "5")
        with database.transaction(write=True) as conn:
            EntryCascade(conn).remove_tags(alice.workspace_id, [5], FROZEN_NOW_US)
        with database.transaction(write=False) as conn:
            assert conn.execute(select(workspace_users)).all() == before


class TestNulInNames:
    """Below HTTP (which refuses NUL already) the rules refuse it too: PostgreSQL cannot."""

    def test_resolver_and_catalogue(
        self, database: Database, clock: FrozenClock, alice: Account
    ) -> None:
        with database.transaction(write=True) as conn, pytest.raises(BadRequest) as raised:
            TagResolver(conn, clock).resolve(alice.workspace_id, alice.id, ["a\x00"], [])
        assert raised.value.message == "Invalid tag name"
        assert tag_count(database, alice.workspace_id) == 0
