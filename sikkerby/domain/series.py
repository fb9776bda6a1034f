"""An area against the whole city over time: the one shape every screen reads figures in.

A `Figure` is one published value with its source (and its survey margin, where it has one).
An `AreaSeries` is one measure for one area, one figure per year by the store's rule, next to the
city's figures: its latest value, the change since the figure before (and whether it is within
the margin, or across a series break), which side of the strategy's threshold it is on, and the
gap to the city and whether it narrowed. The map, the area page, the goal cards and the youth
page all read their figures through this module, so a change or a gap is computed once.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from sikkerby.domain import registry
from sikkerby.domain.margin import change_margin, within
from sikkerby.domain.registry import Area, Indicator, SeriesBreak, Side, Threshold
from sikkerby.schema import AreaKind


@dataclass(frozen=True)
class Figure:
    """One published value (for a series: the one chosen for its year), with its source."""

    indicator: str
    area: str
    year: int | None  # None: the year is not stated in the source
    value: float
    unit: str  # the source's own wording of the unit, caveats included
    quality: str  # "primary" or "secondary"
    source_title: str
    source_url: str | None
    note: str | None
    line: int  # the row's line in data/figures.csv
    cell_values: tuple[float, ...] = ()  # every value published for the same year, file order
    margin: float | None = None  # ± points of the survey's 95 % interval, where known
    # Whether the store's rule picked this row for its year, so every screen shows it (None:
    # not known, or an undated row).
    chosen: bool | None = None

    @property
    def secondary(self) -> bool:
        return self.quality == "secondary"

    @property
    def disagreement(self) -> tuple[float, float] | None:
        """(lowest, highest) when the sources for the same year disagree."""
        if len(self.cell_values) < 2:
            return None
        low, high = min(self.cell_values), max(self.cell_values)
        return (low, high) if low != high else None


@dataclass(frozen=True)
class Change:
    """From one figure of a series to a later one."""

    before: Figure
    after: Figure
    margin: float | None  # ± points of the change's 95 % interval (survey figures)
    series_break: SeriesBreak | None  # a break between the two: they cannot be compared

    @property
    def points(self) -> float:
        return self.after.value - self.before.value

    @property
    def within_margin(self) -> bool:
        return within(self.points, self.margin)


def source_titles(figures: Iterable[Figure | None]) -> tuple[str, ...]:
    """The source titles of `figures`, each once, in the figures' order (None: no figure): the
    one way every "Kilde:" line, table and large number names its sources."""
    return tuple(dict.fromkeys(f.source_title for f in figures if f is not None))


@dataclass(frozen=True)
class Gap:
    """An area against another (the city, an average) at one point: above 0, the area is higher."""

    area: Figure
    other: Figure
    baselines: bool = False  # the strategy's two baselines, which may carry their own years

    @property
    def points(self) -> float:
        return self.area.value - self.other.value


@dataclass(frozen=True)
class AreaSeries:
    indicator: Indicator
    area: Area
    figures: tuple[Figure, ...]  # dated, one per year, oldest first
    city: tuple[Figure, ...]  # the whole city's figures; () when the area is the city
    thresholds: tuple[Threshold, ...] = ()  # the strategy's, for survey districts
    breaks: tuple[SeriesBreak, ...] = ()
    _by_year: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_year", {f.year: f for f in self.figures})

    def at(self, year: int) -> Figure | None:
        return self._by_year.get(year)

    def before(self, year: int) -> Figure | None:
        """The latest figure before `year`."""
        earlier = [f for f in self.figures if f.year < year]
        return earlier[-1] if earlier else None

    @property
    def latest(self) -> Figure | None:
        return self.figures[-1] if self.figures else None

    def break_between(self, earlier: int, later: int) -> SeriesBreak | None:
        """The last series break after `earlier` and up to `later`, if there is one."""
        found = [b for b in self.breaks if earlier < b.year <= later]
        return found[-1] if found else None

    def change_at(self, year: int) -> Change | None:
        """The figure in `year` against the figure before it (None: no such pair)."""
        after = self.at(year)
        before = self.before(year) if after else None
        if before is None:
            return None
        return change(before, after, self.break_between(before.year, after.year))

    @property
    def change(self) -> Change | None:
        return self.change_at(self.latest.year) if self.latest else None

    def threshold_at(self, year: int) -> Threshold | None:
        return registry.nearest(self.thresholds, year)

    @property
    def threshold(self) -> Threshold | None:
        """The threshold of the period nearest the latest figure."""
        return self.threshold_at(self.latest.year) if self.latest else None

    def side_at(self, year: int, threshold: Threshold | None = None) -> Side:
        t = threshold or self.threshold_at(year)
        figure = self.at(year)
        if figure is None:
            return Side.NO_DATA
        return t.side(figure.value) if t else Side.RIGHT

    def uncertain_at(self, year: int, threshold: Threshold | None = None) -> bool:
        t = threshold or self.threshold_at(year)
        figure = self.at(year)
        return bool(t and figure and t.uncertain(figure.value, figure.margin))

    @property
    def comparable_with_city(self) -> bool:
        """A share or a rate can be set against the city's; a count (people, reports) cannot."""
        return self.indicator.is_rate and self.area.kind != AreaKind.CITY

    @cached_property
    def gaps(self) -> tuple[Gap, ...]:
        """The area minus the city in every year both are published (shares and rates only)."""
        if not self.comparable_with_city:
            return ()
        city = {f.year: f for f in self.city}
        return tuple(Gap(f, city[f.year]) for f in self.figures if f.year in city)

    @property
    def closing(self) -> bool | None:
        """Whether the gap to the city narrowed between the last two years both are published,
        judged on the shown decimals (None: fewer than two such years, the same gap, or a series
        break between them)."""
        return closing(self.gaps, self.indicator, self.break_between)

    @property
    def lead_grew(self) -> bool | None:
        """Whether the area's lead over the city grew between the last two years both are
        published, when it was ahead both times (None otherwise: behind or level in either year,
        the same lead when shown, no better direction, or a series break between them)."""
        gaps, worse = self.gaps, self.indicator.lower_is_better
        if len(gaps) < 2 or worse is None:
            return None
        before, now = gaps[-2], gaps[-1]
        years = (before.area.year, now.area.year)
        if None not in years and self.break_between(*years):
            return None
        decimals = self.indicator.decimals
        leads = [round(behind(-g.points, worse), decimals) for g in (before, now)]
        if min(leads) <= 0 or leads[0] == leads[1]:
            return None
        return leads[1] > leads[0]


