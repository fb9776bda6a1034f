"""Colour scales for district maps and bars: colour-blind safe, with a break at the threshold.

With a threshold the scale diverges there (ColorBrewer RdBu, safe for the common colour-vision
deficiencies): three blues on the right side, three reds on the wrong side, in steps of
`STEP_POINTS`, so the threshold is always the border between blue and red. Without a threshold a
measure gets one sequential hue (ColorBrewer Purples) over its whole published range, so years
stay comparable. Colour never carries meaning alone: the map adds outlines, labels and hatching.
"""

import math
from dataclasses import dataclass

from sikkerby import fmt
from sikkerby.domain.districts import DistrictYear
from sikkerby.schema import BadSide

STEP_POINTS = 3.0  # width of a class on each side of the threshold, in the measure's unit
# Wrong side first: strongest to weakest; then right side weakest to strongest.
WRONG_SIDE = ("#b2182b", "#ef8a62", "#fddbc7")
RIGHT_SIDE = ("#d1e5f0", "#67a9cf", "#2166ac")
SEQUENTIAL = ("#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f")
# "Ingen data" is not a colour of the scale: white with grey hatching.
NO_DATA_FILL = "#ffffff"
NO_DATA_HATCH = "#9a9a9a"
# The same hatching in CSS, for a legend's swatch (the map and the slides).
HATCH_CSS = f"repeating-linear-gradient(45deg,{NO_DATA_HATCH} 0 2px,{NO_DATA_FILL} 2px 7px)"


@dataclass(frozen=True)
class ColourClass:
    low: float | None  # None: open below
    high: float | None  # None: open above
    colour: str
    label: str
    wrong_side: bool

    def contains(self, value: float, closed_high: bool) -> bool:
        """Whether `value` is in the class; `closed_high` says which end owns a boundary."""
        if closed_high:
            return (self.low is None or value > self.low) and (
                self.high is None or value <= self.high
            )
        return (self.low is None or value >= self.low) and (self.high is None or value < self.high)


@dataclass(frozen=True)
class ColourScale:
    classes: tuple[ColourClass, ...]  # in legend order: worst first
    closed_high: bool  # True: a boundary value belongs to the lower class ("over 10" is bad)
    title: str

    def colour(self, value: float | None) -> str | None:
        """The fill for `value`; None where there is no value (drawn as hatched 'ingen data')."""
        if value is None:
            return None
        for c in self.classes:
            if c.contains(value, self.closed_high):
                return c.colour
        raise ValueError(f"{value} falder uden for skalaen")


def _show(value: float, unit: str) -> str:
    return fmt.value(value, unit, 1)


def threshold_scale(threshold: float, bad_side: BadSide, unit: str) -> ColourScale:
    """Three classes each side of the threshold; a value on the threshold is on the right side."""
    s = STEP_POINTS
    t = threshold
    if bad_side == BadSide.OVER:
        # Worst first: > t+2s, (t+s, t+2s], (t, t+s], (t-s, t], (t-2s, t-s], <= t-2s
        edges = [(t + 2 * s, None), (t + s, t + 2 * s), (t, t + s), (t - s, t),
                 (t - 2 * s, t - s), (None, t - 2 * s)]  # fmt: skip

        def label(low, high):
            if high is None:
                return f"over {_show(low, unit)}"
            if low is None:
                return f"højst {_show(high, unit)}"
            return f"over {fmt.number(low, 1)} til {_show(high, unit)}"
    else:
        # Worst first: < t-2s, [t-2s, t-s), [t-s, t), [t, t+s), [t+s, t+2s), >= t+2s
        edges = [(None, t - 2 * s), (t - 2 * s, t - s), (t - s, t), (t, t + s),
                 (t + s, t + 2 * s), (t + 2 * s, None)]  # fmt: skip

        def label(low, high):
            if low is None:
                return f"under {_show(high, unit)}"
            if high is None:
                return f"mindst {_show(low, unit)}"
            return f"{fmt.number(low, 1)} til under {_show(high, unit)}"

    colours = WRONG_SIDE + RIGHT_SIDE
    classes = tuple(
        ColourClass(low, high, colour, label(low, high), i < 3)
        for i, ((low, high), colour) in enumerate(zip(edges, colours, strict=True))
    )
    return ColourScale(
        classes, closed_high=bad_side == BadSide.OVER, title="Farve: afstand til tærsklen"
    )


def _nice_step(span: float, classes: int) -> float:
    raw = max(span / classes, 1e-9)
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def sequential_scale(values: list[float], unit: str) -> ColourScale:
    """Five equal classes over `values` (all published years), darker meaning higher."""
    n = len(SEQUENTIAL)
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    # One value (or all alike) still gets classes of a width people can read.
    step = _nice_step(high - low or max(abs(high), 1.0), n)
    start = math.floor(low / step) * step
    while start + n * step <= high:  # the top class must hold the highest value
        step = _nice_step(step * n * 1.01, n)
        start = math.floor(low / step) * step
    bounds = [start + i * step for i in range(n + 1)]
    classes = []
    for i in reversed(range(n)):  # highest first
        lo, hi = bounds[i], bounds[i + 1]
        text = (
            f"mindst {_show(lo, unit)}"
            if i == n - 1
            else f"under {_show(hi, unit)}"
            if i == 0
            else f"{fmt.number(lo, 1)} til under {_show(hi, unit)}"
        )
        classes.append(
            ColourClass(
                None if i == 0 else lo, None if i == n - 1 else hi, SEQUENTIAL[i], text, False
            )
        )
    return ColourScale(tuple(classes), closed_high=False, title="Farve: mørkere er højere")


def scale_for(data: DistrictYear) -> ColourScale:
    """The map's scale for a measure and year: diverging at the threshold where the strategy
    has one, else one hue over every published district figure of the measure (all years)."""
    info = data.indicator
    if data.threshold is not None:
        return threshold_scale(data.threshold.value, data.threshold.bad_side, info.unit)
    values = [f.value for d in data.districts for f in d.series.figures]
    return sequential_scale(values, info.unit)
