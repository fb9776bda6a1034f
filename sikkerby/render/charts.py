"""Chart builders: the Vega-Lite spec of every chart of the app, as plain dicts. They never
call Streamlit, so a page, a slide or a report can draw the same chart.

A goal chart shows the published points (one per year; hollow where the source is secondary),
lines only between consecutive years (a missing year is a gap), the straight path from baseline
to target, the target, the threshold for district goals, and series breaks as labelled rules.
Numbers and years are Danish (decimal comma) through the chart's locale and pre-formatted
tooltip text.

No text of a chart can run into another or out of the chart, at any width (a phone's 330 px or
a projector's 1100 px; the width is the page's): the guides' labels (target, threshold, undated
baselines, series breaks) stand in lanes above the plot, one under the other from its left edge,
wrapped at word boundaries to a phone's width (`NOTE_CHARS`), each naming what it labels
("Mål 2021", "Brud fra 2018"); inside the plot there are only marks. A bar chart's values stand
in a column right of the plot, so no rule or whisker crosses them. Every value axis stops at its
figures' range (a nice round step beyond them, never past 0-100 for percentages). The browser
test tests/browser/test_chart_overlap_browser.py measures the drawn texts at three sizes.

The specs are written as dicts, not built with Altair: Altair's objects copy and check
themselves at every step, which made the charts most of a page's first run. Each layer carries
its rows (`data.values`), which Streamlit sends inside the spec as they are, without turning
them into a table on every run. The tests check every spec against Vega-Lite's schema with
Altair (tests/helpers.py, `assert_valid_vega_lite`).
"""

import math
import textwrap
from collections.abc import Sequence

from sikkerby import fmt
from sikkerby.domain.districts import DistrictYear
from sikkerby.domain.goals import Assessment
from sikkerby.domain.registry import Indicator, SeriesBreak, Side, Threshold
from sikkerby.domain.series import AreaSeries, Figure, Gap
from sikkerby.domain.youth import CityYear
from sikkerby.render import text
from sikkerby.render.scale import NO_DATA_FILL, ColourScale
from sikkerby.schema import BadSide

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
# Vega's number locale for Danish: 82,7 and 3.596.
DANISH_LOCALE = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."]}
}
FONT_SIZE = 16  # readable at projector distance (at least 16 px)
INK = "#333333"  # axis and legend text: 12.6:1 on white
HEIGHT = 240
NOTE_CHARS = 30  # a lane's line: about 250 px at 16 px, what a phone's plot has
NOTE_LINE = 20  # px between the lines of the lanes above the plot
LEGEND_LINE = 22  # px a legend's line takes
NOTE = "notat"  # the names of the layers of notes above the plot: "notat1", "notat2", …
BAR_STEP = 34  # the height of one bar's row in the bar charts
# Okabe-Ito colours (colour-blind safe); each series also gets its own dash and point shape.
SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
SERIES_DASHES = [[1, 0], [6, 3], [2, 2], [8, 2, 2, 2], [4, 4], [1, 3]]
SERIES_SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down"]
GUIDE_COLOUR = "#333333"
_TYPES = {"N": "nominal", "Q": "quantitative"}

Rows = list[dict]


def field(shorthand: str, **properties) -> dict:
    """An encoding of a field, written as Altair's shorthand: "value:Q", "Område:N"."""
    name, kind = shorthand.rsplit(":", 1)
    return {"field": name, "type": _TYPES[kind], **properties}


def layer(rows: Rows, mark: dict, encoding: dict, transform: list | None = None) -> dict:
    """One layer: its rows, its mark (a dict with its type) and its encoding."""
    built = {"data": {"values": rows}, "mark": mark, "encoding": encoding}
    if transform:
        built["transform"] = transform
    return built


def when(test: str, value, otherwise: dict) -> dict:
    """A value where `test` holds, else `otherwise` (a field or {"value": …})."""
    return {"condition": {"test": test, "value": value}, **otherwise}


