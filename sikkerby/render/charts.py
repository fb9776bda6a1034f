"""Chart builders: Vega-Lite specs (built with Altair) for every chart of the app. They return
plain dicts and never call Streamlit, so a page, a slide or a report can draw the same chart.

A goal chart shows the published points (one per year; hollow where the source is secondary),
lines only between consecutive years (a missing year is a gap), the straight path from baseline
to target, the target, the threshold for district goals, and series breaks as labelled rules.
Numbers and years are Danish (decimal comma) through the chart's locale and pre-formatted
tooltip text.
"""

from collections.abc import Sequence

import altair as alt
import pandas as pd

from sikkerby import fmt
from sikkerby.domain.districts import DistrictYear
from sikkerby.domain.goals import Assessment
from sikkerby.domain.registry import Indicator, SeriesBreak, Side, Threshold
from sikkerby.domain.series import AreaSeries, Figure, Gap
from sikkerby.domain.youth import CityYear
from sikkerby.render import text
from sikkerby.render.scale import NO_DATA_FILL, ColourScale

# Vega's number locale for Danish: 82,7 and 3.596.
DANISH_LOCALE = alt.Locale(
    number=alt.NumberLocale(decimal=",", thousands=".", grouping=[3], currency=["", " kr."])
)
FONT_SIZE = 16  # readable at projector distance (at least 16 px)
INK = "#333333"  # axis and legend text: 12.6:1 on white
HEIGHT = 240
# Okabe-Ito colours (colour-blind safe); each series also gets its own dash and point shape.
SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
SERIES_DASHES = [[1, 0], [6, 3], [2, 2], [8, 2, 2, 2], [4, 4], [1, 3]]
SERIES_SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down"]
GUIDE_COLOUR = "#333333"


def spec(chart: alt.TopLevelMixin, description: str) -> dict:
    """A chart as its Vega-Lite spec, described in Danish for screen readers. Vega would describe
    every axis, legend and mark itself, in English ("X-axis for a linear scale …"): those
    descriptions are off, and the chart is one image with `description` as its name.

    Altair's check against the schema costs about half the time of building a chart, so it is
    left to the tests (tests/render/test_charts.py)."""
    built = chart.to_dict(validate=False)
    built["description"] = description
    config = built.setdefault("config", {})
    for part in ("axis", "legend", "mark"):
        config.setdefault(part, {})["aria"] = False
    # Streamlit's theme would draw ticks and legends in a light grey (about 3.7:1).
    for part in ("axis", "legend"):
        config[part].update(labelColor=INK, titleColor=INK)
    return built


def segments(years: pd.Series, break_years: set[int]) -> pd.Series:
    """A segment number per point: a new segment after a missing year or at a series break."""
    ordered = years.astype(int)
    new = (ordered.diff() != 1) | ordered.isin(break_years)
    return new.cumsum()


def _series_frame(
    figures: Sequence[Figure], label: str, measure, break_years: set[int]
) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "year": [f.year for f in figures],
            "value": [f.value for f in figures],
            "quality": [f.quality for f in figures],
            "Kilde": [f.source_title for f in figures],
            "Antal kilder": [max(len(f.cell_values), 1) for f in figures],
        }
    )
    frame["Område"] = label
    frame["segment"] = label + "-" + segments(frame["year"], break_years).astype(str)
    frame["Værdi"] = [measure.show(v) for v in frame["value"]]
    frame["Kildetype"] = frame["quality"].map(text.QUALITY)
    return frame


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
    """Baselines whose year is not stated, each with its label and the label's offset: drawn as
    labelled levels, not as points in time."""
    compare = a.compare.label if a.compare else None
    return [
        (label, point, offset)
        for label, point, offset in (
            (f"{a.area.name}: basis, år ikke oplyst", a.goal.baseline, -8),
            (f"{compare}: basis, år ikke oplyst", a.goal.compare_baseline, 14),
        )
        if point is not None and point.year is None
    ]


