"""The pieces several screens share, already decided: a goal's status block and large numbers,
a chart with its "Kilde:" line, a table of sources, a choice bound to the URL.

Every text here is plain text: a page shows it as written (text from the data files is never
read as Markdown or HTML).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

import pandas as pd
from babel.dates import format_date

from sikkerby import fmt
from sikkerby.domain import series
from sikkerby.domain.goals import Assessment
from sikkerby.domain.registry import Measure, Registry, Side
from sikkerby.domain.series import Figure
from sikkerby.domain.status import Judged, StatusKind
from sikkerby.render import download, tables, text, verdict
from sikkerby.store import Store

COPENHAGEN = ZoneInfo("Europe/Copenhagen")  # a version's day, as the city's staff see it


@dataclass(frozen=True)
class StatusBlock:
    """A goal's status as every screen shows it: badge, reason and what is missing."""

    kind: StatusKind
    label: str
    icon: str
    colour: str
    reason: str
    missing: str | None  # what would fill the gap, when there is too little data
    heading: str | None = None  # the goal, where the block stands on its own
    symbol: str = "?"  # the icon as a character, where Streamlit's icons are not drawn


@dataclass(frozen=True)
class KeyFigure:
    """One large number: what it is, the value, its source and caveats, and a change."""

    label: str
    value: str
    help: str | None = None
    delta: str | None = None  # a change to show beside the value
    higher_is_better: bool = True  # for the change's colour (its arrow and text say it too)
    # The titles of the sources behind the value (for a calculation: behind the figures it is
    # calculated from), said visibly under the group of large numbers (`figures_source`).
    sources: tuple[str, ...] = ()


def sources_of(*figures: Figure | None) -> tuple[str, ...]:
    """The source titles of `figures` (None: no figure), each once, for `KeyFigure.sources`."""
    return series.source_titles(figures)


def figures_source(figures: Sequence[KeyFigure]) -> str | None:
    """'Kilde: a; b.' under a group of large numbers: every source behind them, each once, so a
    projector or a touch screen shows what the hover help says. None when no number has one."""
    titles = list(dict.fromkeys(t for f in figures for t in f.sources))
    return f"Kilde: {'; '.join(titles)}." if titles else None


@dataclass(frozen=True)
class Chart:
    spec: dict | None  # Vega-Lite; None: nothing to draw
    source: str  # the "Kilde:" line under it
    missing: str | None = None  # said instead of the chart when there is nothing to draw
    title: str | None = None


@dataclass(frozen=True)
class Table:
    title: str
    frame: pd.DataFrame
    note: str | None = None
    link_column: str | None = None  # a column of source addresses, shown as links


@dataclass(frozen=True)
class Choice:
    """A choice bound to a URL parameter: the options by their Danish names, and the value."""

    param: str
    label: str
    options: dict = field(default_factory=dict)  # value -> Danish name
    value: object = None


def status_block(a: Assessment, heading: str | None = None) -> StatusBlock:
    icon, colour = text.STATUS_BADGES[a.status.kind]
    return StatusBlock(
        kind=a.status.kind,
        label=verdict.label(a.status),
        icon=icon,
        colour=colour,
        reason=verdict.reason(a.status),
        missing=a.missing_hint,
        heading=heading,
        symbol=text.STATUS_SYMBOLS[a.status.kind],
    )


def with_source(figure: Figure | None, measure: Measure, lead: str = "") -> str | None:
    """A large number's help: what it is, caveats about its source, and the source."""
    if figure is None:
        return lead or None
    parts = [lead, text.source_notes(figure, measure), text.figure_source(figure)]
    return " ".join(p for p in parts if p)


def labelled(label: str, figure: Figure | None, measure: Measure) -> str:
    """A large number's label, saying beside the value (not only in its help) when the sources
    for its year disagree: 'Basis · 2022 · kilderne er uenige: 6 til 7 bydele'."""
    found = text.disagreement(figure, measure)
    return f"{label} · {found}" if found else label


def _judged_figure(j: Judged, a: Assessment, measure: Measure) -> KeyFigure:
    if a.threshold is not None:  # a district, set against its baseline
        since = series.change(j.against, j.figure)
        lead = f"{fmt.sentence(text.change_text(since, measure))}."
        return KeyFigure(
            labelled(f"{j.name} · {j.figure.year}", j.figure, measure),
            text.shown(measure, j.figure.value),
            with_source(j.figure, measure, lead),
            delta=text.change_amount(since, measure),
            higher_is_better=not measure.lower_is_better,
            sources=sources_of(j.figure, j.against),
        )
    if a.compare is None:
        name = "Seneste"
    elif j.name is None:  # the goal's area, and below the area it is compared with
        name = a.area.name
    else:
        name = a.compare.label
    lead = "Seneste offentliggjorte tal til og med målåret."
    return KeyFigure(
        labelled(f"{name} · {j.figure.year}", j.figure, measure),
        text.shown(measure, j.figure.value),
        with_source(j.figure, measure, lead),
        sources=sources_of(j.figure),
    )


