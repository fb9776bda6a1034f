"""The named queries: every read of the store the screens need, each computed once per data
version (`per_store`: the results live on the store, so a new version starts afresh).

Each query reads the store's tables and figures and hands them to the pure domain
(`sikkerby.domain`), which holds the concepts and rules and never reads the store itself. A
query's `edition` (a survey edition's year, None for all) limits it to the figures published by
then, so a screen can show a status as it stood at that edition.
"""

import math
from collections.abc import Sequence

import pandas as pd

from sikkerby import site
from sikkerby.domain import area, districts, goals, series, youth
from sikkerby.domain.area import AreaProfile
from sikkerby.domain.districts import DistrictYear
from sikkerby.domain.goals import Assessment
from sikkerby.domain.margin import RESPONDENTS, Sample
from sikkerby.domain.registry import (
    Area,
    Goal,
    Indicator,
    Period,
    Principle,
    Registry,
    SeriesBreak,
    Threshold,
)
from sikkerby.domain.series import AreaSeries, Figure
from sikkerby.domain.status import StatusDate
from sikkerby.domain.youth import YouthGoal
from sikkerby.schema import BadSide, TargetKind
from sikkerby.store import Store, per_store

# The registry and figures ------------------------------------------------------------------------


@per_store
def registry_of(store: Store) -> Registry:
    """The strategy's periods, goals, indicators, areas, thresholds, breaks and principles."""
    periods = _rows(store.periods(), Period)
    years = {p.period: (p.start_year, p.end_year) for p in periods}
    return Registry(
        periods=periods,
        indicators={i.indicator: i for i in _rows(store.indicators(), Indicator)},
        areas={a.area_id: a for a in _rows(store.areas(), Area)},
        goals=_rows(store.goals(), Goal),
        thresholds=tuple(
            Threshold(
                r.period,
                r.indicator,
                float(r.threshold),
                BadSide(r.bad_side),
                r.label,
                *years[r.period],
            )
            for r in store.thresholds().itertuples()
        ),
        breaks=_rows(store.series_breaks(), SeriesBreak),
        principles=_rows(store.principles(), Principle),
    )


@per_store
def sample(store: Store) -> Sample:
    """The survey's published answers per edition (for margins), with the site's design."""
    reg = registry_of(store)
    rows = store.yearly(RESPONDENTS, [reg.city.area_id])
    return Sample(
        {int(r.year): int(r.value) for r in rows.itertuples()},
        districts=len(reg.districts),
        district_answers=site.current().district_answers,
    )


def rows(
    store: Store,
    indicators: Sequence[str],
    areas: Sequence[str],
    until_year: int | None = None,
    edition: int | None = None,
) -> tuple[Figure, ...]:
    """Every published row behind a view (undated, secondary and disagreeing rows included);
    with an `edition`, those published by that survey edition."""
    frame = store.figures(list(indicators), list(areas), until_year)
    figures = tuple(_figure(r) for r in frame.itertuples())
    return series.published_by(figures, registry_of(store), edition)


@per_store
def published(store: Store, edition: int | None = None) -> tuple[Figure, ...]:
    """Every published row, each with its survey margin where the survey gives one: all the
    figures the dashboard holds, as offered for download (with an `edition`, those published by
    then)."""
    reg = registry_of(store)
    if edition is not None:
        return series.published_by(published(store), reg, edition)
    survey = sample(store)
    frame = store.figures(list(reg.indicators), list(reg.areas))
    return tuple(_figure(r, _margin(survey, reg, r)) for r in frame.itertuples())


@per_store
def newest_edition(store: Store) -> int | None:
    """The newest edition of the survey in the data (`series.newest_edition`)."""
    return series.newest_edition(registry_of(store), published(store))


