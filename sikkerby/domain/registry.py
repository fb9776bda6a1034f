"""The registry: the strategy's periods, goals, principles, indicators, areas, thresholds and
series breaks.

They are rows in `data/periods.csv`, `goals.csv`, `indicators.csv`, `areas.csv`,
`principles.csv`, `thresholds.csv` and `series_breaks.csv`; `sikkerby.queries.registry_of`
turns the store's tables into these objects, once per store.
An *area* is the whole city, one of Tryghedsundersøgelsen's 13 survey districts (*bydele*), a
local safety partnership (*tryghedspartnerskab*), a local area within one, a comparison city or
group, the police district or Denmark. A *threshold* is the strategy's line for districts
(10 % unsafe in 2018-2021; 85 % and 75 % safe in 2022-2025); a figure on it counts as the right
side, as in the strategy's own counts.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from sikkerby.domain.margin import within
from sikkerby.schema import AreaKind, BadSide, listed

# The kinds of area in data/areas.csv that have a page of their own (/bydele), in page order.
PAGE_KINDS = (AreaKind.DISTRICT, AreaKind.PARTNERSHIP, AreaKind.LOCAL_AREA)


@dataclass(frozen=True)
class Measure:
    """How to read an indicator's values: unit, shown decimals and which way is better."""

    unit: str
    decimals: int
    lower_is_better: bool

    def better(self, a: float, b: float) -> bool:
        return a < b if self.lower_is_better else a > b

    def meets(self, value: float, target: float) -> bool:
        return value <= target if self.lower_is_better else value >= target


@dataclass(frozen=True)
class Period:
    period: str
    title: str
    start_year: int
    end_year: int
    default: bool
    note: str | None


@dataclass(frozen=True)
class Indicator:
    indicator: str
    name: str
    short_name: str
    unit: str
    decimals: int
    lower_is_better: bool | None
    source: str  # the publisher, named when no row of the measure is at hand
    survey: bool  # a share from Tryghedsundersøgelsen: it has a survey margin
    target_of: str | None
    missing_hint: str | None  # what would fill a gap in the measure
    map_key: str | None  # the measure's name in the map's URL; None: not on the map
    ages: str | None
    context_of: str | None
    reported_next_year: bool | None = None  # a year's figure is first published the year after

    def edition(self, year: int) -> int:
        """The survey edition (the yearly report) that first published the figure of `year`."""
        return year + 1 if self.reported_next_year else year

    @property
    def measure(self) -> Measure:
        return Measure(self.unit, self.decimals, self.lower_is_better is not False)

    @property
    def is_rate(self) -> bool:
        """A share or a rate, which can be set against the whole city's; a count cannot."""
        return self.unit.startswith("%") or self.unit.startswith("pr.")


@dataclass(frozen=True)
class Area:
    area_id: str
    name: str
    short_name: str | None
    kind: str
    parent: str | None  # the survey district it lies in
    note: str | None
    footprint: str | None  # the city's deprived-area polygons that are its closest footprint
    kommunekode: str | None
    members: str | None  # the areas a "gennemsnit" or "samlet" area is made of, "a|b"

    @property
    def label(self) -> str:
        """The name to use where space is short (legends, large numbers)."""
        return self.short_name or self.name

    @property
    def member_ids(self) -> tuple[str, ...]:
        return listed(self.members)

    @property
    def footprints(self) -> tuple[str, ...]:
        return listed(self.footprint)


@dataclass(frozen=True)
class Point:
    """A value at a year (None: the year is not stated), as the status rules read figures."""

    year: int | None
    value: float
    secondary: bool = False
    margin: float | None = None  # ± points of a survey figure's 95 % interval


@dataclass(frozen=True)
class Principle:
    """One of a strategy's principles, with the activity figures it reports."""

    period: str
    number: int
    title: str
    description: str
    indicators: str | None  # "a|b"
    note: str | None

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        return listed(self.indicators)


@dataclass(frozen=True)
class Goal:
    period: str
    goal_id: str
    group: str
    number: str | None
    title: str
    description: str
    indicator: str
    area: str
    target_kind: str
    baseline_value: float | None
    baseline_year: int | None
    target_value: float | None
    target_year: int
    continuous: bool
    compare_area: str | None
    compare_baseline_value: float | None
    compare_baseline_year: int | None
    district_indicator: str | None
    note: str | None

    @property
    def baseline(self) -> Point | None:
        if self.baseline_value is None:
            return None
        return Point(self.baseline_year, self.baseline_value)

    @property
    def compare_baseline(self) -> Point | None:
        if self.compare_baseline_value is None:
            return None
        return Point(self.compare_baseline_year, self.compare_baseline_value)

    @property
    def target(self) -> Point | None:
        if self.target_value is None:
            return None
        return Point(self.target_year, self.target_value)

    def counted_after(self, period: Period) -> int:
        """The one rule for which figures count towards the goal: those after this year, up to
        the target year. The baseline's year, or, where the strategy gives none, the year
        before its period starts."""
        return self.baseline_year if self.baseline_year is not None else period.start_year - 1


