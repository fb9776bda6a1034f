"""The domain is handed its data: a goal's assessment and a year's districts made from objects
built here by hand, with no store, no site and no file (the queries hand it the same objects,
read from the store)."""

from sikkerby.domain import districts, goals, series
from sikkerby.domain.registry import Area, Goal, Indicator, Period, Registry, Threshold
from sikkerby.domain.series import Figure
from sikkerby.domain.status import StatusDate, StatusKind, Why
from sikkerby.schema import AreaKind, BadSide, TargetKind

PERIOD = Period("2030-2033", "Opdigtet periode", 2030, 2033, True, None)
SHARE = Indicator(
    "andel", "Andel utrygge", "Utrygge", "%", 1, True, "Panelet", True, None, "Panelets tabel",
    "utrygge", None, None,
)  # fmt: skip
CITY = Area("by", "Byen", None, AreaKind.CITY, None, None, None, None, None)
NORTH = Area("nord", "Nord", None, AreaKind.DISTRICT, "Nord", None, None, None, None)
SOUTH = Area("syd", "Syd", None, AreaKind.DISTRICT, "Syd", None, None, None, None)
GOAL = Goal(
    "2030-2033", "g1", "Mål", "1", "Færre utrygge", "Højst 8 % i 2033.", "andel", "by",
    TargetKind.MAX_VALUE, 12.0, 2029, 8.0, 2033, False, None, None, None, None, None,
)  # fmt: skip
LINE = 15.0
REGISTRY = Registry(
    periods=(PERIOD,),
    indicators={"andel": SHARE},
    areas={a.area_id: a for a in (CITY, NORTH, SOUTH)},
    goals=(GOAL,),
    thresholds=(Threshold("2030-2033", "andel", LINE, BadSide.OVER, "Over 15 %", 2030, 2033),),
    breaks=(),
)


def figure(area: str, year: int, value: float, line: int) -> Figure:
    return Figure("andel", area, year, value, "%", "primary", f"Panelet {year}", None, None, line)


def assessed(figures: tuple[Figure, ...], when: StatusDate) -> goals.Assessment:
    own = series.area_series(REGISTRY, "andel", ["by"], {"by": figures})[0]
    baseline = figure("by", 2029, 12.0, 1)
    return goals.assessment(
        REGISTRY,
        GOAL,
        when,
        own=own,
        compare_series=None,
        districts=(),
        rows=(baseline, *figures),
        targets=(),
        district_rows=(),
    )


def test_a_goal_is_judged_on_what_it_is_handed():
    a = assessed((figure("by", 2031, 10.0, 2),), StatusDate(2031))
    # The straight path from 12 % (2029) to 8 % (2033) reads 10 % in 2031: on the good side.
    assert a.status.kind == StatusKind.ON_TRACK
    assert [r.why for r in a.status.reasons] == [Why.ON_PATH]
    assert a.status.reasons[0]["expected"] == 10.0
    assert (a.baseline.year, a.baseline.value) == (2029, 12.0)
    assert [r.line for r in a.rows] == [1, 2]


def test_past_its_target_year_without_a_figure_for_it_the_goal_cannot_be_judged():
    a = assessed((figure("by", 2031, 10.0, 2),), StatusDate(2035))
    assert a.status.kind == StatusKind.TOO_LITTLE_DATA
    assert [r.why for r in a.status.reasons] == [Why.ON_PATH, Why.TARGET_YEAR_PASSED]
    reached = assessed((figure("by", 2033, 7.5, 3),), StatusDate(2035))
    assert reached.status.kind == StatusKind.ACHIEVED


def test_a_year_s_districts_are_counted_against_the_threshold_they_are_handed():
    every = series.area_series(
        REGISTRY,
        "andel",
        ["nord", "syd"],
        {"nord": (figure("nord", 2031, 16.0, 4),), "syd": (), "by": ()},
    )
    data = districts.district_year(REGISTRY, "andel", 2031, every, None, None)
    assert [d.name for d in data.wrong] == ["Nord"]
    assert [d.name for d in data.missing] == ["Syd"]
    headline = data.headline
    assert (headline.count, headline.total, headline.with_figures) == (1, 1, True)
