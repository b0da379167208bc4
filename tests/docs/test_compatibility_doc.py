"""docs/compatibility.md must list every endpoint the app serves."""

from __future__ import annotations

import re
from pathlib import Path

from litestar import Litestar

from punchclock.app import create_app
from punchclock.config import Settings

DOC = Path(__file__).resolve().parents[2] / "docs" / "compatibility.md"
PREFIXES = ("/api/v9", "/reports/api/v3")


def _served(app: Litestar) -> set[tuple[str, str]]:
    served = set()
    for route in app.routes:
        path = route.path
        for prefix in PREFIXES:
            if path.startswith(prefix):
                path = path[len(prefix) :]
                break
        else:
            continue
        path = re.sub(r"\{[^}]*\}", "{}", path)
        for method in getattr(route, "methods", set()):
            if method not in {"HEAD", "OPTIONS"}:
                served.add((method, path))
    return served


def _documented(text: str) -> set[tuple[str, str]]:
    documented = set()
    for cell in re.findall(r"`([A-Z/ ,]+ /[^`]*)`", text):
        methods, _, path = cell.partition(" /")
        path = "/" + path.split(" ")[0]
        for prefix in PREFIXES:
            path = path.removeprefix(prefix)
        path = re.sub(r"\{[^}]*\}", "{}", path)
        for method in re.split(r"[/, ]+", methods):
            if method:
                documented.add((method, path))
    return documented


def test_every_served_endpoint_is_documented(tmp_path: Path) -> None:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'doc.db'}"))
    missing = _served(app) - _documented(DOC.read_text())
    assert not missing, f"add these to docs/compatibility.md: {sorted(missing)}"
