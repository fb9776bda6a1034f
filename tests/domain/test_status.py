"""Status logic: achieved, provisional, on track, off track, not achieved, too little data, for
every kind of target, and the figures each status rests on."""

from sikkerby.domain.registry import Measure, Point, SeriesBreak, Threshold
from sikkerby.domain.status import (
    StatusDate,
    StatusKind,
    Why,
    assess_approach,
    assess_change,
    assess_rise_below_threshold,
    assess_target,
    conclude,
    path_value,
)
from sikkerby.render import verdict

PCT_LOWER = Measure("%", 2, lower_is_better=True)
PCT_HIGHER = Measure("%", 1, lower_is_better=False)
COUNT = Measure("bydele", 0, lower_is_better=True)
BASE = Point(2017, 9.0)
TARGET = Point(2021, 5.0)


def whys(status) -> list:
    """What each sentence of a status's reason says, as the rules coded it."""
    return [r.why for r in status.reasons]


def target(points, measure=PCT_LOWER, baseline=BASE, goal=TARGET, continuous=True):
    return assess_target(points, measure, baseline, goal, continuous=continuous, after_year=2017)


def test_no_data_after_baseline_is_too_little_data():
    status = target([Point(2015, 6.0), Point(2017, 9.0)])
    assert status.kind == StatusKind.TOO_LITTLE_DATA
    assert verdict.reason(status) == "Der er ikke offentliggjort tal fra 2018 til 2021."


def test_points_after_the_target_year_do_not_count():
    assert target([Point(2022, 4.0)]).kind == StatusKind.TOO_LITTLE_DATA


def test_one_point_on_the_path_is_on_track():
    # The path from 9 (2017) to 5 (2021) is at 8 in 2018.
    assert path_value(BASE, TARGET, 2018) == 8.0
    status = target([Point(2018, 8.0)])
    assert status.kind == StatusKind.ON_TRACK


def test_one_point_above_the_path_is_off_track():
    status = target([Point(2018, 8.5)])
    assert status.kind == StatusKind.OFF_TRACK
    assert "forkerte side" in verdict.reason(status)


def test_exactly_at_target_is_achieved():
    status = target([Point(2018, 8.0), Point(2021, 5.0)])
    assert status.kind == StatusKind.ACHIEVED
    assert verdict.label(status) == "Nået"


def test_missing_the_target_in_the_target_year_is_not_achieved():
    status = target([Point(2020, 6.0), Point(2021, 5.1)])
    assert status.kind == StatusKind.NOT_ACHIEVED
    assert verdict.label(status) == "Ikke nået"
    assert "ikke nået" in verdict.reason(status)


def test_a_status_keeps_the_figure_it_was_judged_on():
    latest = Point(2020, 6.0)
    status = target([Point(2018, 8.0), latest])
    assert [j.figure for j in status.judged] == [latest]
    assert target([Point(2015, 6.0)]).judged == ()


def test_a_rise_breaks_continuous_improvement_even_below_the_path():
    status = target([Point(2018, 7.0), Point(2019, 7.2)])
    assert path_value(BASE, TARGET, 2019) == 7.0
    assert status.kind == StatusKind.OFF_TRACK
    status = target([Point(2018, 5.5), Point(2019, 5.9)])  # well below the path, but rising
    assert status.kind == StatusKind.OFF_TRACK
    assert "hvert år" in verdict.reason(status)
    assert target([Point(2018, 5.5), Point(2019, 5.9)], continuous=False).kind == (
        StatusKind.ON_TRACK
    )


def test_higher_is_better_mirrors_the_rules():
    base, goal = Point(2022, 70.0), Point(2025, 85.0)
    assert (
        target([Point(2023, 76.0)], PCT_HIGHER, base, goal, continuous=False).kind
        == StatusKind.ON_TRACK
    )
    assert (
        target([Point(2023, 72.0)], PCT_HIGHER, base, goal, continuous=False).kind
        == StatusKind.OFF_TRACK
    )
    assert (
        target([Point(2024, 85.0)], PCT_HIGHER, base, goal, continuous=False).kind
        == StatusKind.ACHIEVED
    )