def spec(layers: list[dict], description: str, height: int | dict, text_size: bool) -> dict:
    """Layers as one chart's spec, described in Danish for screen readers. Vega would describe
    every axis, legend and mark itself, in English ("X-axis for a linear scale …"): those
    descriptions are off, and the chart is one image with `description` as its name."""
    config = {
        "view": {"continuousWidth": 300, "continuousHeight": 300, "stroke": None},
        "locale": DANISH_LOCALE,
        # Streamlit's theme would draw ticks and legends in a light grey (about 3.7:1).
        "axis": {"aria": False, "labelColor": INK, "titleColor": INK},
        "legend": {"aria": False, "labelColor": INK, "titleColor": INK},
        "mark": {"aria": False},
    }
    if text_size:
        config["text"] = {"fontSize": FONT_SIZE}
    return {
        "$schema": SCHEMA,
        # Drawn as SVG, not on a canvas: its texts are sharp at any zoom, a screen reader and
        # the overlap test (tests/browser/test_chart_overlap_browser.py) can find them.
        # Streamlit passes `embedOptions` on to vega-embed (st.vega_lite_chart's docstring).
        "usermeta": {"embedOptions": {"renderer": "svg"}},
        "config": config,
        "layer": layers,
        "height": height,
        "width": "container",
        # Vega measures text with its own font; the browser's reaches a few px further (a
        # rotated axis title, the top line of the notes).
        "padding": {"left": 6, "right": 6, "top": 6, "bottom": 4},
        "description": description,
    }


def _time_chart(layers: list[dict], description: str) -> dict:
    """A chart over time: Streamlit fits the whole chart into its height, so the notes above
    the plot and the legend below it add theirs and the plot keeps its own."""
    # The legend (one area a line) is fitted into the height too.
    legends = [
        len(lay["encoding"]["shape"]["scale"]["domain"])
        for lay in layers
        if (lay["encoding"].get("shape") or {}).get("legend")
    ]
    extra = notes_height(layers) + LEGEND_LINE * max(legends, default=0)
    return spec(layers, description, HEIGHT + extra, text_size=True)


def notes_height(layers: list[dict]) -> int:
    """The height the notes above the plot take (0: none). A slide or a report image that
    gives a chart a fixed size takes it off the plot's height, so the chart keeps its size."""
    tops = [
        -lay["encoding"]["y"]["value"] for lay in layers if lay.get("name", "").startswith(NOTE)
    ]
    return max(tops, default=0)


def _bar_chart(layers: list[dict], description: str) -> dict:
    return spec(layers, description, {"step": BAR_STEP}, text_size=False)


def segments(years: Sequence[int], break_years: set[int]) -> list[int]:
    """A segment number per point: a new segment after a missing year or at a series break."""
    numbers, number, previous = [], 0, None
    for year in years:
        if previous is None or year != previous + 1 or year in break_years:
            number += 1
        numbers.append(number)
        previous = year
    return numbers


def _series_rows(figures: Sequence[Figure], label: str, measure, break_years: set[int]) -> Rows:
    years = [f.year for f in figures]
    return [
        {
            "year": f.year,
            "value": f.value,
            "quality": f.quality,
            "Kilde": f.source_title,
            "Antal kilder": max(len(f.cell_values), 1),
            "Område": label,
            "segment": f"{label}-{segment}",
            "Værdi": text.shown(measure, f.value),
            "Kildetype": text.QUALITY.get(f.quality),
        }
        for f, segment in zip(figures, segments(years, break_years), strict=True)
    ]


def _shown_series(a: Assessment) -> list[tuple[str, Sequence[Figure]]]:
    """The series a goal's chart draws, labelled by area: the districts the goal is about, or
    the goal's area and the area it is compared with."""
    if a.threshold is not None:
        return [(d.area.name, d.figures) for d in a.shown_districts]
    shown = [(a.area.name, a.series.figures)]
    if a.compare_series is not None:
        shown.append((a.compare.label, a.compare_series.figures))
    return shown


def _undated_baselines(a: Assessment) -> list[tuple[str, object, int]]:
    """Baselines whose year is not stated, each with its label and its area's place among the
    shown series (0: the goal's area, 1: the area it is compared with): drawn as levels in the
    area's colour, not as points in time."""
    compare = a.compare.label if a.compare else None
    return [
        (label, point, offset)
        for label, point, offset in (
            (f"{a.area.name}: basis, år ikke oplyst", a.goal.baseline, 0),
            (f"{compare}: basis, år ikke oplyst", a.goal.compare_baseline, 1),
        )
        if point is not None and point.year is None
    ]


