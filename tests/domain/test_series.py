"""An area against the city over time: the store's one-value-per-year rule, survey margins for
any series, changes, gaps and their direction, series breaks; and the registry they rest on."""

import dataclasses

import pytest

from sikkerby import queries
from sikkerby.domain import registry, series
from sikkerby.domain.margin import Sample, change_margin, margin_points
from sikkerby.domain.series import AreaSeries, Gap
from sikkerby.errors import StoreError
from sikkerby.ingest.publish import default_store
from sikkerby.render import text
from sikkerby.store import Store


@pytest.fixture(scope="module")
def store() -> Store:
    return default_store()


def of(store: Store, indicator: str, area: str) -> AreaSeries:
    return queries.series_of(store, indicator, area)


# The store and the registry ---------------------------------------------------------------------


def test_one_value_per_year_is_the_least_favourable_primary_one(store: Store):
    city = of(store, "borgervendt_kriminalitet_per_1000", "koebenhavn")
    latest = city.at(2021)
    # 2021 is published as both 35 and 34,5: lower is better, so 35 counts.
    assert latest.value == 35.0
    assert latest.disagreement == (34.5, 35.0)
    assert city.at(2022).disagreement is None


def test_a_series_has_no_undated_figures_but_the_rows_behind_it_do(store: Store):
    assert of(store, "sigtede_15_17_pct", "fire-byer").figures == ()
    rows = queries.rows(store, ["sigtede_15_17_pct"], ["koebenhavn", "fire-byer"])
    assert [(r.area, r.year, r.value) for r in rows] == [
        ("koebenhavn", 2016, 3.5),
        ("fire-byer", None, 2.25),
    ]
    assert all("Sikker By strategi" in r.source_title for r in rows)


def test_parameters_are_data_not_sql(store: Store):
    assert store.yearly("x' OR '1'='1", ["koebenhavn"]).empty
    assert store.figures(["utrygge_nabolag_pct"], ["koebenhavn'; DROP VIEW figures; --"]).empty
    assert len(store.goals()) == 14


def test_a_version_without_its_parquet_files_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match=r"mangler areas\.parquet, .*: versionen er ikke bygget"):
        Store(tmp_path)


def test_the_registry_names_the_city_the_districts_and_the_comparison_group(store: Store):
    reg = queries.registry_of(store)
    assert reg.city.area_id == "koebenhavn"
    assert len(reg.districts) == 13
    average = reg.areas["fire-byer"]
    assert [a.name for a in reg.members(average)] == ["Aarhus", "Odense", "Aalborg", "Esbjerg"]
    assert average.label == "De fire byers gennemsnit"
    kinds = [a.kind for a in reg.page_areas]
    assert kinds == sorted(kinds, key=registry.PAGE_KINDS.index)  # districts first
    assert reg.default_period.period == "2018-2021"
    assert [i.indicator for i in reg.context("sigtede_15_17_pct")] == [
        "befolkning_15_17",
        "afgoerelser_15_17_antal",
        "afgoerelser_15_17_per_100",
    ]


# Survey margins ---------------------------------------------------------------------------------


def test_margin_of_a_district_is_about_four_points():
    assert margin_points(15, 300) == pytest.approx(4.04, abs=0.01)
    assert margin_points(9, 3863) == pytest.approx(0.90, abs=0.01)
    assert change_margin(4.9, 4.5) == pytest.approx(6.65, abs=0.01)
    assert change_margin(None, 4.5) is None


def test_answers_come_from_the_published_number_for_the_city_and_its_districts(store: Store):
    reg = queries.registry_of(store)
    sample = Sample({2020: 3900, 2021: 4880}, districts=13, district_answers=300)
    city, district = reg.city, reg.areas["bispebjerg"]
    partnership = reg.areas["folehaven"]
    assert sample.answers(city, 2020) == 3900
    assert sample.answers(city, 2019) is None  # not published: no margin for the city
    assert sample.answers(district, 2021) == 375
    assert sample.answers(district, 2019) == 300  # the site's assumed answers per district
    assert sample.answers(partnership, 2021) is None  # a partnership's answers are unknown
    unsafe = reg.indicators["utrygge_nabolag_pct"]
    counts = reg.indicators["borgervendt_kriminalitet_per_1000"]
    assert sample.margin(unsafe, district, 2021, 15) == pytest.approx(margin_points(15, 375))
    assert sample.margin(counts, district, 2021, 15) is None  # not a survey figure


def test_every_series_carries_its_margins(store: Store):
    """One margin function serves the map, the area page and the goal cards alike."""
    bispebjerg = of(store, "utrygge_nabolag_pct", "bispebjerg")
    assert 3 < bispebjerg.latest.margin < 5  # about 300 answers
    partnership = of(store, "utrygge_nabolag_pct", "amager-partnerskab")
    assert all(f.margin is None for f in partnership.figures)
    city = of(store, "utrygge_nabolag_pct", "koebenhavn")
    assert city.at(2022).margin is not None and city.at(2022).margin < 1.5
    assert city.at(2021).margin is None  # the 2021 edition's answers are not published
    assert all(f.margin is None for f in of(store, "befolkning", "bispebjerg").figures)


