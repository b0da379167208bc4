"""Pure project rules: status, colors, money."""

from __future__ import annotations

from decimal import Decimal

import pytest

from punchclock.errors import BadRequest
from punchclock.projects import rules
from punchclock.projects.models import Project


def project(**changes: object) -> Project:
    """An active, live project starting 2026-01-01, with overrides."""
    values: dict[str, object] = {
        "id": 1,
        "workspace_id": 1,
        "client_id": None,
        "name": "W",
        "is_private": True,
        "active": True,
        "color": "#0b83d9",
        "billable": None,
        "template": None,
        "auto_estimates": None,
        "estimated_seconds": None,
        "rate": None,
        "currency": None,
        "fixed_fee": None,
        "recurring": False,
        "start_date": "2026-01-01",
        "end_date": None,
        "creator_id": 1,
        "created_at": 0,
        "at": 0,
        "server_deleted_at": None,
        **changes,
    }
    return Project(**values)  # type: ignore[arg-type]


class TestStatus:
    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            ({}, "active"),
            ({"server_deleted_at": 5, "active": False}, "deleted"),
            ({"active": False}, "archived"),
            ({"start_date": "2026-11-28"}, "upcoming"),
            ({"end_date": "2026-11-26"}, "ended"),
            ({"end_date": "2026-11-27"}, "active"),
        ],
    )
    def test_status(self, changes: dict[str, object], expected: str) -> None:
        assert rules.status(project(**changes), "2026-11-27") == expected


class TestColor:
    @pytest.mark.parametrize(("given", "stored"), [("#0b83d9", "#0b83d9"), ("#ABCDEF", "#abcdef")])
    def test_valid(self, given: str, stored: str) -> None:
        assert rules.clean_color(given) == stored

    @pytest.mark.parametrize("given", ["", "#fff", "#12345g", "0b83d9", "#0b83d9 x"])
    def test_invalid(self, given: str) -> None:
        with pytest.raises(BadRequest) as error:
            rules.clean_color(given)
        assert error.value.message.startswith(f"Error in validating color '{given}'.")


class TestMoney:
    def test_rounds_to_cents(self) -> None:
        assert rules.clean_money(Decimal("12.345"), "rate") == Decimal("12.35")

    @pytest.mark.parametrize("value", ["-0.01", "NaN", "sNaN", "Infinity", "1e10"])
    def test_invalid(self, value: str) -> None:
        with pytest.raises(BadRequest) as error:
            rules.clean_money(Decimal(value), "rate")
        assert error.value.message == "Invalid rate"
