"""Fixtures the API tests share: other users who are plain members of Alice's workspace."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from tests.api.support.workspaces import join_workspace
from tests.conftest import Account


def _plain_member_of(
    workspace_id: int, account: Account, database: Database, clock: FrozenClock
) -> Account:
    """The account, joined to the workspace as a plain member (stamped at the clock's now)."""
    join_workspace(database, workspace_id, account.id, at=clock.now_us())
    return account


@pytest.fixture
def member(
    alice: Account, make_account: Callable[..., Account], database: Database, clock: FrozenClock
) -> Account:
    """A plain member of Alice's workspace, acting there (it is their `workspace_id`)."""
    account = _plain_member_of(alice.workspace_id, make_account(), database, clock)
    account.workspace_id = alice.workspace_id
    return account


@pytest.fixture
def carol(
    make_account: Callable[..., Account], alice: Account, database: Database, clock: FrozenClock
) -> Account:
    """A plain member of Alice's workspace whose `workspace_id` stays her own."""
    account = make_account(email="carol@example.com")
    return _plain_member_of(alice.workspace_id, account, database, clock)


@pytest.fixture
def dave(
    make_account: Callable[..., Account], alice: Account, database: Database, clock: FrozenClock
) -> Account:
    """Another plain member of Alice's workspace whose `workspace_id` stays his own."""
    account = make_account(email="dave@example.com")
    return _plain_member_of(alice.workspace_id, account, database, clock)