def goal_chart(a: Assessment) -> dict | None:
    """The Vega-Lite spec of one goal's chart; None when there is no figure to draw."""
    shown = _shown_series(a)
    if not any(figures for _, figures in shown) and not _undated_baselines(a):
        return None
    measure = (a.district_indicator or a.indicator).measure
    breaks = a.series.breaks
    break_years = {b.year for b in breaks}
    frames = [_series_frame(f, label, measure, break_years) for label, f in shown if f]
    data = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    goal = a.goal
    years = list(data["year"]) if len(data) else []
    years += [y for y in (goal.baseline_year, a.period.start_year, goal.target_year) if y]
    x_domain = [min(years) - 0.5, max(years) + 0.5]
    # Every shown area keeps its place in the legend, even one with no published figure yet.
    labels = [label for label, _ in shown]
    # District shares cluster near the threshold: a zero baseline would hide their changes.
    x, y = _time_axes(x_domain, measure.unit, zero=a.threshold is None)
    tooltip = [
        "Område:N",
        alt.Tooltip("year:Q", title="År", format="d"),
        "Værdi:N",
        "Kilde:N",
        "Kildetype:N",
        "Antal kilder:Q",
    ]
    layers = _series_layers(data, labels, x, y, tooltip) if len(data) else []
    layers += _goal_guides(a, measure, x, y)
    layers += _break_rules(breaks, x_domain)
    names = fmt.listing(labels)
    return spec(
        _time_chart(layers),
        f"Graf: {a.indicator.name}, {names}, med basis og mål for {a.goal.heading}.",
    )


def _year_axis(field: str, x_domain: list[float]) -> alt.X:
    """Whole years on x, Danish numbers; every layer uses it, so the axis has one title."""
    return alt.X(
        field,
        title=None,
        scale=alt.Scale(domain=x_domain, nice=False),
        axis=alt.Axis(format="d", tickMinStep=1, labelFontSize=FONT_SIZE),
    )


def _time_axes(x_domain: list[float], unit: str, zero: bool) -> tuple[alt.X, alt.Y]:
    """Years on x (whole years, Danish numbers), values with their unit on y."""
    y = alt.Y(
        "value:Q",
        title=unit,
        scale=alt.Scale(zero=zero),
        axis=alt.Axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE),
    )
    return _year_axis("year:Q", x_domain), y


def _series_layers(
    data: pd.DataFrame, labels: list[str], x: alt.X, y: alt.Y, tooltip: list
) -> list[alt.Chart]:
    """Lines (broken at gaps and breaks) and points per area: each area its own colour, dash
    and shape; hollow points for secondary sources. A legend only when there are two areas."""
    # One area per line: a row of them would be cut off on a phone.
    legend = alt.Legend(
        title=None, orient="bottom", labelFontSize=FONT_SIZE, labelLimit=400, columns=1
    )
    legend = legend if len(labels) > 1 else None
    series_scale = alt.Scale(domain=labels, range=SERIES_COLOURS[: len(labels)])
    colour = alt.Color("Område:N", scale=series_scale, legend=legend)
    base = alt.Chart(data)
    return [
        base.mark_line(strokeWidth=3).encode(
            x=x,
            y=y,
            color=colour,
            detail="segment:N",
            strokeDash=alt.StrokeDash(
                "Område:N",
                scale=alt.Scale(domain=labels, range=SERIES_DASHES[: len(labels)]),
                legend=None,
            ),
        ),
        base.mark_point(size=110, strokeWidth=2.5).encode(
            x=x,
            y=y,
            color=colour,
            shape=alt.Shape(
                "Område:N",
                scale=alt.Scale(domain=labels, range=SERIES_SHAPES[: len(labels)]),
                legend=legend,
            ),
            # Hollow points mark figures from secondary sources.
            fill=alt.condition(
                "datum.quality == 'secondary'",
                alt.value("white"),
                alt.Fill("Område:N", scale=series_scale, legend=None),
            ),
            tooltip=tooltip,
        ),
    ]


def _threshold_guides(value: float, measure, y: alt.Y) -> list[alt.Chart]:
    """The threshold as a dashed horizontal rule labelled 'Tærskel 10 %'."""
    rule = alt.Chart(pd.DataFrame({"value": [value], "label": [f"Tærskel {measure.show(value)}"]}))
    return [
        rule.mark_rule(strokeDash=[8, 4], strokeWidth=2, color=GUIDE_COLOUR).encode(y=y),
        rule.mark_text(align="left", dx=4, dy=-8, color=GUIDE_COLOUR, fontWeight="bold").encode(
            y=y, x=alt.value(0), text="label:N"
        ),
    ]


def _time_chart(layers: list[alt.Chart]) -> alt.LayerChart:
    return (
        alt.layer(*layers)
        .properties(height=HEIGHT, width="container")
        .configure(locale=DANISH_LOCALE)
        .configure_view(stroke=None)
        .configure_text(fontSize=FONT_SIZE)
    )