def _unjudged_districts(a: Assessment, measure: Measure) -> list[KeyFigure]:
    """A district goal whose status could not be judged: what is missing (the districts'
    figures for the baseline year, or any after it) and the latest figure of each district its
    chart draws, so the large numbers and the chart say the same."""
    goal, t = a.goal, a.threshold
    base = goal.baseline_year
    shown = a.shown_districts
    has_base = any(d.at(base) for d in shown)
    label = f"Bydelenes tal efter {base}" if has_base else f"Bydelenes tal · {base}"
    figures = [KeyFigure(label, "ingen tal", a.missing_hint)]
    for d in shown:
        counted = [f for f in d.figures if base <= f.year <= goal.target_year]
        if not counted:
            continue
        f = counted[-1]
        side = f"{text.side_word(t)} tærsklen på {text.shown(measure, t.value)}"
        side = fmt.sentence(side) if t.side(f.value) == Side.WRONG else f"Ikke {side}"
        if f.year == base:
            lead = f"{side}; intet senere tal at sammenligne med."
        elif d.at(base) is None:
            lead = f"{side}; intet tal for {base} at sammenligne med."
        else:
            lead = f"{side}."
        figures.append(
            KeyFigure(
                labelled(f"{d.area.name} · {f.year}", f, measure),
                text.shown(measure, f.value),
                with_source(f, measure, lead),
                sources=sources_of(f),
            )
        )
    return figures


@dataclass(frozen=True)
class GoalFigures:
    """A goal's large numbers in their parts: the summary slide's columns are these parts."""

    baseline: tuple[KeyFigure, ...]  # its baseline (and the comparison's)
    latest: tuple[KeyFigure, ...]  # the figures its status was judged on, or what is missing
    target: KeyFigure | None
    # A district goal that could not be judged: each drawn district's latest figure, shown
    # beside its chart (the summary's »Seneste« is what the status rests on: `latest`).
    drawn: tuple[KeyFigure, ...] = ()

    @property
    def all(self) -> tuple[KeyFigure, ...]:
        return (
            *self.baseline,
            *self.latest,
            *self.drawn,
            *((self.target,) if self.target else ()),
        )


def goal_figures(a: Assessment) -> GoalFigures:
    """The large numbers of a goal: its baseline (and the comparison's), the figures its status
    was judged on, and its target, each with its source."""
    goal, measure = a.goal, a.indicator.measure
    judged_measure = (a.district_indicator or a.indicator).measure
    baseline = []
    if goal.baseline is None:
        baseline.append(
            KeyFigure("Basis", "ikke oplyst", "Målets beskrivelse oplyser ingen basis.")
        )
    else:
        label = f"Basis · {fmt.year(goal.baseline_year)}"
        if a.threshold is not None:
            label = f"Bydele {text.side_word(a.threshold)} tærsklen · {goal.baseline_year}"
        baseline.append(
            KeyFigure(
                labelled(label, a.baseline, measure),
                text.shown(measure, goal.baseline_value),
                with_source(a.baseline, measure),
                sources=sources_of(a.baseline),
            )
        )
    if goal.compare_baseline is not None:
        baseline.append(
            KeyFigure(
                labelled(
                    f"{a.compare.label}, basis · {fmt.year(goal.compare_baseline_year)}",
                    a.compare_baseline,
                    measure,
                ),
                text.shown(measure, goal.compare_baseline_value),
                with_source(a.compare_baseline, measure),
                sources=sources_of(a.compare_baseline),
            )
        )
    judged = a.status.judged
    latest = [_judged_figure(j, a, judged_measure) for j in judged]
    drawn: list[KeyFigure] = []
    if not judged and a.threshold is not None:
        missing, *drawn = _unjudged_districts(a, judged_measure)
        latest.append(missing)
    elif not judged:
        latest.append(KeyFigure("Seneste i perioden", "ingen tal", a.missing_hint))
    target = None
    if goal.target is not None:
        word = "højst" if measure.lower_is_better else "mindst"
        target = KeyFigure(
            f"Mål · {goal.target_year}",
            f"{word} {text.shown(measure, goal.target_value)}",
            with_source(a.target, measure),
            sources=sources_of(a.target),
        )
    return GoalFigures(tuple(baseline), tuple(latest), target, tuple(drawn))


def key_figures(a: Assessment) -> tuple[KeyFigure, ...]:
    """The large numbers of a goal, in the order the pages show them."""
    return goal_figures(a).all


def rows_table(rows: tuple[Figure, ...], reg: Registry, title: str, note=None) -> Table:
    return Table(title, tables.rows_table(rows, reg), note=note, link_column="Link")


FILES_TITLE = "Tal til mødet"
CSV_LABEL = "Hent tallene som CSV"
EXCEL_LABEL = "Hent tallene som Excel"


@dataclass(frozen=True)
class Download:
    """Published figures as files (CSV for Danish Excel, and Excel), and as the page lists them."""

    title: str  # "Tallene i filerne (24 rækker)"
    table: pd.DataFrame  # numbers as numbers, as in the files
    shown: pd.DataFrame  # the same rows with Danish numbers, as on the page
    csv: bytes
    excel: bytes
    csv_name: str
    excel_name: str
    heading: str = FILES_TITLE
    csv_label: str = CSV_LABEL
    excel_label: str = EXCEL_LABEL


def figures_download(figures: tuple[Figure, ...], reg: Registry, name: str, made: date) -> Download:
    """The figures with their sources, margins and thresholds, in files named after `name`."""
    table = tables.figures_table(figures, reg)
    return Download(
        title=f"Tallene i filerne ({fmt.count(len(table), 'række', 'rækker')})",
        table=table,
        shown=tables.figures_shown(table),
        csv=download.csv_bytes(table),
        excel=download.excel_bytes(table),
        csv_name=download.file_name(name, made, "csv"),
        excel_name=download.file_name(name, made, "xlsx"),
    )


def data_date(store: Store) -> str:
    """'Data: version 3, offentliggjort 1. december 2026.' (the version the figures are from)."""
    if store.published is None:
        return "Data: dashboardets egne tal."
    local = store.published.astimezone(COPENHAGEN).date()
    day = format_date(local, "d. MMMM y", locale=fmt.LOCALE)
    return f"Data: version {store.version}, offentliggjort {day}."