def goal_chart(a: Assessment) -> dict | None:
    """The Vega-Lite spec of one goal's chart; None when there is no figure to draw (a baseline
    without a year is no point in time: alone it would leave an empty plot with a level line)."""
    shown = _shown_series(a)
    if not any(figures for _, figures in shown):
        return None
    measure = (a.district_indicator or a.indicator).measure
    breaks = a.series.breaks
    break_years = {b.year for b in breaks}
    rows = [r for label, f in shown for r in _series_rows(f, label, measure, break_years)]
    goal = a.goal
    years = [r["year"] for r in rows]
    years += [y for y in (goal.baseline_year, a.period.start_year, goal.target_year) if y]
    x_domain = [min(years) - 0.5, max(years) + 0.5]
    # Every shown area keeps its place in the legend, even one with no published figure yet.
    labels = [label for label, _ in shown]
    values = [r["value"] for r in rows] + _guide_values(a)
    # District shares cluster near the threshold: a zero baseline would hide their changes.
    x, y = _time_axes(x_domain, measure.unit, values, zero=a.threshold is None)
    tooltip = [
        field("Område:N"),
        field("year:Q", title="År", format="d"),
        field("Værdi:N"),
        field("Kilde:N"),
        field("Kildetype:N"),
        field("Antal kilder:Q"),
    ]
    layers = _series_layers(rows, labels, x, y, tooltip) if rows else []
    guides, notes = _goal_guides(a, measure, x, y)
    shown_breaks = _shown_breaks(breaks, x_domain)
    layers += guides + _break_rules(shown_breaks, x_domain)
    layers += notes_layers(notes + [_break_note(b) for b in shown_breaks])
    names = fmt.listing(labels)
    return _time_chart(
        layers,
        f"Graf: {a.indicator.name}, {names}, med basis og mål for {text.goal_heading(a.goal)}.",
    )


def _guide_values(a: Assessment) -> list[float]:
    """The values the goal's guides stand at (the value axis must reach them)."""
    goal = a.goal
    # A district goal's baseline and target count districts: not drawn on its value axis.
    dated = [goal.baseline, goal.target] if a.threshold is None else []
    points = dated + [p for _, p, _ in _undated_baselines(a)]
    values = [p.value for p in points if p is not None and p.value is not None]
    return values + ([a.threshold.value] if a.threshold is not None else [])


def _year_axis(shorthand: str, x_domain: list[float]) -> dict:
    """Whole years on x, Danish numbers; every layer uses it, so the axis has one title."""
    return field(
        shorthand,
        title=None,
        scale={"domain": x_domain, "nice": False},
        axis={"format": "d", "tickMinStep": 1, "labelFontSize": FONT_SIZE},
    )


def _value_axis(title: str, scale: dict) -> dict:
    return field(
        "value:Q",
        title=title,
        scale=scale,
        axis={"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE},
    )


def _time_axes(
    x_domain: list[float], unit: str, values: Sequence[float], zero: bool
) -> tuple[dict, dict]:
    """Years on x (whole years, Danish numbers), values with their unit on y, the value axis
    over the values' range (`value_scale`)."""
    return _year_axis("year:Q", x_domain), _value_axis(unit, value_scale(values, unit, zero))


def _nice_step(span: float) -> float:
    """A round tick step (1, 2, 2,5 or 5 times a power of ten) giving about five ticks."""
    raw = span / 5 if span > 0 else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)


def value_scale(values: Sequence[float], unit: str, zero: bool) -> dict:
    """A value axis from the values' range, widened to a round step and from 0 when `zero`;
    a percentage axis stays within 0-100 unless a value lies beyond (Vega's own rounding drew
    "110 %" above 100 %)."""
    low, high = min(values), max(values)
    if zero:
        low, high = min(low, 0.0), max(high, 0.0)
    step = _nice_step(high - low or abs(high) or 1.0)
    start = round(math.floor(low / step + 1e-9) * step, 10)
    end = round(math.ceil(high / step - 1e-9) * step, 10)
    if end == start:
        end = start + step
    if unit.startswith("%"):
        start = max(start, min(0.0, low))
        end = min(end, max(100.0, high))
    return {"domain": [start, end], "nice": False, "zero": False}