def test_without_a_baseline_year_the_path_cannot_be_judged():
    status = target([Point(2019, 70.0)], baseline=Point(None, 82.7), goal=Point(2021, 60.0))
    assert status.kind == StatusKind.TOO_LITTLE_DATA
    assert "basisåret er ikke oplyst" in verdict.reason(status)
    # ...but a met target needs no path.
    reached = target([Point(2019, 56.0)], baseline=Point(None, 82.7), goal=Point(2021, 72.0))
    assert reached.kind == StatusKind.ACHIEVED


def test_an_achievement_on_a_secondary_figure_is_provisional():
    status = target([Point(2021, 4.0, secondary=True)])
    assert status.kind == StatusKind.PROVISIONAL
    assert verdict.label(status) == "Foreløbig nået"
    assert "sekundær" in verdict.reason(status)


def test_a_difference_within_the_figures_margin_is_said():
    status = target([Point(2021, 5.5, margin=0.9)])
    assert status.kind == StatusKind.NOT_ACHIEVED
    assert "usikkerhed" in verdict.reason(status)
    assert Why.WITHIN_MARGIN in whys(status)
    assert Why.WITHIN_MARGIN not in whys(target([Point(2021, 7.0, margin=0.9)]))
    assert Why.WITHIN_MARGIN not in whys(target([Point(2021, 5.5)]))  # no margin known


def test_count_of_districts_above_threshold_must_reach_zero():
    base, goal = Point(2017, 5.0), Point(2021, 0.0)
    counts = [Point(2020, 5.0), Point(2021, 4.0)]
    status = assess_target(counts, COUNT, base, goal, continuous=False, after_year=2017)
    assert status.kind == StatusKind.NOT_ACHIEVED
    assert "4\u00a0bydele" in verdict.reason(status)
    status = assess_target([Point(2019, 2.0)], COUNT, base, goal, continuous=False, after_year=2017)
    assert status.kind == StatusKind.ON_TRACK  # path at 2019 is 2.5
    status = assess_target([Point(2021, 0.0)], COUNT, base, goal, continuous=False, after_year=2017)
    assert status.kind == StatusKind.ACHIEVED


KBH_BASE = Point(2016, 3.5)
PEER_BASE = Point(None, 2.25)
GANG_BASE = Point(2018, 290.0)


def approach(own, peers, continuous=True, baseline=KBH_BASE, peer_base=PEER_BASE):
    return assess_approach(
        own,
        peers,
        PCT_LOWER,
        baseline,
        peer_base,
        compare_name="de fire byer",
        target_year=2021,
        continuous=continuous,
        after_year=2016,
    )


def test_approach_with_only_baselines_is_too_little_data():
    status = approach([], [])
    assert status.kind == StatusKind.TOO_LITTLE_DATA
    assert "Kun basisværdierne" in verdict.reason(status)
    assert "3,5\u00a0%" in verdict.reason(status) and "2,25\u00a0%" in verdict.reason(status)


def test_approach_narrowing_gap_is_on_track_and_achieved_at_target_year():
    own = [Point(2018, 3.2), Point(2019, 3.0)]
    peers = [Point(2018, 2.2), Point(2019, 2.2)]
    status = approach(own, peers)
    assert status.kind == StatusKind.ON_TRACK
    # Judged on the latest year both are published: the two figures of that year.
    assert [(j.name, j.figure) for j in status.judged] == [
        (None, own[-1]),
        ("de fire byer", peers[-1]),
    ]
    own.append(Point(2021, 2.8))
    peers.append(Point(2021, 2.2))
    assert approach(own, peers).kind == StatusKind.ACHIEVED
    own[-1] = Point(2021, 3.1)
    assert approach(own, peers).kind == StatusKind.NOT_ACHIEVED


def test_approach_widening_gap_or_rise_is_off_track():
    assert (
        approach([Point(2018, 3.0), Point(2019, 2.9)], [Point(2018, 2.5), Point(2019, 2.0)]).kind
        == StatusKind.OFF_TRACK
    )
    status = approach([Point(2018, 3.0), Point(2019, 3.1)], [Point(2018, 2.5), Point(2019, 3.0)])
    assert status.kind == StatusKind.OFF_TRACK
    assert "hvert år" in verdict.reason(status)


