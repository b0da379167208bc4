"""docs/architecture.md must name every package and top-level module of src/punchclock."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
SOURCE = ROOT / "src" / "punchclock"
# Entry points and markers, not places where anything is owned.
NOT_LISTED = {"punchclock/__init__.py", "punchclock/__main__.py"}


def _on_disk() -> set[str]:
    found = {f"punchclock/{path.name}" for path in SOURCE.glob("*.py")}
    for init in SOURCE.rglob("__init__.py"):
        package = init.parent
        if package == SOURCE or "migrations" in package.relative_to(SOURCE).parts:
            continue
        found.add(f"punchclock/{package.relative_to(SOURCE).as_posix()}/")
    return found - NOT_LISTED


def _documented() -> set[str]:
    return set(re.findall(r"^\| `(punchclock/[^`]+)` \|", DOC.read_text(), re.MULTILINE))


def test_every_package_and_module_has_its_line() -> None:
    assert sorted(_on_disk() - _documented()) == []


def test_the_doc_names_nothing_that_is_gone() -> None:
    assert sorted(_documented() - _on_disk()) == []
