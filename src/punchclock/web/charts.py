"""Geometry for the server-rendered SVG charts (pure): bars, gridlines, which labels fit.

Coordinates are in the SVG's viewBox units; the stylesheet scales the picture to its box and
colours it, so the same numbers serve the light and the dark theme.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# A nice gridline step, in seconds, for every scale from a minute to weeks.
_STEPS = (
    60,
    5 * 60,
    15 * 60,
    30 * 60,
    3600,
    2 * 3600,
    4 * 3600,
    6 * 3600,
    8 * 3600,
    12 * 3600,
    24 * 3600,
    48 * 3600,
)
MAX_GRIDLINES = 4
MAX_TICK_LABELS = 16


@dataclass(frozen=True)
class Bar:
    """One bar: its box, what it stands for, and its label under the axis (None: thinned)."""

    x: float
    y: float
    width: float
    height: float
    seconds: int
    title: str
    tick: str | None

    @property
    def center(self) -> float:
        """Where the bar's label goes."""
        return self.x + self.width / 2


@dataclass(frozen=True)
class Gridline:
    """A horizontal line across the plot at `y`, labelled with the time it marks."""

    y: float
    label: str


@dataclass(frozen=True)
class BarChart:
    """A bar chart laid out in a `width` x `height` viewBox."""

    width: int
    height: int
    left: float
    right: float
    baseline: float
    bars: list[Bar]
    gridlines: list[Gridline]


def axis_label(seconds: int) -> str:
    """A gridline's time: 0, 15m, 1h, 1h 30m, 48h."""
    hours, rest = divmod(seconds, 3600)
    minutes = rest // 60
    if hours and minutes:
        return f"{hours}h {minutes}m"
    if hours:
        return f"{hours}h"
    return f"{minutes}m" if minutes else "0"


def grid_step(peak: int) -> int:
    """The smallest nice step that marks `peak` with at most MAX_GRIDLINES lines."""
    for step in _STEPS:
        if peak <= step * MAX_GRIDLINES:
            return step
    # Beyond the table (weeks of time in one bar): whole multiples of two days.
    return math.ceil(peak / MAX_GRIDLINES / _STEPS[-1]) * _STEPS[-1]


def label_every(count: int, most: int = MAX_TICK_LABELS) -> int:
    """Label every n-th bar so that at most `most` labels are drawn."""
    return max(1, math.ceil(count / most))


def bar_chart(
    points: list[tuple[str, str, int]],
    *,
    width: int = 640,
    height: int = 220,
    left: float = 52,
    top: float = 10,
    bottom: float = 28,
) -> BarChart:
    """Bars for (tick label, title, seconds) points, left to right, with gridlines.

    The scale's top is the gridline at or above the tallest bar, so bars never overflow;
    an empty chart still gets a one-hour scale.
    """
    right = float(width - 8)
    baseline = float(height) - bottom
    plot_height = baseline - top
    peak = max((seconds for _tick, _title, seconds in points), default=0) or 3600
    step = grid_step(peak)
    scale_top = step * math.ceil(peak / step)
    lines = [
        Gridline(baseline - plot_height * value / scale_top, axis_label(value))
        for value in range(0, scale_top + 1, step)
    ]
    slot = (right - left) / max(1, len(points))
    # A gap between bars of a fifth of the slot, at most 8 units.
    gap = min(8.0, slot / 5)
    every = label_every(len(points))
    bars = []
    for index, (tick, title, seconds) in enumerate(points):
        bar_height = plot_height * seconds / scale_top
        bars.append(
            Bar(
                x=round(left + index * slot + gap / 2, 2),
                y=round(baseline - bar_height, 2),
                width=round(slot - gap, 2),
                height=round(bar_height, 2),
                seconds=seconds,
                title=title,
                tick=tick if index % every == 0 else None,
            )
        )
    return BarChart(width, height, left, right, baseline, bars, lines)


def share(seconds: int, total: int) -> float:
    """A part's share of the whole, 0..100, rounded to one decimal (0 for an empty whole)."""
    if total <= 0:
        return 0.0
    return round(100 * seconds / total, 1)


def share_width(seconds: int, peak: int, width: float = 100.0) -> float:
    """The length of a breakdown bar, relative to the longest one (`peak`)."""
    if peak <= 0 or seconds <= 0:
        return 0.0
    # At least a sliver, so a part that has time never looks like none.
    return round(max(width * seconds / peak, width / 100), 2)
