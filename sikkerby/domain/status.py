"""Where a goal stands: achieved, on track, off track, not achieved, or too little data to say.

Pure functions over published points; no data access. One function per kind of target in the
goal registry (`data/goals.csv`, column target_kind):

- `assess_target`: at most (or at least) a value by the target year, e.g. "højst 5 % i 2021".
  Also goals counted in districts ("none above 10 %" = the count reaches 0).
- `assess_approach`: approach a comparison's level (the four cities' average, the city's level).
- `assess_rise_below_threshold`: a rise in every district on the wrong side of a threshold.
- `assess_change`: a fall from the baseline with no value given, or "at least held".

Rules, in the order they are applied:
1. Only points after the baseline year (or from the period's start when the baseline year is not
   stated) and up to the target year count. None: too little data.
2. A latest value that meets the target: achieved ("Nået"). An achievement that rests on a
   secondary source is "Foreløbig nået" until a primary figure confirms it.
3. A figure for the target year that does not meet it: not achieved ("Ikke nået").
4. A goal that asks for continuous improvement is off track when the latest value is not better
   than the one before it (or the baseline): "fall every year" can fail while the end target
   is still reachable.
5. Otherwise on track when the latest value is on the good side of the straight path from
   baseline to target; a path needs a baseline year, so without one there is too little data.
6. Once the target year has passed (`conclude`), a goal without a figure for the target year
   cannot be called on or off track any more: too little data to say whether it was reached.

Every status keeps the figures it was judged on (`Status.judged`), so a screen shows as its large
numbers exactly what the status rests on, and says why as `Reason`s (a code and its values),
which the text layer (`sikkerby.render.verdict`) says in Danish.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum, StrEnum
from typing import Protocol

from sikkerby.domain.margin import within
from sikkerby.domain.registry import Measure, Point, SeriesBreak, Side, Threshold
from sikkerby.domain.series import behind, change, narrowed


class StatusKind(Enum):
    ACHIEVED = "achieved"
    PROVISIONAL = "provisional"
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NOT_ACHIEVED = "not_achieved"
    TOO_LITTLE_DATA = "too_little_data"


@dataclass(frozen=True)
class StatusDate:
    """When a status is given, under the same two names on every screen and in every query:
    `as_of`, the year it is given in (once a goal's target year has passed, it is judged on its
    target year's figure, rule 6), and `edition`, the survey edition whose published figures it
    rests on (None: every figure published so far), so a screen can show a status as it stood at
    an earlier edition."""

    as_of: int
    edition: int | None = None

    @classmethod
    def shown(cls, today: int, edition: int | None = None) -> "StatusDate":
        """The status date a screen shows: today's, or, as of an earlier edition, that
        edition's year."""
        return cls(edition if edition is not None else today, edition)


class Why(StrEnum):
    """What a sentence of a status's reason says; its values are named after each member."""

    # a target value by a target year
    NOTHING_COUNTED = "nothing_counted"  # first, last: no figure in those years
    TARGET_MET = "target_met"  # measure, latest, target
    TARGET_MISSED = "target_missed"  # measure, latest, target
    NOT_EVERY_YEAR = "not_every_year"  # measure, previous, latest: a continuous goal slipped
    NO_BASELINE_YEAR = "no_baseline_year"  # measure, latest: no path without a baseline year
    ON_PATH = "on_path"  # measure, latest, expected, good: against the straight path
    # approach a comparison's level
    ONLY_BASELINES = "only_baselines"  # measure, baseline, compare_baseline, compare, first
    NOTHING_TO_COMPARE = "nothing_to_compare"  # compare, first
    LEVEL_REACHED = "level_reached"  # measure, latest, other, compare
    ONE_COMMON_YEAR = "one_common_year"  # measure, latest, other, compare
    BREAK = "break"  # measure, latest, other, compare, before, found
    AREA_NOT_EVERY_YEAR = "area_not_every_year"  # measure, latest, other, compare, before
    GAP_NARROWED = "gap_narrowed"  # measure, latest, other, compare
    GAP_NOT_NARROWED = "gap_not_narrowed"  # measure, latest, other, compare
    # a rise in every district on the wrong side of a threshold
    TOO_FEW_DISTRICTS = "too_few_districts"  # year, wanted, known (names, maybe none)
    NOTHING_AFTER_BASELINE = "nothing_after_baseline"  # year, missing (names)
    NOT_RISEN_IN = "not_risen_in"  # measure, failing (names), changes
    RISEN_IN_ALL = "risen_in_all"  # measure, changes
    WITHIN_MARGIN_IN = "within_margin_in"  # uncertain ((name, margin), ...)
    MORE_DISTRICTS = "more_districts"  # measure, bad_side, count, baseline_value, baseline_year
    # a fall from the baseline, or held
    NO_BASELINE = "no_baseline"  # counted, after
    ONLY_BASELINE = "only_baseline"  # measure, baseline
    SINCE_BASELINE = "since_baseline"  # measure, latest, baseline
    # notes any rule may add
    WITHIN_MARGIN = "within_margin"  # margin: too close to call
    SECONDARY = "secondary"  # years, many: the figures rest on a secondary source (or several)
    UNTIL_CONFIRMED = "until_confirmed"  # achieved on a secondary source
    TARGET_YEAR_PASSED = "target_year_passed"  # year: no figure for the target year


@dataclass(frozen=True)
class Reason:
    """One sentence of why a status is what it is: a code and the values it names (figures,
    years, names, the measure to read them by). The text layer says it in Danish
    (`sikkerby.render.verdict`)."""

    why: Why
    values: Mapping[str, object] = field(default_factory=dict, hash=False)

    def __getitem__(self, name: str):
        return self.values[name]


def said(why: Why, **values) -> Reason:
    return Reason(why, values)


class Dated(Protocol):
    """What the rules read of a figure: `Point` in tests, `series.Figure` in the app."""

    year: int | None
    value: float
    margin: float | None

    @property
    def secondary(self) -> bool: ...


@dataclass(frozen=True)
class Judged:
    """A figure a status rests on, and what it was set against (a baseline, for a rise)."""

    figure: Dated
    name: str | None = None  # the area or district; None: the goal's own area
    against: Dated | None = None


@dataclass(frozen=True)
class Status:
    kind: StatusKind
    reasons: tuple[Reason, ...]  # one per sentence, the main one first, then its notes
    judged: tuple[Judged, ...] = ()

    def noting(self, *notes: Reason) -> "Status":
        return replace(self, reasons=self.reasons + notes)


def path_value(baseline: Point, target: Point, year: int) -> float:
    """The straight path from baseline to target, read at `year`."""
    share = (year - baseline.year) / (target.year - baseline.year)
    return baseline.value + (target.value - baseline.value) * share


def _counted(points: Sequence[Dated], after_year: int, target_year: int) -> list[Dated]:
    """The points that count, oldest first: after `after_year` (`Goal.counted_after`), up to
    the target year."""
    return sorted(
        (p for p in points if p.year is not None and after_year < p.year <= target_year),
        key=lambda p: p.year,
    )


def _secondary_note(points: Sequence[Dated]) -> tuple[Reason, ...]:
    secondary = [p for p in points if p.secondary]
    if not secondary:
        return ()
    return (
        said(
            Why.SECONDARY, years=tuple(sorted({p.year for p in secondary})), many=len(secondary) > 1
        ),
    )


def _margin_note(figure: Dated, reference: float) -> tuple[Reason, ...]:
    if within(figure.value - reference, figure.margin):
        return (said(Why.WITHIN_MARGIN, margin=figure.margin),)
    return ()


def _status(kind: StatusKind, *reasons: Reason | tuple[Reason, ...], judged=()) -> Status:
    flat: list[Reason] = []
    for r in reasons:
        flat.extend(r if isinstance(r, tuple) else (r,))
    return Status(kind, tuple(flat), tuple(judged))


def _achieved(reasons: tuple[Reason, ...], judged: tuple[Judged, ...]) -> Status:
    """Achieved, unless it rests on a secondary source: then provisional until confirmed."""
    if any(j.figure.secondary for j in judged):
        return _status(StatusKind.PROVISIONAL, reasons, said(Why.UNTIL_CONFIRMED), judged=judged)
    return _status(StatusKind.ACHIEVED, reasons, judged=judged)


def assess_target(
    points: Sequence[Dated],
    measure: Measure,
    baseline: Point | None,
    target: Point,
    *,
    continuous: bool,
    after_year: int,
) -> Status:
    """A target value by a target year (rules 1-5 of the module docstring). A figure's survey
    margin (`margin`, where it has one) says when it is too close to call."""
    counted = _counted(points, after_year, target.year)
    if not counted:
        return _status(
            StatusKind.TOO_LITTLE_DATA,
            said(Why.NOTHING_COUNTED, first=after_year + 1, last=target.year),
        )
    latest = counted[-1]
    judged = (Judged(latest),)
    note = _secondary_note([latest])
    if measure.meets(latest.value, target.value):
        return _achieved(
            (
                said(Why.TARGET_MET, measure=measure, latest=latest, target=target),
                *_margin_note(latest, target.value),
                *note,
            ),
            judged,
        )
    if latest.year >= target.year:
        return _status(
            StatusKind.NOT_ACHIEVED,
            said(Why.TARGET_MISSED, measure=measure, latest=latest, target=target),
            _margin_note(latest, target.value),
            note,
            judged=judged,
        )
    previous = counted[-2] if len(counted) > 1 else baseline
    if continuous and previous is not None and not measure.better(latest.value, previous.value):
        return _status(
            StatusKind.OFF_TRACK,
            said(Why.NOT_EVERY_YEAR, measure=measure, previous=previous, latest=latest),
            note,
            judged=judged,
        )
    if baseline is None or baseline.year is None:
        return _status(
            StatusKind.TOO_LITTLE_DATA,
            said(Why.NO_BASELINE_YEAR, measure=measure, latest=latest),
            note,
            judged=judged,
        )
    expected = path_value(baseline, target, latest.year)
    on_path = measure.meets(latest.value, expected)
    return _status(
        StatusKind.ON_TRACK if on_path else StatusKind.OFF_TRACK,
        said(Why.ON_PATH, measure=measure, latest=latest, expected=expected, good=on_path),
        _margin_note(latest, expected),
        note,
        judged=judged,
    )


def assess_approach(
    points: Sequence[Dated],
    compare_points: Sequence[Dated],
    measure: Measure,
    baseline: Point | None,
    compare_baseline: Point | None,
    *,
    compare_name: str,
    target_year: int,
    continuous: bool,
    after_year: int,
    break_between: Callable[[int, int], SeriesBreak | None] = lambda _a, _b: None,
) -> Status:
    """Approach a comparison's level by the target year.

    Achieved when the area is at or better than the comparison, or at the target year when the
    gap is smaller than at the start. On track while the gap narrows (and, for goals that ask for
    it, the area's own value improves every year). Judged on the latest year both have a figure,
    on the shown decimals (as the gap is said everywhere), and not across a series break of the
    area's figures (`break_between`).
    """
    own = {p.year: p for p in _counted(points, after_year, target_year)}
    other = {p.year: p for p in _counted(compare_points, after_year, target_year)}
    years = sorted(own.keys() & other.keys())
    if not years:
        if baseline is not None and compare_baseline is not None:
            return _status(
                StatusKind.TOO_LITTLE_DATA,
                said(
                    Why.ONLY_BASELINES,
                    measure=measure,
                    baseline=baseline,
                    compare_baseline=compare_baseline,
                    compare=compare_name,
                    first=after_year + 1,
                ),
            )
        return _status(
            StatusKind.TOO_LITTLE_DATA,
            said(Why.NOTHING_TO_COMPARE, compare=compare_name, first=after_year + 1),
        )

    def gap(a: Dated, b: Dated) -> float:  # positive: the area is worse than the comparison
        return a.value - b.value if measure.lower_is_better else b.value - a.value

    def reached(a: Dated, b: Dated) -> bool:  # at or better than the comparison, when shown
        return round(gap(a, b), measure.decimals) <= 0

    latest, latest_other = own[years[-1]], other[years[-1]]
    judged = (Judged(latest), Judged(latest_other, compare_name))
    note = _secondary_note([latest, latest_other])

    def now(why: Why, **more) -> Reason:
        return said(
            why, measure=measure, latest=latest, other=latest_other, compare=compare_name, **more
        )

    if reached(latest, latest_other):
        return _achieved((now(Why.LEVEL_REACHED), *note), judged)
    if len(years) > 1:
        before, before_other = own[years[-2]], other[years[-2]]
    elif baseline is not None and compare_baseline is not None:
        before, before_other = baseline, compare_baseline
    else:
        return _status(StatusKind.TOO_LITTLE_DATA, now(Why.ONE_COMMON_YEAR), note, judged=judged)
    found = break_between(before.year, latest.year) if before.year is not None else None
    if found is not None:
        return _status(
            StatusKind.TOO_LITTLE_DATA,
            now(Why.BREAK, before=before, found=found),
            note,
            judged=judged,
        )
    final = latest.year >= target_year
    if continuous and not measure.better(latest.value, before.value):
        return _status(
            StatusKind.NOT_ACHIEVED if final else StatusKind.OFF_TRACK,
            now(Why.AREA_NOT_EVERY_YEAR, before=before),
            note,
            judged=judged,
        )
    worse = measure.lower_is_better
    before_gap = behind(before.value - before_other.value, worse)
    latest_gap = behind(latest.value - latest_other.value, worse)
    if narrowed(before_gap, latest_gap, measure.decimals):
        reasons = (now(Why.GAP_NARROWED), *note)
        if final:
            return _achieved(reasons, judged)
        return _status(StatusKind.ON_TRACK, reasons, judged=judged)
    return _status(
        StatusKind.NOT_ACHIEVED if final else StatusKind.OFF_TRACK,
        now(Why.GAP_NOT_NARROWED),
        note,
        judged=judged,
    )


def assess_rise_below_threshold(
    districts: dict[str, Sequence[Dated]],
    measure: Measure,
    *,
    threshold: Threshold,
    baseline_year: int,
    baseline_count: int | None,
    target_year: int,
) -> Status:
    """Every district on the wrong side of the threshold in the baseline year must improve.

    `districts` maps a district's name to its published points. The baseline districts are those
    whose baseline-year value is on the wrong side; if fewer are published than the strategy's
    count of such districts, there is too little data to say. A change within the survey's
    margin (both figures' `margin`, where known) is said to be so.
    """
    base = {
        name: next(p for p in pts if p.year == baseline_year)
        for name, pts in districts.items()
        if any(p.year == baseline_year for p in pts)
    }
    below = {name: p for name, p in base.items() if threshold.side(p.value) == Side.WRONG}
    wanted = baseline_count if baseline_count is not None else len(below)
    if not below or len(below) < wanted:
        return _status(
            StatusKind.TOO_LITTLE_DATA,
            said(
                Why.TOO_FEW_DISTRICTS, year=baseline_year, wanted=wanted, known=tuple(sorted(below))
            ),
        )
    latest = {}
    for name in below:
        later = _counted(districts[name], baseline_year, target_year)
        if later:
            latest[name] = later[-1]
    missing = sorted(set(below) - set(latest))
    if missing:
        return _status(
            StatusKind.TOO_LITTLE_DATA,
            said(Why.NOTHING_AFTER_BASELINE, year=baseline_year, missing=tuple(missing)),
            judged=tuple(Judged(latest[n], n, below[n]) for n in sorted(latest)),
        )
    judged = tuple(Judged(p, n, below[n]) for n, p in sorted(latest.items()))
    note = _secondary_note(list(latest.values()))
    final = min(p.year for p in latest.values()) >= target_year
    failing = sorted(n for n, p in latest.items() if not measure.better(p.value, below[n].value))
    if failing:
        return _status(
            StatusKind.NOT_ACHIEVED if final else StatusKind.OFF_TRACK,
            said(Why.NOT_RISEN_IN, measure=measure, failing=tuple(failing), changes=judged),
            note,
            judged=judged,
        )
    uncertain = tuple(
        (j.name, c.margin) for j in judged if (c := change(j.against, j.figure)).within_margin
    )
    reasons = (
        said(Why.RISEN_IN_ALL, measure=measure, changes=judged),
        *((said(Why.WITHIN_MARGIN_IN, uncertain=uncertain),) if uncertain else ()),
        *note,
    )
    if final:
        return _achieved(reasons, judged)
    return _status(StatusKind.ON_TRACK, reasons, judged=judged)


def assess_change(
    points: Sequence[Dated],
    measure: Measure,
    baseline: Point | None,
    *,
    target_year: int,
    after_year: int,
    hold: bool,
    continuous: bool,
) -> Status:
    """A fall from the baseline with no target value (`hold=False`), or at least held."""
    counted = _counted(points, after_year, target_year)
    if baseline is None:
        return _status(
            StatusKind.TOO_LITTLE_DATA,
            said(Why.NO_BASELINE, counted=len(counted), after=after_year),
            judged=(Judged(counted[-1]),) if counted else (),
        )
    if not counted:
        return _status(
            StatusKind.TOO_LITTLE_DATA, said(Why.ONLY_BASELINE, measure=measure, baseline=baseline)
        )
    latest = counted[-1]
    judged = (Judged(latest),)
    previous = counted[-2] if len(counted) > 1 else baseline
    note = _secondary_note([latest])
    ok = measure.better(latest.value, baseline.value) or (hold and latest.value == baseline.value)
    if ok and continuous and not measure.better(latest.value, previous.value):
        ok = False
    text = said(Why.SINCE_BASELINE, measure=measure, latest=latest, baseline=baseline)
    final = latest.year >= target_year
    if not ok:
        return _status(
            StatusKind.NOT_ACHIEVED if final else StatusKind.OFF_TRACK, text, note, judged=judged
        )
    if final:
        return _achieved((text, *note), judged)
    return _status(StatusKind.ON_TRACK, text, note, judged=judged)


def conclude(status: Status, *, target_year: int, when: StatusDate) -> Status:
    """Rule 6: once the status date is past the target year, a goal still on or off track has
    no figure for the target year, so whether it was reached cannot be said."""
    if when.as_of <= target_year or status.kind not in (StatusKind.ON_TRACK, StatusKind.OFF_TRACK):
        return status
    return replace(
        status.noting(said(Why.TARGET_YEAR_PASSED, year=target_year)),
        kind=StatusKind.TOO_LITTLE_DATA,
    )
