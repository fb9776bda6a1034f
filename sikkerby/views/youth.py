"""Unge: Copenhagen's young people charged with crime against the strategy's comparison cities
(goals 3 and 4 of 2018-2021), with Danmarks Statistik's public figures as context.

URL: /unge (no parameters). `build` makes everything the page shows.
"""

from dataclasses import dataclass, replace

from sikkerby import fmt, queries, site
from sikkerby.domain import registry
from sikkerby.domain.series import Gap
from sikkerby.domain.status import StatusDate
from sikkerby.domain.youth import YouthGoal
from sikkerby.render import charts, tables, text
from sikkerby.store import Store, per_store
from sikkerby.views.blocks import (
    Chart,
    KeyFigure,
    StatusBlock,
    Table,
    rows_table,
    sources_of,
    status_block,
)
from sikkerby.views.overview import goal_chart

ROWS_TITLE = "Tal og kilder"
CONTEXT_ROWS_TITLE = "Tal og kilder fra Danmarks Statistik"
CONTEXT_TITLE = "Offentlige tal fra Danmarks Statistik – en anden målestok"


def _only_baselines(here: site.Site) -> str:
    return (
        "Kun strategiens basisværdier er offentliggjort. Der er ingen årlige tal efter basis for "
        f"{here.city}, {site.genitive(here.comparison)} gennemsnit eller byerne hver for sig, så "
        "siden kan ikke vise, om afstanden er blevet mindre. De årlige tal er et særudtræk, som "
        "Danmarks Statistik laver til kommunen; de er ikke offentliggjort."
    )


def intro(goals: list[YouthGoal]) -> str:
    """'Strategiens mål 3 og 4 (2018-2021): …', from the youth goals and their comparison."""
    first = goals[0].assessment
    numbers = fmt.listing([y.assessment.goal.number for y in goals if y.assessment.goal.number])
    cities = fmt.listing([m.area.name for m in goals[0].members])
    return (
        f"Strategiens mål {numbers} ({first.period.period}): andelen af unge i "
        f"{first.area.name}, der sigtes, skal falde hvert år og nærme sig gennemsnittet for "
        f"{cities} i {first.goal.target_year}."
    )


def not_fetched(y: YouthGoal) -> str:
    municipalities = fmt.count(1 + len(y.members), "kommune", "kommuner")
    return (
        "Tallene fra Danmarks Statistik mangler her: befolkningstal (tabel FOLK1A) og "
        f"afgørelser (tabel STRAF44) for de {municipalities}. Danmarks Statistik offentliggør "
        "dem i Statistikbanken."
    )


@dataclass(frozen=True)
class Context:
    """Danmarks Statistik's public figures beside a goal: a different measure, said so."""

    title: str
    explanation: str | None
    chart: Chart | None  # None: not fetched yet
    not_fetched: str | None
    rows: Table | None


@dataclass(frozen=True)
class YouthCard:
    key: str
    heading: str
    status: StatusBlock
    goal_text: str
    figures: tuple[KeyFigure, ...]
    gap_sentence: str | None
    level: Chart
    gap: Chart
    cities: Chart | None
    cities_missing: str | None
    members_missing: str | None
    coverage: Table
    rows: Table
    context: Context


@dataclass(frozen=True)
class YouthView:
    title: str
    intro: str | None  # None: the data hold no goal compared with an average
    only_baselines: str | None
    how_to_read: str
    cards: tuple[YouthCard, ...]


def judged_gap(y: YouthGoal) -> Gap | None:
    """The city against the average at the point the status is judged on: the latest year
    both are counted, or the strategy's baselines when that is all there is."""
    judged = y.assessment.status.judged
    if len(judged) == 2:
        return Gap(judged[0].figure, judged[1].figure)
    return next((g for g in y.gaps if g.baselines), None)


def key_figures(y: YouthGoal, gap: Gap | None) -> tuple[KeyFigure, ...]:
    """The city, the average and the gap between them, each with its source."""
    if gap is None:
        return (KeyFigure(y.city.area.name, "ingen tal"),)
    measure, info = y.city.indicator.measure, y.city.indicator
    average = y.average.area.label.lower()
    when = "basis · " if gap.baselines else ""
    return (
        KeyFigure(
            f"{y.city.area.name} · {when}{fmt.year(gap.area.year)}",
            text.shown(measure, gap.area.value),
            text.figure_source(gap.area),
            sources=sources_of(gap.area),
        ),
        KeyFigure(
            f"{y.average.area.label} · {when}{fmt.year(gap.other.year)}",
            text.shown(measure, gap.other.value),
            text.figure_source(gap.other),
            sources=sources_of(gap.other),
        ),
        KeyFigure(
            "Afstand",
            fmt.amount(gap.points, info.unit, info.decimals),
            f"{y.city.area.name} minus {average}: egen beregning på de to tal.",
            sources=sources_of(gap.area, gap.other),
        ),
    )


