"""Each goal's assessment on the bundled figures: its status, the figures it was judged on, the
sourced rows behind its baseline and target, and the verdict once the target year has passed."""

import pytest

from sikkerby import queries
from sikkerby.domain import goals
from sikkerby.domain.status import StatusDate, StatusKind
from sikkerby.ingest.publish import default_store
from sikkerby.render import verdict

TODAY = 2026


@pytest.fixture(scope="module")
def store():
    return default_store()


def assess(store, goal_id: str, as_of: int = TODAY) -> goals.Assessment:
    return queries.assess(store, goal_id, StatusDate(as_of))


def test_the_2018_goals_are_judged_on_their_target_year(store):
    found = {
        a.goal.goal_id: a.status
        for a in queries.assess_period(store, "2018-2021", StatusDate(TODAY))
    }
    assert {k: verdict.label(s) for k, s in found.items()} == {
        "2018-1": "Ikke nået",
        "2018-2": "Nået",
        "2018-3": "For få data",
        "2018-4": "For få data",
        "2018-5": "For få data",
        "2018-6": "Ikke nået",
    }
    assert verdict.reason(found["2018-1"]) == "Målet på 5\xa0% i 2021 er ikke nået: 9\xa0% i 2021."
    assert [(j.figure.year, j.figure.value) for j in found["2018-6"].judged] == [(2021, 4.0)]


def test_a_district_goal_is_judged_district_by_district(store):
    a = assess(store, "2022-1")
    # The 2025 district figures are secondary: met, but only provisionally.
    assert a.status.kind == StatusKind.PROVISIONAL
    assert [(j.name, j.against.value, j.figure.value) for j in a.status.judged] == [
        ("Bispebjerg", 74.0, 80.0),
        ("Brønshøj-Husum", 71.0, 81.0),
        ("Ydre Nørrebro", 81.0, 86.0),
    ]
    assert all(j.figure.secondary for j in a.status.judged)
    assert "Antallet af bydele under tærsklen var 5\xa0bydele i 2024" in verdict.reason(a.status)
    assert [d.area.name for d in a.shown_districts] == [
        "Bispebjerg",
        "Brønshøj-Husum",
        "Ydre Nørrebro",
    ]


def test_the_rows_behind_a_goal_carry_its_baseline_and_target(store):
    a = assess(store, "2018-1")
    assert (a.baseline.year, a.baseline.value) == (2017, 9.0)
    assert a.baseline.quality == "primary"
    assert (a.target.indicator, a.target.year, a.target.value) == (
        "utrygge_nabolag_pct_maal",
        2021,
        5.0,
    )
    assert a.baseline.line in {r.line for r in a.rows}
    assert a.target.line in {r.line for r in a.rows}
    assert len({r.line for r in a.rows}) == len(a.rows) == 18


def test_an_undated_baseline_is_backed_by_its_undated_row(store):
    a = assess(store, "2018-4")
    assert (a.baseline.year, a.baseline.value) == (None, 1.05)
    assert (a.compare_baseline.area, a.compare_baseline.value) == ("fire-byer", 0.97)
    assert a.compare.label == "De fire byers gennemsnit"
    assert "særudtræk" in a.missing_hint


def test_a_status_as_of_an_edition_counts_only_what_that_edition_had_published(store):
    as_of = {
        a.goal.goal_id: a for a in queries.assess_period(store, "2018-2021", StatusDate(2020, 2020))
    }
    # The 2020 edition had the survey's 2020 figures and the police's figures for 2019.
    crime = as_of["2018-2"]
    assert max(f.year for f in crime.series.figures) == 2019
    assert all(f.year is None or f.year <= 2019 for f in crime.rows)
    safety = as_of["2018-1"]
    assert max(f.year for f in safety.series.figures) == 2020
    assert all(f.year is None or f.year <= 2020 for f in safety.rows)
    assert all(f.year <= 2020 for d in as_of["2018-6"].districts for f in d.figures)
    # The target year had not come: what was off track then is not "Ikke nået" yet.
    assert {k: verdict.label(a.status) for k, a in as_of.items()} == {
        "2018-1": "Ikke på vej",
        "2018-2": "Nået",
        "2018-3": "For få data",
        "2018-4": "For få data",
        "2018-5": "For få data",
        "2018-6": "Ikke på vej",
    }
    # Without an edition every published figure counts, as today.
    today = queries.assess(store, "2018-2", StatusDate(TODAY))
    assert max(f.year for f in today.series.figures) > 2019


def test_a_path_value_of_one_district_is_singular(store):
    """Goal 6 as of 2020: the straight path to 0 districts reads 1,25 → »1 bydel«, not
    »1 bydele« (the unit's singular after exactly 1, in every sentence that shows a value)."""
    reason = verdict.reason(queries.assess(store, "2018-6", StatusDate(2020, 2020)).status)
    assert reason.endswith("den lige vej mod målet (1\u00a0bydel i 2020).")


def test_figures_count_after_the_baseline_s_year_or_the_period_s_start(store):
    reg = queries.registry_of(store)
    period = reg.period("2018-2021")
    with_year = next(g for g in reg.goals if g.goal_id == "2018-1")  # baseline 2017
    without_year = next(g for g in reg.goals if g.goal_id == "2018-2")  # no baseline year
    assert with_year.counted_after(period) == 2017
    assert without_year.counted_after(period) == 2017  # the year before 2018
    youth_goal = next(g for g in reg.goals if g.goal_id == "2018-3")  # baseline 2016
    assert youth_goal.counted_after(period) == 2016