def _goal_guides(a: Assessment, measure, x: alt.X, y: alt.Y) -> list[alt.Chart]:
    """Baseline, path to target, target and threshold."""
    goal = a.goal
    guides: list[alt.Chart] = []
    if goal.baseline is not None and goal.baseline.year is not None and a.threshold is None:
        base = pd.DataFrame(
            {
                "year": [goal.baseline_year],
                "value": [goal.baseline_value],
                "Basis": [measure.show(goal.baseline_value)],
            }
        )
        guides.append(
            alt.Chart(base)
            .mark_point(shape="diamond", size=220, filled=True, color=GUIDE_COLOUR)
            .encode(
                x=x, y=y, tooltip=[alt.Tooltip("year:Q", title="Basisår", format="d"), "Basis:N"]
            )
        )
    target = goal.target
    for label, point, offset in _undated_baselines(a):
        # A baseline without a year has no place on the time axis: a level, not a point.
        level = pd.DataFrame(
            {"value": [point.value], "label": [f"{label} ({measure.show(point.value)})"]}
        )
        chart = alt.Chart(level)
        guides.append(
            chart.mark_rule(strokeDash=[1, 4], strokeWidth=2, color=GUIDE_COLOUR).encode(
                y=y, tooltip=[alt.Tooltip("label:N", title="Basis")]
            )
        )
        guides.append(
            chart.mark_text(align="left", dx=4, dy=offset, color=GUIDE_COLOUR).encode(
                y=y, x=alt.value(0), text="label:N"
            )
        )
    if target is not None and a.threshold is None:
        target_frame = pd.DataFrame(
            {
                "year": [target.year],
                "value": [target.value],
                "label": [f"Mål {target.year}: {measure.show(target.value)}"],
            }
        )
        chart = alt.Chart(target_frame)
        guides.append(
            chart.mark_point(shape="cross", size=260, strokeWidth=3, color=GUIDE_COLOUR).encode(
                x=x, y=y, tooltip=[alt.Tooltip("label:N", title="Mål")]
            )
        )
        guides.append(
            chart.mark_text(
                align="right", dx=-12, dy=-14, color=GUIDE_COLOUR, fontWeight="bold"
            ).encode(x=x, y=y, text="label:N")
        )
        if goal.baseline is not None and goal.baseline.year is not None:
            path = pd.DataFrame(
                {
                    "year": [goal.baseline_year, target.year],
                    "value": [goal.baseline_value, target.value],
                }
            )
            guides.append(
                alt.Chart(path)
                .mark_line(strokeDash=[5, 5], strokeWidth=2, color=GUIDE_COLOUR, opacity=0.7)
                .encode(x=x, y=y)
            )
    if a.threshold is not None:
        guides += _threshold_guides(a.threshold.value, measure, y)
    return guides


def _break_rules(breaks: Sequence[SeriesBreak], x_domain: list[float]) -> list[alt.Chart]:
    """Series breaks as vertical rules between the years they separate."""
    shown = [b for b in breaks if x_domain[0] < b.year < x_domain[1]]
    if not shown:
        return []
    frame = pd.DataFrame(
        {
            "at": [b.year - 0.5 for b in shown],
            "label": [f"Brud: {b.label}" for b in shown],
            "Beskrivelse": [b.description for b in shown],
        }
    )
    x = _year_axis("at:Q", x_domain)
    chart = alt.Chart(frame)
    return [
        chart.mark_rule(strokeDash=[2, 3], strokeWidth=2, color="#777777").encode(
            x=x, tooltip=["label:N", "Beskrivelse:N"]
        ),
        chart.mark_text(
            align="left", baseline="bottom", dx=4, y=alt.ExprRef(expr="height - 4"), color="#555555"
        ).encode(x=x, text="label:N"),
    ]


