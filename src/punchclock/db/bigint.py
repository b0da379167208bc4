"""Ids are BIGINT columns: a value outside that range names no row.

Checked before a query, because PostgreSQL refuses such a parameter outright (a DataError), while
SQLite would only find nothing: both engines must answer "not found" alike.
"""

from __future__ import annotations

BIGINT_MAX = 2**63 - 1


def storable_id(value: int) -> bool:
    """Whether `value` could be a row id: positive and within BIGINT."""
    return 0 < value <= BIGINT_MAX
