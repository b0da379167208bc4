"""Starting, finding and ending web sessions; slowing down guessed passwords."""

from __future__ import annotations

import secrets

from sqlalchemy import Connection

from punchclock.clock import Clock
from punchclock.sessions import rules
from punchclock.sessions.models import StartedSession, WebSession
from punchclock.sessions.repository import FailureRepository, SessionRepository


class SessionService:
    """Web sessions: a random token in the cookie, its hash and a CSRF token in the database."""

    def __init__(self, conn: Connection, clock: Clock, lifetime_seconds: int) -> None:
        self.clock = clock
        self.lifetime_us = lifetime_seconds * 1_000_000
        self.repo = SessionRepository(conn)

    def start(self, user_id: int) -> StartedSession:
        """A new session for a user who has just proved who they are."""
        now = self.clock.now_us()
        # Ended sessions go when someone signs in: no background job is needed for them.
        self.repo.delete_expired(now)
        token = rules.new_token()
        csrf = secrets.token_hex(16)  # 128 bits; it is printed in every form of a page
        expires_at = now + self.lifetime_us
        session_id = self.repo.insert(rules.token_hash(token), user_id, csrf, now, expires_at)
        return StartedSession(token, WebSession(session_id, user_id, csrf, expires_at))

    def find(self, token: str) -> WebSession | None:
        """The live session for a cookie token, or None (unknown or expired)."""
        if not token or len(token) > 200:
            return None
        session = self.repo.by_token_hash(rules.token_hash(token))
        if session is None or session.expires_at <= self.clock.now_us():
            return None
        return session

    def end(self, session_id: int) -> None:
        """Sign one browser out."""
        self.repo.delete(session_id)

    def end_others(self, user_id: int, keep_session_id: int) -> None:
        """Sign a user out everywhere else (after a password change)."""
        self.repo.delete_for_user(user_id, except_id=keep_session_id)


def sign_out_everywhere(conn: Connection, user_id: int) -> None:
    """End every web session of a user (their password changed through the API)."""
    SessionRepository(conn).delete_for_user(user_id)


class SignInThrottle:
    """How long a sign-in must wait after failures for its account or its address."""

    def __init__(self, conn: Connection, clock: Clock) -> None:
        self.clock = clock
        self.repo = FailureRepository(conn)

    def seconds_to_wait(self, email: str, address: str) -> int:
        """0 when a sign-in may be tried now, else the whole seconds to wait."""
        now = self.clock.now_us()
        keys = [rules.account_key(email), rules.address_key(address)]
        counts = self.repo.get(keys)
        return max(
            (
                rules.seconds_to_wait(failures, at, now, rules.free_failures(key))
                for key, (failures, at) in counts.items()
            ),
            default=0,
        )

    def failed(self, email: str, address: str) -> None:
        """Count a failed sign-in against the account and the address."""
        now = self.clock.now_us()
        forget_before = now - rules.FORGET_AFTER_SECONDS * 1_000_000
        # Old rows go as new ones come: random emails tried must not pile up for good.
        self.repo.delete_older_than(forget_before)
        keys = [rules.account_key(email), rules.address_key(address)]
        counts = self.repo.get(keys)
        for key in keys:
            failures, at = counts.get(key, (0, now))
            if at <= forget_before:
                failures = 0
            self.repo.record(key, failures + 1, now)

    def succeeded(self, email: str, address: str | None = None) -> None:
        """A right password: the account's failures are cleared, and the address's count
        loses the one attempt counted before the check (DatabaseSignInAttempts)."""
        self.repo.clear(rules.account_key(email))
        if address is not None:
            self.repo.uncount(rules.address_key(address))