def test_approach_reaching_the_peers_is_achieved():
    assert approach([Point(2019, 2.2)], [Point(2019, 2.3)]).kind == StatusKind.ACHIEVED


def test_approach_years_must_match():
    # Figures for different years cannot be compared.
    assert approach([Point(2018, 3.0)], [Point(2019, 2.0)]).kind == StatusKind.TOO_LITTLE_DATA


def test_approach_judges_the_gap_on_the_shown_decimals():
    # 3,00 against 2,20 and then 2,999 against 2,20: the same when shown with two decimals.
    own, peers = [Point(2018, 3.0), Point(2019, 2.999)], [Point(2018, 2.2), Point(2019, 2.2)]
    status = approach(own, peers, continuous=False)
    assert status.kind == StatusKind.OFF_TRACK
    assert "afstanden er ikke blevet mindre" in verdict.reason(status)
    # A gap that rounds to nothing is the comparison's level.
    assert approach([Point(2019, 2.201)], [Point(2019, 2.2)]).kind == StatusKind.ACHIEVED


def test_approach_is_not_judged_across_a_series_break():
    own = [Point(2018, 3.2), Point(2019, 3.0)]
    peers = [Point(2018, 2.2), Point(2019, 2.2)]
    enlarged = SeriesBreak("*", "x", 2019, "Udvidet område", "")
    status = assess_approach(
        own,
        peers,
        PCT_LOWER,
        KBH_BASE,
        PEER_BASE,
        compare_name="de fire byer",
        target_year=2021,
        continuous=True,
        after_year=2016,
        break_between=lambda a, b: enlarged if a < 2019 <= b else None,
    )
    assert status.kind == StatusKind.TOO_LITTLE_DATA
    assert "kan ikke sammenlignes med 2018 (brud: Udvidet område)" in verdict.reason(status)


def test_several_secondary_figures_are_named_in_the_plural():
    own = [Point(2018, 3.2), Point(2021, 2.0, secondary=True)]
    peers = [Point(2018, 2.2), Point(2021, 2.1, secondary=True)]
    assert "Tallene for 2021 bygger på sekundære kilder" in verdict.reason(approach(own, peers))


def test_approach_first_common_year_is_compared_with_the_baselines():
    status = approach([Point(2018, 3.0)], [Point(2018, 2.25)], peer_base=Point(2016, 2.25))
    assert status.kind == StatusKind.ON_TRACK


SAFE_85 = Threshold("2022-2025", "trygge_nabolag_pct", 85.0, "under", "Under 85 %", 2022, 2025)


def rise(districts, baseline_count=3):
    return assess_rise_below_threshold(
        districts,
        PCT_HIGHER,
        threshold=SAFE_85,
        baseline_year=2022,
        baseline_count=baseline_count,
        target_year=2025,
    )


def test_rise_in_every_district_below_threshold():
    districts = {
        "Bispebjerg": [Point(2022, 74.0), Point(2024, 80.0)],
        "Brønshøj-Husum": [Point(2022, 71.0), Point(2024, 81.0)],
        "Ydre Nørrebro": [Point(2022, 81.0), Point(2024, 86.0)],
        "Østerbro": [Point(2022, 91.0), Point(2024, 88.0)],  # above the threshold: not counted
    }
    status = rise(districts)
    assert status.kind == StatusKind.ON_TRACK
    # The big numbers are the districts judged: each latest figure against its baseline.
    assert [(j.name, j.against.value, j.figure.value) for j in status.judged] == [
        ("Bispebjerg", 74.0, 80.0),
        ("Brønshøj-Husum", 71.0, 81.0),
        ("Ydre Nørrebro", 81.0, 86.0),
    ]
    districts["Ydre Nørrebro"] = [Point(2022, 81.0), Point(2024, 80.0)]
    status = rise(districts)
    assert status.kind == StatusKind.OFF_TRACK
    assert "Ydre Nørrebro" in verdict.reason(status)


