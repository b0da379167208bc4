"""Typed settings from PUNCHCLOCK_* environment variables, validated at start-up."""

from __future__ import annotations

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
        if self.max_body_bytes < 1024:
            raise SettingsError("PUNCHCLOCK_MAX_BODY_BYTES must be at least 1024")

    @property
    def is_sqlite(self) -> bool:
        """True when the database is SQLite."""
        return self.database_url.startswith("sqlite")

    def with_overrides(self, **changes: Any) -> Settings:
        """A copy with the given fields replaced (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

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


def _coerce(name: str, raw: str, annotation: Any) -> Any:
    kind = str(annotation)
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            raise SettingsError(
                f"PUNCHCLOCK_{name.upper()} must be an integer, got {raw!r}"
            ) from None
    if kind == "bool":
        lowered = raw.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
        raise SettingsError(f"PUNCHCLOCK_{name.upper()} must be true or false, got {raw!r}")
    return raw
