"""The 13 survey districts for one measure and year: values, margins, threshold sides, changes.

What the map, its ranked bar chart and its district panel show, gathered once through the store.
A measure's threshold is the strategy's (10 % unsafe for 2018-2021; 85 % and 75 % safe for
2022-2025), taken from the period nearest the year shown. A district figure within the survey's
margin of the threshold is "omkring tærsklen" (`Side.AROUND`); a district with no published
figure is `Side.NO_DATA`, never given a value.
"""

from dataclasses import dataclass

import pandas as pd

from sikkerby import fmt
from sikkerby.domain.goals import Goal, Indicator, _clean, goals, indicator
from sikkerby.domain.margin import (
    Side,
    change_margin_points,
    classify,
    district_answers,
    margin_points,
)
from sikkerby.render.scale import ColourScale, sequential_scale, threshold_scale
from sikkerby.store import Store

SIDE_LABELS = {
    Side.BAD: "på den forkerte side af tærsklen",
    Side.AROUND: "omkring tærsklen (inden for usikkerheden)",
    Side.GOOD: "på den rigtige side af tærsklen",
    Side.NO_DATA: "ingen data",
}


@dataclass(frozen=True)
class Threshold:
    period: str
    value: float
    bad_side: str  # "over" or "under": the wrong side
    label: str  # e.g. "Mere end 10 % utrygge i nabolaget"


@dataclass(frozen=True)
class DistrictFigure:
    """One district's published figure for a year (or its absence), with what it means."""

    slug: str
    name: str
    year: int
    value: float | None
    margin: float  # ± points of the survey's 95 % interval (0 where not a survey)
    side: Side
    quality: str | None
    source_title: str | None
    source_url: str | None
    previous_year: int | None
    previous_value: float | None
    change_margin: float

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous_value is None:
            return None
        return self.value - self.previous_value


def map_measures(store: Store) -> list[Indicator]:
    """The measures the map can show (those with a `map_key`), in the order of the file."""
    rows = store.indicators()
    return [indicator(store, i) for i in rows.loc[rows["map_key"].notna(), "indicator"]]


def threshold_for(store: Store, indicator_id: str, year: int) -> Threshold | None:
    """The threshold of the strategy period nearest `year` (2017 is 2018-2021's baseline)."""
    found = []
    for p in store.periods().itertuples():
        match = store.thresholds(p.period)
        match = match[match["indicator"] == indicator_id]
        if len(match):
            t = match.iloc[0]
            distance = max(p.start_year - year, 0, year - p.end_year)
            threshold = Threshold(p.period, float(t.threshold), t.bad_side, t.label)
            found.append((distance, -p.start_year, threshold))
    return min(found, key=lambda f: f[:2])[2] if found else None


def years(store: Store, indicator_id: str) -> dict[int, int]:
    """Years with at least one published district figure, and how many districts have one."""
    counts = store.district_series(indicator_id).groupby("year")["area"].nunique()
    return {int(y): int(n) for y, n in counts.items()}


def default_year(counts: dict[int, int]) -> int | None:
    """The latest year with the most districts published."""
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


@dataclass(frozen=True)
class DistrictYear:
    """Everything the map page shows for one measure and year."""

    indicator: Indicator
    year: int
    threshold: Threshold | None
    goal: Goal | None  # the goal that counts districts on the wrong side of the threshold
    published_count: dict | None  # that goal's published count for the year, with its source
    figures: list[DistrictFigure]  # all 13 districts, alphabetically
    scale: ColourScale

    def named(self, side: Side) -> list[str]:
        return [f.name for f in self.figures if f.side == side]

    @property
    def published(self) -> list[DistrictFigure]:
        return [f for f in self.figures if f.value is not None]

    def wrong_side_by_value(self) -> list[DistrictFigure]:
        """Districts whose published value is on the wrong side, margin aside (as counted in
        the strategy's published number of districts above or below the threshold)."""
        if self.threshold is None:
            return []
        t = self.threshold
        return [f for f in self.published if classify(f.value, t.value, t.bad_side) == Side.BAD]