def _series_layers(rows: Rows, labels: list[str], x: dict, y: dict, tooltip: list) -> list[dict]:
    """Lines (broken at gaps and breaks) and points per area: each area its own colour, dash
    and shape; hollow points for secondary sources. A legend only when there are two areas."""
    # One area per line: a row of them would be cut off on a phone.
    legend = {
        "title": None,
        "orient": "bottom",
        "labelFontSize": FONT_SIZE,
        "labelLimit": 400,
        "columns": 1,
        "symbolStrokeWidth": 2,
        "symbolSize": 110,
        "symbolOpacity": 1,
    }
    legend = legend if len(labels) > 1 else None

    def by_area(scale_range: list, legend: dict | None) -> dict:
        scale = {"domain": labels, "range": scale_range[: len(labels)]}
        return field("Område:N", scale=scale, legend=legend)

    colour = by_area(SERIES_COLOURS, legend)
    # Each area's line a layer of its own with its own dash: a dash scale would join the
    # legend, which drew the points' square notched and their triangle as a stack of strokes.
    lines = [
        layer(
            [r for r in rows if r["Område"] == label],
            {"type": "line", "strokeWidth": 3, "strokeDash": SERIES_DASHES[order]},
            {"x": x, "y": y, "color": colour, "detail": field("segment:N")},
        )
        for order, label in enumerate(labels)
        if any(r["Område"] == label for r in rows)
    ]
    return [
        *lines,
        layer(
            rows,
            {"type": "point", "size": 110, "strokeWidth": 2.5},
            {
                "x": x,
                "y": y,
                "color": colour,
                "shape": by_area(SERIES_SHAPES, legend),
                # Hollow points mark figures from secondary sources.
                "fill": when(
                    "datum.quality == 'secondary'", "white", by_area(SERIES_COLOURS, None)
                ),
                "tooltip": tooltip,
            },
        ),
    ]


def notes_layers(notes: Sequence[str]) -> list[dict]:
    """The guides' labels in lanes above the plot: from its left edge, one under the other in
    the order given, each wrapped at word boundaries to NOTE_CHARS a line, so they can neither
    meet nor leave the chart at any width (the chart grows upwards to hold them)."""
    layers, bottom = [], 12  # px above the plot: clear of a point drawn at its top edge
    for note in reversed(notes):
        lines = textwrap.wrap(note, NOTE_CHARS, break_long_words=False, break_on_hyphens=False)
        bottom += len(lines) * NOTE_LINE
        mark = {
            "type": "text",
            "align": "left",
            # The first line's top at y, the others below it (Vega stacks lines downwards).
            "baseline": "top",
            "color": GUIDE_COLOUR,
            "fontSize": FONT_SIZE,
            "lineBreak": "\n",
            "lineHeight": NOTE_LINE,
        }
        rows = [{"label": "\n".join(lines)}]
        position = {"x": {"value": 0}, "y": {"value": -bottom}}
        layers.insert(
            0,
            {
                "name": f"{NOTE}{len(notes) - len(layers)}",
                **layer(rows, mark, {**position, "text": field("label:N")}),
            },
        )
        bottom += 4
    return layers


def _threshold_rule(value: float, y: dict) -> dict:
    """The threshold as a dashed horizontal rule (labelled by `threshold_note`)."""
    mark = {"type": "rule", "color": GUIDE_COLOUR, "strokeDash": [8, 4], "strokeWidth": 2}
    return layer([{"value": value}], mark, {"y": y})


def threshold_note(value: float, measure) -> str:
    return f"Tærskel {text.shown(measure, value)} (stiplet linje)"


