"""Overblik: where each goal of a strategy period stands against its baseline and target.

URL: /?periode=<period>. `resolve` reads the URL (an unknown period falls back with a notice);
`build` makes everything the page shows for one period, once per period and year.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from sikkerby import fmt, queries, site
from sikkerby.domain import registry
from sikkerby.domain.goals import Assessment
from sikkerby.domain.status import StatusDate, StatusKind
from sikkerby.render import charts, links, text
from sikkerby.render.links import Link
from sikkerby.render.verdict import LABELS
from sikkerby.store import Store, per_store
from sikkerby.views.blocks import (
    Chart,
    Choice,
    Download,
    GoalFigures,
    KeyFigure,
    StatusBlock,
    Table,
    figures_download,
    goal_figures,
    rows_table,
    status_block,
)

FILES_TITLE = "Alle tal og kilder"
FILES_NAME = "alle tal"
ROWS_TITLE = "Tal og kilder bag målet"
# Every goal of a period in one table (the presentation's summary slide, the yearly report).
SUMMARY_HEADERS = ("Mål", "Basis", "Seneste", "Målværdi", "Status")
NO_TARGET = "ikke oplyst"


TODAY_LABEL = "I dag (alle offentliggjorte tal)"
TODAY = "i dag"  # the status choice of today's statuses (the URL leaves it out)


def title() -> str:
    """'Sikker By – hvor står målene?' (the site's name)."""
    return f"{site.current().name} – hvor står målene?"


def edition_label() -> str:
    """The choice of statuses as of a survey edition: 'Status i dag eller som ved …'."""
    return f"Status i dag eller som ved {site.current().survey}"


@dataclass(frozen=True)
class Request:
    period: Choice
    edition: int | None  # statuses as of this survey edition; None: today's
    notices: tuple[str, ...]


@dataclass(frozen=True)
class GoalCard:
    key: str
    heading: str
    status: StatusBlock
    indicator: str  # "Andel utrygge i eget nabolag (København)"
    parts: GoalFigures  # the large numbers: baseline, latest, target
    goal_text: str
    links: tuple[Link, ...]
    chart: Chart
    rows: Table

    @property
    def figures(self) -> tuple[KeyFigure, ...]:
        return self.parts.all


@dataclass(frozen=True)
class StatusCount:
    label: str
    count: int
    icon: str
    colour: str


@dataclass(frozen=True)
class OverviewView:
    title: str
    period_note: str | None
    status_note: str | None  # what statuses as of an earlier edition rest on
    total: str  # "6 mål"
    counts: tuple[StatusCount, ...]  # the statuses that occur, in a fixed order
    how_to_read: str
    groups: tuple[tuple[str, tuple[GoalCard, ...]], ...]  # (heading, cards)
    present: Link  # the period's presentation
    method: Link  # how a status is decided

    @property
    def counts_text(self) -> str:
        """'Nået: 1, Ikke nået: 2, For få data: 3' (a slide's heading, the report's summary)."""
        return ", ".join(f"{c.label}: {c.count}" for c in self.counts)


def resolve(store: Store, params: Mapping[str, str], today: int) -> Request:
    reg = queries.registry_of(store)
    options = {p.period: p.period for p in reg.periods}
    period, notice = links.choose(
        params.get(links.PERIOD), options, reg.default_period.period, "strategiperiode"
    )
    notices = [notice] if notice else []
    years = {str(y): str(y) for y in editions(store, period, today)}
    raw = params.get(links.EDITION)
    year, notice = links.choose(raw, years, "", "statusår", shown_default=TODAY_LABEL.lower())
    if notice:
        notices.append(notice)
    edition = int(year) if year else None
    return Request(
        Choice(links.PERIOD, "Strategiperiode", options, period), edition, tuple(notices)
    )


def editions(store: Store, period_id: str, today: int) -> tuple[int, ...]:
    """The survey editions a period's statuses can be seen as of: from its first year to the
    year after its last (that edition has the police's figures for the last year), not after
    `today` nor after the newest edition in the data. None before the period's first edition."""
    period = queries.registry_of(store).period(period_id)
    last = min(period.end_year + 1, today, queries.newest_edition(store) or today)
    return tuple(range(period.start_year, last + 1))


def status_note(edition: int | None) -> str | None:
    """What a status as of an edition rests on (None: today's statuses, on every figure)."""
    if edition is None:
        return None
    return (
        f"Status som ved {site.current().survey} {edition}: kun tal for de år, der var "
        f"offentliggjort da, tæller (undersøgelsens tal til og med {edition}, politiets "
        f"anmeldelsestal og Danmarks Statistiks tal til og med {edition - 1}). For de år "
        "bruges de tal, dashboardet har i dag, så et tal, der er rettet siden, tæller med sin "
        "rettelse. Et mål, hvis målår ikke var kommet, kan ikke være »Ikke nået«."
    )


def status_choice(choice: int | str) -> str:
    """The name of a status choice: »I dag« (`TODAY`) or an edition's year."""
    return "I dag" if choice == TODAY else str(choice)


def url_params(period: str, edition: int | None = None) -> dict[str, str]:
    """The URL parameters of the overview of `period` (statuses as of `edition`)."""
    return links.overview(period, edition=edition).params


def goal_source(a: Assessment, table: str = ROWS_TITLE, where: str = "nedenfor") -> str:
    """The "Kilde:" line of a goal's chart, pointing to the table of its sources, `where` it is
    (below on the overview; a slide names the overview)."""
    return text.source_line(a.rows, a.indicator.source, table=table, hollow=True, where=where)


def goal_chart(a: Assessment, table: str = ROWS_TITLE) -> Chart:
    """A goal's chart with its "Kilde:" line, or what is missing when there is nothing to draw."""
    spec = charts.goal_chart(a)
    # What would fill the gap stands in the goal's status block.
    missing = None
    if spec is None:
        missing = f"Der er ingen offentliggjorte tal at tegne for {a.area.name}."
        if a.goal.baseline is not None and a.goal.baseline.year is None:
            missing = (
                f"Der er ingen offentliggjorte tal at tegne for {a.area.name} over tid: basis "
                "er oplyst uden år og står derfor kun som tal."
            )
    return Chart(spec, goal_source(a, table), missing)


Cell = str | list[tuple[str, str]]  # a text, or values each with what it is ("Basis · 2017")


def _cells(figures: tuple[KeyFigure, ...]) -> list[tuple[str, str]]:
    """A summary cell: each value with its label where the label says more than the column
    (a year or an area: "Basis · 2017", "Bispebjerg · 2025"; not "Basis" alone)."""
    return [(f.value, f.label if "·" in f.label else "") for f in figures]


def summary_rows(cards: list[GoalCard]) -> list[list[Cell]]:
    """One row per goal under SUMMARY_HEADERS: the cards' own large numbers and status."""
    return [
        [
            c.heading,
            _cells(c.parts.baseline),
            _cells(c.parts.latest),
            _cells((c.parts.target,)) if c.parts.target else NO_TARGET,
            f"{c.status.symbol} {c.status.label}",
        ]
        for c in cards
    ]


def summary_source(c: GoalCard) -> str:
    """A summary row's sources: each source of its values once, and which of the row's columns
    it gives where the columns have more than one ("Kilde A (basis, mål); Kilde B (seneste)")."""
    parts = (
        ("basis", c.parts.baseline),
        ("seneste", c.parts.latest),
        ("mål", (c.parts.target,) if c.parts.target else ()),
    )
    found: dict[str, list[str]] = {}
    for column, figures in parts:
        for title in (t for f in figures for t in f.sources):
            if column not in found.setdefault(title, []):
                found[title].append(column)
    if not found:
        return "Ingen offentliggjorte tal."
    if len(found) == 1:
        return next(iter(found))
    return "; ".join(f"{title} ({', '.join(columns)})" for title, columns in found.items())


def _links(store: Store, a: Assessment) -> tuple[Link, ...]:
    reg = queries.registry_of(store)
    found = []
    if a.goal.district_indicator:
        district = reg.indicators[a.goal.district_indicator]
        if district.map_key:
            found.append(links.district_map(district.map_key))
    if a.goal.goal_id in queries.youth_goal_ids(store):
        found.append(links.youth(f"Se {site.current().versus}"))
    if a.area.kind in registry.PAGE_KINDS:
        found.append(links.area(a.area.area_id, f"Se alle tal for {a.area.name}"))
    return tuple(found)


def card(store: Store, a: Assessment) -> GoalCard:
    reg = queries.registry_of(store)
    return GoalCard(
        key=a.goal.goal_id,
        heading=text.goal_heading(a.goal),
        status=status_block(a),
        indicator=text.measure_of(a.indicator.name, a.area.name),
        parts=goal_figures(a),
        goal_text=a.goal.description,
        links=_links(store, a),
        chart=goal_chart(a),
        rows=rows_table(a.rows, reg, ROWS_TITLE, note=a.goal.note),
    )


@per_store
def build(store: Store, period_id: str, as_of: int, edition: int | None = None) -> OverviewView:
    """The overview of one strategy period, with statuses as of the year `as_of`; with an
    `edition`, as they stood when that survey edition was published (`StatusDate.shown`)."""
    reg = queries.registry_of(store)
    period = reg.period(period_id)
    assessed = queries.assess_period(store, period_id, StatusDate.shown(as_of, edition))
    cards = [card(store, a) for a in assessed]
    counts = []
    for kind in StatusKind:
        n = sum(a.status.kind == kind for a in assessed)
        if n:
            icon, colour = text.STATUS_BADGES[kind]
            counts.append(StatusCount(LABELS[kind], n, icon, colour))
    groups = dict.fromkeys(a.goal.group for a in assessed)
    return OverviewView(
        title=title(),
        period_note=period.note,
        status_note=status_note(edition),
        total=fmt.count(len(assessed), "mål", "mål"),
        counts=tuple(counts),
        how_to_read=text.HOW_TO_READ,
        # The slides show today's statuses; from an earlier edition, the link says so.
        present=links.presentation(
            period_id,
            label=f"Præsentér {period_id} på en skærm"
            + (" (med dagens status)" if edition is not None else ""),
        ),
        method=links.method(),
        groups=tuple(
            (group, tuple(c for c, a in zip(cards, assessed, strict=True) if a.goal.group == group))
            for group in groups
        ),
    )


@per_store
def download(store: Store, made: date) -> Download:
    """Every published figure with its source, margin and threshold, in files dated `made`."""
    files = figures_download(queries.published(store), queries.registry_of(store), FILES_NAME, made)
    return replace(files, heading=FILES_TITLE)
