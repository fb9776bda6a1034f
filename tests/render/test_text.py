"""The sentences every screen shares: the "Kilde:" line, changes, gaps, a figure's caveats and
the map's count of districts, each written once."""

import dataclasses

import pytest

from sikkerby import queries
from sikkerby.domain import registry, series
from sikkerby.domain.series import Figure, Gap
from sikkerby.ingest.publish import default_store
from sikkerby.render import text

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def store():
    return default_store()


def figure(source: str = "Kilde A", quality: str = "primary", value: float = 9.0, **kw) -> Figure:
    return Figure(
        "utrygge_nabolag_pct", "koebenhavn", 2021, value, "%", quality, source, None, None, 1, **kw
    )


# The "Kilde:" line -------------------------------------------------------------------------------


def test_the_source_line_names_each_source_once():
    rows = [figure("A"), figure("B"), figure("A")]
    assert text.source_line(rows, "Udgiver") == "Kilde: A; B."


def test_many_sources_are_counted_when_a_table_on_the_screen_lists_them():
    rows = [figure(f"Kilde {i}") for i in range(5)]
    assert text.source_line(rows, "Udgiver", table="Tal og kilder") == (
        "Kilde: Udgiver. 5 tal fra 5 kilder – se »Tal og kilder« nedenfor."
    )
    # Without such a table every source is named.
    assert text.source_line(rows, "Udgiver").count("Kilde ") == 5


def test_the_source_line_says_what_is_secondary_own_work_or_missing():
    rows = [figure("A"), figure("B", quality="secondary")]
    assert text.source_line(rows, "U", hollow=True) == (
        "Kilde: A; B. 1 af de 2 tal er fra en sekundær kilde (hule punkter)."
    )
    assert text.source_line(rows[1:], "U").endswith("Tallet er fra en sekundær kilde.")
    own = [figure("Egne beregninger på Danmarks Statistik, tabel STRAF44"), figure("A")]
    assert text.source_line(own, "U").endswith("1 tal er en egen beregning.")
    assert text.source_line([], "Københavns Politi") == (
        "Kilde: Københavns Politi. Der er ingen offentliggjorte tal her endnu."
    )
    assert text.source_line([figure("A")], "U", extra="Vandrette streger: usikkerhed.") == (
        "Kilde: A. Vandrette streger: usikkerhed."
    )


# Figures, changes and gaps -----------------------------------------------------------------------


def test_a_figures_caveats(store):
    measure = queries.registry_of(store).indicators["utrygge_nabolag_pct"].measure
    assert text.figure_text(figure(margin=3.21), measure) == f"9{NBSP}% (±3,2{NBSP}point)"
    assert text.figure_text(None, measure) == "ingen data"
    assert text.source_notes(figure(quality="secondary"), measure) == (
        "Tallet er fra en sekundær kilde, ikke bekræftet mod kommunens rapport."
    )
    disagree = figure(cell_values=(89.0, 91.0), value=91.0)
    assert text.source_notes(disagree, measure).startswith(
        f"Kilderne er uenige (89{NBSP}% til 91{NBSP}%); vist er tallet fra den primære kilde"
    )


def test_change_text_says_the_change_its_margin_or_why_there_is_none(store):
    s = queries.series_of(store, "utrygge_nabolag_pct", "bispebjerg")
    measure = s.indicator.measure
    assert text.change_text(s.change_at(2017), measure).startswith(
        f"+6{NBSP}procentpoint siden 2016 (inden for usikkerheden, ±"
    )
    assert text.change_text(None, measure) == "intet tidligere offentliggjort tal"
    partnership = queries.series_of(store, "utrygge_nabolag_pct", "amager-partnerskab")
    assert text.change_text(partnership.change, measure) == (
        "kan ikke sammenlignes med 2020: brud i opgørelsen (Udvidet område)"
    )


def test_gap_text_against_the_city(store):
    s = queries.series_of(store, "utrygge_nabolag_pct", "bispebjerg")
    assert text.gap_text(s, "byen") == f"Bispebjerg ligger 8{NBSP}procentpoint over byen i 2020."
    partnership = queries.series_of(store, "utrygge_nabolag_pct", "amager-partnerskab")
    assert text.gap_text(partnership, "byen") == (
        f"Amager Partnerskab ligger 8{NBSP}procentpoint over byen i 2021; afstanden kan ikke "
        "sammenlignes med 2020 (brud: Udvidet område)."
    )
    counts = queries.series_of(store, "befolkning", "amager-vest")
    assert text.gap_text(counts, "byen").startswith("Et antal kan ikke sættes op mod")


@pytest.mark.parametrize(
    ("area", "other", "expected"),
    [
        (3.0, 2.5, f"0,5{NBSP}procentpoint over gennemsnittet"),
        (2.0, 2.5, f"0,5{NBSP}procentpoint under gennemsnittet"),
        (2.5, 2.5, "på samme niveau som gennemsnittet (inden for de viste decimaler)"),
        (2.251, 2.25, "på samme niveau som gennemsnittet (inden for de viste decimaler)"),
        (2.256, 2.25, f"0,01{NBSP}procentpoint over gennemsnittet"),
    ],
)
def test_gap_phrase_is_judged_on_the_shown_decimals(store, area, other, expected):
    measure = queries.registry_of(store).indicators["sigtede_15_17_pct"].measure  # two decimals
    gap = Gap(figure(value=area), figure(value=other))
    assert text.gap_phrase(gap, measure, "gennemsnittet") == expected


# The map's count ---------------------------------------------------------------------------------


