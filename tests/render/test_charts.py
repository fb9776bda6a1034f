"""Chart specs: only charts with something to draw, whole years on every time axis, Danish
numbers, and the youth gap chart's bars on both sides of the average."""

import itertools
import json
from datetime import date

import pytest
from helpers import assert_valid_vega_lite

from sikkerby import queries
from sikkerby.domain.series import Figure, Gap
from sikkerby.domain.status import StatusDate
from sikkerby.ingest.publish import default_store
from sikkerby.render import charts
from sikkerby.views import area, map, overview, strategy, youth

TODAY = 2026


@pytest.fixture(scope="module")
def store():
    return default_store()


def layer_rows(spec: dict) -> list[list[dict]]:
    """The rows each layer draws (a spec's layers carry their own rows)."""
    return [layer["data"]["values"] for layer in spec["layer"]]


def x_encodings(spec: dict) -> list[dict]:
    return [layer["encoding"]["x"] for layer in spec["layer"] if "x" in layer.get("encoding", {})]


def test_a_goal_with_no_figure_to_draw_has_no_chart(store):
    for goal_id in ("2022-amager-kriminalitet", "2022-tingbjerg-kriminalitet"):
        assert charts.goal_chart(queries.assess(store, goal_id, StatusDate(TODAY))) is None
    # Baselines without a year are no points in time: alone they would leave an empty plot
    # with two level lines (issue 20: goal 4 in the report). With a point they are drawn.
    assert charts.goal_chart(queries.assess(store, "2018-4", StatusDate(TODAY))) is None
    with_point = charts.goal_chart(queries.assess(store, "2018-3", StatusDate(TODAY)))
    assert any(
        "basis, år ikke oplyst" in str(row.get("label", ""))
        for rows in layer_rows(with_point)
        for row in rows or []
    )
    empty = queries.series_of(store, "utrygge_nabolag_pct", "tingbjerg-husum")
    assert charts.area_vs_city(empty, "København") is None


@pytest.mark.parametrize("goal_id", ["2018-2", "2022-folehaven-kriminalitet", "2022-1"])
def test_every_time_axis_shows_whole_years_without_a_field_name(store, goal_id):
    """The series break layer shares the year axis: no '2.021,6' ticks and no 'at' title."""
    spec = charts.goal_chart(queries.assess(store, goal_id, StatusDate(TODAY)))
    years = [x for x in x_encodings(spec) if x.get("field") in ("year", "at")]
    assert years, "no year axis found"
    for x in years:
        assert x["axis"]["format"] == "d" and x["axis"]["tickMinStep"] == 1
        assert x["title"] is None
    assert spec["config"]["locale"]["number"]["decimal"] == ","


def test_the_break_rule_stands_between_the_years_it_separates(store):
    spec = charts.goal_chart(queries.assess(store, "2018-2", StatusDate(TODAY)))
    breaks = [rows for rows in layer_rows(spec) if rows and "at" in rows[0]]
    assert [r["at"] for r in breaks[0]] == [2017.5]


def figure(value: float, year: int = 2019) -> Figure:
    return Figure(
        "sigtede_15_17_pct", "koebenhavn", year, value, "%", "primary", "T", None, None, 1
    )


def test_the_gap_chart_shows_bars_below_the_average(store):
    info = queries.registry_of(store).indicators["sigtede_15_17_pct"]
    gaps = [Gap(figure(3.5), figure(2.25)), Gap(figure(1.5, 2020), figure(2.2, 2020))]
    spec = charts.gap_chart(gaps, info, "København", "De fire byers gennemsnit")
    bars = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    domain = bars["encoding"]["y"]["scale"]["domain"]
    assert domain[0] < -0.7 and domain[1] > 1.25
    texts = [row["text"] for row in bars["data"]["values"]]
    assert texts == ["+1,25", "−0,7"]
    assert charts.gap_chart([], info, "København", "De fire byers gennemsnit") is None
    zero = next(rows for rows in layer_rows(spec) if rows and "label" in rows[0])
    assert zero[0]["label"] == "0 = samme niveau som de fire byers gennemsnit"


def goal_specs(store) -> list[dict | None]:
    """The chart of every goal of both periods, as the overview draws it."""
    return [
        card.chart.spec
        for period in ("2018-2021", "2022-2025")
        for _, group in overview.build(store, period, TODAY).groups
        for card in group
    ]


def test_every_chart_of_every_view_is_valid_vega_lite(store):
    """The app builds specs without Altair's schema check (it is slow); the check is here."""
    specs = goal_specs(store)
    specs += [map.build(store, "utrygge_nabolag", 2017).ranking.spec]
    specs += [c.spec for c in map.panel(store, "utrygge_nabolag", 2017, "bispebjerg").charts]
    specs += [
        c.chart.spec for c in area.build(store, "amager-partnerskab", date(2026, 12, 1)).measures
    ]
    specs += [c.level.spec for c in youth.build(store, TODAY).cards]
    specs += [c.gap.spec for c in youth.build(store, TODAY).cards]
    specs += [strategy.build(store, TODAY).context_chart.spec]
    for spec in filter(None, specs):
        assert_valid_vega_lite(spec)
        # Streamlit sends a spec as JSON as it is: only Python's own types in it.
        assert json.loads(json.dumps(spec)) == spec
        # Vega draws texts as text (its tooltips escaped); only a link or an image from a
        # field would reach for an address, so there is none.
        assert not _linking(spec), _linking(spec)
    assert len([s for s in specs if s]) > 15


