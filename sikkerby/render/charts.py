"""Chart builders: Altair charts for goal cards. They return charts and never call Streamlit.

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
from sikkerby.domain.districts import SIDE_LABELS, DistrictYear, Threshold
from sikkerby.domain.goals import Assessment, Indicator
from sikkerby.domain.margin import Side, classify
from sikkerby.domain.unge import CityYear, Gap
from sikkerby.render.scale import NO_DATA_FILL

# Vega's number locale for Danish: 82,7 and 3.596.
DANISH_LOCALE = alt.Locale(
    number=alt.NumberLocale(decimal=",", thousands=".", grouping=[3], currency=["", " kr."])
)
# How a figure the project computed itself is marked in its source title.
OWN_CALCULATION = "Egne beregninger"
FONT_SIZE = 15  # readable at projector distance
HEIGHT = 240
# Okabe-Ito colours (colour-blind safe); each series also gets its own dash and point shape.
SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
SERIES_DASHES = [[1, 0], [6, 3], [2, 2], [8, 2, 2, 2], [4, 4], [1, 3]]
SERIES_SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down"]
GUIDE_COLOUR = "#333333"


def segments(years: pd.Series, break_years: set[int]) -> pd.Series:
    """A segment number per point: a new segment after a missing year or at a series break."""
    ordered = years.astype(int)
    new = (ordered.diff() != 1) | ordered.isin(break_years)
    return new.cumsum()


def _series_frame(series: pd.DataFrame, label: str, measure, break_years: set[int]) -> pd.DataFrame:
    frame = series.loc[:, ["year", "value", "quality", "source_title", "n_values"]].copy()
    frame["year"] = frame["year"].astype(int)
    frame["Område"] = label
    frame["segment"] = label + "-" + segments(frame["year"], break_years).astype(str)
    frame["Værdi"] = [measure.show(v) for v in frame["value"]]
    frame["Kilde"] = frame["source_title"]
    frame["Kildetype"] = frame["quality"].map({"primary": "primær", "secondary": "sekundær"})
    frame["Antal kilder"] = frame["n_values"].astype(int)
    return frame


def _shown_series(a: Assessment) -> list[tuple[str, pd.DataFrame]]:
    """The series a goal's chart draws, labelled by area."""
    if a.district_series is not None:
        threshold = a.threshold
        shown = []
        for name, group in a.district_series.groupby("area_name", sort=True):
            in_period = group[
                (group["year"] >= a.goal.baseline_year) & (group["year"] <= a.goal.target_year)
            ]
            sides = [
                classify(v, threshold["threshold"], threshold["bad_side"])
                for v in in_period["value"]
            ]
            if Side.BAD in sides:
                shown.append((name, group))
        return shown
    shown = [(a.area_name, a.series)]
    if a.compare_series is not None:
        shown.append((a.compare_name, a.compare_series))
    return shown


def goal_chart(a: Assessment, more: Sequence[tuple[str, pd.DataFrame]] = ()) -> alt.LayerChart:
    """The chart of one goal card; `more` adds labelled series (e.g. each of the four cities)."""
    measure = (
        a.district_indicator.measure if a.district_indicator is not None else a.indicator.measure
    )
    break_years = {int(y) for y in a.breaks["year"]}
    shown = _shown_series(a)
    frames = [_series_frame(s, label, measure, break_years) for label, s in shown if len(s)]
    data = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    goal = a.goal
    years = list(data["year"]) if len(data) else []
    years += [y for y in (goal.baseline_year, a.period.start_year, goal.target_year) if y]
    x_domain = [min(years) - 0.5, max(years) + 0.5]
    # Every shown area keeps its place in the legend, even one with no published figure yet.
    labels = [label for label, _ in shown]
    # District shares cluster near the threshold: a zero baseline would hide their changes.
    x, y = _time_axes(x_domain, measure.unit, zero=a.district_series is None)
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
    layers += _break_rules(a.breaks, x_domain)
    return _time_chart(layers)


def _time_axes(x_domain: list[float], unit: str, zero: bool) -> tuple[alt.X, alt.Y]:
    """Years on x (whole years, Danish numbers), values with their unit on y."""
    x = alt.X(
        "year:Q",
        title=None,
        scale=alt.Scale(domain=x_domain, nice=False),
        axis=alt.Axis(format="d", tickMinStep=1, labelFontSize=FONT_SIZE),
    )
    y = alt.Y(
        "value:Q",
        title=unit,
        scale=alt.Scale(zero=zero),
        axis=alt.Axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE),
    )
    return x, y