def district_ranking(data: DistrictYear, scale: ColourScale) -> dict:
    """The map's accessible twin: every district as a bar, worst first, with its margin as a
    whisker, the threshold as a rule, and the districts without data named at the bottom."""
    info = data.indicator
    threshold = data.threshold
    worst_high = threshold is None or threshold.bad_side == "over"
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
    frame = pd.DataFrame(rows)
    y = alt.Y(
        "Bydel:N",
        sort=alt.EncodingSortField("order", op="min"),
        title=None,
        axis=alt.Axis(labelFontSize=FONT_SIZE, labelLimit=220),
    )
    values = [d.figure.value + (d.figure.margin or 0.0) for d in published]
    values += [threshold.value] if threshold else []
    x_scale = alt.Scale(domain=[0, max(values, default=1) * 1.18], nice=False)
    x = alt.X(
        "value:Q",
        title=f"{info.short_name} {data.year} ({info.unit})",
        scale=x_scale,
        axis=alt.Axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE),
    )
    tooltip = ["Bydel:N", alt.Tooltip("text:N", title="Værdi"), "Status:N", "Kilde:N"]
    base = alt.Chart(frame)
    bars = base.mark_bar(height=22).encode(
        x=x,
        y=y,
        fill=alt.Fill("colour:N", scale=None),
        stroke=alt.value(GUIDE_COLOUR),
        strokeWidth=alt.condition(
            f"datum.side == '{Side.WRONG.value}'", alt.value(3), alt.value(0.8)
        ),
        strokeDash=alt.condition("datum.uncertain", alt.value([6, 4]), alt.value([1, 0])),
        tooltip=tooltip,
    )
    whiskers = (
        base.transform_filter("datum.value != null")
        .mark_rule(strokeWidth=2, color=GUIDE_COLOUR)
        .encode(x="low:Q", x2="high:Q", y=y, tooltip=tooltip)
    )
    labels = (
        base.mark_text(align="left", dx=6, fontSize=FONT_SIZE)
        .encode(
            x=alt.X("label_at:Q", scale=x_scale),
            y=y,
            text="text:N",
        )
        .transform_calculate(label_at="datum.value == null ? 0 : datum.high")
    )
    layers = [bars, whiskers, labels]
    if threshold is not None:
        label = f"Tærskel {fmt.value(threshold.value, info.unit)}"
        rule = pd.DataFrame({"value": [threshold.value], "label": [label]})
        rule_chart = alt.Chart(rule)
        layers.append(
            rule_chart.mark_rule(strokeDash=[8, 4], strokeWidth=2.5, color="#000000").encode(
                x=alt.X("value:Q", scale=x_scale)
            )
        )
        layers.append(
            rule_chart.mark_text(
                align="left", baseline="bottom", dx=4, y=-4, fontWeight="bold", fontSize=FONT_SIZE
            ).encode(x=alt.X("value:Q", scale=x_scale), text="label:N")
        )
    return spec(
        alt.layer(*layers)
        .properties(height=alt.Step(34), width="container")
        .configure(locale=DANISH_LOCALE)
        .configure_view(stroke=None),
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
    frames = [_series_frame(f, label, measure, break_years) for label, f in shown if f]
    if not frames:
        return None
    data = pd.concat(frames, ignore_index=True)
    years = list(data["year"])
    x_domain = [min(years) - 0.5, max(years) + 0.5]
    x, y = _time_axes(x_domain, measure.unit, zero=not info.survey)
    tooltip = ["Område:N", alt.Tooltip("year:Q", title="År", format="d"), "Værdi:N", "Kilde:N"]
    layers = _series_layers(data, labels, x, y, tooltip)
    if threshold is not None:
        layers += _threshold_guides(threshold.value, measure, y)
    layers += _break_rules(breaks, x_domain)
    return spec(_time_chart(layers), f"Graf: {info.name}, {fmt.listing(labels)}, år for år.")


def gap_chart(gaps: Sequence[Gap], info: Indicator, area_name: str, other_name: str) -> dict | None:
    """An area minus another (the city minus the four cities' average) at each point as a bar,
    labelled with its size; the zero line is "the same level". Above zero: the area is higher."""
    if not gaps:
        return None
    unit = "procentpoint" if info.unit.startswith("%") else info.unit
    frame = pd.DataFrame(
        {
            "Tidspunkt": [g.label for g in gaps],
            "value": [g.points for g in gaps],
            "text": [fmt.signed(g.points, info.decimals) for g in gaps],
            "Afstand": [fmt.change(g.points, info.unit, info.decimals) for g in gaps],
            "area": [f"{info.measure.show(g.area.value)} ({fmt.year(g.area.year)})" for g in gaps],
            "other": [
                f"{info.measure.show(g.other.value)} ({fmt.year(g.other.year)})" for g in gaps
            ],
        }
    )
    x = alt.X(
        "Tidspunkt:N",
        sort=None,
        title=None,
        axis=alt.Axis(labelFontSize=FONT_SIZE, labelAngle=0),
    )
    low = min([0.0, *(g.points for g in gaps)])
    high = max([0.0, *(g.points for g in gaps)])
    pad = (high - low) * 0.3 or 1.0
    y = alt.Y(
        "value:Q",
        title=unit,
        scale=alt.Scale(domain=[low - (pad if low < 0 else pad / 3), high + pad]),
        axis=alt.Axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE),
    )
    tooltip = [
        "Tidspunkt:N",
        "Afstand:N",
        alt.Tooltip("area:N", title=area_name),
        alt.Tooltip("other:N", title=other_name),
    ]
    base = alt.Chart(frame)
    zero = alt.Chart(
        pd.DataFrame({"value": [0.0], "label": [f"0 = samme niveau som {other_name.lower()}"]})
    )
    label = {"x": x, "y": y, "text": "text:N"}
    layers = [
        base.mark_bar(size=46, color=SERIES_COLOURS[0]).encode(x=x, y=y, tooltip=tooltip),
        # Labels above bars that go up, below bars that go down.
        base.transform_filter("datum.value >= 0")
        .mark_text(dy=-10, fontSize=FONT_SIZE, fontWeight="bold")
        .encode(**label),
        base.transform_filter("datum.value < 0")
        .mark_text(dy=12, fontSize=FONT_SIZE, fontWeight="bold")
        .encode(**label),
        zero.mark_rule(strokeWidth=2, color=GUIDE_COLOUR).encode(y="value:Q"),
        zero.mark_text(align="left", dx=4, dy=12, color=GUIDE_COLOUR).encode(
            y="value:Q", x=alt.value(0), text="label:N"
        ),
    ]
    return spec(
        _time_chart(layers),
        f"Graf: afstanden mellem {area_name} og {other_name} i {info.name.lower()}, år for år.",
    )


