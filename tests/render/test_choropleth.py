"""The map's pieces: colour scales, the Leaflet map, its tooltip and its legend."""

import json
import re
from dataclasses import replace

import folium
import pytest
from streamlit_folium import _get_header, _get_map_string

from sikkerby import boundaries, queries
from sikkerby.domain import districts, registry
from sikkerby.ingest.publish import default_store
from sikkerby.render import choropleth, leaflet, scale
from sikkerby.render.scale import (
    NO_DATA_FILL,
    RIGHT_SIDE,
    SEQUENTIAL,
    WRONG_SIDE,
    sequential_scale,
    threshold_scale,
)
from sikkerby.ui import serve

DISTRICTS = boundaries.of_site().districts
PAYLOAD_LIMIT = 120_000  # bytes, from the map's issue


@pytest.fixture(scope="module")
def unsafe_2017() -> districts.DistrictYear:
    return queries.district_year(default_store(), "utrygge_nabolag_pct", 2017)


def by_name(data: districts.DistrictYear) -> dict[str, districts.District]:
    return {d.name: d for d in data.districts}


# Colour scales -----------------------------------------------------------------------------------


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


def test_the_colour_side_is_the_counted_side(unsafe_2017):
    """A district counted on the wrong side is coloured on the wrong side, margin or not."""
    colours = scale.scale_for(unsafe_2017)
    for d in unsafe_2017.published:
        wrong = d.side == registry.Side.WRONG
        assert (colours.colour(d.figure.value) in WRONG_SIDE) == wrong, d.name


def test_scales_list_the_wrong_side_first_and_give_no_colour_to_missing_values():
    s = threshold_scale(85, "under", "%")
    assert [c.wrong_side for c in s.classes] == [True] * 3 + [False] * 3
    assert s.classes[0].label == "under 79\u00a0%"
    assert s.classes[-1].label == "mindst 91\u00a0%"
    assert s.colour(None) is None


def test_a_sequential_scale_of_one_value_has_classes_people_can_read():
    s = sequential_scale([5.0], "%")
    assert len({c.label for c in s.classes}) == 5
    assert s.colour(5.0) == SEQUENTIAL[0]


def test_sequential_scale_covers_every_value_with_darker_for_higher():
    values = [3.2, 7.0, 18.4, 41.9]
    s = sequential_scale(values, "pr. 1.000")
    assert [s.colour(v) for v in (3.2, 41.9)] == [SEQUENTIAL[0], SEQUENTIAL[-1]]
    assert [c.colour for c in s.classes] == list(reversed(SEQUENTIAL))
    assert not any(c.wrong_side for c in s.classes)
    crime = queries.district_year(default_store(), "borgervendt_kriminalitet_per_1000", 2021)
    assert scale.scale_for(crime).title == "Farve: mørkere er højere"


# The Leaflet map ---------------------------------------------------------------------------------


def rendered(data: districts.DistrictYear) -> tuple[str, str]:
    m = choropleth.build_map(data, scale.scale_for(data), DISTRICTS)
    m.get_root().render()
    return _get_map_string(m), _get_header(m)


def test_map_script_holds_13_districts_and_no_link_off_the_machine(unsafe_2017):
    leaflet.use()
    script, header = rendered(unsafe_2017)
    match = re.search(r"geo_json_div_\d+_add\((\{.*?\})\);", script, re.DOTALL)
    collection = json.loads(match.group(1))
    assert len(collection["features"]) == 13
    assert not re.search(r"https?:", script + header)
    assert len(script.encode() + header.encode()) < PAYLOAD_LIMIT


def test_outlines_follow_the_side_and_dashes_the_margin(unsafe_2017):
    figures = by_name(unsafe_2017)
    colours = scale.scale_for(unsafe_2017)

    def style(name):
        return choropleth.style(figures[name], colours)

    assert style("Amager Øst")["fillColor"] == f"url(#{choropleth.HATCH_ID})"
    wrong, wrong_uncertain, right = style("Bispebjerg"), style("Valby"), style("Indre By")
    assert wrong["weight"] == wrong_uncertain["weight"] > right["weight"]
    assert wrong["dashArray"] is None and wrong_uncertain["dashArray"] == choropleth.DASHES
    # The fill of a known value is a colour of the scale, never the "ingen data" white.
    assert NO_DATA_FILL not in {
        wrong["fillColor"],
        wrong_uncertain["fillColor"],
        right["fillColor"],
    }