@per_store
def _chosen(store: Store, indicator_id: str, area_ids: tuple[str, ...]) -> dict[str, tuple]:
    """Each area's chosen figures (one per year, by the store's rule), with their survey
    margins, from one query."""
    reg = registry_of(store)
    survey = sample(store)
    found: dict[str, list[Figure]] = {a: [] for a in area_ids}
    for r in store.yearly(indicator_id, list(area_ids)).itertuples():
        found[r.area].append(_figure(r, _margin(survey, reg, r)))
    return {a: tuple(f) for a, f in found.items()}


def series_for(
    store: Store, indicator_id: str, area_ids: Sequence[str], edition: int | None = None
) -> list[AreaSeries]:
    """One measure for each of the areas, next to the city, in the order given; with an
    `edition`, as it stood when that survey edition was published."""
    reg = registry_of(store)
    wanted = tuple(dict.fromkeys([*area_ids, reg.city.area_id]))
    figures = {
        a: series.published_by(f, reg, edition)
        for a, f in _chosen(store, indicator_id, wanted).items()
    }
    return series.area_series(reg, indicator_id, area_ids, figures)


def series_of(
    store: Store, indicator_id: str, area_id: str, edition: int | None = None
) -> AreaSeries:
    """One measure for one area, next to the city (see `series_for`)."""
    return series_for(store, indicator_id, [area_id], edition)[0]


# The map's districts ------------------------------------------------------------------------------


@per_store
def district_years(store: Store, indicator_id: str) -> dict[int, int]:
    """Years with at least one published district figure, and how many districts have one."""
    reg = registry_of(store)
    return store.year_counts(indicator_id, [d.area_id for d in reg.districts])


@per_store
def default_measure(store: Store) -> Indicator:
    """The map measure whose default year covers the most districts (`districts`)."""
    measures = registry_of(store).map_measures
    counts = {i.indicator: district_years(store, i.indicator) for i in measures}
    return districts.default_measure(measures, counts)


@per_store
def district_year(store: Store, indicator_id: str, year: int) -> DistrictYear:
    """One measure's districts for one year, with the threshold and the goal that counts them."""
    reg = registry_of(store)
    every = series_for(store, indicator_id, [d.area_id for d in reg.districts])
    goal = districts.counting_goal(reg, indicator_id, year)
    count = series_of(store, goal.indicator, goal.area).at(year) if goal is not None else None
    return districts.district_year(reg, indicator_id, year, every, goal, count)


# Goals -------------------------------------------------------------------------------------------


@per_store
def assess(store: Store, goal_id: str, when: StatusDate) -> Assessment:
    """A goal's status as of the status date `when`, and everything shown with it
    (`goals.assessment`); with its `edition`, only the figures published by that survey edition
    count: the status as it stood then."""
    edition = when.edition
    reg = registry_of(store)
    goal = next(g for g in reg.goals if g.goal_id == goal_id)
    compare = goals.compared_with(reg, goal)
    judged_by_district = ()
    if goal.target_kind == TargetKind.RISE_BELOW_THRESHOLD:
        every = [d.area_id for d in reg.districts]
        judged_by_district = tuple(series_for(store, goal.district_indicator, every, edition))
    target_info = reg.target_indicator(goal.indicator)
    with_figures = [d.area.area_id for d in judged_by_district if d.figures]
    return goals.assessment(
        reg,
        goal,
        when,
        own=series_of(store, goal.indicator, goal.area, edition),
        compare_series=(
            series_of(store, goal.indicator, compare.area_id, edition) if compare else None
        ),
        districts=judged_by_district,
        rows=rows(
            store,
            [goal.indicator],
            [goal.area, *([compare.area_id] if compare else [])],
            None,
            edition,
        ),
        targets=(
            rows(store, [target_info.indicator], [goal.area], None, edition) if target_info else ()
        ),
        district_rows=(
            rows(store, [goal.district_indicator], with_figures, None, edition)
            if judged_by_district
            else ()
        ),
    )


def assess_period(store: Store, period_id: str, when: StatusDate) -> tuple[Assessment, ...]:
    """Every goal of a strategy period, in the registry's order (see `assess`)."""
    reg = registry_of(store)
    return tuple(assess(store, g.goal_id, when) for g in reg.goals_of(period_id))


