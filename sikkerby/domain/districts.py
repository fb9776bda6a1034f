"""The 13 survey districts for one measure and year, and how many are on the wrong side.

What the map, its ranked bars and its legend show, gathered once. A measure's threshold is the
strategy's, taken from the period nearest the year shown. The count of districts on the wrong
side is the strategy's own: the published figure against the threshold. The survey's margin
qualifies the count ("heraf 3 inden for usikkerheden") and never changes it. A district with no
published figure is counted as such, never given a value.

The headline count (`DistrictYear.headline`) follows one rule for every measure and year: the
strategy's published count where one exists for the year (the map's own count qualifies it);
else, where districts lack figures, the count among the districts with figures ("k af n bydele
med tal"); else the map's count of all districts.
"""

from dataclasses import dataclass

from sikkerby.domain import registry
from sikkerby.domain.registry import Goal, Indicator, Side, Threshold
from sikkerby.domain.series import AreaSeries, Figure


@dataclass(frozen=True)
class District:
    """One district in the year shown: its series, figure, side and margin qualifier."""

    series: AreaSeries
    year: int
    side: Side
    uncertain: bool  # the margin reaches across the threshold

    @property
    def slug(self) -> str:
        return self.series.area.area_id

    @property
    def name(self) -> str:
        return self.series.area.name

    @property
    def figure(self) -> Figure | None:
        return self.series.at(self.year)

    @property
    def change(self):
        return self.series.change_at(self.year)


@dataclass(frozen=True)
class Headline:
    """The count a map's headline shows: `count` of `total` districts on the wrong side (with no
    threshold: with a figure). `published` is the strategy's count it is, if it is one;
    `with_figures` says that `total` counts only the districts with a published figure."""

    count: int
    total: int
    published: Figure | None = None
    with_figures: bool = False


@dataclass(frozen=True)
class DistrictYear:
    """Everything the map page shows for one measure and year."""

    indicator: Indicator
    year: int
    threshold: Threshold | None
    districts: tuple[District, ...]  # all of them, alphabetically
    goal: Goal | None  # the goal that counts districts on the wrong side of the threshold
    published_count: Figure | None  # that goal's published count for the year
    count_indicator: Indicator | None = None  # the measure of that count

    def on(self, side: Side) -> tuple[District, ...]:
        return tuple(d for d in self.districts if d.side == side)

    @property
    def published(self) -> tuple[District, ...]:
        return tuple(d for d in self.districts if d.figure is not None)

    @property
    def wrong(self) -> tuple[District, ...]:
        """The districts on the wrong side of the threshold, counted as the strategy counts."""
        return self.on(Side.WRONG) if self.threshold else ()

    @property
    def missing(self) -> tuple[District, ...]:
        return self.on(Side.NO_DATA)

    def district(self, slug: str) -> District:
        return next(d for d in self.districts if d.slug == slug)

    @property
    def headline(self) -> Headline:
        """The headline count, by the module's one rule (see the module docstring)."""
        total = len(self.districts)
        if self.threshold is None:
            return Headline(len(self.published), total)
        if self.published_count is not None:
            return Headline(int(self.published_count.value), total, self.published_count)
        if self.missing:
            return Headline(len(self.wrong), len(self.published), with_figures=True)
        return Headline(len(self.wrong), total)


def default_year(counts: dict[int, int]) -> int | None:
    """The latest year with the most districts published."""
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def default_measure(
    measures: tuple[Indicator, ...], counts: dict[str, dict[int, int]]
) -> Indicator:
    """The map measure whose default year covers the most districts, newest year first
    (`counts`: each measure's years and how many districts have a figure then)."""
    best = None
    for info in measures:
        year = default_year(counts[info.indicator])
        if year is not None and (best is None or (counts[info.indicator][year], year) > best[0]):
            best = ((counts[info.indicator][year], year), info)
    return best[1] if best else measures[0]


def counting_goal(reg: registry.Registry, indicator_id: str, year: int) -> Goal | None:
    """The goal that counts the measure's districts against the threshold nearest `year`."""
    threshold = registry.nearest(reg.thresholds_of(indicator_id), year)
    return reg.counting_goal(threshold) if threshold else None


def district_year(
    reg: registry.Registry,
    indicator_id: str,
    year: int,
    all_series: list[AreaSeries],
    goal: Goal | None,
    count: Figure | None,
) -> DistrictYear:
    """One measure's districts for one year (`all_series`: every district's), with the
    threshold, the goal that counts them (`counting_goal`) and its published count (`count`)."""
    info = reg.indicators[indicator_id]
    threshold = registry.nearest(reg.thresholds_of(indicator_id), year)
    return DistrictYear(
        indicator=info,
        year=year,
        threshold=threshold,
        districts=tuple(
            District(s, year, s.side_at(year, threshold), s.uncertain_at(year, threshold))
            for s in all_series
        ),
        goal=goal,
        published_count=count,
        count_indicator=reg.indicators[goal.indicator] if goal is not None else None,
    )
