"""Settings with a value other than the default in every field, for round-trip tests."""

from __future__ import annotations

from punchclock.config import Settings


def non_default_settings(
    database_url: str = "postgresql://u:p@db.example:5433/pc", log_level: str = "debug"
) -> Settings:
    """A value other than the default for every field but `extra` (so a dropped one is noticed)."""
    return Settings(
        database_url=database_url,
        host="0.0.0.0",
        port=9191,
        sqlite_synchronous="NORMAL",
        credential_cache_seconds=7,
        credential_cache_size=3,
        max_body_bytes=4096,
        require_created_with=True,
        log_level=log_level,
        lock_timeout_seconds=1.25,
        statement_timeout_seconds=0.1 + 0.2,  # not exactly representable: must round-trip
        header_timeout_seconds=2.5,
        body_timeout_seconds=4.0,
        keep_alive_seconds=1.5,
        access_log=False,
        metrics_enabled=False,
        metrics_token="s3cret",
        web_session_hours=12,
        web_secure_cookies=True,
        web_signup_enabled=True,
    )
