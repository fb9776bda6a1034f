"""One area against the whole city: everything published for a district or partnership area.

An *område* is a survey district of Tryghedsundersøgelsen (kind `bydel` in data/areas.csv), a
local safety partnership (`partnerskab`) or a local area within one (`lokalomraade`); its slug
is its `area_id`. For one area this gathers every measure with a published figure there, next to
the city's figures (`series.AreaSeries`), the goals set for the area, the areas nearby, and which
(measure, year) figures exist.
"""

from dataclasses import dataclass

from sikkerby.domain import coverage, registry
from sikkerby.domain.coverage import Coverage, CoverageRow, RowsAre
from sikkerby.domain.goals import Assessment
from sikkerby.domain.registry import Area
from sikkerby.domain.series import AreaSeries
from sikkerby.schema import AreaKind


@dataclass(frozen=True)
class AreaProfile:
    area: Area
    measures: tuple[AreaSeries, ...]  # every measure with a figure for the area
    goals: tuple[Assessment, ...]  # the goals set for the area
    related: tuple[Area, ...]  # the district it lies in, and the areas in that district
    coverage: Coverage


def related(all_areas: tuple[Area, ...], area: Area) -> tuple[Area, ...]:
    """The district an area lies in and the other areas in that district (for a district: the
    partnership and local areas in it), so a coordinator finds the figures published nearby."""
    district = area.name if area.kind == AreaKind.DISTRICT else area.parent
    return tuple(
        a
        for a in all_areas
        if a.area_id != area.area_id
        and (a.name == district if a.kind == AreaKind.DISTRICT else a.parent == district)
    )


def coverage_measures(
    reg: registry.Registry, shown: tuple[AreaSeries, ...], set_for: tuple[Assessment, ...]
) -> tuple[str, ...]:
    """The measures the coverage table has a row for: each measure with a figure for the
    area, each measure of a goal set for it, and each map measure (the survey's own measures,
    which it publishes for districts and partnership areas)."""
    wanted = [s.indicator for s in shown]
    wanted += [a.indicator for a in set_for] + list(reg.map_measures)
    return tuple(i.indicator for i in dict.fromkeys(wanted))


def _coverage(reg: registry.Registry, rows: tuple[AreaSeries, ...]) -> Coverage:
    """Which figures exist for the area: one row per `coverage_measures`, one column per year
    from the area's first figure (or the first strategy period) to the newest figure of the
    area or the city."""
    years = [f.year for s in rows for f in s.figures]
    first = min(years, default=min(p.start_year for p in reg.periods))
    last = max(years + [f.year for s in rows for f in s.city], default=first)
    return coverage.grid(
        RowsAre.MEASURES,
        [
            CoverageRow(
                s.indicator.short_name,
                s.indicator.measure,
                s.figures,
                hint=s.indicator.missing_hint,
            )
            for s in rows
        ],
        first,
        last,
    )


def profile(
    reg: registry.Registry,
    area_id: str,
    measures: tuple[AreaSeries, ...],
    set_for: tuple[Assessment, ...],
    covered: tuple[AreaSeries, ...],
) -> AreaProfile:
    """Everything about one area: its measures (those with a figure for it, no target
    measures), the goals set for it, the areas nearby, and the series of its
    `coverage_measures` (`covered`); `sikkerby.queries.area_profile` reads them."""
    area = reg.areas[area_id]
    return AreaProfile(
        area=area,
        measures=measures,
        goals=set_for,
        related=related(reg.page_areas, area),
        coverage=_coverage(reg, covered),
    )