def _context(y: YouthGoal, reg: registry.Registry) -> Context:
    if y.context is None:
        return Context(CONTEXT_TITLE, None, None, None, None)
    explanation = (
        f"{y.context.name}. Ingen offentlig tabel tæller sigtede efter kommune og alder, så "
        "målets egne tal kan ikke hentes; tabel STRAF44 tæller afgørelser (ikke personer, og "
        "også frifindelser). Tallene viser derfor kun retningen og må ikke sammenlignes direkte "
        "med målets andele."
    )
    spec = charts.areas_over_time(y.context, [(s.area.label, s.figures) for s in y.context_series])
    if spec is None:
        return Context(CONTEXT_TITLE, explanation, None, not_fetched(y), None)
    rates = [r for r in y.context_rows if r.indicator == y.context.indicator]
    source = text.source_line(rates, y.context.source, extra=f"Se »{CONTEXT_ROWS_TITLE}« nedenfor.")
    return Context(
        CONTEXT_TITLE,
        explanation,
        Chart(spec, source),
        None,
        rows_table(y.context_rows, reg, CONTEXT_ROWS_TITLE),
    )


def card(store: Store, y: YouthGoal) -> YouthCard:
    reg = queries.registry_of(store)
    a = y.assessment
    info = a.indicator
    gap = judged_gap(y)
    average_name = y.average.area.label.lower()
    cities = y.cities_latest
    rows_source = text.source_line(y.rows, info.source, table=ROWS_TITLE, hollow=True)
    why = "strategien oplyser kun gennemsnittet" if y.only_baselines else "ingen er indlæst"
    missing_members = y.members_without_figures
    return YouthCard(
        key=a.goal.goal_id,
        heading=text.goal_heading(a.goal),
        status=status_block(a),
        goal_text=a.goal.description,
        figures=key_figures(y, gap),
        gap_sentence=(
            f"{y.city.area.name} ligger {text.gap_phrase(gap, info.measure, 'gennemsnittet')}."
            if gap
            else None
        ),
        level=replace(goal_chart(a, ROWS_TITLE), title=f"{y.city.area.name} og {average_name}"),
        gap=Chart(
            charts.gap_chart(y.gaps, info, y.city.area.name, y.average.area.label),
            text.own_calculation_source(f"{y.city.area.name} minus {average_name}", ROWS_TITLE),
            missing=f"Der er intet år med tal for både {y.city.area.name} og gennemsnittet.",
            title=f"Afstanden til {average_name}",
        ),
        cities=Chart(
            charts.city_bars(cities, info),
            rows_source,
            title=f"{y.city.area.name} og byerne hver for sig i {cities.year}",
        )
        if cities
        else None,
        cities_missing=(
            f"Ingen tal for {fmt.listing([m.name for m in cities.missing])} i {cities.year}."
            if cities and cities.missing
            else None
        ),
        members_missing=(
            f"Ingen tal for {fmt.listing([m.name for m in missing_members])} hver for sig: {why}."
            if missing_members
            else None
        ),
        coverage=Table("Hvilke tal findes?", tables.coverage_table(y.coverage)),
        rows=rows_table(y.rows, reg, ROWS_TITLE, note=a.goal.note),
        context=_context(y, reg),
    )


@per_store
def build(store: Store, as_of: int, edition: int | None = None) -> YouthView:
    """The youth page with statuses as of `as_of`; with an `edition`, as they stood then."""
    goals = [
        queries.youth_goal(store, g, StatusDate.shown(as_of, edition))
        for g in queries.youth_goal_ids(store)
    ]
    here = site.current()
    return YouthView(
        title=f"Unge og kriminalitet: {here.versus}",
        intro=intro(goals) if goals else None,
        only_baselines=_only_baselines(here) if all(y.only_baselines for y in goals) else None,
        how_to_read=text.HOW_TO_READ,
        cards=tuple(card(store, y) for y in goals),
    )
