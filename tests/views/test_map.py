"""The map's view: the URL read safely, the count beside the map that agrees with the legend and
the published count, the ranked bars, and the selected district's panel."""

import pytest
from helpers import bundled_figures, store_with_figures

from sikkerby import queries
from sikkerby.ingest.publish import default_store
from sikkerby.render import links
from sikkerby.views import map as map_view

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def store():
    return default_store()


def test_the_default_is_the_latest_full_year_of_the_current_strategys_measure(store):
    request = map_view.resolve(store, {})
    assert (request.measure, request.year, request.district, request.notices) == (
        "trygge_nabolag",
        2026,
        None,
        (),
    )


def test_bad_parameters_fall_back_with_notices_in_danish_names(store):
    request = map_view.resolve(
        store, {links.MEASURE: "<b>ukendt</b>", links.YEAR: "1999", links.DISTRICT: "atlantis"}
    )
    assert (request.measure, request.year, request.district) == ("trygge_nabolag", 2026, None)
    measure, year, district = request.notices
    assert measure == (
        "Ukendt indikator »bukendtb« i adressen. Viser Trygge i nabolaget. Mulige: Utrygge i "
        "nabolaget, Utrygge aften og nat, Trygge i nabolaget, Trygge aften og nat, Borgervendt "
        "kriminalitet."
    )
    assert year.startswith("Ukendt år »1999« i adressen. Viser 2026. Mulige: 2022, 2024")
    assert district.startswith(
        "Ukendt bydel »atlantis« i adressen. Viser kortet uden en valgt bydel. Mulige: Amager Vest"
    )
    assert not any("_" in n for n in request.notices)  # no internal ids


def test_a_year_without_data_for_the_measure_falls_back_to_its_default_year(store):
    request = map_view.resolve(store, {links.MEASURE: "utrygge_nabolag", links.YEAR: "2025"})
    assert request.year == 2020 and request.notices[0].startswith("Ukendt år »2025«")


@pytest.mark.parametrize(
    ("measure", "year", "headline", "legend"),
    [
        ("utrygge_nabolag", 2017, "5 af 13 bydele", "Over tærsklen på 10"),
        ("utrygge_nabolag", 2020, "5 af 13 bydele", "Over tærsklen på 10"),
        ("trygge_nabolag", 2022, "3 af 13 bydele", "Under tærsklen på 85"),
        ("trygge_aften_nat", 2025, "2 af 13 bydele", "Under tærsklen på 75"),
    ],
)
def test_the_count_the_legend_and_the_published_count_agree(store, measure, year, headline, legend):
    view = map_view.build(store, measure, year)
    assert view.count_headline == headline
    n = int(headline.split()[0])
    wrong = [d.name for d in view.data.wrong]
    assert len(wrong) == n
    listed = view.legend_html.split(legend)[1].split("</li>")[0]
    assert all(name in listed for name in wrong)
    if view.data.published_count is not None:
        assert f"Kortet har tal for alle {n}" in view.count_text


def test_the_2017_view_ties_the_count_to_goal_6(store):
    view = map_view.build(store, "utrygge_nabolag", 2017)
    assert view.count_text.startswith(
        f"var over tærsklen på 10{NBSP}% i 2017 (offentliggjort). Kortet har tal for alle 5 "
        "(heraf 3 inden for"
    )
    assert view.goal_text.startswith(
        "Antallet er det offentliggjorte for Mål 6: Færre lokalområder med "
        "tryghedsudfordringer (2018-2021). Kilde: "
    )
    assert view.goal_link.url == "/?periode=2018-2021"
    assert view.ranking.spec is not None and view.ranking.source.startswith("Kilde: ")
    assert view.map_source.endswith("Klik på en bydel for at se dens tal over tid.")


def test_a_measure_without_threshold_says_so(store):
    view = map_view.build(store, "borgervendt", 2021)
    assert "Strategien har ingen tærskel for borgervendt kriminalitet" in view.count_text
    assert view.goal_text is None and view.goal_link is None


def test_the_selected_districts_panel(store):
    panel = map_view.panel(store, "utrygge_nabolag", 2017, "bispebjerg")
    values = {f.label: f.value.replace(NBSP, " ") for f in panel.figures}
    assert values == {
        "Utrygge i nabolaget 2017": "18 %",
        "Usikkerhed": "±4,9 point",
        "Ændring siden 2016": "+6 procentpoint",
    }
    assert panel.side == "På den forkerte side af tærsklen"
    assert panel.page.url == "/bydele?bydel=bispebjerg"
    assert len(panel.charts) == 4 and all(c.source.startswith("Kilde: ") for c in panel.charts)
    assert panel.missing == (
        "Borgervendt kriminalitet: intet offentliggjort tal for Bispebjerg. Det mangler: "
        "Politiets anmeldelsestal i Tryghedsundersøgelsens rapport.",
    )


def test_a_change_across_a_series_break_is_not_given_as_a_number(store):
    panel = map_view.panel(store, "borgervendt", 2019, "amager-oest")
    change = next(f for f in panel.figures if f.label.startswith("Ændring"))
    assert change.value == "–"
    assert change.help == "kan ikke sammenlignes med 2011: brud i opgørelsen (Ny indbrudsparagraf)"


def test_every_measure_and_year_has_a_view_whose_count_and_legend_agree(store):
    for measure in map_view.measures(store):
        for year in map_view.year_options(store, measure):
            view = map_view.build(store, measure, year)
            assert len(view.data.districts) == 13
            if view.data.threshold is not None:
                # One rule: the strategy's published count where there is one; else the
                # districts with figures when some lack one; else all 13.
                count = view.data.published_count
                with_figures = len(view.data.published)
                if count is not None:
                    expected = f"{int(count.value)} af 13 bydele"
                    assert "(offentliggjort" in view.count_text
                    assert count.source_title in view.goal_text
                elif with_figures < 13:
                    noun = "bydel" if with_figures == 1 else "bydele"
                    expected = f"{len(view.data.wrong)} af {with_figures} {noun} med tal"
                else:
                    expected = f"{len(view.data.wrong)} af 13 bydele"
                assert view.count_headline == expected
                wrong = view.legend_html.split("tærsklen på")[1].split("</li>")[0]
                assert all(d.name in wrong for d in view.data.wrong)


def test_a_measure_without_district_figures_is_not_offered(tmp_path):
    """A map measure whose district figures are all gone from the data is left out, not
    offered with no years (which made the page fail)."""
    rows = bundled_figures()
    districts = {d.area_id for d in queries.registry_of(default_store()).districts}
    kept = [
        r
        for r in rows
        if not (r["indicator"] == "utrygge_aften_nat_pct" and r["area"] in districts)
    ]
    store = store_with_figures(tmp_path, kept)
    assert "utrygge_aften_nat" not in map_view.measures(store)
    request = map_view.resolve(store, {links.MEASURE: "utrygge_aften_nat"})
    assert request.measure == "trygge_nabolag" and request.notices