def _goal_guides(a: Assessment, measure, x: dict, y: dict) -> tuple[list[dict], list[str]]:
    """Baseline, path to target, target and threshold as marks, and their labels (the notes
    above the plot)."""
    goal = a.goal
    guides: list[dict] = []
    notes: list[str] = []
    dated_baseline = goal.baseline is not None and goal.baseline.year is not None
    target = goal.target
    if target is not None and a.threshold is None:
        notes.append(f"Mål {target.year}: {text.shown(measure, target.value)}")
    if a.threshold is not None:
        guides.append(_threshold_rule(a.threshold.value, y))
        notes.append(threshold_note(a.threshold.value, measure))
    if dated_baseline and a.threshold is None:
        base = [
            {
                "year": goal.baseline_year,
                "value": goal.baseline_value,
                "Basis": text.shown(measure, goal.baseline_value),
            }
        ]
        tooltip = [field("year:Q", title="Basisår", format="d"), field("Basis:N")]
        mark = {"type": "point", "color": GUIDE_COLOUR, "filled": True, "shape": "diamond"}
        guides.append(layer(base, {**mark, "size": 220}, {"x": x, "y": y, "tooltip": tooltip}))
    for label, point, order in _undated_baselines(a):
        # A baseline without a year has no place on the time axis: a level, not a point, in
        # its area's colour.
        note = f"{label} ({text.shown(measure, point.value)}), prikket linje"
        notes.append(note)
        colour = SERIES_COLOURS[order]
        guides.append(
            layer(
                [{"value": point.value, "label": note}],
                {"type": "rule", "color": colour, "strokeDash": [1, 4], "strokeWidth": 2.5},
                {"y": y, "tooltip": [field("label:N", title="Basis")]},
            )
        )
    if target is not None and a.threshold is None:
        rows = [{"year": target.year, "value": target.value, "label": notes[0]}]
        mark = {"type": "point", "color": GUIDE_COLOUR, "shape": "cross", "size": 260}
        guides.append(
            layer(
                rows,
                {**mark, "strokeWidth": 3},
                {"x": x, "y": y, "tooltip": [field("label:N", title="Mål")]},
            )
        )
        if dated_baseline:
            path = [
                {"year": goal.baseline_year, "value": goal.baseline_value},
                {"year": target.year, "value": target.value},
            ]
            mark = {"type": "line", "color": GUIDE_COLOUR, "opacity": 0.7, "strokeDash": [5, 5]}
            guides.append(layer(path, {**mark, "strokeWidth": 2}, {"x": x, "y": y}))
    return guides, notes


def _shown_breaks(breaks: Sequence[SeriesBreak], x_domain: list[float]) -> list[SeriesBreak]:
    return [b for b in breaks if x_domain[0] < b.year < x_domain[1]]


def _break_note(b: SeriesBreak) -> str:
    return f"Brud fra {b.year}: {b.label}"


def _break_rules(shown: Sequence[SeriesBreak], x_domain: list[float]) -> list[dict]:
    """Series breaks as vertical rules between the years they separate (labelled by
    `_break_note` above the plot)."""
    if not shown:
        return []
    rows = [
        {"at": b.year - 0.5, "label": _break_note(b), "Beskrivelse": b.description} for b in shown
    ]
    x = _year_axis("at:Q", x_domain)
    tooltip = [field("label:N"), field("Beskrivelse:N")]
    mark = {"type": "rule", "color": "#777777", "strokeDash": [2, 3], "strokeWidth": 2}
    return [layer(rows, mark, {"x": x, "tooltip": tooltip})]


def _vertical_rule(value: float, colour: str, x_scale: dict) -> dict:
    """A bar chart's reference (the threshold, an average): a dashed rule, labelled by a note
    above the plot."""
    mark = {"type": "rule", "color": colour, "strokeDash": [8, 4], "strokeWidth": 2.5}
    return layer([{"value": value}], mark, {"x": field("value:Q", scale=x_scale)})


def _value_column(rows: Rows, y: dict, bold: bool = False, transform: list | None = None) -> dict:
    """The bars' values in a column right of the plot: no rule or whisker can cross them."""
    mark = {"type": "text", "align": "left", "dx": 8, "fontSize": FONT_SIZE}
    mark = {**mark, "fontWeight": "bold"} if bold else mark
    return layer(rows, mark, {"x": {"value": "width"}, "y": y, "text": field("text:N")}, transform)


def _bar_y(shorthand: str, sort, label_limit: int) -> dict:
    return field(
        shorthand,
        sort=sort,
        title=None,
        axis={"labelFontSize": FONT_SIZE, "labelLimit": label_limit},
    )


