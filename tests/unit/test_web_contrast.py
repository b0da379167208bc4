"""The web app's colours pass WCAG AA (4.5:1 for text) in the light and the dark theme."""

from __future__ import annotations

import re
from importlib import resources

import pytest

# (foreground, background) pairs the pages put text on.
PAIRS = [
    ("--text", "--bg"),
    ("--text", "--card"),
    ("--muted", "--bg"),
    ("--muted", "--card"),
    ("--accent", "--card"),
    ("--accent", "--bg"),
    ("--accent-text", "--accent"),
    ("--danger", "--card"),
    ("--alert-text", "--alert-bg"),
]
# Non-text: the focus ring against the page (WCAG 1.4.11 asks 3:1).
FOCUS = [("--focus", "--bg"), ("--focus", "--card")]


def _themes() -> dict[str, dict[str, str]]:
    css = (resources.files("punchclock.web") / "static" / "app.css").read_text()
    light = css.split(":root", 1)[1].split("}", 1)[0]
    dark = css.split("prefers-color-scheme: dark", 1)[1].split(":root", 1)[1].split("}", 1)[0]

    def variables(block: str) -> dict[str, str]:
        return dict(re.findall(r"(--[a-z-]+):\s*(#[0-9a-fA-F]{6})", block))

    base = variables(light)
    return {"light": base, "dark": {**base, **variables(dark)}}


def _luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_formula() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_colours_pass_aa(theme: str) -> None:
    colours = _themes()[theme]
    failing = {
        f"{fg} on {bg}": round(contrast(colours[fg], colours[bg]), 2)
        for fg, bg in PAIRS
        if contrast(colours[fg], colours[bg]) < 4.5
    }
    assert failing == {}
    assert all(contrast(colours[fg], colours[bg]) >= 3 for fg, bg in FOCUS)


def test_the_stop_button_passes_aa() -> None:
    for colours in _themes().values():
        assert contrast("#ffffff", colours["--stop"]) >= 4.5
