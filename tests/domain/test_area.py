"""One area against the city: the measures with figures, the goals set for it, the areas near
it, and which (measure, year) figures exist."""

import pytest

from sikkerby import queries
from sikkerby.domain import area
from sikkerby.domain.status import StatusDate
from sikkerby.ingest.publish import default_store

TODAY = 2026


@pytest.fixture(scope="module")
def store():
    return default_store()


def test_a_district_has_every_measure_with_a_figure_and_no_targets(store):
    profile = queries.area_profile(store, "bispebjerg", StatusDate(TODAY))
    measures = [s.indicator.indicator for s in profile.measures]
    assert measures[:4] == [
        "utrygge_nabolag_pct",
        "utrygge_aften_nat_pct",
        "trygge_nabolag_pct",
        "trygge_aften_nat_pct",
    ]
    assert not any(m.endswith("_maal") for m in measures)
    assert all(s.figures for s in profile.measures)


def test_the_partnerships_goals_are_on_its_page(store):
    found = queries.area_profile(store, "tingbjerg-husum", StatusDate(TODAY)).goals
    assert [a.goal.goal_id for a in found] == [
        "2022-tingbjerg-tryghed",
        "2022-tingbjerg-kriminalitet",
    ]
    assert found[0].goal.target_kind == "approach" and found[0].compare.name == "København"
    assert queries.area_profile(store, "valby", StatusDate(TODAY)).goals == ()


def test_related_areas_are_the_district_and_the_partnerships_in_it(store):
    reg = queries.registry_of(store)
    names = {
        a.area_id: [r.area_id for r in area.related(reg.page_areas, a)] for a in reg.page_areas
    }
    assert names["tingbjerg-husum"] == ["broenshoej-husum", "tingbjerg-husum-nord"]
    assert names["broenshoej-husum"] == ["tingbjerg-husum", "tingbjerg-husum-nord"]
    assert names["oesterbro"] == []


def test_coverage_has_a_row_per_measure_and_every_map_measure_for_a_district(store):
    coverage = queries.area_profile(store, "bispebjerg", StatusDate(TODAY)).coverage
    rows = {r.label: r for r in coverage.rows}
    assert {"Utrygge i nabolaget", "Trygge i nabolaget", "Borgervendt kriminalitet"} <= set(rows)
    assert rows["Utrygge i nabolaget"].at(2017).value == 18
    assert rows["Utrygge i nabolaget"].at(2021) is None
    assert rows["Borgervendt kriminalitet"].figures == ()  # a map measure with no figure here
    assert rows["Trygge i nabolaget"].hint.startswith("Tryghedsundersøgelsens")
    assert coverage.years[0] == 2016 and coverage.years[-1] == 2026


def test_an_area_without_figures_shows_what_could_be_published_for_it(store):
    """Tingbjerg-Husum has no figures of its own: its page still lists its goals' measures and
    the survey's measures, each year missing, with what would fill them."""
    profile = queries.area_profile(store, "tingbjerg-husum", StatusDate(TODAY))
    assert profile.measures == ()
    rows = {r.label: r for r in profile.coverage.rows}
    assert {"Utrygge i nabolaget", "Borgervendt kriminalitet", "Trygge i nabolaget"} <= set(rows)
    assert all(r.figures == () and r.hint for r in rows.values())
    assert profile.coverage.years[0] == 2018 and profile.coverage.years[-1] == 2026
