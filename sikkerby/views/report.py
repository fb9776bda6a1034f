"""Afrapportering: the yearly report to the committee (the site's `report_to`), made from the
pages' own views.

`build(store, period, year, today)` gathers the report of a strategy period with the statuses as
they stood when the survey edition `year` was published (`?status_aar=` on the overview): the
summary is the overview's cards in the presentation's summary table, each goal its overview card,
the districts the map's view for each of the period's thresholds, the cities the youth page's
cards, the principles the strategy page's view. So the document cannot say anything the pages do
not. `sikkerby.rapport` writes it as a Word document.
"""

from dataclasses import dataclass

import pandas as pd

from sikkerby import fmt, queries, site
from sikkerby.domain import coverage, registry
from sikkerby.domain.coverage import CoverageRow, RowsAre
from sikkerby.domain.goals import Assessment
from sikkerby.domain.status import StatusDate
from sikkerby.render import tables, text
from sikkerby.store import Store, per_store
from sikkerby.views import map as map_view
from sikkerby.views import method, overview, strategy, youth
from sikkerby.views.blocks import Chart, KeyFigure, StatusBlock, Table, data_date, rows_table
from sikkerby.views.map import MapView
from sikkerby.views.method import MethodView
from sikkerby.views.overview import GoalCard
from sikkerby.views.strategy import StrategyView

WORD_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOWNLOAD_LABEL = "Hent afrapporteringen som Word"
ASSESSED_BY = "Faglig vurdering fra "
ASSESSMENT_PLACEHOLDER = "[Skrives af {who} før afrapporteringen. Afsnittet er tomt i udkastet.]"
MAP_KEY = (
    "Tyk kant: bydelen er på den forkerte side af tærsklen. Stiplet kant: usikkerheden omkring "
    "bydelens tal når over tærsklen. Skraveret: intet offentliggjort tal. Tabellen herunder "
    "siger det samme for hver bydel, med ord."
)
SOURCE_HEADER = "Kilde"  # the summary's last column: every value's source beside it
COVERAGE_TITLE = "Hvilke tal findes? (et felt med »mangler« er ikke offentliggjort her)"


@dataclass(frozen=True)
class DistrictSection:
    heading: str  # "Utrygge i nabolaget i bydelene, 2020"
    note: str | None  # why the map shows an earlier year, or that there is none
    view: MapView | None  # None: no district figure up to the report's year
    table: pd.DataFrame | None  # each district: its figure, margin and side of the threshold
    rows: Table | None  # the published rows behind the map


@dataclass(frozen=True)
class CitySection:
    heading: str
    status: StatusBlock
    figures: tuple[KeyFigure, ...]
    gap_sentence: str | None
    chart: Chart
    rows: Table


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None
    figures: int  # how many of the report's figures come from it


@dataclass(frozen=True)
class Report:
    file_name: str
    title: str
    author: str  # "Sikker By-dashboardet"
    front: tuple[str, ...]  # period, year, data date
    status_note: str | None
    counts: str  # "6 mål: Nået: 1, Ikke på vej: 2, For få data: 3"
    summary_headers: tuple[str, ...]
    summary_rows: tuple[tuple[str, ...], ...]  # the presentation's summary, as text, and sources
    goals: tuple[GoalCard, ...]
    districts: tuple[DistrictSection, ...]
    cities_title: str  # "København mod de fire store byer"
    cities_intro: str | None
    cities: tuple[CitySection, ...]
    strategy: StrategyView
    principles_note: str | None  # the principles are another period's
    assessments: tuple[tuple[str, str], ...]  # (heading, placeholder)
    coverage: Table
    method: MethodView
    sources: tuple[Source, ...]


def cell_text(cell: overview.Cell) -> str:
    """A summary cell as text: '290 personer (Basis · 2017)'."""
    if isinstance(cell, str):
        return cell
    return "; ".join(f"{value} ({label})" if label else value for value, label in cell)


def _district_section(store: Store, indicator: registry.Indicator, year: int) -> DistrictSection:
    name = indicator.short_name
    shown = [y for y in map_view.year_options(store, indicator.map_key) if y <= year]
    if not shown:
        return DistrictSection(
            f"{name} i bydelene",
            f"Der er ingen offentliggjorte bydelstal for {name.lower()} til og med {year}.",
            None,
            None,
            None,
        )
    at = shown[-1]
    note = (
        None
        if at == year
        else f"Der er ingen offentliggjorte bydelstal for {year}; kortet viser {at}, det "
        "seneste år med tal."
    )
    view = map_view.build(store, indicator.map_key, at)
    measure = indicator.measure
    table = pd.DataFrame(
        {
            "Bydel": [d.name for d in view.data.districts],
            "Tal": [text.figure_text(d.figure, measure) for d in view.data.districts],
            "I forhold til tærsklen": [text.side_text(d) for d in view.data.districts],
            "Kilde": [
                d.figure.source_title if d.figure else text.MISSING for d in view.data.districts
            ],
        }
    )
    reg = queries.registry_of(store)
    figures = [d.figure for d in view.data.districts if d.figure is not None]
    return DistrictSection(
        f"{name} i bydelene, {at}",
        note,
        view,
        table,
        rows_table(figures, reg, f"Tal og kilder bag kortet, {at}"),
    )