def test_the_count_sentence_is_the_strategys_count_qualified_by_the_margin(store):
    data = queries.district_year(store, "utrygge_nabolag_pct", 2017)
    assert text.count_headline(data) == "5 af 13 bydele"
    assert text.count_text(data) == (
        f"var over tærsklen på 10{NBSP}% i 2017 (offentliggjort). Kortet har tal for alle 5 "
        "(heraf 3 inden for usikkerheden). 6 bydele har intet offentliggjort tal her."
    )
    assert text.published_count_text(data).startswith(
        "Antallet er det offentliggjorte for Mål 6: Færre lokalområder med "
        "tryghedsudfordringer (2018-2021). Kilde: tryghedsundersogelsen.kk.dk"
    )


@pytest.mark.parametrize(
    ("indicator", "year", "headline", "on_map"),
    [
        # The examples: the strategy's count, not the map's (2, 0 and 0).
        ("utrygge_nabolag_pct", 2009, "9 af 13 bydele", "Kortet har tal for 2 af dem"),
        ("utrygge_nabolag_pct", 2015, "3 af 13 bydele", "Kortet har tal for ingen af dem."),
        ("trygge_nabolag_pct", 2024, "5 af 13 bydele", "Kortet har tal for ingen af dem."),
        ("trygge_nabolag_pct", 2022, "3 af 13 bydele", "Kortet har tal for alle 3"),
    ],
)
def test_the_headline_is_the_published_count_qualified_by_the_map(
    store, indicator, year, headline, on_map
):
    data = queries.district_year(store, indicator, year)
    assert text.count_headline(data) == headline
    assert "(offentliggjort)." in text.count_text(data)
    assert on_map in text.count_text(data)
    assert text.figure_source(data.published_count) in text.published_count_text(data)


def test_a_published_count_below_the_maps_says_the_sources_differ(store):
    early = queries.district_year(store, "utrygge_nabolag_pct", 2009)
    fewer = dataclasses.replace(
        early, published_count=dataclasses.replace(early.published_count, value=1)
    )
    assert text.count_headline(fewer) == "1 af 13 bydele"
    assert "Kortet viser 2 (heraf 1 inden for usikkerheden): bydelstallene og antallet kommer" in (
        text.count_text(fewer)
    )


def test_a_published_count_whose_sources_disagree_says_so_and_which_is_shown(store):
    data = queries.district_year(store, "trygge_nabolag_pct", 2022)
    disagreeing = dataclasses.replace(
        data,
        published_count=dataclasses.replace(data.published_count, cell_values=(3.0, 4.0)),
    )
    assert f"(offentliggjort; kilderne er uenige: 3 til 4{NBSP}bydele)." in text.count_text(
        disagreeing
    )
    assert "Kilderne er uenige" in text.published_count_text(disagreeing)


def test_without_a_published_count_the_headline_counts_the_districts_with_figures(store):
    partial = queries.district_year(store, "utrygge_nabolag_pct", 2018)
    assert text.count_headline(partial) == "2 af 3 bydele med tal"
    assert text.published_count_text(partial).endswith(
        "intet offentliggjort antal for 2018; overskriften tæller kun bydelene med et "
        "offentliggjort tal."
    )
    one = queries.district_year(store, "trygge_aften_nat_pct", 2024)
    assert text.count_headline(one) == "0 af 1 bydel med tal"
    full = queries.district_year(store, "trygge_nabolag_pct", 2026)
    assert text.count_headline(full) == "6 af 13 bydele"
    assert text.published_count_text(full).endswith(
        "intet offentliggjort antal for 2026; overskriften tæller kortets bydele."
    )
    no_threshold = queries.district_year(store, "borgervendt_kriminalitet_per_1000", 2021)
    assert text.published_count_text(no_threshold) is None
    assert text.count_headline(no_threshold) == "3 af 13 bydele"
    assert text.count_text(no_threshold).startswith("har et offentliggjort tal for 2021.")


def test_side_texts(store):
    data = queries.district_year(store, "utrygge_nabolag_pct", 2017)
    by_name = {d.name: d for d in data.districts}
    assert text.side_text(by_name["Bispebjerg"]) == "på den forkerte side af tærsklen"
    assert text.side_text(by_name["Valby"]) == (
        "på den forkerte side af tærsklen (inden for usikkerheden)"
    )
    assert text.side_text(by_name["Amager Øst"]) == "ingen data"
    assert text.side_heading(registry.Side.WRONG, data) == f"Over tærsklen på 10{NBSP}%"
    assert text.side_heading(registry.Side.RIGHT, data) == f"Højst 10{NBSP}%"


@pytest.mark.parametrize(
    ("indicator", "area", "expected"),
    [
        ("Andel utrygge i eget nabolag", "København", "Andel utrygge i eget nabolag (København)"),
        (
            "Registrerede rockere og bandemedlemmer, Københavns Politikreds",
            "Københavns Politikreds",
            "Registrerede rockere og bandemedlemmer, Københavns Politikreds",
        ),
    ],
)
def test_a_measure_names_its_area_once(indicator, area, expected):
    assert text.measure_of(indicator, area) == expected


def test_no_goal_names_its_area_twice(store):
    reg = queries.registry_of(store)
    for goal in reg.goals:
        area = reg.areas[goal.area].name
        shown = text.measure_of(reg.indicators[goal.indicator].name, area)
        assert shown.count(area) == 1, shown


def test_a_change_of_nothing_is_said_in_words(store):
    before = figure(value=9.0)
    after = dataclasses.replace(before, year=2022, value=9.04)
    measure = queries.registry_of(store).indicators["utrygge_nabolag_pct"].measure
    assert text.change_amount(series.change(before, after), measure) == "uændret siden 2021"
