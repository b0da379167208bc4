"""The team pages (being built: see issue 12)."""

from __future__ import annotations

from typing import Any

ROUTES: list[Any] = []
