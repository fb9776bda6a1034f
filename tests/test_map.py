"""The map's pieces: colour scales, district classification, the Leaflet map and its legend."""

import json
import re
from dataclasses import replace

import pytest
from streamlit_folium import _get_header, _get_map_string

from sikkerby.domain import districts
from sikkerby.domain.margin import Side
from sikkerby.render import choropleth, leaflet, links
from sikkerby.render.scale import (
    NO_DATA_FILL,
    RIGHT_SIDE,
    SEQUENTIAL,
    WRONG_SIDE,
    sequential_scale,
    threshold_scale,
)
from sikkerby.store import default_store

PAYLOAD_LIMIT = 120_000  # bytes, from the issue


@pytest.fixture(scope="module")
def store():
    return default_store()


@pytest.fixture(scope="module")
def unsafe_2017(store) -> districts.DistrictYear:
    return districts.district_year(store, "utrygge_nabolag_pct", 2017)


@pytest.fixture(scope="module")
def safe_2025(store) -> districts.DistrictYear:
    return districts.district_year(store, "trygge_nabolag_pct", 2025)


def by_name(data: districts.DistrictYear) -> dict[str, districts.DistrictFigure]:
    return {f.name: f for f in data.figures}


# --- Colour scales ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "colour"),
    [(10.0, RIGHT_SIDE[0]), (10.5, WRONG_SIDE[2]), (16.0, WRONG_SIDE[1]), (16.1, WRONG_SIDE[0]),
     (7.0, RIGHT_SIDE[1]), (4.0, RIGHT_SIDE[2]), (0.0, RIGHT_SIDE[2])],
)  # fmt: skip
def test_unsafe_scale_breaks_at_10_and_the_threshold_itself_is_not_above(value, colour):
    assert threshold_scale(10, "over", "%").colour(value) == colour


@pytest.mark.parametrize(
    ("value", "colour"),
    [(85.0, RIGHT_SIDE[0]), (84.9, WRONG_SIDE[2]), (79.0, WRONG_SIDE[1]), (78.9, WRONG_SIDE[0]),
     (91.0, RIGHT_SIDE[2]), (100.0, RIGHT_SIDE[2])],
)  # fmt: skip
def test_safe_scale_breaks_at_85_and_the_threshold_itself_is_not_below(value, colour):
    assert threshold_scale(85, "under", "%").colour(value) == colour


def test_scales_list_the_wrong_side_first_and_give_no_colour_to_missing_values():
    scale = threshold_scale(85, "under", "%")
    assert [c.wrong_side for c in scale.classes] == [True] * 3 + [False] * 3
    assert scale.classes[0].label == "under 79\u00a0%"
    assert scale.classes[-1].label == "mindst 91\u00a0%"
    assert scale.colour(None) is None


def test_sequential_scale_covers_every_value_with_darker_for_higher():
    values = [3.2, 7.0, 18.4, 41.9]
    scale = sequential_scale(values, "pr. 1.000")
    assert [scale.colour(v) for v in (3.2, 41.9)] == [SEQUENTIAL[0], SEQUENTIAL[-1]]
    assert [c.colour for c in scale.classes] == list(reversed(SEQUENTIAL))
    assert not any(c.wrong_side for c in scale.classes)


# --- Classification on the published figures ----------------------------------------------------


def test_2017_unsafe_districts_against_10_percent(unsafe_2017):
    figures = by_name(unsafe_2017)
    assert unsafe_2017.threshold.value == 10 and unsafe_2017.threshold.period == "2018-2021"
    assert figures["Bispebjerg"].value == 18 and figures["Bispebjerg"].side == Side.BAD
    assert figures["Amager Vest"].side == Side.BAD
    # 13 % with about ±4,3 points: the interval reaches below 10 %.
    assert figures["Valby"].side == Side.AROUND
    assert 4 < figures["Valby"].margin < 5
    assert figures["Indre By"].side == Side.GOOD
    assert figures["Amager Øst"].value is None and figures["Amager Øst"].side == Side.NO_DATA
    assert len(unsafe_2017.figures) == 13
    assert len(unsafe_2017.published) == 7


def test_2025_safe_districts_against_85_percent(safe_2025):
    figures = by_name(safe_2025)
    assert safe_2025.threshold.value == 85 and safe_2025.threshold.bad_side == "under"
    assert figures["Bispebjerg"].value == 80 and figures["Bispebjerg"].side == Side.BAD
    assert figures["Amager Øst"].value == 85 and figures["Amager Øst"].side == Side.AROUND
    assert figures["Kgs. Enghave"].side == Side.GOOD
    assert len(safe_2025.published) == 13


def test_change_is_since_the_previous_published_year_and_says_when_within_the_margin(
    unsafe_2017, safe_2025
):
    bispebjerg = by_name(unsafe_2017)["Bispebjerg"]
    assert (bispebjerg.previous_year, bispebjerg.change) == (2016, 6)
    text = districts.change_text(bispebjerg, unsafe_2017.indicator)
    assert text.startswith("+6\u00a0procentpoint siden 2016 (inden for usikkerheden")
    bronshoj = by_name(safe_2025)["Brønshøj-Husum"]
    assert districts.change_text(bronshoj, safe_2025.indicator) == (
        "+10\u00a0procentpoint siden 2022"
    )
    amager_vest = by_name(unsafe_2017)["Amager Vest"]
    assert districts.change_text(amager_vest, unsafe_2017.indicator) == (
        "intet tidligere offentliggjort tal"
    )


