"""Each goal's assessment, on Eksempelby's figures: its status and why, the figures it was
judged on, the sourced rows behind its baseline and target, a status as of an earlier survey
edition, and the verdict once the target year has passed."""

from sikkerby import queries
from sikkerby.domain.status import StatusDate, StatusKind, Why
from sikkerby.render import verdict

TODAY = StatusDate(2026)


def whys(a) -> list[Why]:
    return [r.why for r in a.status.reasons]


def period(store, period_id: str, when: StatusDate = TODAY) -> dict:
    return {a.goal.goal_id: a for a in queries.assess_period(store, period_id, when)}


def test_every_kind_of_goal_is_judged_once_its_target_year_has_passed(example):
    found = period(example, "2020-2023")
    assert {k: a.status.kind for k, a in found.items()} == {
        "e20-1": StatusKind.NOT_ACHIEVED,  # at most 8 % in 2023: 9,2 %
        "e20-2": StatusKind.ACHIEVED,  # no district over 15 % in 2023: 0
        "e20-3": StatusKind.TOO_LITTLE_DATA,  # approach: no figure for 2023
        "e20-4": StatusKind.TOO_LITTLE_DATA,  # no figure after the baseline
    }
    assert verdict.reason(found["e20-1"].status) == (
        "Målet på 8\xa0% i 2023 er ikke nået: 9,2\xa0% i 2023."
    )
    assert [(j.figure.year, j.figure.value) for j in found["e20-1"].status.judged] == [(2023, 9.2)]
    # The gap narrowed until 2021, but the target year has passed without a figure for it.
    assert whys(found["e20-3"]) == [Why.GAP_NARROWED, Why.TARGET_YEAR_PASSED]


def test_a_goal_without_figures_says_what_would_fill_it(example):
    a = period(example, "2020-2023")["e20-4"]
    assert whys(a) == [Why.NOTHING_COUNTED]
    assert verdict.reason(a.status) == "Der er ikke offentliggjort tal fra 2020 til 2023."
    assert a.missing_hint == "Politiets årstal (offentliggøres året efter)"
    assert period(example, "2020-2023")["e20-1"].missing_hint is None  # judged: nothing missing


def test_a_status_as_of_an_edition_counts_only_what_that_edition_had_published(example):
    then = period(example, "2020-2023", StatusDate(2021, 2021))
    assert {k: a.status.kind for k, a in then.items()} == {
        "e20-1": StatusKind.OFF_TRACK,  # 10,5 % against the path's 10 %
        "e20-2": StatusKind.ON_TRACK,
        "e20-3": StatusKind.ON_TRACK,  # the gap to the neighbours narrowed
        "e20-4": StatusKind.TOO_LITTLE_DATA,
    }
    # The 2021 edition had the panel's 2021 figures, and the youth figures for 2020 (they are
    # published the year after).
    assert max(f.year for f in then["e20-1"].series.figures) == 2021
    youth = then["e20-3"]
    assert max(f.year for f in youth.series.figures) == 2020
    assert all(f.year is None or f.year <= 2020 for f in youth.rows)
    assert [(j.figure.year, j.figure.value) for j in youth.status.judged] == [
        (2020, 2.8),
        (2020, 2.0),
    ]


def test_a_path_value_of_one_is_said_in_the_singular(example):
    """»1 kvarter«, not »1 kvarterer«: the unit's singular after exactly 1, in the reason."""
    a = period(example, "2020-2023", StatusDate(2021, 2021))["e20-2"]
    assert verdict.reason(a.status) == (
        "1\xa0kvarter i 2021 er på den gode side af den lige vej mod målet (1\xa0kvarter i 2021)."
    )


def test_a_district_goal_is_judged_district_by_district(example):
    a = period(example, "2024-2027")["e24-1"]
    assert a.status.kind == StatusKind.ON_TRACK
    assert [(j.name, j.against.value, j.figure.value) for j in a.status.judged] == [
        ("Nordkvarteret", 78.0, 80.0),
        ("Sydkvarteret", 76.0, 79.0),
    ]
    # 150 answers a district: both rises are within the survey's margin, and it says so.
    assert whys(a) == [Why.RISEN_IN_ALL, Why.WITHIN_MARGIN_IN]
    assert "Ændringen i Nordkvarteret (±9,2\xa0point) og Sydkvarteret" in verdict.reason(a.status)
    assert [d.area.name for d in a.shown_districts] == ["Nordkvarteret", "Sydkvarteret"]
    # The primary count (2) is the baseline, not the secondary transcription's 3.
    assert a.goal.baseline_value == 2


def test_the_rows_behind_a_goal_carry_its_baseline_and_target(example):
    a = period(example, "2020-2023")["e20-1"]
    assert (a.baseline.year, a.baseline.value, a.baseline.quality) == (2019, 12.0, "primary")
    assert (a.target.indicator, a.target.year, a.target.value) == ("utrygge_pct_maal", 2023, 8.0)
    lines = {r.line for r in a.rows}
    assert a.baseline.line in lines and a.target.line in lines
    assert len(lines) == len(a.rows) == 8  # 2019-2025 and the target


def test_a_goal_without_a_baseline_cannot_be_judged(example):
    a = period(example, "2024-2027")["e24-park"]
    assert a.status.kind == StatusKind.TOO_LITTLE_DATA
    assert verdict.reason(a.status) == (
        "Basis er ikke oplyst, så udviklingen kan ikke vurderes (2 tal efter 2023)."
    )
    assert [(j.figure.year, j.figure.value) for j in a.status.judged] == [(2025, 38.0)]


def test_figures_count_after_the_baseline_s_year_or_the_period_s_start(example):
    reg = queries.registry_of(example)
    goal = {g.goal_id: g for g in reg.goals}
    assert goal["e20-1"].counted_after(reg.period("2020-2023")) == 2019  # its baseline year
    assert goal["e24-park"].counted_after(reg.period("2024-2027")) == 2023  # the year before
