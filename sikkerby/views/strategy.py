"""Strategien: the strategy's principles, each with the activity figures it reports, and the gang
goal with its baseline beside the national counts (national context, never Copenhagen's).

URL: /strategien. `build` makes the page (and the report's section on the principles) from the
registry's principles (data/principles.csv) and the published figures, once per store.
"""

from dataclasses import dataclass

from sikkerby import fmt, queries, site
from sikkerby.domain import registry
from sikkerby.domain.series import Figure
from sikkerby.domain.status import StatusDate
from sikkerby.render import charts, text
from sikkerby.store import Store, per_store
from sikkerby.views import overview
from sikkerby.views.blocks import Chart, KeyFigure, Table, rows_table, sources_of, with_source
from sikkerby.views.overview import GoalCard

TITLE = "Strategien: principper og aktiviteter"
ROWS_TITLE = "Tal og kilder bag aktiviteterne"
NO_FIGURES = "Der er ingen aktivitetstal for dette princip i dashboardets data."


@dataclass(frozen=True)
class PrincipleBlock:
    heading: str  # "Princip 3: Børn og unge i risiko"
    description: str
    note: str | None
    figures: tuple[KeyFigure, ...]  # the activity figures, each with its source
    missing: str | None  # no activity figures for the principle
    rows: Table | None
    source: str | None  # the "Kilde:" line under the figures


@dataclass(frozen=True)
class StrategyView:
    title: str
    intro: str
    principles: tuple[PrincipleBlock, ...]
    gang: GoalCard | None  # the gang goal, as the overview shows it
    context_title: str | None  # "Registrerede rockere og bandemedlemmer, hele landet …"
    context: Table | None  # the national counts, as context
    context_chart: Chart | None  # the national counts over time, on their own
    context_note: str


def _activity(figure: Figure, info: registry.Indicator) -> KeyFigure:
    return KeyFigure(
        label=f"{info.short_name} · {fmt.year(figure.year)}",
        # The source's own wording of the unit ("% af 14-18-årige (ca.)", "personer (5 centre)").
        value=f"{fmt.number(figure.value, info.decimals)}\xa0{figure.unit}",
        # The source and its caveats as every large number says them, then the row's note.
        help=" ".join(
            filter(None, [with_source(figure, info.measure), figure.note and f"{figure.note}."])
        ),
        sources=sources_of(figure),
    )


def _principle(
    store: Store, p: registry.Principle, reg: registry.Registry, edition: int | None
) -> PrincipleBlock:
    rows: tuple = ()
    if p.indicator_ids:
        rows = queries.rows(store, p.indicator_ids, [reg.city.area_id], edition=edition)
    figures = tuple(_activity(r, reg.indicators[r.indicator]) for r in rows)
    return PrincipleBlock(
        heading=f"Princip {p.number}: {p.title}",
        description=p.description,
        note=p.note,
        figures=figures,
        missing=None if rows else NO_FIGURES,
        rows=rows_table(rows, reg, ROWS_TITLE) if rows else None,
        source=text.source_line(rows, "", table=ROWS_TITLE) if rows else None,
    )


@per_store
def build(store: Store, as_of: int, edition: int | None = None) -> StrategyView:
    """The page with statuses as of `as_of`; with an `edition`, only what had been published
    by then (see `queries.assess`)."""
    reg = queries.registry_of(store)
    shown = site.current().strategy_page
    principles = tuple(
        _principle(store, p, reg, edition) for p in reg.principles if p.period == shown.period
    )
    goal = next((g for g in reg.goals if g.goal_id == shown.gang_goal), None)
    gang = context_title = context = context_chart = None
    if goal is not None:
        gang = overview.card(
            store, queries.assess(store, goal.goal_id, StatusDate.shown(as_of, edition))
        )
        national = reg.context(goal.indicator)
        if national:
            info = national[0]
            rows = queries.rows(store, [info.indicator], list(reg.areas), edition=edition)
            context_title = info.name
            context = rows_table(rows, reg, f"{info.name}: tal og kilder")
            areas = list(dict.fromkeys(r.area for r in rows))
            drawn = [
                (s.area.name, s.figures)
                for s in queries.series_for(store, info.indicator, areas, edition)
            ]
            spec = charts.areas_over_time(info, drawn)
            if spec is not None:
                # Drawn on its own, never beside the city's goal's chart or numbers.
                source = text.source_line(rows, info.source, table=context.title)
                context_chart = Chart(spec, source)
    return StrategyView(
        title=TITLE,
        intro=shown.intro,
        principles=principles,
        gang=gang,
        context_title=context_title,
        context=context,
        context_chart=context_chart,
        context_note=shown.context_note,
    )
