"""Unge: youth crime in Copenhagen against Aarhus, Odense, Aalborg and Esbjerg.

Goals 3 and 4 of 2018-2021 ask that the share of young people charged ("sigtede") falls every
year and approaches the average of the four cities ("de fire byer") by 2021. A youth goal is any
goal compared with the four cities' average in `data/goals.csv`. For each, this module gathers
what the /unge page shows: the goal's assessment (the same as the overview's), Copenhagen, the
average and each city year by year, the gap to the average, which (area, year) figures are
published and which are missing, and Danmarks Statistik's public figures of a different measure
as context.
"""

from dataclasses import dataclass, replace
from functools import cached_property

import pandas as pd

from sikkerby import fmt
from sikkerby.domain import goals
from sikkerby.domain.goals import Assessment, Goal, Indicator, Period
from sikkerby.store import Store

CITY = "koebenhavn"
AVERAGE = "fire-byer"
# The four cities pooled (sums, and rates of sums): how Danmarks Statistik's context is compared.
POOLED = "fire-byer-samlet"
CITIES = ("aarhus", "odense", "aalborg", "esbjerg")
AREAS = (CITY, AVERAGE, *CITIES)
CONTEXT_AREAS = (CITY, POOLED, *CITIES)
# Danmarks Statistik's public context for each goal: decisions (STRAF44) per 100 young people,
# then the counts it is computed from. No public table counts persons *charged* by municipality
# and age, so this is a different measure and is always shown apart from the goal's own.
CONTEXT = {
    "sigtede_15_17_pct": (
        "afgoerelser_15_17_per_100",
        "afgoerelser_15_17_antal",
        "befolkning_15_17",
    ),
    "sigtede_18_25_alvorlig_pct": (
        "afgoerelser_18_24_vold_per_100",
        "afgoerelser_18_24_vold_antal",
        "befolkning_18_24",
        "befolkning_18_25",  # the goal's own age group, for reference
    ),
}
# Short names for the page: the registry's name of the average is long for a legend.
AVERAGE_NAME = "De fire byers gennemsnit"
POOLED_NAME = "De fire byer samlet"
MISSING = "mangler"


@dataclass(frozen=True)
class AreaSeries:
    area: str
    name: str
    series: pd.DataFrame  # `Store.yearly`: one value per year, with its source


@dataclass(frozen=True)
class Gap:
    """Copenhagen against the average at one point in time, each with its source."""

    label: str  # the year, or "Basis" for the strategy's baselines
    city: float
    average: float
    city_year: int | None
    average_year: int | None
    city_source: str
    average_source: str

    @property
    def points(self) -> float:
        """Copenhagen minus the average, in the measure's unit: above 0 is above the average."""
        return self.city - self.average


@dataclass(frozen=True)
class CityYear:
    """Copenhagen and each city in one year, with the average where it is published."""

    year: int
    figures: list[tuple[str, float, str]]  # (area name, value, source title)
    average: tuple[str, float, str] | None
    missing: list[str]  # cities with no figure that year


@dataclass
class YouthGoal:
    assessment: Assessment
    areas: list[AreaSeries]  # Copenhagen, the average, then each city
    gaps: list[Gap]
    coverage: pd.DataFrame  # area x year: the shown value or "mangler"
    rows: pd.DataFrame  # every row behind the goal's figures, with its source
    only_baselines: bool  # the strategy's baselines are all there is
    context: Indicator | None
    context_areas: list[AreaSeries]
    context_rows: pd.DataFrame  # the context's rates and the counts they are computed from

    @property
    def goal(self) -> Goal:
        return self.assessment.goal

    @property
    def cities_with_figures(self) -> list[AreaSeries]:
        return [a for a in self.areas if a.area in CITIES and len(a.series)]

    @property
    def cities_without_figures(self) -> list[str]:
        return [a.name for a in self.areas if a.area in CITIES and not len(a.series)]

    def key_figures(self) -> list[tuple[str, str, str | None]]:
        """(label, value, help) for the large numbers: Copenhagen, the average and the gap at
        the latest point both are published; the help names each figure's source."""
        if not self.gaps:
            return [("København", "ingen tal", None)]
        gap, info = self.gaps[-1], self.assessment.indicator
        when = "basis · " if gap.label == "Basis" else ""
        return [
            (
                f"København · {when}{fmt.year(gap.city_year)}",
                info.measure.show(gap.city),
                f"Kilde: {gap.city_source}",
            ),
            (
                f"{AVERAGE_NAME} · {when}{fmt.year(gap.average_year)}",
                info.measure.show(gap.average),
                f"Kilde: {gap.average_source}",
            ),
            (
                "Afstand",
                fmt.change(gap.points, info.unit, info.decimals),
                "København minus de fire byers gennemsnit: egen beregning på de to tal.",
            ),
        ]

    def context_caption(self) -> str:
        """The 'Kilde:' line under the context chart: the tables and the date they were fetched
        are in each row's source title, which says the rates are the project's calculation."""
        rates = self.context_rows[self.context_rows["indicator"] == self.context.indicator]
        titles = "; ".join(rates["source_title"].unique())
        count = fmt.count(len(rates), "tal", "tal")
        return f"Kilde: {titles}. {count} – se »Tal og kilder fra Danmarks Statistik« nedenfor."

    @cached_property
    def cities_latest(self) -> CityYear | None:
        """The latest year Copenhagen and at least one of the cities both have a figure: every
        area's value that year, and the cities without one."""
        by_area = {
            a.area: {
                int(r.year): (a.name, float(r.value), r.source_title) for r in a.series.itertuples()
            }
            for a in self.areas
        }
        city_years = {y for area in CITIES for y in by_area[area]}
        years = sorted(city_years & by_area[CITY].keys())
        if not years:
            return None
        year = years[-1]
        figures = [by_area[a][year] for a in (CITY, *CITIES) if year in by_area[a]]
        missing = [a.name for a in self.areas if a.area in CITIES and year not in by_area[a.area]]
        return CityYear(year, figures, by_area[AVERAGE].get(year), missing)