def _coverage(assessed: tuple[Assessment, ...], last: int) -> Table:
    rows, first = [], last
    for a in assessed:
        rows.append(
            CoverageRow(
                # The measure named: a district goal's row is its count, not its districts.
                f"{text.goal_heading(a.goal)} ({a.indicator.short_name.lower()})",
                a.indicator.measure,
                tuple(f for f in a.series.figures if f.year is not None and f.year <= last),
                undated=tuple(
                    r for r in a.rows if r.year is None and r.indicator == a.goal.indicator
                ),
                hint=a.indicator.missing_hint,
            )
        )
        start = a.goal.baseline_year if a.goal.baseline_year is not None else a.period.start_year
        first = min(first, start)
    grid = coverage.grid(RowsAre.MEASURES, rows, first, last)
    return Table(COVERAGE_TITLE, tables.coverage_table(grid))


def _sources(tables_shown: list[Table | None]) -> tuple[Source, ...]:
    """Every source of a figure in the report's tables, each once with how many of the report's
    figures (rows of data/figures.csv) it gives, the most used first."""
    found: dict[str, list] = {}
    seen: set = set()
    for table in tables_shown:
        if table is None or table.frame.empty or "Kilde" not in table.frame:
            continue
        frame = table.frame
        for i, title in enumerate(frame["Kilde"]):
            url = frame["Link"].iloc[i] if "Link" in frame else None
            line = frame[tables.LINE].iloc[i] if tables.LINE in frame else (table.title, i)
            entry = found.setdefault(title, [None, 0])
            entry[0] = entry[0] or (url if isinstance(url, str) and url else None)
            if (title, line) not in seen:
                seen.add((title, line))
                entry[1] += 1
    made = [Source(title, url, n) for title, (url, n) in found.items()]
    return tuple(sorted(made, key=lambda s: (-s.figures, s.title)))


@dataclass(frozen=True)
class Offer:
    """The report a page offers for download: the overview's period, as of its survey edition."""

    label: str
    file_name: str
    period: str
    year: int


def offer(store: Store, period: str, edition: int | None, today: int) -> Offer | None:
    """The report of the overview's period as of its survey edition (else the newest edition it
    can be reported as of); None before the period's first edition."""
    found = overview.editions(store, period, today)
    if not found:
        return None
    year = edition if edition is not None else found[-1]
    label = f"{DOWNLOAD_LABEL} ({period}, status som ved {year})"
    return Offer(label, file_name(period, year), period, year)


def file_name(period: str, year: int) -> str:
    return f"{site.current().name} afrapportering {period} (status {year}).docx"


def title() -> str:
    """'Sikker By: afrapportering til Økonomiudvalget' (the site's name and committee)."""
    here = site.current()
    return f"{here.name}: afrapportering til {here.report_to}"


@per_store
def build(store: Store, period_id: str, year: int, today: int) -> Report:
    """The report of `period_id` with statuses as of the survey edition `year`."""
    reg = queries.registry_of(store)
    here = site.current()
    period = reg.period(period_id)
    view = overview.build(store, period_id, today, year)
    cards = tuple(c for _, group in view.groups for c in group)
    assessed = queries.assess_period(store, period_id, StatusDate(year, year))
    districts = tuple(
        _district_section(store, reg.indicators[t.indicator], year)
        for t in reg.thresholds
        if t.period == period_id and reg.indicators[t.indicator].map_key
    )
    cities_view = youth.build(store, year, year)
    period_goals = {g.goal_id for g in reg.goals_of(period_id)}
    cities = tuple(
        CitySection(c.heading, c.status, c.figures, c.gap_sentence, c.level, c.rows)
        for c in cities_view.cards
        if c.key in period_goals
    )
    principles = strategy.build(store, year, year)
    shown: list[Table | None] = [c.rows for c in cards]
    shown += [d.rows for d in districts]
    shown += [c.rows for c in cities]
    shown += [p.rows for p in principles.principles]
    shown += [principles.context]
    return Report(
        file_name=file_name(period_id, year),
        title=title(),
        author=here.dashboard,
        front=(
            period.title,
            f"Status som ved {here.survey} {year}",
            data_date(store),
            f"Udkast dannet af {here.dashboard}: tallene og statusserne er de samme som i "
            f"dashboardets Overblik for {period_id} med »{overview.edition_label()}« "
            f"sat til {year}.",
        ),
        status_note=view.status_note,
        counts=f"{view.total}: {view.counts_text}",
        summary_headers=(*overview.SUMMARY_HEADERS, SOURCE_HEADER),
        summary_rows=tuple(
            (*(cell_text(c) for c in row), overview.summary_source(card))
            for row, card in zip(overview.summary_rows(list(cards)), cards, strict=True)
        ),
        goals=cards,
        districts=districts,
        cities_title=here.versus,
        cities_intro=cities_view.intro if cities else None,
        cities=cities,
        strategy=principles,
        principles_note=None
        if period_id == here.strategy_page.period
        else f"Principperne for {period_id} mangler her; de står i "
        f"{site.genitive(here.municipality)} strategi for perioden. Her står principperne fra "
        f"strategien {here.strategy_page.period}, som aktivitetstallene hører til.",
        assessments=tuple(
            (ASSESSED_BY + who, ASSESSMENT_PLACEHOLDER.format(who=who)) for who in here.assessments
        ),
        coverage=_coverage(assessed, year),
        method=method.build(store, year),
        sources=_sources(shown),
    )


def describe(report: Report) -> str:
    """One line for a download or the command line: what the document holds."""
    return (
        f"{report.file_name}: {fmt.count(len(report.goals), 'mål', 'mål')}, "
        f"{fmt.count(len(report.sources), 'kilde', 'kilder')}."
    )
