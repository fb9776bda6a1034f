"""Each goal's assessment on the published data: its status and everything it rests on.

`assessment` makes, from what `sikkerby.queries.assess` read, what a goal needs wherever it is
shown (overview, area page, youth page, the presentation and the yearly report): its status
(from `sikkerby.domain.status`) with the figures the status was judged on, its series, the
sourced rows behind its baseline and target, and every published row behind it.
"""

from dataclasses import dataclass, replace

from sikkerby.domain import registry
from sikkerby.domain.registry import Area, Goal, Indicator, Measure, Period, Threshold
from sikkerby.domain.series import AreaSeries, Figure
from sikkerby.domain.status import (
    Status,
    StatusDate,
    StatusKind,
    Why,
    assess_approach,
    assess_change,
    assess_rise_below_threshold,
    assess_target,
    conclude,
    said,
)
from sikkerby.schema import TargetKind


@dataclass(frozen=True)
class Assessment:
    """A goal's status and everything shown with it, gathered once."""

    goal: Goal
    period: Period
    indicator: Indicator
    area: Area
    compare: Area | None  # the area it is compared with (approach goals)
    status: Status
    series: AreaSeries  # the goal's measure for its area
    compare_series: AreaSeries | None
    district_indicator: Indicator | None  # goals about districts
    threshold: Threshold | None  # the period's threshold for the district indicator
    districts: tuple[AreaSeries, ...]  # goals judged district by district: every district
    baseline: Figure | None  # the sourced row behind the goal's baseline
    compare_baseline: Figure | None
    target: Figure | None  # the sourced row behind the target value
    rows: tuple[Figure, ...]  # every published row behind the goal

    @property
    def missing_hint(self) -> str | None:
        """What would fill the gap, when there is too little data to say."""
        if self.status.kind != StatusKind.TOO_LITTLE_DATA:
            return None
        return self.indicator.missing_hint

    @property
    def shown_districts(self) -> tuple[AreaSeries, ...]:
        """The districts the goal is about: those on the wrong side of the threshold in some
        year from the baseline to the target year."""
        t, goal = self.threshold, self.goal
        return tuple(
            d
            for d in self.districts
            if any(
                goal.baseline_year <= f.year <= goal.target_year
                and t.side(f.value) == registry.Side.WRONG
                for f in d.figures
            )
        )


def _backing(rows: tuple[Figure, ...], indicator: str, area: str | None, point) -> Figure | None:
    """The published row behind a registry value (the build checks that one exists)."""
    if point is None or area is None:
        return None
    found = [
        r
        for r in rows
        if (r.indicator, r.area, r.year) == (indicator, area, point.year)
        and abs(r.value - point.value) < 1e-9
    ]
    return min(found, key=lambda r: (r.secondary, r.line), default=None)


def _baseline(
    chosen: AreaSeries | None, rows: tuple[Figure, ...], indicator: str, area: str | None, point
) -> Figure | None:
    """The figure behind a baseline: the series' own for a dated one (it knows whether its
    sources disagree), else the published row behind the registry's value."""
    if point is not None and point.year is not None and chosen is not None:
        found = chosen.at(point.year)
        if found is not None and found.value == point.value:
            return found
    return _backing(rows, indicator, area, point)


def _by_the_rule(goal: Goal, own: AreaSeries, compare: AreaSeries | None) -> Goal:
    """The goal with its baselines as every screen shows them: where the sources for a dated
    baseline's year disagree, the store's one rule (a primary source before a secondary one,
    then the least favourable value) decides, as it does for every other figure; the strategy's
    own value stays in the published rows, and the screens say that the sources disagree."""
    changes = {}
    for value, year, series_ in (
        ("baseline_value", goal.baseline_year, own),
        ("compare_baseline_value", goal.compare_baseline_year, compare),
    ):
        if getattr(goal, value) is None or year is None or series_ is None:
            continue
        chosen = series_.at(year)
        if chosen is not None and chosen.value != getattr(goal, value):
            changes[value] = chosen.value
    return replace(goal, **changes) if changes else goal