def youth_goals(store: Store) -> list[tuple[Period, Goal]]:
    """Every goal compared with the four cities' average, with its strategy period."""
    return [
        (period, goal)
        for period in goals.periods(store)
        for goal in goals.goals(store, period.period)
        if goal.compare_area == AVERAGE
    ]


def _baseline_source(rows: pd.DataFrame, area: str, point) -> str:
    """The source of a goal's baseline: the build checks that a sourced row backs it."""
    match = rows[(rows["area"] == area) & (rows["value"] == point.value)]
    if point.year is not None:
        match = match[match["year"] == point.year]
    return match["source_title"].iloc[0] if len(match) else "ikke fundet"


def gaps(a: Assessment, rows: pd.DataFrame) -> list[Gap]:
    """Copenhagen minus the average in every year both are published, and the strategy's
    baselines as a pair of their own unless their common year is already among them."""
    own = {int(r.year): r for r in a.series.itertuples()}
    other = {int(r.year): r for r in a.compare_series.itertuples()}
    found = [
        Gap(
            str(y),
            float(own[y].value),
            float(other[y].value),
            y,
            y,
            own[y].source_title,
            other[y].source_title,
        )
        for y in sorted(own.keys() & other.keys())
    ]
    goal = a.goal
    base, compare = goal.baseline, goal.compare_baseline
    same_year_shown = base is not None and any(g.city_year == base.year for g in found)
    if base is not None and compare is not None and not same_year_shown:
        # The baselines may carry different or unstated years: they are shown as one pair.
        found.insert(
            0,
            Gap(
                "Basis",
                base.value,
                compare.value,
                base.year,
                compare.year,
                _baseline_source(rows, goal.area, base),
                _baseline_source(rows, goal.compare_area, compare),
            ),
        )
    return found


def coverage(
    areas: list[AreaSeries], rows: pd.DataFrame, years: range, info: Indicator
) -> pd.DataFrame:
    """Which figures exist: one row per area, one column per year (and one for figures whose
    year is not stated), holding the value as shown or "mangler"."""
    undated = rows[rows["year"].isna()]
    table: dict[str, dict[str, str]] = {}
    for area in areas:
        cells: dict[str, str] = {}
        if not undated.empty:
            values = undated[undated["area"] == area.area]["value"]
            cells["År ikke oplyst"] = (
                ", ".join(info.measure.show(v) for v in values) if len(values) else MISSING
            )
        by_year = {int(r.year): r for r in area.series.itertuples()}
        for year in years:
            row = by_year.get(year)
            if row is None:
                cells[str(year)] = MISSING
            else:
                shown = info.measure.show(row.value)
                cells[str(year)] = shown + (" (sekundær)" if row.quality == "secondary" else "")
        table[area.name] = cells
    frame = pd.DataFrame.from_dict(table, orient="index")
    frame.index.name = "Område"
    return frame


def _area_series(
    store: Store, indicator: str, names: dict[str, str], areas=AREAS
) -> list[AreaSeries]:
    return [AreaSeries(a, names[a], store.yearly(indicator, a)) for a in areas]


def youth_goal(store: Store, goal: Goal, period: Period) -> YouthGoal:
    a = replace(goals.assess(store, goal, period), compare_name=AVERAGE_NAME)
    names = goals.area_names(store)
    areas = _area_series(store, goal.indicator, {**names, AVERAGE: AVERAGE_NAME})
    rows = store.figures(goal.indicator, list(AREAS))
    after = goal.baseline_year if goal.baseline_year is not None else period.start_year - 1
    dated = rows["year"].dropna().astype(int)
    first = min([goal.baseline_year or period.start_year, *dated])
    years = range(first, max([goal.target_year, *dated]) + 1)
    context = context_areas = None
    context_rows = rows.iloc[0:0]
    if goal.indicator in CONTEXT:
        rate, *counts = CONTEXT[goal.indicator]
        context = goals.indicator(store, rate)
        context_areas = _area_series(store, rate, {**names, POOLED: POOLED_NAME}, CONTEXT_AREAS)
        context_rows = pd.concat(
            [store.figures(i, list(CONTEXT_AREAS)) for i in (rate, *counts)], ignore_index=True
        )
    has_baselines = goal.baseline is not None and goal.compare_baseline is not None
    return YouthGoal(
        assessment=a,
        areas=areas,
        gaps=gaps(a, rows),
        coverage=coverage(areas, rows, years, a.indicator),
        rows=rows,
        only_baselines=has_baselines and bool((dated <= after).all()),
        context=context,
        context_areas=[c for c in context_areas or [] if len(c.series)],
        context_rows=context_rows,
    )


def gap_text(gap: Gap, info: Indicator) -> str:
    """'1,25 procentpoint over gennemsnittet' and the like, judged on the shown decimals."""
    text = fmt.difference(gap.points, info.unit, info.decimals, "gennemsnittet")
    return text or "samme niveau som gennemsnittet (inden for de viste decimaler)"
