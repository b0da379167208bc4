"""Sessions and the sign-in throttle on a real database (sessions/service.py)."""

from __future__ import annotations

from punchclock.clock import FrozenClock
from punchclock.db.engine import Database
from punchclock.sessions.service import SessionService, SignInThrottle
from tests.conftest import Account

LIFETIME = 3600


def test_a_started_session_is_found_by_its_token_until_it_expires(
    database: Database, clock: FrozenClock, alice: Account
) -> None:
    with database.transaction(write=True) as conn:
        started = SessionService(conn, clock, LIFETIME).start(alice.id)
    with database.transaction(write=False) as conn:
        found = SessionService(conn, clock, LIFETIME).find(started.token)
        stored = conn.exec_driver_sql("SELECT token_hash FROM web_sessions").scalars().all()
    assert found == started.session
    assert started.token not in stored  # only its hash is kept
    clock.advance(LIFETIME)
    with database.transaction(write=False) as conn:
        assert SessionService(conn, clock, LIFETIME).find(started.token) is None
        assert SessionService(conn, clock, LIFETIME).find("") is None
        assert SessionService(conn, clock, LIFETIME).find("x" * 500) is None


def test_ending_sessions(database: Database, clock: FrozenClock, alice: Account) -> None:
    with database.transaction(write=True) as conn:
        service = SessionService(conn, clock, LIFETIME)
        first, second, third = (service.start(alice.id) for _ in range(3))
        service.end(first.session.id)
        service.end_others(alice.id, keep_session_id=third.session.id)
    with database.transaction(write=False) as conn:
        service = SessionService(conn, clock, LIFETIME)
        assert [service.find(s.token) is not None for s in (first, second, third)] == [
            False,
            False,
            True,
        ]


def test_expired_sessions_are_removed_when_someone_signs_in(
    database: Database, clock: FrozenClock, alice: Account
) -> None:
    with database.transaction(write=True) as conn:
        SessionService(conn, clock, LIFETIME).start(alice.id)
    clock.advance(LIFETIME + 1)
    with database.transaction(write=True) as conn:
        SessionService(conn, clock, LIFETIME).start(alice.id)
        assert conn.exec_driver_sql("SELECT count(*) FROM web_sessions").scalar() == 1


def _fail(database: Database, clock: FrozenClock, email: str, address: str, times: int) -> None:
    for _ in range(times):
        with database.transaction(write=True) as conn:
            SignInThrottle(conn, clock).failed(email, address)


def _wait(database: Database, clock: FrozenClock, email: str, address: str) -> int:
    with database.transaction(write=False) as conn:
        return SignInThrottle(conn, clock).seconds_to_wait(email, address)


def test_failures_count_per_account_and_per_address(database: Database, clock: FrozenClock) -> None:
    _fail(database, clock, "a@example.com", "10.0.0.1", 5)
    assert _wait(database, clock, "A@example.com", "10.0.0.9") == 1  # the account
    assert _wait(database, clock, "b@example.com", "10.0.0.1") == 0  # the address: 20 free
    for n in range(15):
        _fail(database, clock, f"user{n}@example.com", "10.0.0.1", 1)
    assert _wait(database, clock, "new@example.com", "10.0.0.1") == 1


def test_a_right_password_clears_the_account_and_an_hour_forgets(
    database: Database, clock: FrozenClock
) -> None:
    _fail(database, clock, "a@example.com", "10.0.0.1", 7)
    assert _wait(database, clock, "a@example.com", "10.0.0.2") == 4
    with database.transaction(write=True) as conn:
        SignInThrottle(conn, clock).succeeded("a@example.com")
    assert _wait(database, clock, "a@example.com", "10.0.0.2") == 0

    _fail(database, clock, "c@example.com", "10.0.0.3", 9)
    clock.advance(3600)
    _fail(database, clock, "c@example.com", "10.0.0.3", 1)
    assert _wait(database, clock, "c@example.com", "10.0.0.3") == 0  # counting again from 1