def _linking(node) -> list[str]:
    """The href and url channels, image marks and data read from a URL anywhere in a spec."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("href", "url") or (key in ("mark", "type") and value == "image"):
                found.append(key)
            found += _linking(value)
    elif isinstance(node, list):
        for item in node:
            found += _linking(item)
    return found


def _font_sizes(node) -> list[float]:
    """Every font size a spec sets, anywhere in it."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("fontSize", "labelFontSize", "titleFontSize") and isinstance(
                value, int | float
            ):
                found.append(value)
            found += _font_sizes(value)
    elif isinstance(node, list):
        for item in node:
            found += _font_sizes(item)
    return found


def test_every_chart_is_readable_on_a_projector_and_described_in_danish(store):
    """Ticks, labels and legends at least 16 px in a dark ink (not the theme's light grey), and
    one Danish description instead of Vega's English ARIA words."""
    specs = [s for s in goal_specs(store) if s]
    specs += [map.build(store, "trygge_nabolag", 2026).ranking.spec]
    specs += [c.gap.spec for c in youth.build(store, TODAY).cards]
    assert len(specs) > 10
    for spec in specs:
        assert min(_font_sizes(spec)) >= 16
        for part in ("axis", "legend"):
            assert spec["config"][part]["labelColor"] == charts.INK
            assert spec["config"][part]["aria"] is False
        assert spec["description"] and "chart" not in spec["description"].lower()


def _texts(spec: dict) -> list[dict]:
    return [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]


def test_every_guide_label_stands_in_a_lane_above_the_plot_wrapped_for_a_phone(store):
    """Targets, thresholds, undated baselines and breaks are named above the plot, from its
    left edge, one under the other: none can meet a point, another label or the chart's edge."""
    specs = [s for s in goal_specs(store) if s]
    notes = []
    for spec in specs:
        lanes = []
        for text in _texts(spec):
            assert text["name"].startswith(charts.NOTE)
            assert text["encoding"]["x"] == {"value": 0}
            assert text["mark"]["baseline"] == "top" and text["mark"]["align"] == "left"
            label = text["data"]["values"][0]["label"]
            lines = label.split("\n")
            assert all(len(line) <= charts.NOTE_CHARS for line in lines), label
            top = text["encoding"]["y"]["value"]
            lanes.append((top, top + len(lines) * charts.NOTE_LINE))
            notes.append(" ".join(lines).replace("\xa0", " "))
        lanes.sort()
        # One under the other, the last one clear of the plot's top edge.
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(lanes)), lanes
        assert all(bottom < 0 for _, bottom in lanes)
        # The chart is as much taller as its notes need (Streamlit fits it into its height).
        notes_height = max((-t for t, _ in lanes), default=0)
        legend = [lay for lay in spec["layer"] if lay["encoding"].get("shape", {}).get("legend")]
        areas = len(legend[0]["encoding"]["shape"]["scale"]["domain"]) if legend else 0
        assert spec["height"] == charts.HEIGHT + notes_height + charts.LEGEND_LINE * areas
    for expected in ("Mål 2021: 0 bydele", "Brud fra 2016: 13 bydele", "Tærskel 85 %"):
        assert any(note.startswith(expected) for note in notes), expected


def test_value_axes_stop_at_the_figures_range(store):
    assert charts.value_scale([12.0, 96.0], "%", zero=True)["domain"] == [0.0, 100.0]
    assert charts.value_scale([71.0, 74.0, 75.0], "%", zero=False)["domain"] == [71.0, 75.0]
    assert charts.value_scale([2.0, 290.0], "personer", zero=True)["domain"] == [0.0, 300.0]
    # A whisker beyond 100 % still fits.
    assert charts.value_scale([98.0, 101.5], "%", zero=True)["domain"][1] >= 101.5
    specs = [s for s in goal_specs(store) if s]
    specs += [map.build(store, "trygge_nabolag", 2026).ranking.spec]
    for spec in specs:
        for layer in spec["layer"]:
            for channel in ("x", "y"):
                encoding = layer["encoding"].get(channel, {})
                scale = encoding.get("scale") or {}
                if encoding.get("field") == "value" and "domain" in scale:
                    low, high = scale["domain"]
                    assert low < high and scale["nice"] is False
                    title = encoding.get("title") or ""
                    if title.endswith("%)") or title == "%":
                        assert low >= 0 and high <= 100, (title, scale)


def test_legend_symbols_are_the_points_shapes_without_a_dash(store):
    """A dash scale would join the legend (a notched square, a triangle drawn as a stack)."""
    specs = [s for s in goal_specs(store) if s]
    with_legend = 0
    for spec in specs:
        for layer in spec["layer"]:
            assert "strokeDash" not in layer["encoding"]
            with_legend += bool(layer["encoding"].get("shape", {}).get("legend"))
    assert with_legend >= 5


def test_bar_values_stand_in_a_column_right_of_the_plot(store):
    """Clear of the threshold's rule and the whiskers, which stay inside the plot."""
    spec = map.build(store, "utrygge_nabolag", 2017).ranking.spec
    values = [t for t in _texts(spec) if not t.get("name", "").startswith(charts.NOTE)]
    assert values and all(t["encoding"]["x"] == {"value": "width"} for t in values)
    notes = [t["data"]["values"][0]["label"] for t in _texts(spec) if t not in values]
    assert len(notes) == 1 and notes[0].startswith("Tærskel 10")