def change(before: Figure, after: Figure, series_break: SeriesBreak | None = None) -> Change:
    """From `before` to `after`, with the margin of the change where both have one."""
    return Change(before, after, change_margin(before.margin, after.margin), series_break)


def closing(gaps: Sequence[Gap], indicator: Indicator, break_between=None) -> bool | None:
    """Whether the last gap is smaller than the one before (`narrowed`, on how far the area is
    behind the other), on the shown decimals."""
    if len(gaps) < 2:
        return None
    before, now = gaps[-2], gaps[-1]
    years = (before.area.year, now.area.year)
    if break_between and None not in years and break_between(*years):
        return None
    worse = indicator.lower_is_better
    return narrowed(behind(before.points, worse), behind(now.points, worse), indicator.decimals)


def behind(points: float, lower_is_better: bool | None) -> float:
    """How far an area is behind another, `points` above it: 0 when it is level or ahead; for
    an indicator with no better direction, the distance either way."""
    if lower_is_better is None:
        return abs(points)
    return max(0.0, points if lower_is_better else -points)


def narrowed(before: float, now: float, decimals: int) -> bool | None:
    """The one rule for "the gap has narrowed", for a goal's status and every sentence: whether
    the area is less far behind now (`behind`) than before, judged on the shown decimals (None:
    the same when shown, also when it is level or ahead both times)."""
    shown_before, shown_now = round(before, decimals), round(now, decimals)
    return None if shown_before == shown_now else shown_now < shown_before


# What the queries hand the series ----------------------------------------------------------------


def published_by(
    figures: Sequence[Figure], reg: registry.Registry, edition: int | None
) -> tuple[Figure, ...]:
    """The figures that had been published by the survey edition `edition` (all when None): a
    survey figure in its own edition, a police or Danmarks Statistik figure in the next year's.
    An undated figure (a strategy baseline whose year is not stated) was published with the
    strategy."""
    if edition is None:
        return tuple(figures)
    return tuple(
        f
        for f in figures
        if f.year is None or reg.indicators[f.indicator].edition(f.year) <= edition
    )


def area_series(
    reg: registry.Registry,
    indicator_id: str,
    area_ids: Sequence[str],
    figures: dict[str, tuple[Figure, ...]],
) -> list[AreaSeries]:
    """One measure for each of the areas, next to the city, in the order given, from each
    area's chosen figures (`figures` holds the city's too)."""
    city = reg.city.area_id
    info = reg.indicators[indicator_id]
    thresholds = reg.thresholds_of(indicator_id)
    return [
        AreaSeries(
            indicator=info,
            area=reg.areas[a],
            figures=figures[a],
            city=() if a == city else figures[city],
            thresholds=thresholds if reg.areas[a].kind == AreaKind.DISTRICT else (),
            breaks=reg.breaks_of(indicator_id, a),
        )
        for a in area_ids
    ]


def newest_edition(reg: registry.Registry, figures: Iterable[Figure]) -> int | None:
    """The newest edition of the survey in `figures`: the latest year of a figure of a survey
    measure the goals are judged on (not the police's own survey)."""
    judged = {g.indicator for g in reg.goals} | {g.district_indicator for g in reg.goals}
    survey = {i for i in judged if i and reg.indicators[i].survey}
    years = [f.year for f in figures if f.indicator in survey and f.year is not None]
    return max(years, default=None)