def goals_of_area(store: Store, area_id: str, when: StatusDate) -> tuple[Assessment, ...]:
    """The goals of any strategy period set for one area (the partnerships' goals)."""
    reg = registry_of(store)
    return tuple(assess(store, g.goal_id, when) for g in reg.goals if g.area == area_id)


def youth_goal_ids(store: Store) -> tuple[str, ...]:
    """Every goal compared with a published average of other areas (`youth`)."""
    return youth.youth_goal_ids(registry_of(store))


@per_store
def youth_goal(store: Store, goal_id: str, when: StatusDate) -> YouthGoal:
    """A goal compared with other cities' average, and everything beside it, as of `when`
    (see `assess`)."""
    reg = registry_of(store)
    edition = when.edition
    a = assess(store, goal_id, when)
    ids = youth.compared_areas(reg, a)
    context = youth.context_measures(reg, a)
    context_ids = youth.context_areas(reg, a) if context else []
    return youth.youth_goal(
        a,
        series_for(store, a.goal.indicator, ids, edition),
        rows(store, [a.goal.indicator], ids, None, edition),
        context,
        tuple(series_for(store, context[0].indicator, context_ids, edition)) if context else (),
        rows(store, [i.indicator for i in context], context_ids, None, edition) if context else (),
    )


# Areas -------------------------------------------------------------------------------------------


@per_store
def area_profile(store: Store, area_id: str, when: StatusDate) -> AreaProfile:
    """Everything about one district, partnership or local area (`area.profile`)."""
    reg = registry_of(store)
    with_figures = [
        i for i in store.indicators_with_figures(area_id) if reg.indicators[i].target_of is None
    ]
    measures = tuple(series_of(store, i, area_id) for i in with_figures)
    set_for = goals_of_area(store, area_id, when)
    covered = tuple(
        series_of(store, i, area_id) for i in area.coverage_measures(reg, measures, set_for)
    )
    return area.profile(reg, area_id, measures, set_for, covered)


# The store's rows as the domain's figures -------------------------------------------------------


def _figure(row, margin: float | None = None) -> Figure:
    """A `Figure` from one row of the store's figures (its columns named as the fields)."""
    return Figure(
        indicator=row.indicator,
        area=row.area,
        year=None if clean(row.year) is None else int(row.year),
        value=float(row.value),
        unit=row.unit,
        quality=row.quality,
        source_title=row.source_title,
        source_url=clean(row.source_url),
        note=clean(row.note),
        line=int(row.line),
        cell_values=_cell_values(getattr(row, "cell_values", None)),
        margin=margin,
        chosen=_picked(row),
    )


def _cell_values(values) -> tuple[float, ...]:
    """Every value published for a row's cell (none for an undated row)."""
    if values is None or (not hasattr(values, "__len__") and pd.isna(values)):
        return ()
    return tuple(float(v) for v in values)


def _picked(row) -> bool | None:
    """Whether the store's rule picked the row for its year: a yearly query returns only such
    rows; a query of every row says so per row (None for an undated row)."""
    if not hasattr(row, "chosen"):
        return True if hasattr(row, "cell_values") else None
    return None if pd.isna(row.chosen) else bool(row.chosen)


def _margin(survey: Sample, reg: Registry, row) -> float | None:
    """The survey margin of a store row's figure (None: undated, or not a survey share)."""
    if clean(row.year) is None:
        return None
    info, area = reg.indicators[row.indicator], reg.areas[row.area]
    return survey.margin(info, area, int(row.year), float(row.value))


def clean(value):
    """pandas' missing values (NA, NaN) as None; numpy scalars as Python ones."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _rows(frame: pd.DataFrame, cls) -> tuple:
    """One `cls` per row, from the columns named like its fields (missing values as None)."""
    names = [n for n in cls.__dataclass_fields__ if n in frame.columns]
    return tuple(
        cls(**{n: clean(v) for n, v in zip(names, row, strict=True)})
        for row in frame[names].itertuples(index=False)
    )
