"""One area against the city, on Eksempelby's figures: the measures with figures, the goals set
for it, the areas near it, and which (measure, year) figures exist."""

from sikkerby import queries
from sikkerby.domain import area
from sikkerby.domain.registry import Area
from sikkerby.domain.status import StatusDate

TODAY = StatusDate(2026)


def test_a_district_has_every_measure_with_a_figure_and_no_targets(example):
    profile = queries.area_profile(example, "sydkvarteret", TODAY)
    assert [s.indicator.indicator for s in profile.measures] == ["utrygge_pct", "trygge_pct"]
    assert all(s.figures for s in profile.measures)
    assert profile.goals == ()


def test_the_partnerships_goals_are_on_its_page(example):
    found = queries.area_profile(example, "parkpartnerskabet", TODAY).goals
    assert [a.goal.goal_id for a in found] == ["e24-park"]


def test_related_areas_are_the_district_and_the_partnerships_in_it():
    def made(area_id, kind, parent=None) -> Area:
        name = area_id.capitalize()
        return Area(area_id, name, None, kind, parent or name, None, None, None, None)

    north, south = made("nord", "bydel"), made("syd", "bydel")
    park, harbour = made("park", "partnerskab", "Syd"), made("havn", "lokalområde", "Syd")
    every = (north, south, park, harbour)
    assert area.related(every, south) == (park, harbour)
    assert area.related(every, park) == (south, harbour)
    assert area.related(every, north) == ()


def test_coverage_has_a_row_per_measure_and_every_map_measure(example):
    profile = queries.area_profile(example, "parkpartnerskabet", TODAY)
    rows = {r.label: r for r in profile.coverage.rows}
    assert list(rows) == ["Anmeldelser", "Utrygge i kvarteret", "Trygge i kvarteret"]
    assert [f.year for f in rows["Anmeldelser"].figures] == [2024, 2025]
    # The survey's measures are not published for the partnership: each year is missing, with
    # what would fill it.
    assert rows["Utrygge i kvarteret"].figures == ()
    assert rows["Utrygge i kvarteret"].hint == "Borgerpanelets tabeller for året"
    assert profile.coverage.years == (2024, 2025)