def district_ranking(data: DistrictYear, scale: ColourScale) -> dict:
    """The map's accessible twin: every district as a bar, worst first, with its margin as a
    whisker, the threshold as a rule, and the districts without data named at the bottom."""
    info = data.indicator
    threshold = data.threshold
    worst_high = threshold is None or threshold.bad_side == BadSide.OVER
    published = sorted(data.published, key=lambda d: d.figure.value, reverse=worst_high)
    rows = []
    for order, d in enumerate(published + list(data.missing)):
        f = d.figure
        margin = (f.margin or 0.0) if f else 0.0
        rows.append(
            {
                "Bydel": d.name,
                "order": order,
                "value": f.value if f else None,
                "low": f.value - margin if f else None,
                "high": f.value + margin if f else None,
                "colour": scale.colour(f.value if f else None) or NO_DATA_FILL,
                "side": d.side.value,
                "uncertain": d.uncertain,
                "text": text.figure_text(f, info.measure),
                "Status": text.side_text(d) if threshold is not None or f is None else "",
                "Kilde": f.source_title if f else "",
            }
        )
    y = _bar_y("Bydel:N", {"field": "order", "op": "min"}, 220)
    values = [d.figure.value + (d.figure.margin or 0.0) for d in published]
    values += [threshold.value] if threshold else []
    x_scale = value_scale(values or [1.0], info.unit, zero=True)
    x = _value_axis(f"{info.short_name} {data.year} ({info.unit})", x_scale)
    tooltip = [
        field("Bydel:N"),
        field("text:N", title="Værdi"),
        field("Status:N"),
        field("Kilde:N"),
    ]
    layers = [
        layer(
            rows,
            {"type": "bar", "height": 22},
            {
                "x": x,
                "y": y,
                "fill": field("colour:N", scale=None),
                "stroke": {"value": GUIDE_COLOUR},
                "strokeWidth": when(f"datum.side == '{Side.WRONG.value}'", 3, {"value": 0.8}),
                "strokeDash": when("datum.uncertain", [6, 4], {"value": [1, 0]}),
                "tooltip": tooltip,
            },
        ),
        layer(
            rows,
            {"type": "rule", "color": GUIDE_COLOUR, "strokeWidth": 2},
            {"x": field("low:Q"), "x2": {"field": "high"}, "y": y, "tooltip": tooltip},
            [{"filter": "datum.value != null"}],
        ),
        _value_column(rows, y),
    ]
    if threshold is not None:
        layers.append(_vertical_rule(threshold.value, "#000000", x_scale))
        layers += notes_layers([threshold_note(threshold.value, info.measure)])
    return _bar_chart(
        layers,
        f"Søjlediagram: bydelene efter {data.indicator.short_name.lower()} i {data.year}, "
        "med strategiens tærskel.",
    )


def area_vs_city(s: AreaSeries, city_name: str) -> dict | None:
    """One measure over time for an area next to the city, with the threshold and breaks; None
    when the area has no figure of the measure."""
    if not s.figures:
        return None
    return areas_over_time(
        s.indicator, [(s.area.name, s.figures), (city_name, s.city)], s.threshold, s.breaks
    )


def areas_over_time(
    info: Indicator,
    shown: Sequence[tuple[str, Sequence[Figure]]],
    threshold: Threshold | None = None,
    breaks: Sequence[SeriesBreak] = (),
) -> dict | None:
    """One measure over time for several labelled areas, with a threshold and series breaks;
    None when there is no figure to draw."""
    measure = info.measure
    break_years = {b.year for b in breaks}
    labels = [label for label, _ in shown]
    rows = [r for label, f in shown for r in _series_rows(f, label, measure, break_years)]
    if not rows:
        return None
    years = [r["year"] for r in rows]
    x_domain = [min(years) - 0.5, max(years) + 0.5]
    values = [r["value"] for r in rows] + ([threshold.value] if threshold is not None else [])
    x, y = _time_axes(x_domain, measure.unit, values, zero=not info.survey)
    tooltip = [
        field("Område:N"),
        field("year:Q", title="År", format="d"),
        field("Værdi:N"),
        field("Kilde:N"),
    ]
    layers = _series_layers(rows, labels, x, y, tooltip)
    notes = []
    if threshold is not None:
        layers.append(_threshold_rule(threshold.value, y))
        notes.append(threshold_note(threshold.value, measure))
    shown_breaks = _shown_breaks(breaks, x_domain)
    layers += _break_rules(shown_breaks, x_domain)
    layers += notes_layers(notes + [_break_note(b) for b in shown_breaks])
    return _time_chart(layers, f"Graf: {info.name}, {fmt.listing(labels)}, år for år.")


