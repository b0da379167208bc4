"""How long failed sign-ins make the next one wait (sessions/rules.py)."""

from __future__ import annotations

from punchclock.sessions import rules

SECOND = 1_000_000


def test_the_first_failures_cost_nothing() -> None:
    for failures in range(rules.FREE_ACCOUNT_FAILURES):
        assert rules.seconds_to_wait(failures, 0, 0, rules.FREE_ACCOUNT_FAILURES) == 0


def test_then_each_failure_doubles_the_wait_up_to_fifteen_minutes() -> None:
    free = rules.FREE_ACCOUNT_FAILURES
    waits = [rules.seconds_to_wait(free + n, 0, 0, free) for n in range(14)]
    assert waits[:5] == [1, 2, 4, 8, 16]
    assert max(waits) == rules.MAX_WAIT_SECONDS == waits[-1]
    # Time already waited counts.
    assert rules.seconds_to_wait(free + 3, 0, 5 * SECOND, free) == 3
    assert rules.seconds_to_wait(free + 3, 0, 8 * SECOND, free) == 0
    assert rules.seconds_to_wait(10**6, 0, 0, free) == rules.MAX_WAIT_SECONDS


def test_failures_are_forgotten_after_an_hour() -> None:
    free = rules.FREE_ACCOUNT_FAILURES
    hour = rules.FORGET_AFTER_SECONDS * SECOND
    assert rules.seconds_to_wait(free + 20, 0, (rules.MAX_WAIT_SECONDS - 1) * SECOND, free) == 1
    assert rules.seconds_to_wait(free + 20, 0, hour, free) == 0


def test_keys_and_their_allowances() -> None:
    assert rules.account_key(" Alice@Example.com ") == "account:alice@example.com"
    assert rules.free_failures(rules.account_key("a@b.c")) == rules.FREE_ACCOUNT_FAILURES
    assert rules.free_failures(rules.address_key("10.0.0.1")) == rules.FREE_ADDRESS_FAILURES
    assert rules.token_hash("t") != rules.token_hash("u")
    assert len(rules.token_hash(rules.new_token())) == 64
