"""The districts of a measure and year, on Eksempelby's figures: sides by the strategy's rule,
margins that qualify them, changes, thresholds and the count of districts on the wrong side."""

import pytest

from sikkerby import queries
from sikkerby.domain import districts, registry
from sikkerby.domain.registry import Side


def year(store, indicator: str, year: int) -> districts.DistrictYear:
    return queries.district_year(store, indicator, year)


def by_name(data: districts.DistrictYear) -> dict[str, districts.District]:
    return {d.name: d for d in data.districts}


@pytest.mark.parametrize(
    ("indicator", "shown", "wrong", "published_count"),
    [
        ("utrygge_pct", 2019, ["Nordkvarteret", "Sydkvarteret"], 2),
        ("utrygge_pct", 2023, [], 0),
        ("trygge_pct", 2024, ["Nordkvarteret", "Sydkvarteret"], 2),
        ("trygge_pct", 2025, ["Sydkvarteret"], None),
    ],
)
def test_the_wrong_side_is_counted_as_the_strategy_counts(
    example, indicator, shown, wrong, published_count
):
    """The published figure against the threshold, margin aside; and the strategy's own count
    of the year where it publishes one."""
    data = year(example, indicator, shown)
    assert [d.name for d in data.wrong] == wrong
    count = data.published_count
    assert (count.value if count else None) == published_count


def test_the_headline_is_the_published_count_where_there_is_one(example):
    counted = year(example, "trygge_pct", 2024).headline
    assert (counted.count, counted.total) == (2, 4)
    # Its primary source says 2, a secondary transcription 3: the primary one is shown.
    assert counted.published.cell_values == (2.0, 3.0) and counted.published.quality == "primary"
    own = year(example, "trygge_pct", 2025).headline
    assert (own.count, own.total, own.published) == (1, 4, None)  # the map's own count


def test_the_margin_qualifies_the_count_and_never_changes_it(example):
    figures = by_name(year(example, "utrygge_pct", 2019))
    # 16 % with 150 answers (about ±5,9 points): on the wrong side of 15 %, but uncertain.
    north = figures["Nordkvarteret"]
    assert north.side == Side.WRONG and north.uncertain
    assert 5 < north.figure.margin < 7
    assert figures["Bakkekvarteret"].side == Side.RIGHT and not figures["Bakkekvarteret"].uncertain


def test_a_value_on_the_threshold_is_on_the_right_side(example):
    north = by_name(year(example, "trygge_pct", 2025))["Nordkvarteret"]
    assert north.figure.value == 80  # "færre end 80 % trygge" is the wrong side
    assert north.side == Side.RIGHT and north.uncertain


def test_change_is_since_the_previous_published_year_with_its_margin(example):
    north = by_name(year(example, "utrygge_pct", 2023))["Nordkvarteret"]
    assert (north.change.before.year, north.change.points) == (2022, -1.5)
    assert north.change.within_margin
    assert by_name(year(example, "utrygge_pct", 2019))["Nordkvarteret"].change is None


def test_counting_goal_of_each_period(example):
    assert year(example, "utrygge_pct", 2019).goal.goal_id == "e20-2"
    assert year(example, "trygge_pct", 2025).goal.goal_id == "e24-1"


def test_years_and_default_year(example):
    counts = queries.district_years(example, "utrygge_pct")
    assert counts == {y: 4 for y in range(2019, 2026)}
    assert districts.default_year(counts) == 2025
    assert districts.default_year({2016: 7, 2017: 7}) == 2017  # latest of the ties
    assert districts.default_year({2016: 8, 2017: 7}) == 2016  # the most districts first
    assert districts.default_year({}) is None
    # Both map measures cover all four districts in 2025: the first in the registry is shown.
    assert queries.default_measure(example).indicator == "utrygge_pct"


def test_threshold_is_taken_from_the_nearest_period(example):
    reg = queries.registry_of(example)

    def near(indicator, y):
        return registry.nearest(reg.thresholds_of(indicator), y)

    assert (near("utrygge_pct", 2019).period, near("utrygge_pct", 2019).value) == ("2020-2023", 15)
    assert near("utrygge_pct", 2025).period == "2020-2023"  # its only threshold
    assert near("trygge_pct", 2024).value == 80
    assert near("anmeldelser_per_1000", 2024) is None