def city_bars(data: CityYear, info: Indicator) -> dict:
    """Copenhagen and each city in one year as labelled bars, highest first, with the four
    cities' average as a dashed rule. Copenhagen's bar is darker and its value bold."""
    measure = info.measure
    city = data.figures[0][0]
    frame = pd.DataFrame(
        {
            "Område": [area.label for area, _ in data.figures],
            "value": [f.value for _, f in data.figures],
            "text": [measure.show(f.value) for _, f in data.figures],
            "Kilde": [f.source_title for _, f in data.figures],
            "own": [area == city for area, _ in data.figures],
        }
    ).sort_values("value", ascending=False)
    values = list(frame["value"]) + ([data.average[1].value] if data.average else [])
    x_scale = alt.Scale(domain=[0, max(values) * 1.25], nice=False)
    x = alt.X(
        "value:Q",
        title=f"{info.short_name} {data.year} ({info.unit})",
        scale=x_scale,
        axis=alt.Axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, tickCount=6),
    )
    y = alt.Y(
        "Område:N",
        sort=None,
        title=None,
        axis=alt.Axis(labelFontSize=FONT_SIZE, labelLimit=260),
    )
    tooltip = ["Område:N", alt.Tooltip("text:N", title="Værdi"), "Kilde:N"]
    base = alt.Chart(frame)
    layers = [
        base.mark_bar(height=24).encode(
            x=x,
            y=y,
            color=alt.condition("datum.own", alt.value(SERIES_COLOURS[0]), alt.value("#9DB9D3")),
            tooltip=tooltip,
        ),
        base.transform_filter("!datum.own")
        .mark_text(align="left", dx=6, fontSize=FONT_SIZE)
        .encode(x=x, y=y, text="text:N"),
        base.transform_filter("datum.own")
        .mark_text(align="left", dx=6, fontSize=FONT_SIZE, fontWeight="bold")
        .encode(x=x, y=y, text="text:N"),
    ]
    if data.average is not None:
        area, figure = data.average
        value = figure.value
        rule = alt.Chart(
            pd.DataFrame({"value": [value], "label": [f"{area.label} {measure.show(value)}"]})
        )
        layers += [
            rule.mark_rule(strokeDash=[8, 4], strokeWidth=2.5, color=GUIDE_COLOUR).encode(
                x=alt.X("value:Q", scale=x_scale)
            ),
            rule.mark_text(
                align="left", baseline="bottom", dx=4, y=-4, fontWeight="bold", fontSize=FONT_SIZE
            ).encode(x=alt.X("value:Q", scale=x_scale), text="label:N"),
        ]
    return spec(
        alt.layer(*layers)
        .properties(height=alt.Step(34), width="container")
        .configure(locale=DANISH_LOCALE)
        .configure_view(stroke=None),
        f"Søjlediagram: {info.name} i {data.year} for {city.name} og de andre byer, med de "
        "fire byers gennemsnit.",
    )