def gap_chart(gaps: Sequence[Gap], info: Indicator, area_name: str, other_name: str) -> dict | None:
    """An area minus another (the city minus the four cities' average) at each point as a bar,
    labelled with its size; the zero line is "the same level". Above zero: the area is higher."""
    if not gaps:
        return None
    unit = "procentpoint" if info.unit.startswith("%") else info.unit
    rows = [
        {
            "Tidspunkt": text.gap_label(g),
            "value": g.points,
            "text": fmt.signed(g.points, info.decimals),
            "Afstand": fmt.amount(g.points, info.unit, info.decimals),
            "area": f"{text.shown(info.measure, g.area.value)} ({fmt.year(g.area.year)})",
            "other": f"{text.shown(info.measure, g.other.value)} ({fmt.year(g.other.year)})",
        }
        for g in gaps
    ]
    x = field(
        "Tidspunkt:N",
        sort=None,
        title=None,
        axis={"labelFontSize": FONT_SIZE, "labelAngle": 0},
    )
    low = min([0.0, *(g.points for g in gaps)])
    high = max([0.0, *(g.points for g in gaps)])
    pad = (high - low) * 0.3 or 1.0
    y = _value_axis(unit, {"domain": [low - (pad if low < 0 else pad / 3), high + pad]})
    tooltip = [
        field("Tidspunkt:N"),
        field("Afstand:N"),
        field("area:N", title=area_name),
        field("other:N", title=other_name),
    ]
    label = {"x": x, "y": y, "text": field("text:N")}
    bold = {"type": "text", "fontSize": FONT_SIZE, "fontWeight": "bold"}
    zero = [{"value": 0.0, "label": f"0 = samme niveau som {other_name.lower()}"}]
    layers = [
        layer(
            rows,
            {"type": "bar", "color": SERIES_COLOURS[0], "size": 46},
            {"x": x, "y": y, "tooltip": tooltip},
        ),
        # Labels above bars that go up, below bars that go down.
        layer(rows, {**bold, "dy": -10}, label, [{"filter": "datum.value >= 0"}]),
        layer(rows, {**bold, "dy": 12}, label, [{"filter": "datum.value < 0"}]),
        layer(zero, {"type": "rule", "color": GUIDE_COLOUR, "strokeWidth": 2}, {"y": y}),
        *notes_layers([zero[0]["label"]]),
    ]
    return _time_chart(
        layers,
        f"Graf: afstanden mellem {area_name} og {other_name} i {info.name.lower()}, år for år.",
    )


def city_bars(data: CityYear, info: Indicator) -> dict:
    """Copenhagen and each city in one year as labelled bars, highest first, with the four
    cities' average as a dashed rule. Copenhagen's bar is darker and its value bold."""
    measure = info.measure
    city = data.figures[0][0]
    rows = sorted(
        (
            {
                "Område": area.label,
                "value": f.value,
                "text": text.shown(measure, f.value),
                "Kilde": f.source_title,
                "own": area == city,
            }
            for area, f in data.figures
        ),
        key=lambda row: row["value"],
        reverse=True,
    )
    values = [r["value"] for r in rows] + ([data.average[1].value] if data.average else [])
    x_scale = value_scale(values, info.unit, zero=True)
    x = field(
        "value:Q",
        title=f"{info.short_name} {data.year} ({info.unit})",
        scale=x_scale,
        axis={"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE, "tickCount": 6},
    )
    y = _bar_y("Område:N", None, 260)
    tooltip = [field("Område:N"), field("text:N", title="Værdi"), field("Kilde:N")]
    layers = [
        layer(
            rows,
            {"type": "bar", "height": 24},
            {
                "x": x,
                "y": y,
                "color": when("datum.own", SERIES_COLOURS[0], {"value": "#9DB9D3"}),
                "tooltip": tooltip,
            },
        ),
        _value_column(rows, y, transform=[{"filter": "!datum.own"}]),
        _value_column(rows, y, bold=True, transform=[{"filter": "datum.own"}]),
    ]
    described = f"Søjlediagram: {info.name} i {data.year} for {city.name} og de andre byer"
    if data.average is not None:
        area, figure = data.average
        layers.append(_vertical_rule(figure.value, GUIDE_COLOUR, x_scale))
        layers += notes_layers(
            [f"{area.label} {text.shown(measure, figure.value)} (stiplet linje)"]
        )
        described += f", med gennemsnittet ({area.label})"
    return _bar_chart(layers, described + ".")
