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
numbers exactly what the status rests on.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Protocol

from sikkerby import fmt
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


LABELS = {
    StatusKind.ACHIEVED: "Nået",
    StatusKind.PROVISIONAL: "Foreløbig nået",
    StatusKind.ON_TRACK: "På vej",
    StatusKind.OFF_TRACK: "Ikke på vej",
    StatusKind.NOT_ACHIEVED: "Ikke nået",
    StatusKind.TOO_LITTLE_DATA: "For få data",
}


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
    reason: str
    judged: tuple[Judged, ...] = ()

    @property
    def label(self) -> str:
        return LABELS[self.kind]


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


def _secondary_note(points: Sequence[Dated]) -> str:
    secondary = [p for p in points if p.secondary]
    if not secondary:
        return ""
    years = fmt.listing([str(y) for y in sorted({p.year for p in secondary})])
    if len(secondary) == 1:
        return (
            f" Tallet for {years} bygger på en sekundær kilde, der ikke er bekræftet mod "
            "kommunens egen rapport."
        )
    return (
        f" Tallene for {years} bygger på sekundære kilder, der ikke er bekræftet mod "
        "kommunens egen rapport."
    )


def _margin_note(figure: Dated, reference: float) -> str:
    margin = figure.margin
    if within(figure.value - reference, margin):
        return (
            f" Forskellen er inden for undersøgelsens statistiske usikkerhed "
            f"({fmt.margin(margin)})."
        )
    return ""


def _since(after_year: int) -> str:
    return f"fra {after_year + 1} og frem"


