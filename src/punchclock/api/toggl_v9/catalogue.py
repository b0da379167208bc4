"""Route list for the workspace catalogue: projects, clients, tags and tasks."""

from __future__ import annotations

from typing import Any

ROUTES: list[Any] = []
