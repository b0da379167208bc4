"""Settings: typed, from PUNCHCLOCK_* variables, validated at start-up."""

from __future__ import annotations

import pytest

from punchclock.config import DEFAULT_DATABASE_URL, Settings, SettingsError


def test_defaults_are_a_local_sqlite_file() -> None:
    settings = Settings.from_env({})
    assert settings.database_url == DEFAULT_DATABASE_URL == "sqlite:///punchclock.db"
    assert (settings.host, settings.port, settings.sqlite_synchronous) == (
        "127.0.0.1",
        8080,
        "FULL",
    )
    assert settings.is_sqlite


def test_environment_values_are_typed() -> None:
    settings = Settings.from_env(
        {
            "PUNCHCLOCK_PORT": "9000",
            "PUNCHCLOCK_DATABASE_URL": "postgresql://u@h/db",
            "PUNCHCLOCK_REQUIRE_CREATED_WITH": "yes",
            "PUNCHCLOCK_HOST": "",
        }
    )
    assert settings.port == 9000 and settings.require_created_with is True
    assert not settings.is_sqlite and settings.host == "127.0.0.1"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PUNCHCLOCK_PORT": "0"}, "between 1 and 65535"),
        ({"PUNCHCLOCK_PORT": "eighty"}, "must be an integer"),
        ({"PUNCHCLOCK_SQLITE_SYNCHRONOUS": "sometimes"}, "OFF, NORMAL, FULL or EXTRA"),
        ({"PUNCHCLOCK_REQUIRE_CREATED_WITH": "maybe"}, "true or false"),
        ({"PUNCHCLOCK_DATABASE_URL": "mysql://x"}, "sqlite:/// or postgresql://"),
        ({"PUNCHCLOCK_MAX_BODY_BYTES": "10"}, "at least 1024"),
    ],
)
def test_bad_values_fail_with_a_readable_message(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)


def test_overrides_ignore_none() -> None:
    settings = Settings().with_overrides(port=None, host="0.0.0.0")
    assert (settings.port, settings.host) == (8080, "0.0.0.0")