def _achieved(reason: str, judged: tuple[Judged, ...]) -> Status:
    """Achieved, unless it rests on a secondary source: then provisional until confirmed."""
    if any(j.figure.secondary for j in judged):
        return Status(
            StatusKind.PROVISIONAL,
            reason + " Status bliver »Nået«, når et primært tal bekræfter det.",
            judged,
        )
    return Status(StatusKind.ACHIEVED, reason, judged)


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
        return Status(
            StatusKind.TOO_LITTLE_DATA,
            f"Der er ikke offentliggjort tal fra {after_year + 1} til {target.year}.",
        )
    latest = counted[-1]
    judged = (Judged(latest),)
    note = _secondary_note([latest])
    goal = f"målet på {measure.show(target.value)} i {target.year}"
    if measure.meets(latest.value, target.value):
        return _achieved(
            f"{measure.show(latest.value)} i {latest.year}: {goal} er nået."
            + _margin_note(latest, target.value)
            + note,
            judged,
        )
    if latest.year >= target.year:
        return Status(
            StatusKind.NOT_ACHIEVED,
            f"{goal[0].upper()}{goal[1:]} er ikke nået: {measure.show(latest.value)} "
            f"i {latest.year}." + _margin_note(latest, target.value) + note,
            judged,
        )
    previous = counted[-2] if len(counted) > 1 else baseline
    if continuous and previous is not None and not measure.better(latest.value, previous.value):
        when = f" ({previous.year})" if previous.year is not None else " (basis)"
        return Status(
            StatusKind.OFF_TRACK,
            f"{measure.movement(previous.value, latest.value).capitalize()} fra "
            f"{measure.show(previous.value)}{when} til {measure.show(latest.value)} "
            f"({latest.year}); målet kræver {measure.improvement} hvert år." + note,
            judged,
        )
    if baseline is None or baseline.year is None:
        return Status(
            StatusKind.TOO_LITTLE_DATA,
            f"Seneste tal er {measure.show(latest.value)} ({latest.year}), men basisåret er ikke "
            "oplyst, så vejen mod målet kan ikke tegnes og forløbet ikke vurderes." + note,
            judged,
        )
    expected = path_value(baseline, target, latest.year)
    on_path = measure.meets(latest.value, expected)
    side = "på den gode side af" if on_path else "på den forkerte side af"
    return Status(
        StatusKind.ON_TRACK if on_path else StatusKind.OFF_TRACK,
        f"{measure.show(latest.value)} i {latest.year} er {side} den lige vej mod målet "
        f"({measure.show(expected)} i {latest.year})." + _margin_note(latest, expected) + note,
        judged,
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
            return Status(
                StatusKind.TOO_LITTLE_DATA,
                f"Kun basisværdierne er offentliggjort: {measure.show(baseline.value)} mod "
                f"{measure.show(compare_baseline.value)} for {compare_name}. Der er ingen "
                f"sammenlignelige tal {_since(after_year)}.",
            )
        return Status(
            StatusKind.TOO_LITTLE_DATA,
            f"Der er ingen offentliggjorte tal for både området og {compare_name} "
            f"{_since(after_year)}.",
        )

    def gap(a: Dated, b: Dated) -> float:  # positive: the area is worse than the comparison
        return a.value - b.value if measure.lower_is_better else b.value - a.value

    def reached(a: Dated, b: Dated) -> bool:  # at or better than the comparison, when shown
        return round(gap(a, b), measure.decimals) <= 0

    latest, latest_other = own[years[-1]], other[years[-1]]
    judged = (Judged(latest), Judged(latest_other, compare_name))
    note = _secondary_note([latest, latest_other])
    now = (
        f"{measure.show(latest.value)} mod {measure.show(latest_other.value)} for "
        f"{compare_name} i {latest.year}"
    )
    if reached(latest, latest_other):
        return _achieved(f"{now}: niveauet er nået." + note, judged)
    if len(years) > 1:
        before, before_other = own[years[-2]], other[years[-2]]
    elif baseline is not None and compare_baseline is not None:
        before, before_other = baseline, compare_baseline
    else:
        return Status(
            StatusKind.TOO_LITTLE_DATA,
            f"{now}. Der er kun ét år med tal for begge, så udviklingen kan ikke vurderes." + note,
            judged,
        )
    found = break_between(before.year, latest.year) if before.year is not None else None
    if found is not None:
        return Status(
            StatusKind.TOO_LITTLE_DATA,
            f"{now}. Tallene kan ikke sammenlignes med {before.year} (brud: {found.label}), så "
            "udviklingen kan ikke vurderes." + note,
            judged,
        )
    final = latest.year >= target_year
    if continuous and not measure.better(latest.value, before.value):
        return Status(
            StatusKind.NOT_ACHIEVED if final else StatusKind.OFF_TRACK,
            f"{now}; området {measure.movement(before.value, latest.value)} fra "
            f"{measure.show(before.value)}, og målet kræver {measure.improvement} hvert år." + note,
            judged,
        )
    worse = measure.lower_is_better
    before_gap = behind(before.value - before_other.value, worse)
    latest_gap = behind(latest.value - latest_other.value, worse)
    if narrowed(before_gap, latest_gap, measure.decimals):
        reason = f"{now}: afstanden er blevet mindre." + note
        if final:
            return _achieved(reason, judged)
        return Status(StatusKind.ON_TRACK, reason, judged)
    return Status(
        StatusKind.NOT_ACHIEVED if final else StatusKind.OFF_TRACK,
        f"{now}: afstanden er ikke blevet mindre." + note,
        judged,
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
        known = (
            f"kun {fmt.listing(sorted(below))} har offentliggjorte bydelstal her"
            if below
            else f"bydelenes tal for {baseline_year} er ikke offentliggjort her"
        )
        return Status(
            StatusKind.TOO_LITTLE_DATA,
            f"I {baseline_year} var {wanted} bydele på den forkerte side af tærsklen, men {known}.",
        )
    latest = {}
    for name in below:
        later = _counted(districts[name], baseline_year, target_year)
        if later:
            latest[name] = later[-1]
    missing = sorted(set(below) - set(latest))
    if missing:
        return Status(
            StatusKind.TOO_LITTLE_DATA,
            f"Der er ingen tal efter {baseline_year} for {fmt.listing(missing)}.",
            tuple(Judged(latest[n], n, below[n]) for n in sorted(latest)),
        )
    judged = tuple(Judged(p, n, below[n]) for n, p in sorted(latest.items()))
    changes = [
        f"{name} {measure.show(below[name].value)} → {measure.show(p.value)} ({p.year})"
        for name, p in sorted(latest.items())
    ]
    note = _secondary_note(list(latest.values()))
    final = min(p.year for p in latest.values()) >= target_year
    failing = sorted(n for n, p in latest.items() if not measure.better(p.value, below[n].value))
    if failing:
        return Status(
            StatusKind.NOT_ACHIEVED if final else StatusKind.OFF_TRACK,
            f"Ikke {measure.improvement} i {fmt.listing(failing)}: {'; '.join(changes)}." + note,
            judged,
        )
    uncertain = []
    for name, p in sorted(latest.items()):
        since_baseline = change(below[name], p)
        if since_baseline.within_margin:
            uncertain.append(f"{name} ({fmt.margin(since_baseline.margin)})")
    margin_text = (
        f" Ændringen i {fmt.listing(uncertain)} er inden for den statistiske usikkerhed."
        if uncertain
        else ""
    )
    reason = (
        f"{measure.improvement.capitalize()} i alle {len(below)} bydele: {'; '.join(changes)}."
        + margin_text
        + note
    )
    if final:
        return _achieved(reason, judged)
    return Status(StatusKind.ON_TRACK, reason, judged)


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
        return Status(
            StatusKind.TOO_LITTLE_DATA,
            "Basis er ikke oplyst, så udviklingen kan ikke vurderes"
            + (f" ({len(counted)} tal efter {after_year})." if counted else "."),
            (Judged(counted[-1]),) if counted else (),
        )
    if not counted:
        year = f", {baseline.year}" if baseline.year else ""
        return Status(
            StatusKind.TOO_LITTLE_DATA,
            f"Kun basisværdien er offentliggjort ({measure.show(baseline.value)}{year}).",
        )
    latest = counted[-1]
    judged = (Judged(latest),)
    previous = counted[-2] if len(counted) > 1 else baseline
    note = _secondary_note([latest])
    ok = measure.better(latest.value, baseline.value) or (hold and latest.value == baseline.value)
    if ok and continuous and not measure.better(latest.value, previous.value):
        ok = False
    text = (
        f"{measure.show(latest.value)} i {latest.year} mod {measure.show(baseline.value)} "
        "ved basis."
    )
    final = latest.year >= target_year
    if not ok:
        return Status(
            StatusKind.NOT_ACHIEVED if final else StatusKind.OFF_TRACK, text + note, judged
        )
    if final:
        return _achieved(text + note, judged)
    return Status(StatusKind.ON_TRACK, text + note, judged)


def conclude(status: Status, *, target_year: int, as_of: int) -> Status:
    """Rule 6: once `as_of` is past the target year, a goal still on or off track has no figure
    for the target year, so whether it was reached cannot be said."""
    if as_of <= target_year or status.kind not in (StatusKind.ON_TRACK, StatusKind.OFF_TRACK):
        return status
    return replace(
        status,
        kind=StatusKind.TOO_LITTLE_DATA,
        reason=f"{status.reason} Målåret {target_year} er passeret, men der er ikke "
        f"offentliggjort tal for {target_year}, så det kan ikke afgøres, om målet blev nået.",
    )