def test_counting_goal_and_its_published_count(unsafe_2017, safe_2025):
    assert unsafe_2017.goal.heading == "Mål 6: Færre lokalområder med tryghedsudfordringer"
    assert unsafe_2017.published_count["value"] == 5
    assert safe_2025.goal.goal_id == "2022-1"
    assert safe_2025.published_count is None  # no count published for 2025


def test_measures_without_threshold_have_one_side_and_a_sequential_scale(store):
    data = districts.district_year(store, "borgervendt_kriminalitet_per_1000", 2021)
    assert data.threshold is None and data.goal is None
    assert {f.side for f in data.figures} <= {Side.GOOD, Side.NO_DATA}
    assert data.scale.title == "Farve: mørkere er højere"


def test_years_and_default_year(store):
    counts = districts.years(store, "utrygge_nabolag_pct")
    assert counts[2017] == 7
    assert districts.default_year(counts) == 2020  # 8 districts, more than any other year
    assert districts.default_year({2016: 7, 2017: 7}) == 2017  # latest of the ties
    assert districts.default_year({}) is None
    assert districts.default_measure(store).map_key == "trygge_nabolag"


def test_threshold_is_taken_from_the_nearest_period(store):
    assert districts.threshold_for(store, "utrygge_nabolag_pct", 2009).period == "2018-2021"
    assert districts.threshold_for(store, "trygge_nabolag_pct", 2022).value == 85
    assert districts.threshold_for(store, "utrygge_aften_nat_pct", 2020) is None


# --- The Leaflet map -----------------------------------------------------------------------------


def rendered(data: districts.DistrictYear) -> tuple[str, str]:
    m = choropleth.build_map(data)
    m.get_root().render()
    return _get_map_string(m), _get_header(m)


def test_map_script_holds_13_districts_and_no_link_off_the_machine(unsafe_2017):
    leaflet.serve()
    script, header = rendered(unsafe_2017)
    match = re.search(r"geo_json_div_\d+_add\((\{.*?\})\);", script, re.DOTALL)
    collection = json.loads(match.group(1))
    assert len(collection["features"]) == 13
    assert not re.search(r"https?:", script + header)
    assert len(script.encode() + header.encode()) < PAYLOAD_LIMIT


def test_missing_districts_are_hatched_and_outlined_by_side(unsafe_2017):
    figures = by_name(unsafe_2017)
    assert choropleth.style(figures["Amager Øst"], unsafe_2017)["fillColor"] == (
        f"url(#{choropleth.HATCH_ID})"
    )
    bad = choropleth.style(figures["Bispebjerg"], unsafe_2017)
    around = choropleth.style(figures["Valby"], unsafe_2017)
    good = choropleth.style(figures["Indre By"], unsafe_2017)
    assert bad["weight"] > good["weight"] and bad["dashArray"] is None
    assert around["dashArray"] and around["weight"] > good["weight"]
    # The fill of a known value is a colour of the scale, never the "ingen data" white.
    assert NO_DATA_FILL not in {bad["fillColor"], around["fillColor"], good["fillColor"]}


def test_tooltip_escapes_every_text(unsafe_2017):
    figure = replace(
        by_name(unsafe_2017)["Bispebjerg"],
        name="<img src=x onerror=alert(1)>",
        source_title="A & B <script>",
    )
    text = choropleth.tooltip_html(figure, unsafe_2017)
    assert "<img" not in text and "<script>" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "A &amp; B &lt;script&gt;" in text
    assert "18\u00a0% (±4,9\u00a0point)" in text
    assert "Ændring: +6\u00a0procentpoint siden 2016" in text


def test_tooltip_of_a_missing_district_says_ingen_data_and_what_would_fill_it(unsafe_2017):
    text = choropleth.tooltip_html(by_name(unsafe_2017)["Vanløse"], unsafe_2017)
    assert "ingen data" in text
    assert "Det mangler: Tryghedsundersøgelsens tabeller" in text


def test_legend_names_the_districts_of_each_side(unsafe_2017, safe_2025):
    legend = choropleth.legend_html(unsafe_2017)
    assert "Over tærsklen på 10\u00a0%" in legend
    assert "Amager Vest og Bispebjerg" in legend
    assert "Brønshøj-Husum, Indre Nørrebro og Valby" in legend
    assert "Tærskel 10\u00a0%" in legend
    legend = choropleth.legend_html(safe_2025)
    assert "Under tærsklen på 85\u00a0%" in legend


def test_map_link():
    assert links.district_map("utrygge_nabolag", 2017) == "/kort?indikator=utrygge_nabolag&aar=2017"
    assert links.district_map("trygge_nabolag", 2025, "bispebjerg").endswith("&bydel=bispebjerg")
    assert links.district_map("trygge_nabolag") == "/kort?indikator=trygge_nabolag"


def test_leaflet_is_copied_from_the_package_not_the_repository(tmp_path):
    leaflet.serve(tmp_path)
    assert (tmp_path / "leaflet.js").stat().st_size > 100_000
    assert (tmp_path / "images" / "marker-icon.png").exists()
    import folium

    assert folium.Map.default_js == [("leaflet", leaflet.LEAFLET_JS)]
    assert all(not url.startswith("http") for _, url in folium.Map.default_css)
