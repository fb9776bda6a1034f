"""Unge: youth crime in Copenhagen against the strategy's comparison cities.

Goals 3 and 4 of 2018-2021 ask that the share of young people charged ("sigtede") falls every
year and approaches the average of Aarhus, Odense, Aalborg and Esbjerg ("de fire byer") by 2021.
A youth goal is any goal compared with a published average of other areas (kind `gennemsnit` in
data/areas.csv, whose `members` are the cities). For each, this gathers the goal's assessment
(the same as the overview's), the city, the average and each city year by year, the gap to the
average, which (area, year) figures exist, and Danmarks Statistik's public figures of a
different measure as context (`context_of` in data/indicators.csv).
"""

from dataclasses import dataclass

from sikkerby.domain import coverage, registry
from sikkerby.domain.coverage import Coverage, CoverageRow, RowsAre
from sikkerby.domain.goals import Assessment
from sikkerby.domain.registry import Area, Indicator
from sikkerby.domain.series import AreaSeries, Figure, Gap
from sikkerby.schema import AreaKind


@dataclass(frozen=True)
class CityYear:
    """The city and each comparison city in one year, with the average where it is published."""

    year: int
    figures: tuple[tuple[Area, Figure], ...]  # the city first, then each city with a figure
    average: tuple[Area, Figure] | None
    missing: tuple[Area, ...]  # comparison cities with no figure that year


@dataclass(frozen=True)
class YouthGoal:
    assessment: Assessment
    city: AreaSeries
    average: AreaSeries
    members: tuple[AreaSeries, ...]  # each comparison city
    gaps: tuple[Gap, ...]  # the city minus the average: the baselines, then each common year
    coverage: Coverage
    rows: tuple[Figure, ...]  # every row behind the goal's figures, with its source
    only_baselines: bool  # the strategy's baselines are all there is
    context: Indicator | None  # Danmarks Statistik's rate shown as another measure
    context_series: tuple[AreaSeries, ...]  # the city, the pooled cities, each city (with data)
    context_rows: tuple[Figure, ...]  # the context's rates and the counts behind them

    @property
    def areas(self) -> tuple[AreaSeries, ...]:
        return (self.city, self.average, *self.members)

    @property
    def members_without_figures(self) -> tuple[Area, ...]:
        return tuple(m.area for m in self.members if not m.figures)

    @property
    def cities_latest(self) -> CityYear | None:
        """The latest year the city and at least one comparison city both have a figure."""
        member_years = {f.year for m in self.members for f in m.figures}
        years = sorted(member_years & {f.year for f in self.city.figures})
        if not years:
            return None
        year = years[-1]
        found = [(s.area, s.at(year)) for s in (self.city, *self.members) if s.at(year)]
        average = self.average.at(year)
        return CityYear(
            year,
            tuple(found),
            (self.average.area, average) if average else None,
            tuple(m.area for m in self.members if m.at(year) is None),
        )


def youth_goal_ids(reg: registry.Registry) -> tuple[str, ...]:
    """Every goal compared with a published average of other areas."""
    return tuple(
        g.goal_id
        for g in reg.goals
        if g.compare_area and reg.areas[g.compare_area].kind == AreaKind.AVERAGE
    )


def gaps(a: Assessment) -> tuple[Gap, ...]:
    """The city minus the average in every year both are published, and the strategy's
    baselines as a pair of their own unless their common year is already among them."""
    other = {f.year: f for f in a.compare_series.figures}
    found = [Gap(f, other[f.year]) for f in a.series.figures if f.year in other]
    base, compare = a.baseline, a.compare_baseline
    same_year_shown = base is not None and any(g.area.year == base.year for g in found)
    if base is not None and compare is not None and not same_year_shown:
        # The baselines may carry different or unstated years: they are shown as one pair.
        found.insert(0, Gap(base, compare, baselines=True))
    return tuple(found)


def _coverage(areas: tuple[AreaSeries, ...], rows: tuple[Figure, ...], years: range) -> Coverage:
    """One row per area, one column per year, and a column for figures whose year is unstated."""
    return coverage.grid(
        RowsAre.AREAS,
        [
            CoverageRow(
                s.area.label,
                s.indicator.measure,
                s.figures,
                undated=tuple(r for r in rows if r.area == s.area.area_id and r.year is None),
            )
            for s in areas
        ],
        years.start,
        years.stop - 1,
    )


def compared_areas(reg: registry.Registry, a: Assessment) -> list[str]:
    """The city, the average it is compared with, and the average's members, in that order."""
    return [a.goal.area, a.goal.compare_area, *(m.area_id for m in reg.members(a.compare))]


def context_measures(reg: registry.Registry, a: Assessment) -> tuple[Indicator, ...]:
    """The measures shown beside the goal's: the rate (first), then the counts it is computed
    from; none when no rate is published beside it."""
    context_of = reg.context(a.goal.indicator)
    rate = next((i for i in context_of if i.is_rate), None)
    return () if rate is None else (rate, *(i for i in context_of if i != rate))


def context_areas(reg: registry.Registry, a: Assessment) -> list[str]:
    """The city, the pooled group of the average's members, and the members."""
    pooled = next(p for p in reg.of_kind(AreaKind.POOLED) if p.member_ids == a.compare.member_ids)
    return [a.goal.area, pooled.area_id, *(m.area_id for m in reg.members(a.compare))]


def youth_goal(
    a: Assessment,
    compared: list[AreaSeries],
    rows: tuple[Figure, ...],
    context: tuple[Indicator, ...],
    context_series: tuple[AreaSeries, ...],
    context_rows: tuple[Figure, ...],
) -> YouthGoal:
    """A youth goal and everything beside it, from its assessment, the goal's measure for the
    `compared_areas` and their published rows, and the `context_measures` for the
    `context_areas` (`sikkerby.queries.youth_goal` reads them)."""
    goal, period = a.goal, a.period
    city, average, *each = compared
    after = goal.counted_after(period)
    dated = [r.year for r in rows if r.year is not None]
    first = min([goal.baseline_year or period.start_year, *dated])
    years = range(first, max([goal.target_year, *dated]) + 1)
    has_baselines = goal.baseline is not None and goal.compare_baseline is not None
    return YouthGoal(
        assessment=a,
        city=city,
        average=average,
        members=tuple(each),
        gaps=gaps(a),
        coverage=_coverage((city, average, *each), rows, years),
        rows=rows,
        only_baselines=has_baselines and all(y <= after for y in dated),
        context=context[0] if context else None,
        context_series=tuple(s for s in context_series if s.figures),
        context_rows=context_rows,
    )