class Side(Enum):
    """A published figure against a threshold, by the strategy's own rule (the figure itself,
    margin aside): the margin only qualifies it (`Threshold.uncertain`)."""

    WRONG = "wrong"
    RIGHT = "right"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class Threshold:
    period: str
    indicator: str
    value: float
    bad_side: BadSide  # the wrong side
    label: str  # "Mere end 10 % utrygge i nabolaget"
    start_year: int  # the strategy period's years: the threshold is read from the period
    end_year: int  # nearest to a figure's year

    def side(self, value: float | None) -> Side:
        if value is None:
            return Side.NO_DATA
        wrong = value > self.value if self.bad_side == BadSide.OVER else value < self.value
        return Side.WRONG if wrong else Side.RIGHT

    def uncertain(self, value: float | None, margin: float | None) -> bool:
        """Whether the survey's margin around `value` reaches across the threshold."""
        return value is not None and within(value - self.value, margin)

    def distance(self, year: int) -> int:
        return max(self.start_year - year, 0, year - self.end_year)


@dataclass(frozen=True)
class SeriesBreak:
    indicator: str  # "*": every indicator
    area: str  # "*": every area
    year: int  # the first year of the new series
    label: str
    description: str


@dataclass(frozen=True)
class Registry:
    periods: tuple[Period, ...]
    indicators: Mapping[str, Indicator]
    areas: Mapping[str, Area]
    goals: tuple[Goal, ...]
    thresholds: tuple[Threshold, ...]
    breaks: tuple[SeriesBreak, ...]
    principles: tuple[Principle, ...] = ()

    @property
    def city(self) -> Area:
        return next(a for a in self.areas.values() if a.kind == AreaKind.CITY)

    @property
    def default_period(self) -> Period:
        return next(p for p in self.periods if p.default)

    def period(self, period_id: str) -> Period:
        return next(p for p in self.periods if p.period == period_id)

    def goals_of(self, period_id: str) -> tuple[Goal, ...]:
        return tuple(g for g in self.goals if g.period == period_id)

    def of_kind(self, kind: str) -> tuple[Area, ...]:
        return tuple(a for a in self.areas.values() if a.kind == kind)

    @property
    def districts(self) -> tuple[Area, ...]:
        """The survey districts, in the file's (alphabetical) order."""
        return self.of_kind(AreaKind.DISTRICT)

    @property
    def page_areas(self) -> tuple[Area, ...]:
        """Every district and partnership area, districts first, each group in file order."""
        return tuple(a for kind in PAGE_KINDS for a in self.of_kind(kind))

    def members(self, area: Area) -> tuple[Area, ...]:
        return tuple(self.areas[m] for m in area.member_ids)

    @property
    def map_measures(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators.values() if i.map_key)

    def target_indicator(self, indicator: str) -> Indicator | None:
        return next((i for i in self.indicators.values() if i.target_of == indicator), None)

    def context(self, indicator: str) -> tuple[Indicator, ...]:
        """The public figures shown beside `indicator` as context (a different measure)."""
        return tuple(i for i in self.indicators.values() if i.context_of == indicator)

    def thresholds_of(self, indicator: str) -> tuple[Threshold, ...]:
        return tuple(t for t in self.thresholds if t.indicator == indicator)

    def threshold(self, period: str, indicator: str) -> Threshold | None:
        return next((t for t in self.thresholds_of(indicator) if t.period == period), None)

    def threshold_for(self, indicator: str, area: str, year: int | None) -> Threshold | None:
        """The strategy's threshold for a district's figure: the period nearest its year."""
        if year is None or self.areas[area].kind != AreaKind.DISTRICT:
            return None
        return nearest(self.thresholds_of(indicator), year)

    def breaks_of(self, indicator: str, area: str) -> tuple[SeriesBreak, ...]:
        return tuple(
            b for b in self.breaks if b.indicator in (indicator, "*") and b.area in (area, "*")
        )

    def counting_goal(self, threshold: Threshold) -> Goal | None:
        """The goal that counts the districts on the wrong side of `threshold`."""
        return next(
            (
                g
                for g in self.goals_of(threshold.period)
                if g.district_indicator == threshold.indicator
            ),
            None,
        )


def nearest(thresholds: tuple[Threshold, ...], year: int) -> Threshold | None:
    """The threshold of the strategy period nearest `year` (2017 is 2018-2021's baseline)."""
    if not thresholds:
        return None
    return min(thresholds, key=lambda t: (t.distance(year), -t.start_year))