def _note_new_districts(
    status: Status, count: Figure | None, goal: Goal, threshold: Threshold, measure: Measure
) -> Status:
    """Say so when the published count of districts on the wrong side grew after baseline."""
    if count is None or goal.baseline_value is None or count.value <= goal.baseline_value:
        return status
    return status.noting(
        said(
            Why.MORE_DISTRICTS,
            measure=measure,
            bad_side=threshold.bad_side,
            count=count,
            baseline_value=goal.baseline_value,
            baseline_year=goal.baseline_year,
        )
    )


def compared_with(reg: registry.Registry, goal: Goal) -> Area | None:
    """The area an approach goal is compared with (None: none, or not in the registry)."""
    return reg.areas.get(goal.compare_area) if goal.compare_area else None


def assessment(
    reg: registry.Registry,
    goal: Goal,
    when: StatusDate,
    *,
    own: AreaSeries,
    compare_series: AreaSeries | None,
    districts: tuple[AreaSeries, ...],
    rows: tuple[Figure, ...],
    targets: tuple[Figure, ...],
    district_rows: tuple[Figure, ...],
) -> Assessment:
    """A goal's status and everything shown with it, as of the status date `when`. From the
    goal's measure for its area (`own`) and its comparison, every district's series (goals
    judged district by district), and the published rows behind the goal, its target and its
    districts (`sikkerby.queries.assess` reads them, as they stood at `when.edition`)."""
    period = reg.period(goal.period)
    info = reg.indicators[goal.indicator]
    measure = info.measure
    compare = compared_with(reg, goal)
    goal = _by_the_rule(goal, own, compare_series)
    after_year = goal.counted_after(period)
    district_info = threshold = None

    if goal.target_kind in (TargetKind.MAX_VALUE, TargetKind.NONE_ABOVE_THRESHOLD):
        status = assess_target(
            own.figures,
            measure,
            goal.baseline,
            goal.target,
            continuous=goal.continuous,
            after_year=after_year,
        )
    elif goal.target_kind == TargetKind.APPROACH:
        status = assess_approach(
            own.figures,
            compare_series.figures,
            measure,
            goal.baseline,
            goal.compare_baseline,
            compare_name=compare.name,
            target_year=goal.target_year,
            continuous=goal.continuous,
            after_year=after_year,
            break_between=own.break_between,
        )
    elif goal.target_kind == TargetKind.RISE_BELOW_THRESHOLD:
        district_info = reg.indicators[goal.district_indicator]
        threshold = reg.threshold(goal.period, goal.district_indicator)
        status = assess_rise_below_threshold(
            {d.area.name: d.figures for d in districts if d.figures},
            district_info.measure,
            threshold=threshold,
            baseline_year=goal.baseline_year,
            baseline_count=None if goal.baseline_value is None else int(goal.baseline_value),
            target_year=goal.target_year,
        )
        counted = [f for f in own.figures if f.year <= goal.target_year]
        latest_count = counted[-1] if counted else None
        status = _note_new_districts(status, latest_count, goal, threshold, measure)
    else:  # fall, hold
        status = assess_change(
            own.figures,
            measure,
            goal.baseline,
            target_year=goal.target_year,
            after_year=after_year,
            hold=goal.target_kind == TargetKind.HOLD,
            continuous=goal.continuous,
        )
    status = conclude(status, target_year=goal.target_year, when=when)

    target_info = reg.target_indicator(goal.indicator)
    target = _backing(targets, target_info.indicator, goal.area, goal.target) if targets else None
    behind = [
        *rows,
        *(t for t in targets if t.year == goal.target_year and goal.target is not None),
        *district_rows,
    ]
    return Assessment(
        goal=goal,
        period=period,
        indicator=info,
        area=reg.areas[goal.area],
        compare=compare,
        status=status,
        series=own,
        compare_series=compare_series,
        district_indicator=district_info,
        threshold=threshold,
        districts=districts,
        baseline=_baseline(own, rows, goal.indicator, goal.area, goal.baseline),
        compare_baseline=_baseline(
            compare_series, rows, goal.indicator, goal.compare_area, goal.compare_baseline
        ),
        target=target,
        rows=tuple({r.line: r for r in behind}.values()),
    )