def test_tooltip_escapes_every_text(unsafe_2017):
    bispebjerg = by_name(unsafe_2017)["Bispebjerg"]
    hostile_area = replace(bispebjerg.series.area, name="<img src=x onerror=alert(1)>")
    hostile = replace(
        bispebjerg.series,
        area=hostile_area,
        figures=tuple(
            replace(f, source_title="A & B <script>") if f.year == 2017 else f
            for f in bispebjerg.series.figures
        ),
    )
    tooltip = choropleth.tooltip_html(replace(bispebjerg, series=hostile), unsafe_2017)
    assert "<img" not in tooltip and "<script>" not in tooltip
    assert "&lt;img src=x onerror=alert(1)&gt;" in tooltip
    assert "A &amp; B &lt;script&gt;" in tooltip
    assert "18\u00a0% (±4,9\u00a0point)" in tooltip
    assert "Ændring: +6\u00a0procentpoint siden 2016" in tooltip


def test_tooltip_of_a_missing_district_says_ingen_data_and_what_would_fill_it(unsafe_2017):
    tooltip = choropleth.tooltip_html(by_name(unsafe_2017)["Vanløse"], unsafe_2017)
    assert "ingen data" in tooltip
    assert "Det mangler: Tryghedsundersøgelsens tabeller" in tooltip


def test_legend_names_the_counted_districts_and_the_uncertain_ones(unsafe_2017):
    legend = choropleth.legend_html(unsafe_2017, scale.scale_for(unsafe_2017))
    assert (
        "<b>Over tærsklen på 10\u00a0%</b> (tyk kant): Amager Vest, Bispebjerg, Brønshøj-Husum, "
        "Indre Nørrebro og Valby" in legend
    )
    assert "usikkerheden når over tærsklen: Brønshøj-Husum, Indre Nørrebro og Valby" in legend
    assert "Tærskel 10\u00a0%" in legend
    evening = queries.district_year(default_store(), "trygge_aften_nat_pct", 2025)
    legend = choropleth.legend_html(evening, scale.scale_for(evening))
    assert "<b>Under tærsklen på 75\u00a0%</b> (tyk kant): Bispebjerg og Brønshøj-Husum" in legend


def test_the_short_legend_keeps_every_class_and_outline_but_names_no_district(unsafe_2017):
    colours = scale.scale_for(unsafe_2017)
    full = choropleth.legend_html(unsafe_2017, colours)
    short = choropleth.legend_html(unsafe_2017, colours, names=False)
    assert "<b>Over tærsklen på 10\u00a0%</b> (tyk kant)</span>" in short
    assert "Stiplet kant</b>: usikkerheden når over tærsklen</span>" in short
    for c in colours.classes:
        assert c.label in short
    assert "Bispebjerg" in full and not any(d.name in short for d in unsafe_2017.districts)
    assert len(short) < len(full)


def test_every_label_says_whose_it_is_and_the_map_places_them(unsafe_2017):
    """The labels carry their district's slug, which the placement in the browser reads."""
    script, _ = rendered(unsafe_2017)
    slugs = re.findall(r'data-bydel=\\?"([a-z-]+)\\?"', script)
    assert sorted(slugs) == sorted(d.slug for d in unsafe_2017.districts)
    assert 'querySelectorAll(".bydel-etiket")' in script and '"uden-navn"' in script


def test_leaflet_comes_from_the_installed_package_under_the_apps_root():
    assert (serve.LEAFLET_FILES / "leaflet.js").stat().st_size > 100_000
    assert (serve.LEAFLET_FILES / "images" / "marker-icon.png").exists()
    try:
        leaflet.use("/sikkerby/")
        assert folium.Map.default_js == [("leaflet", "/sikkerby/leaflet/leaflet.js")]
        assert folium.Map.default_css == [("leaflet_css", "/sikkerby/leaflet/leaflet.css")]
        assert leaflet.images() == "/sikkerby/leaflet/images/"
    finally:
        leaflet.use()
    assert folium.Map.default_js == [("leaflet", "/leaflet/leaflet.js")]


def test_the_chosen_district_is_a_layer_of_its_own(unsafe_2017):
    """Marked by a layer added to the map, so the map is not drawn anew when the choice changes
    (a map drawn anew made the district list beside it forget the choice)."""
    colours = scale.scale_for(unsafe_2017)
    empty = choropleth.selection_layer(unsafe_2017, None, DISTRICTS)
    assert not empty._children
    marked = choropleth.selection_layer(unsafe_2017, "bispebjerg", DISTRICTS)
    kinds = sorted(type(c).__name__ for c in marked._children.values())
    assert kinds == ["GeoJson", "Marker"]
    marker = next(c for c in marked._children.values() if type(c).__name__ == "Marker")
    label = marker.icon.options["html"]
    assert "bydel-etiket valgt" in label and "Bispebjerg" in label
    # The map itself is the same whatever is chosen.
    assert (
        "bydel-etiket valgt"
        not in choropleth.build_map(unsafe_2017, colours, DISTRICTS).get_root().render()
    )
