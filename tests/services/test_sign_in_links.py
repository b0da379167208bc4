"""One-time sign-in links and adding people without an account (sessions/links.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from punchclock.errors import BadRequest
from punchclock.sessions.links import LINK_LIFETIME_SECONDS, SignInLinkService
from punchclock.users.lookup import UserLookup
from punchclock.users.passwords import hash_password, verify_password
from punchclock.users.service import ProfileChanges, UserService
from punchclock.workspaces.member_service import MemberService
from punchclock.workspaces.service import WorkspaceService
from tests.conftest import Account
from tests.services.support import join_workspace


def test_a_link_signs_its_user_in_once(
    database: Database, clock: FrozenClock, alice: Account
) -> None:
    with database.transaction(write=True) as conn:
        token = SignInLinkService(conn, clock).create(alice.id, created_by=alice.id)
    with database.transaction(write=False) as conn:
        stored = conn.exec_driver_sql("SELECT token_hash FROM sign_in_links").scalars().all()
        # Looking at a link does not use it up.
        assert SignInLinkService(conn, clock).holder(token) == (alice.id, alice.id)
        assert SignInLinkService(conn, clock).holder(token) == (alice.id, alice.id)
    assert len(stored) == 1 and token not in stored[0]  # only its hash is kept
    with database.transaction(write=True) as conn:
        assert SignInLinkService(conn, clock).redeem(token) == (alice.id, alice.id)
    with database.transaction(write=True) as conn:
        links = SignInLinkService(conn, clock)
        assert links.redeem(token) is None
        assert links.holder(token) is None
        assert links.redeem("") is None
        assert links.redeem("x" * 500) is None


def test_a_link_expires_and_a_new_one_ends_the_old(
    database: Database, clock: FrozenClock, alice: Account
) -> None:
    with database.transaction(write=True) as conn:
        links = SignInLinkService(conn, clock)
        first = links.create(alice.id, created_by=alice.id)
        second = links.create(alice.id, created_by=alice.id)
        assert links.holder(first) is None
        assert links.holder(second) == (alice.id, alice.id)
    clock.advance(LINK_LIFETIME_SECONDS)
    with database.transaction(write=True) as conn:
        assert SignInLinkService(conn, clock).redeem(second) is None


def test_an_admin_adds_an_unknown_address_as_a_user_without_a_password(
    database: Database, clock: FrozenClock, alice: Account
) -> None:
    with database.transaction(write=True) as conn:
        members = MemberService(conn, clock)
        member, created = members.invite_as(
            alice.id, alice.workspace_id, " Bob@Example.com ", False, timezone="Europe/Berlin"
        )
        again, created_again = members.invite_as(
            alice.id, alice.workspace_id, "carol@example.com", True, fullname="Carol C"
        )
    assert created and created_again
    assert (member.email, member.fullname, member.role) == ("bob@example.com", "Bob", "user")
    assert (again.fullname, again.is_admin) == ("Carol C", True)
    with database.transaction(write=False) as conn:
        bob = UserLookup(conn).get(member.user_id)
    assert bob is not None and bob.password_hash is None
    assert (bob.timezone, bob.default_workspace_id) == ("Europe/Berlin", alice.workspace_id)


def test_an_existing_user_is_added_without_a_new_account(
    database: Database, clock: FrozenClock, alice: Account, make_account: Callable[..., Account]
) -> None:
    bob = make_account(email="bob@example.com")
    with database.transaction(write=True) as conn:
        member, created = MemberService(conn, clock).invite_as(
            alice.id, alice.workspace_id, "bob@example.com", False
        )
    assert not created and member.user_id == bob.id


def test_only_a_passwordless_member_of_this_workspace_alone_gets_a_new_link(
    database: Database, clock: FrozenClock, alice: Account, make_account: Callable[..., Account]
) -> None:
    bob = make_account(email="bob@example.com")
    with database.transaction(write=True) as conn:
        members = MemberService(conn, clock)
        invited, _ = members.invite_as(alice.id, alice.workspace_id, "new@example.com", False)
        with_password = members.add(alice.workspace_id, "bob@example.com", False)
        assert members.require_invitee(alice.id, alice.workspace_id, invited.id) == invited
        with pytest.raises(BadRequest):
            members.require_invitee(alice.id, alice.workspace_id, with_password.id)
    # Once in another admin's workspace too, a link would let this admin into that one.
    join_workspace(database, bob.workspace_id, invited.user_id)
    with database.transaction(write=True) as conn, pytest.raises(BadRequest):
        MemberService(conn, clock).require_invitee(alice.id, alice.workspace_id, invited.id)


def test_a_first_password_is_set_once(
    database: Database, clock: FrozenClock, alice: Account
) -> None:
    with database.transaction(write=True) as conn:
        users = UserService(conn, clock)
        user = users.create_without_password(email="new@example.com", fullname="New")
        with pytest.raises(BadRequest):
            users.set_first_password(user.id, password="short", password_hash="x")
        done = users.set_first_password(
            user.id, password="long-enough", password_hash=hash_password("long-enough")
        )
        assert done.password_hash is not None
        assert verify_password(done.password_hash, "long-enough")
        with pytest.raises(BadRequest):
            users.set_first_password(user.id, password="another", password_hash="x")
        with pytest.raises(BadRequest):
            users.create_without_password(email="alice@example.com", fullname="Again")


def test_a_password_checked_beforehand_is_not_checked_again(
    database: Database, clock: FrozenClock, alice: Account
) -> None:
    with database.transaction(write=True) as conn:
        users, lookup = UserService(conn, clock), UserLookup(conn)
        user = lookup.get(alice.id)
        assert user is not None and user.password_hash is not None
        new_hash = hash_password("brand-new")
        changes = ProfileChanges(current_password="anything", password="brand-new")
        memberships = WorkspaceService(conn, clock)
        # A hash the caller did not check against refuses, without running argon2 here.
        with pytest.raises(BadRequest, match="Current password is not valid"):
            users.update_profile(
                user, changes, memberships=memberships, password_hash=new_hash, verified_hash="x"
            )
        changed = users.update_profile(
            user,
            changes,
            memberships=memberships,
            password_hash=new_hash,
            verified_hash=user.password_hash,
        )
    assert changed.password_hash == new_hash


def test_a_link_ends_when_another_admin_adds_the_same_person(
    database: Database, clock: FrozenClock, alice: Account, make_account: Callable[..., Account]
) -> None:
    """Mallory makes a link for victim@corp, then Alice adds victim@corp to her workspace:
    Mallory's old link must not sign anyone in to Alice's workspace (a takeover)."""
    mallory = make_account(email="mallory@example.com")
    with database.transaction(write=True) as conn:
        members = MemberService(conn, clock)
        invited, created = members.invite_as(
            mallory.id, mallory.workspace_id, "victim@corp.example", False
        )
        assert created
        token = SignInLinkService(conn, clock).create(invited.user_id, created_by=mallory.id)
        assert members.may_sign_in_as(mallory.id, invited.user_id)
    with database.transaction(write=True) as conn:
        members = MemberService(conn, clock)
        _, created = members.invite_as(alice.id, alice.workspace_id, "victim@corp.example", False)
        assert not created
        assert not members.may_sign_in_as(mallory.id, invited.user_id)
        assert not members.may_sign_in_as(alice.id, invited.user_id)
        holder = SignInLinkService(conn, clock).holder(token)
        assert holder == (invited.user_id, mallory.id)
    # Deactivated in Alice's workspace still counts: reactivation would open it.
    with database.transaction(write=True) as conn:
        members = MemberService(conn, clock)
        alice_member = next(
            m
            for m in members.list_members(alice.id, alice.workspace_id)
            if m.user_id == invited.user_id
        )
        members.remove(alice.id, alice.workspace_id, alice_member.id)
        assert not members.may_sign_in_as(mallory.id, invited.user_id)