def _series_layers(
    data: pd.DataFrame, labels: list[str], x: alt.X, y: alt.Y, tooltip: list
) -> list[alt.Chart]:
    """Lines (broken at gaps and breaks) and points per area: each area its own colour, dash
    and shape; hollow points for secondary sources. A legend only when there are two areas."""
    legend = alt.Legend(title=None, orient="bottom", labelFontSize=FONT_SIZE, labelLimit=400)
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
    if goal.baseline is not None and goal.baseline.year is not None and a.district_series is None:
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
    undated = [
        (f"{a.area_name}: basis, år ikke oplyst", goal.baseline),
        (f"{a.compare_name}: basis, år ikke oplyst", goal.compare_baseline),
    ]
    for offset, (label, point) in zip((-8, 14), undated, strict=True):
        # A baseline without a year has no place on the time axis: a level, not a point.
        if point is None or point.year is not None:
            continue
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
    if target is not None and a.district_series is None:
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
        guides += _threshold_guides(a.threshold["threshold"], measure, y)
    return guides


def _break_rules(breaks: pd.DataFrame, x_domain: list[float]) -> list[alt.Chart]:
    """Series breaks as vertical rules between the years they separate."""
    shown = breaks[(breaks["year"] > x_domain[0]) & (breaks["year"] < x_domain[1])]
    if shown.empty:
        return []
    frame = pd.DataFrame(
        {
            "at": shown["year"].astype(float) - 0.5,
            "label": "Brud: " + shown["label"],
            "Beskrivelse": shown["description"],
        }
    )
    x = alt.X("at:Q", scale=alt.Scale(domain=x_domain, nice=False))
    chart = alt.Chart(frame)
    return [
        chart.mark_rule(strokeDash=[2, 3], strokeWidth=2, color="#777777").encode(
            x=x, tooltip=["label:N", "Beskrivelse:N"]
        ),
        chart.mark_text(
            align="left", baseline="bottom", dx=4, y=HEIGHT - 4, color="#555555"
        ).encode(x=x, text="label:N"),
    ]


HOW_TO_READ = (
    "Sådan læses graferne: ◆ basis · ✚ mål · stiplet linje: den lige vej fra basis til mål · "
    "hult punkt: tal fra en sekundær kilde · hul i linjen: intet offentliggjort tal det år · "
    "lodret prikket linje: brud i opgørelsen."
)


def source_caption(a: Assessment) -> str:
    """The 'Kilde:' line under a goal's chart."""
    return rows_caption(a.indicator.source, a.rows)


def rows_caption(source: str, rows: pd.DataFrame) -> str:
    """A 'Kilde:' line for the published rows behind a chart."""
    titles = rows["source_title"].dropna().unique()
    secondary = int((rows["quality"] == "secondary").sum())
    if rows.empty:
        return f"Kilde: {source}. Der er ingen offentliggjorte tal her endnu."
    figures = fmt.count(len(rows), "tal", "tal")
    text = f"Kilde: {source}. {figures} fra {fmt.count(len(titles), 'kilde', 'kilder')}"
    if secondary:
        text += f", heraf {fmt.number(secondary)} fra sekundære kilder (hule punkter)"
    own = int(rows["source_title"].str.startswith(OWN_CALCULATION).sum())
    if own:
        text += f"; {fmt.count(own, 'tal er en egen beregning', 'tal er egne beregninger')}"
    return text + " – se »Tal og kilder« nedenfor."


def district_ranking(data: DistrictYear) -> alt.LayerChart:
    """The map's accessible twin: every district as a bar, worst first, with its margin as a
    whisker, the threshold as a rule, and the districts without data named at the bottom."""
    info = data.indicator
    threshold = data.threshold
    worst_high = threshold is None or threshold.bad_side == "over"
    published = sorted(data.published, key=lambda f: f.value, reverse=worst_high)
    missing = [f for f in data.figures if f.value is None]
    rows = []
    for order, f in enumerate(published + missing):
        shown = fmt.value(f.value, info.unit, info.decimals) if f.value is not None else None
        rows.append(
            {
                "Bydel": f.name,
                "order": order,
                "value": f.value,
                "low": None if f.value is None else f.value - f.margin,
                "high": None if f.value is None else f.value + f.margin,
                "colour": data.scale.colour(f.value) or NO_DATA_FILL,
                "side": f.side.value,
                "text": shown + (f" ({fmt.margin(f.margin)})" if f.margin else "")
                if shown
                else "ingen data",
                "Status": SIDE_LABELS[f.side] if threshold is not None or shown is None else "",
                "Kilde": f.source_title or "",
            }
        )
    frame = pd.DataFrame(rows)
    y = alt.Y(
        "Bydel:N",
        sort=alt.EncodingSortField("order", op="min"),
        title=None,
        axis=alt.Axis(labelFontSize=FONT_SIZE, labelLimit=220),
    )
    values = [f.value + f.margin for f in published] + ([threshold.value] if threshold else [])
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
            "datum.side == 'bad' || datum.side == 'around'", alt.value(3), alt.value(0.8)
        ),
        strokeDash=alt.condition("datum.side == 'around'", alt.value([6, 4]), alt.value([1, 0])),
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
    return (
        alt.layer(*layers)
        .properties(height=alt.Step(34), width="container")
        .configure(locale=DANISH_LOCALE)
        .configure_view(stroke=None)
    )