def _figures(
    store: Store, info: Indicator, year: int, threshold: Threshold | None
) -> list[DistrictFigure]:
    answers_by_year: dict[int, int] = {}  # one query per survey year, not per district

    def answers_in(survey_year: int) -> int:
        if survey_year not in answers_by_year:
            answers_by_year[survey_year] = district_answers(store.survey_respondents(survey_year))
        return answers_by_year[survey_year]

    answers = answers_in(year) if info.survey else None
    history = store.district_series(info.indicator)
    found = []
    for row in store.districts(info.indicator, year).itertuples():
        value = _clean(row.value)
        margin = margin_points(value, answers) if answers and value is not None else 0.0
        earlier = history[(history["area"] == row.area_id) & (history["year"] < year)]
        previous_year = int(earlier.iloc[-1]["year"]) if len(earlier) else None
        previous_value = float(earlier.iloc[-1]["value"]) if len(earlier) else None
        change_margin = 0.0
        if answers and value is not None and previous_year is not None:
            previous_answers = answers_in(previous_year)
            change_margin = change_margin_points(previous_value, value, previous_answers, answers)
        if value is None:
            side = Side.NO_DATA
        elif threshold is None:
            side = Side.GOOD  # nothing to be on the wrong side of
        else:
            side = classify(value, threshold.value, threshold.bad_side, margin)
        found.append(
            DistrictFigure(
                slug=row.area_id,
                name=row.name,
                year=year,
                value=value,
                margin=margin,
                side=side,
                quality=_clean(row.quality),
                source_title=_clean(row.source_title),
                source_url=_clean(row.source_url),
                previous_year=previous_year,
                previous_value=previous_value,
                change_margin=change_margin,
            )
        )
    return found


def district_year(store: Store, indicator_id: str, year: int) -> DistrictYear:
    """Gather one measure's 13 districts for one year, with threshold and counting goal."""
    info = indicator(store, indicator_id)
    threshold = threshold_for(store, indicator_id, year)
    goal = None
    published_count = None
    if threshold is not None:
        goal = next(
            (g for g in goals(store, threshold.period) if g.district_indicator == indicator_id),
            None,
        )
    if goal is not None:
        series = store.yearly(goal.indicator, goal.area)
        match = series[series["year"] == year]
        published_count = {k: _clean(v) for k, v in match.iloc[0].items()} if len(match) else None
    if threshold is not None:
        scale = threshold_scale(threshold.value, threshold.bad_side, info.unit)
    else:
        values = store.district_series(indicator_id)["value"].astype(float).tolist()
        scale = sequential_scale(values, info.unit)
    figures = _figures(store, info, year, threshold)
    return DistrictYear(info, year, threshold, goal, published_count, figures, scale)


def change_text(figure: DistrictFigure, info: Indicator) -> str:
    """'+2 procentpoint siden 2016 (inden for usikkerheden ±5,1 point)' or why there is none."""
    if figure.value is None:
        return "ingen data"
    if figure.change is None:
        return "intet tidligere offentliggjort tal"
    text = f"{fmt.change(figure.change, info.unit, info.decimals)} siden {figure.previous_year}"
    if figure.change_margin and abs(figure.change) <= figure.change_margin:
        text += f" (inden for usikkerheden, {fmt.margin(figure.change_margin)})"
    return text


CITY = "koebenhavn"


@dataclass(frozen=True)
class MeasureHistory:
    """One measure over time for a district next to the city's figures."""

    indicator: Indicator
    district: pd.DataFrame  # `Store.yearly` rows for the district
    city: pd.DataFrame  # the same for the city
    threshold: Threshold | None
    breaks: pd.DataFrame


def default_measure(store: Store) -> Indicator:
    """The map measure whose default year covers the most districts, newest year first."""
    best = None
    for info in map_measures(store):
        counts = years(store, info.indicator)
        year = default_year(counts)
        if year is not None:
            rank = (counts[year], year)
            if best is None or rank > best[0]:
                best = (rank, info)
    return best[1] if best else map_measures(store)[0]


def histories(store: Store, slug: str) -> list[MeasureHistory]:
    """Every map measure with a published figure for the district, next to the city."""
    found = []
    for info in map_measures(store):
        district = store.yearly(info.indicator, slug)
        if district.empty:
            continue
        threshold = threshold_for(store, info.indicator, int(district["year"].max()))
        found.append(
            MeasureHistory(
                info,
                district,
                store.yearly(info.indicator, CITY),
                threshold,
                store.series_breaks(info.indicator, slug),
            )
        )
    return found