# Changes, gaps and breaks -----------------------------------------------------------------------


def test_a_district_is_compared_with_the_city_year_by_year(store: Store):
    s = of(store, "utrygge_nabolag_pct", "bispebjerg")
    # 2016: the city has 6,4 and 6; the least favourable (6,4) is the one shown.
    assert [(text.gap_label(g), round(g.points, 1)) for g in s.gaps] == [
        ("2016", 5.6),
        ("2017", 9.0),
        ("2018", 16.0),
        ("2019", 8.0),
        ("2020", 8.0),
    ]
    assert s.closing is None  # 8 and 8: no change in the gap
    assert s.threshold.value == 10 and s.threshold.period == "2018-2021"
    change = s.change
    assert (change.before.year, change.points) == (2019, 0)
    assert change.within_margin


def test_a_series_break_stops_the_gap_trend_and_the_change(store: Store):
    s = of(store, "utrygge_nabolag_pct", "amager-partnerskab")
    assert [(text.gap_label(g), round(g.points, 1)) for g in s.gaps] == [
        ("2014", 8.9),
        ("2020", 6.0),
        ("2021", 8.0),
    ]
    # The area was enlarged in 2021: 2020 and 2021 are not compared.
    assert s.closing is None
    assert s.change.series_break.label == "Udvidet område"
    assert [b.label for b in s.breaks] == ["Udvidet område"]
    assert s.threshold is None  # thresholds are the districts'


def test_the_gap_direction_is_judged_on_the_shown_decimals(store: Store):
    base = of(store, "utrygge_nabolag_pct", "bispebjerg")
    nudged = tuple(
        dataclasses.replace(f, value=17.01) if f.year == 2020 else f for f in base.figures
    )
    same = dataclasses.replace(base, figures=nudged)  # 8,01 against 8: the same when shown
    assert same.closing is None
    gaps = [Gap(f, f) for f in base.figures[:1]]
    assert series.closing(gaps, base.indicator) is None  # one gap: no direction


def test_closing_compares_the_last_two_common_years(store: Store):
    base = of(store, "utrygge_nabolag_pct", "amager-partnerskab")
    later = dataclasses.replace(base.figures[-1], year=2022, value=10.0)
    city_2022 = dataclasses.replace(base.city[-1], year=2022, value=9.0)
    city = (*[f for f in base.city if f.year != 2022], city_2022)
    moved = dataclasses.replace(base, figures=(*base.figures, later), city=city)
    assert text.gap_label(moved.gaps[-1]) == "2022" and moved.closing is True


def test_counts_are_not_set_against_the_whole_city(store: Store):
    s = of(store, "befolkning", "amager-vest")
    assert not s.comparable_with_city and s.gaps == () and s.closing is None


# One rule for "the gap has narrowed" -----------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "lower_is_better", "behind"),
    [(2.0, True, 2.0), (-3.0, True, 0.0), (-3.0, False, 3.0), (2.0, False, 0.0), (-2.0, None, 2.0)],
)
def test_how_far_an_area_is_behind(points, lower_is_better, behind):
    assert series.behind(points, lower_is_better) == behind


def moved(store: Store, before: float, now: float) -> AreaSeries:
    """Bispebjerg's unsafe share set `before` and `now` points above the city in 2019 and 2020
    (lower is better: above the city is behind it)."""
    base = of(store, "utrygge_nabolag_pct", "bispebjerg")
    city = {f.year: f.value for f in base.city}
    figures = tuple(
        dataclasses.replace(f, value=city[f.year] + (before if f.year == 2019 else now))
        if f.year in (2019, 2020)
        else f
        for f in base.figures
    )
    return dataclasses.replace(base, figures=figures)


def test_an_area_that_passes_the_city_has_narrowed_the_gap_as_an_approach_goal_says(store):
    # From 2 points behind to 3 points ahead: the gap is gone (an approach goal is reached),
    # never "larger" because the distance the other way is 3.
    passed = moved(store, 2, -3)
    assert passed.closing is True and passed.lead_grew is None
    assert text.gap_text(passed, "byen").endswith("afstanden er blevet mindre siden 2019.")
    # From ahead to behind: the gap grew.
    fell = moved(store, -3, 2)
    assert fell.closing is False
    assert text.gap_text(fell, "byen").endswith("afstanden er blevet større siden 2019.")


def test_an_area_ahead_both_years_has_a_lead_that_grows_or_shrinks(store):
    ahead = moved(store, -1, -3)
    assert ahead.closing is None and ahead.lead_grew is True
    assert text.gap_text(ahead, "byen") == (
        "Bispebjerg ligger 3\xa0procentpoint under byen i 2020; forspringet er blevet større "
        "siden 2019."
    )
    assert moved(store, -3, -1).lead_grew is False
    assert moved(store, -2, -2).lead_grew is None  # the same lead