def area_vs_city(
    info: Indicator,
    area_name: str,
    area_series: pd.DataFrame,
    city_name: str,
    city_series: pd.DataFrame,
    threshold: Threshold | None,
    breaks: pd.DataFrame,
) -> alt.LayerChart:
    """One measure over time for an area next to the city, with the threshold and breaks."""
    return areas_over_time(
        info, [(area_name, area_series), (city_name, city_series)], threshold, breaks
    )


def areas_over_time(
    info: Indicator,
    shown: Sequence[tuple[str, pd.DataFrame]],
    threshold: Threshold | None = None,
    breaks: pd.DataFrame | None = None,
) -> alt.LayerChart:
    """One measure over time for several labelled areas, with a threshold and series breaks."""
    measure = info.measure
    breaks = breaks if breaks is not None else pd.DataFrame({"year": [], "label": []})
    break_years = {int(y) for y in breaks["year"]}
    labels = [label for label, _ in shown]
    frames = [_series_frame(s, label, measure, break_years) for label, s in shown if len(s)]
    data = pd.concat(frames, ignore_index=True)
    years = list(data["year"])
    x_domain = [min(years) - 0.5, max(years) + 0.5]
    x, y = _time_axes(x_domain, measure.unit, zero=not info.survey)
    tooltip = ["Område:N", alt.Tooltip("year:Q", title="År", format="d"), "Værdi:N", "Kilde:N"]
    layers = _series_layers(data, labels, x, y, tooltip)
    if threshold is not None:
        layers += _threshold_guides(threshold.value, measure, y)
    layers += _break_rules(breaks, x_domain)
    return _time_chart(layers)


def gap_chart(gaps: Sequence[Gap], info: Indicator) -> alt.LayerChart:
    """Copenhagen minus the average at each point as a bar, labelled with its size; the zero
    line is "same level as the average". Bars above zero mean Copenhagen is higher."""
    unit = "procentpoint" if info.unit.startswith("%") else info.unit
    frame = pd.DataFrame(
        {
            "Tidspunkt": [g.label for g in gaps],
            "value": [g.points for g in gaps],
            "text": [fmt.signed(g.points, info.decimals) for g in gaps],
            "Afstand": [fmt.change(g.points, info.unit, info.decimals) for g in gaps],
            "København": [f"{info.measure.show(g.city)} ({fmt.year(g.city_year)})" for g in gaps],
            "Gennemsnit": [
                f"{info.measure.show(g.average)} ({fmt.year(g.average_year)})" for g in gaps
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
        axis=alt.Axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE - 2),
    )
    tooltip = [
        "Tidspunkt:N",
        "Afstand:N",
        "København:N",
        alt.Tooltip("Gennemsnit:N", title="De fire byers gennemsnit"),
    ]
    base = alt.Chart(frame)
    zero = alt.Chart(
        pd.DataFrame({"value": [0.0], "label": ["0 = samme niveau som gennemsnittet"]})
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
    return _time_chart(layers)


def city_bars(data: CityYear, info: Indicator, city_name: str) -> alt.LayerChart:
    """Copenhagen and each city in one year as labelled bars, highest first, with the four
    cities' average as a dashed rule. Copenhagen's bar is darker and its value bold."""
    measure = info.measure
    frame = pd.DataFrame(
        {
            "Område": [name for name, _, _ in data.figures],
            "value": [value for _, value, _ in data.figures],
            "text": [measure.show(value) for _, value, _ in data.figures],
            "Kilde": [source for _, _, source in data.figures],
        }
    ).sort_values("value", ascending=False)
    frame["own"] = frame["Område"] == city_name
    values = list(frame["value"]) + ([data.average[1]] if data.average else [])
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
        name, value, _ = data.average
        rule = alt.Chart(
            pd.DataFrame({"value": [value], "label": [f"{name} {measure.show(value)}"]})
        )
        layers += [
            rule.mark_rule(strokeDash=[8, 4], strokeWidth=2.5, color=GUIDE_COLOUR).encode(
                x=alt.X("value:Q", scale=x_scale)
            ),
            rule.mark_text(
                align="left", baseline="bottom", dx=4, y=-4, fontWeight="bold", fontSize=FONT_SIZE
            ).encode(x=alt.X("value:Q", scale=x_scale), text="label:N"),
        ]
    return (
        alt.layer(*layers)
        .properties(height=alt.Step(34), width="container")
        .configure(locale=DANISH_LOCALE)
        .configure_view(stroke=None)
    )
