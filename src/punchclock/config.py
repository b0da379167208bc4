"""Typed settings from PUNCHCLOCK_* environment variables, validated at start-up."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

DEFAULT_DATABASE_URL = "sqlite:///punchclock.db"


class SettingsError(ValueError):
    """A setting has a value Punchclock cannot use; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob Punchclock has. Defaults are safe for a single-user laptop install."""

    database_url: str = DEFAULT_DATABASE_URL
    host: str = "127.0.0.1"
    port: int = 8080
    # SQLite durability: FULL survives power loss; NORMAL is faster and survives app crashes.
    sqlite_synchronous: str = "FULL"
    # How long a verified email:password pair is trusted without re-running argon2.
    credential_cache_seconds: int = 300
    credential_cache_size: int = 1024
    # Largest request body accepted, in bytes.
    max_body_bytes: int = 1_048_576
    # Reject time-entry creates without created_with (Toggl's legacy strict behaviour).
    require_created_with: bool = False
    log_level: str = "info"
    # How long a write waits for a database lock before it is answered 503 (SQLite's write
    # lock, PostgreSQL's lock_timeout).
    lock_timeout_seconds: float = 10.0
    # Longest a statement may run (PostgreSQL statement_timeout; on SQLite, a request's
    # statements together).
    statement_timeout_seconds: float = 30.0
    # Reading a request: all of its headers must arrive within header_timeout_seconds of the
    # first byte, and its body within body_timeout_seconds of the headers (slow clients are
    # answered 408 and disconnected); an idle keep-alive connection closes after
    # keep_alive_seconds.
    header_timeout_seconds: float = 10.0
    body_timeout_seconds: float = 30.0
    keep_alive_seconds: float = 5.0
    # One log line per request (logger punchclock.access): method, route, status, ms, user id.
    access_log: bool = True
    # GET /metrics (Prometheus); with a token set it requires `Authorization: Bearer <token>`.
    metrics_enabled: bool = True
    metrics_token: str = ""
    # Web app: how long a sign-in lasts; cookies marked Secure (set it when the site is served
    # over HTTPS, directly or behind a proxy); whether anyone may create an account (the first
    # account can always be created, on a database without users).
    web_session_hours: int = 336
    web_secure_cookies: bool = False
    web_signup_enabled: bool = False
    extra: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.database_url.startswith(("sqlite:", "sqlite+", "postgresql:", "postgresql+")):
            raise SettingsError(
                f"PUNCHCLOCK_DATABASE_URL must be a sqlite:/// or postgresql:// URL, "
                f"got {self.database_url!r}"
            )
        if not 0 < self.port < 65536:
            raise SettingsError(f"PUNCHCLOCK_PORT must be between 1 and 65535, got {self.port}")
        if self.sqlite_synchronous.upper() not in {"OFF", "NORMAL", "FULL", "EXTRA"}:
            raise SettingsError(
                "PUNCHCLOCK_SQLITE_SYNCHRONOUS must be OFF, NORMAL, FULL or EXTRA, "
                f"got {self.sqlite_synchronous!r}"
            )
        if self.credential_cache_seconds < 0 or self.credential_cache_size < 0:
            raise SettingsError("credential cache settings must not be negative")
        for name in _TIMEOUTS:
            if not 0 < getattr(self, name) <= 86_400:
                raise SettingsError(
                    f"PUNCHCLOCK_{name.upper()} must be between 0 and 86400 seconds, "
                    f"got {getattr(self, name)}"
                )
        if not 1 <= self.web_session_hours <= 8760:
            raise SettingsError(
                f"PUNCHCLOCK_WEB_SESSION_HOURS must be between 1 and 8760, "
                f"got {self.web_session_hours}"
            )
        if self.max_body_bytes < 1024:
            raise SettingsError("PUNCHCLOCK_MAX_BODY_BYTES must be at least 1024")

    @property
    def is_sqlite(self) -> bool:
        """True when the database is SQLite."""
        return self.database_url.startswith("sqlite")

    def with_overrides(self, **changes: Any) -> Settings:
        """A copy with the given fields replaced (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def to_env(self) -> dict[str, str]:
        """Every setting as its PUNCHCLOCK_* variable: `from_env(s.to_env()) == s` (workers)."""
        env: dict[str, str] = {}
        for f in fields(self):
            if f.name == "extra":
                continue
            value = getattr(self, f.name)
            env[f"PUNCHCLOCK_{f.name.upper()}"] = (
                str(value).lower() if isinstance(value, bool) else str(value)
            )
        return env

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read PUNCHCLOCK_<FIELD> variables; a bad value raises SettingsError."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name == "extra":
                continue
            raw = env.get(f"PUNCHCLOCK_{f.name.upper()}")
            if raw is None or raw == "":
                continue
            values[f.name] = _coerce(f.name, raw, f.type)
        return cls(**values)


_TIMEOUTS = (
    "lock_timeout_seconds",
    "statement_timeout_seconds",
    "header_timeout_seconds",
    "body_timeout_seconds",
    "keep_alive_seconds",
)


def _coerce(name: str, raw: str, annotation: Any) -> Any:
    kind = str(annotation)
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            raise SettingsError(
                f"PUNCHCLOCK_{name.upper()} must be an integer, got {raw!r}"
            ) from None
    if kind == "float":
        try:
            number = float(raw)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise SettingsError(f"PUNCHCLOCK_{name.upper()} must be a number, got {raw!r}")
        return number
    if kind == "bool":
        lowered = raw.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
        raise SettingsError(f"PUNCHCLOCK_{name.upper()} must be true or false, got {raw!r}")
    return raw
