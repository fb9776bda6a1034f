"""The goal registry per strategy period, and each goal's assessment on the published data.

Goals, baselines, targets and thresholds are rows in `data/goals.csv`, `data/periods.csv` and
`data/thresholds.csv`; this module turns them into `Goal` objects and gathers, through the store,
what a goal card needs: its status (from `sikkerby.domain.status`), its series, and the rows
behind it.
"""

import math
from dataclasses import dataclass

import pandas as pd

from sikkerby.domain.margin import change_margin_points, district_answers, margin_points
from sikkerby.domain.status import (
    Measure,
    Point,
    Status,
    StatusKind,
    assess_approach,
    assess_change,
    assess_rise_below_threshold,
    assess_target,
)
from sikkerby.store import Store, latest_of


def _clean(value):
    """pandas' missing values (NA, NaN) as None; numpy scalars as Python ones."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _record(row: pd.Series) -> dict:
    return {k: _clean(v) for k, v in row.items()}


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
    source: str
    survey: bool
    missing_hint: str | None
    map_key: str | None

    @property
    def measure(self) -> Measure:
        return Measure(self.unit, self.decimals, self.lower_is_better is not False)


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
    def heading(self) -> str:
        return f"Mål {self.number}: {self.title}" if self.number else self.title

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


def _build(cls, row: pd.Series):
    record = _record(row)
    return cls(**{name: record[name] for name in cls.__dataclass_fields__})


def periods(store: Store) -> list[Period]:
    return [_build(Period, row) for _, row in store.periods().iterrows()]


def goals(store: Store, period: str) -> list[Goal]:
    return [_build(Goal, row) for _, row in store.goals(period).iterrows()]


def indicator(store: Store, indicator_id: str) -> Indicator:
    frame = store.indicators()
    return _build(Indicator, frame[frame["indicator"] == indicator_id].iloc[0])


def area_names(store: Store) -> dict[str, str]:
    frame = store.areas()
    return dict(zip(frame["area_id"], frame["name"], strict=True))


def points(series: pd.DataFrame) -> list[Point]:
    """A store series (`yearly`, `district_series`) as status points."""
    return [
        Point(int(r.year), float(r.value), r.quality == "secondary")
        for r in series.itertuples()
        if _clean(r.year) is not None
    ]


@dataclass
class Assessment:
    """Everything a goal card shows, gathered once."""

    goal: Goal
    period: Period
    indicator: Indicator
    area_name: str
    compare_name: str | None
    district_indicator: Indicator | None  # for goals about districts
    status: Status
    series: pd.DataFrame  # one value per year for the goal's area
    compare_series: pd.DataFrame | None  # the same for the comparison area
    district_series: pd.DataFrame | None  # per district, for goals about districts
    threshold: dict | None  # the period's threshold for the goal's district indicator
    breaks: pd.DataFrame
    rows: pd.DataFrame  # every published row behind the card, with its source
    latest: dict | None  # the latest value counted (up to the target year)
    missing_hint: str | None  # what would fill the gap, when there is too little data


def _target_rows(store: Store, goal: Goal) -> pd.DataFrame:
    target_indicators = store.indicators()
    match = target_indicators[target_indicators["target_of"] == goal.indicator]
    if match.empty or goal.target_value is None:
        return store.figures(goal.indicator, [])  # empty, same columns
    rows = store.figures(match.iloc[0]["indicator"], [goal.area])
    return rows[rows["year"] == goal.target_year]


def _city_margin(store: Store, info: Indicator, latest: dict | None) -> float:
    """The survey margin of the latest counted city value, where its answers are published."""
    if not info.survey:
        return 0.0
    answers = latest and store.survey_respondents(latest["year"])
    return margin_points(latest["value"], answers) if answers else 0.0


def _note_new_districts(
    status: Status, latest: dict | None, goal: Goal, measure: Measure
) -> Status:
    """Say so when the published count of districts below the threshold grew after baseline."""
    if latest is None or goal.baseline_value is None or latest["value"] <= goal.baseline_value:
        return status
    return Status(
        status.kind,
        f"{status.reason} Antallet af bydele under tærsklen var {measure.show(latest['value'])} "
        f"i {latest['year']} mod {measure.show(goal.baseline_value)} i {goal.baseline_year}; "
        "tallene for de bydele, der er kommet til, er ikke offentliggjort her.",
    )


def assess(store: Store, goal: Goal, period: Period) -> Assessment:
    """Gather a goal's data and compute its status."""
    info = indicator(store, goal.indicator)
    measure = info.measure
    names = area_names(store)
    series = store.yearly(goal.indicator, goal.area)
    latest = latest_of(series, goal.target_year)
    after_year = goal.baseline_year if goal.baseline_year is not None else period.start_year - 1
    compare_series = district_series = threshold = district_info = None
    areas = [goal.area] + ([goal.compare_area] if goal.compare_area else [])
    rows = [store.figures(goal.indicator, areas), _target_rows(store, goal)]

    if goal.target_kind in ("max_value", "none_above_threshold"):
        status = assess_target(
            points(series),
            measure,
            goal.baseline,
            goal.target,
            continuous=goal.continuous,
            after_year=after_year,
            margin=_city_margin(store, info, latest),
        )
    elif goal.target_kind == "approach":
        compare_series = store.yearly(goal.indicator, goal.compare_area)
        status = assess_approach(
            points(series),
            points(compare_series),
            measure,
            goal.baseline,
            goal.compare_baseline,
            compare_name=names[goal.compare_area],
            target_year=goal.target_year,
            continuous=goal.continuous,
            after_year=after_year,
        )
    elif goal.target_kind == "rise_below_threshold":
        threshold_rows = store.thresholds(goal.period)
        threshold = _record(
            threshold_rows[threshold_rows["indicator"] == goal.district_indicator].iloc[0]
        )
        district_series = store.district_series(goal.district_indicator)
        by_district = {
            name: points(group) for name, group in district_series.groupby("area_name", sort=True)
        }
        district_info = indicator(store, goal.district_indicator)
        answers = district_answers(store.survey_respondents(goal.baseline_year))
        change_margin = change_margin_points(
            threshold["threshold"], threshold["threshold"], answers, answers
        )
        status = assess_rise_below_threshold(
            by_district,
            district_info.measure,
            threshold=threshold["threshold"],
            bad_side=threshold["bad_side"],
            baseline_year=goal.baseline_year,
            baseline_count=None if goal.baseline_value is None else int(goal.baseline_value),
            target_year=goal.target_year,
            change_margin=change_margin,
        )
        status = _note_new_districts(status, latest, goal, measure)
        rows.append(store.figures(goal.district_indicator, sorted(set(district_series["area"]))))
    else:  # fall, hold
        status = assess_change(
            points(series),
            measure,
            goal.baseline,
            target_year=goal.target_year,
            after_year=after_year,
            hold=goal.target_kind == "hold",
            continuous=goal.continuous,
        )

    if latest is not None and latest["year"] <= after_year:
        latest = None  # only the baseline or older figures are published
    all_rows = pd.concat([r for r in rows if not r.empty] or rows[:1], ignore_index=True)
    all_rows = all_rows.drop_duplicates(subset=["line"]).reset_index(drop=True)
    hint = info.missing_hint if status.kind == StatusKind.TOO_LITTLE_DATA else None
    return Assessment(
        goal=goal,
        period=period,
        indicator=info,
        area_name=names[goal.area],
        compare_name=names.get(goal.compare_area),
        district_indicator=district_info,
        status=status,
        series=series,
        compare_series=compare_series,
        district_series=district_series,
        threshold=threshold,
        breaks=store.series_breaks(goal.indicator, goal.area),
        rows=all_rows,
        latest=latest,
        missing_hint=hint,
    )
