"""Settings: typed, from PUNCHCLOCK_* variables, validated at start-up."""

from __future__ import annotations

from dataclasses import fields

import pytest
from hypothesis import given
from hypothesis import strategies as st

from punchclock.config import DEFAULT_DATABASE_URL, Settings, SettingsError
from tests.settings_examples import non_default_settings


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
        ({"PUNCHCLOCK_WEB_SESSION_HOURS": "0"}, "between 1 and 8760"),
        ({"PUNCHCLOCK_WEB_SIGNUP_ENABLED": "perhaps"}, "true or false"),
    ],
)
def test_bad_values_fail_with_a_readable_message(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)


def test_overrides_ignore_none() -> None:
    settings = Settings().with_overrides(port=None, host="0.0.0.0")
    assert (settings.port, settings.host) == (8080, "0.0.0.0")


def test_every_field_is_covered_by_the_non_default_example() -> None:
    example, default = non_default_settings(), Settings()
    same = [
        f.name for f in fields(Settings) if getattr(example, f.name) == getattr(default, f.name)
    ]
    assert same == ["extra"]


def test_to_env_round_trips_every_setting() -> None:
    settings = non_default_settings()
    env = settings.to_env()
    assert set(env) == {f"PUNCHCLOCK_{f.name.upper()}" for f in fields(Settings)} - {
        "PUNCHCLOCK_EXTRA"
    }
    assert Settings.from_env(env) == settings
    assert Settings.from_env(Settings().to_env()) == Settings()


@given(
    timeout=st.floats(min_value=1e-6, max_value=86_400, allow_nan=False),
    flag=st.booleans(),
    token=st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00")),
)
def test_to_env_round_trips_any_value(timeout: float, flag: bool, token: str) -> None:
    settings = Settings(lock_timeout_seconds=timeout, access_log=flag, metrics_token=token)
    restored = Settings.from_env(settings.to_env())
    # An empty variable means "unset", which is the default: "" either way.
    assert restored == settings


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PUNCHCLOCK_LOCK_TIMEOUT_SECONDS": "soon"}, "must be a number"),
        ({"PUNCHCLOCK_HEADER_TIMEOUT_SECONDS": "nan"}, "must be a number"),
        ({"PUNCHCLOCK_BODY_TIMEOUT_SECONDS": "inf"}, "must be a number"),
        ({"PUNCHCLOCK_STATEMENT_TIMEOUT_SECONDS": "0"}, "between 0 and 86400"),
        ({"PUNCHCLOCK_KEEP_ALIVE_SECONDS": "-1"}, "between 0 and 86400"),
        ({"PUNCHCLOCK_METRICS_ENABLED": "perhaps"}, "true or false"),
    ],
)
def test_bad_timeouts_fail_with_a_readable_message(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)