def test_rise_needs_every_baseline_district_and_a_later_value():
    assert rise({"Bispebjerg": [Point(2022, 74.0), Point(2024, 80.0)]}).kind == (
        StatusKind.TOO_LITTLE_DATA
    )
    status = rise({"Bispebjerg": [Point(2022, 74.0)]}, baseline_count=1)
    assert status.kind == StatusKind.TOO_LITTLE_DATA
    assert "Bispebjerg" in verdict.reason(status)
    assert rise({}, baseline_count=6).kind == StatusKind.TOO_LITTLE_DATA


def test_rise_within_the_change_margin_is_said_and_secondary_caps_achieved():
    base, later = Point(2022, 74.0, margin=4.9), Point(2025, 80.0, secondary=True, margin=4.5)
    status = rise({"Bispebjerg": [base, later]}, baseline_count=1)
    assert status.kind == StatusKind.PROVISIONAL  # achieved on a secondary figure only
    # The change's margin is both figures' margins together: √(4,9² + 4,5²) ≈ 6,7.
    assert (
        "Ændringen i Bispebjerg (±6,7\u00a0point) er inden for den statistiske"
        in verdict.reason(status)
    )
    districts = {"Bispebjerg": [Point(2022, 74.0), Point(2025, 80.0)]}
    assert rise(districts, baseline_count=1).kind == StatusKind.ACHIEVED
    failing = {"Bispebjerg": [Point(2022, 74.0), Point(2025, 73.0)]}
    assert rise(failing, baseline_count=1).kind == StatusKind.NOT_ACHIEVED


def change(points, baseline=GANG_BASE, hold=False, continuous=True):
    return assess_change(
        points,
        COUNT,
        baseline,
        target_year=2021,
        after_year=2018,
        hold=hold,
        continuous=continuous,
    )


def test_fall_without_value():
    assert change([]).kind == StatusKind.TOO_LITTLE_DATA
    assert change([Point(2019, 280.0)]).kind == StatusKind.ON_TRACK
    assert change([Point(2019, 280.0), Point(2020, 285.0)]).kind == StatusKind.OFF_TRACK
    assert change([Point(2021, 250.0)]).kind == StatusKind.ACHIEVED
    assert change([Point(2019, 300.0)]).kind == StatusKind.OFF_TRACK
    assert change([Point(2021, 300.0)]).kind == StatusKind.NOT_ACHIEVED


def test_hold_allows_the_same_level_and_needs_a_baseline():
    assert change([Point(2021, 290.0)], hold=True, continuous=False).kind == StatusKind.ACHIEVED
    assert change([Point(2021, 290.0)], hold=False, continuous=False).kind == (
        StatusKind.NOT_ACHIEVED
    )
    assert change([Point(2021, 10.0)], baseline=None, hold=True).kind == (
        StatusKind.TOO_LITTLE_DATA
    )


def test_after_the_target_year_a_goal_without_its_figure_cannot_be_on_or_off_track():
    on_track = target([Point(2018, 8.0)])
    assert conclude(on_track, target_year=2021, when=StatusDate(2021)) == on_track  # not passed yet
    concluded = conclude(on_track, target_year=2021, when=StatusDate(2026))
    assert concluded.kind == StatusKind.TOO_LITTLE_DATA
    assert "Målåret 2021 er passeret" in verdict.reason(concluded)
    assert whys(concluded)[-1] == Why.TARGET_YEAR_PASSED
    assert concluded.judged == on_track.judged
    off_track = target([Point(2018, 8.5)])
    assert (
        conclude(off_track, target_year=2021, when=StatusDate(2026)).kind
        == StatusKind.TOO_LITTLE_DATA
    )
    # A verdict on the target year's figure stands.
    not_achieved = target([Point(2021, 6.0)])
    assert conclude(not_achieved, target_year=2021, when=StatusDate(2026)) == not_achieved


def test_a_status_as_of_an_edition_is_given_in_that_edition_s_year():
    assert StatusDate.shown(2026) == StatusDate(2026, None)
    assert StatusDate.shown(2026, 2021) == StatusDate(2021, 2021)
