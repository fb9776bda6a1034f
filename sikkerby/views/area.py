"""Bydele: one survey district or partnership area against the whole city.

URL: /bydele?bydel=<area_id> (a slug from data/areas.csv, for districts and partnerships alike).
`resolve` reads the URL (an unknown area falls back with a notice naming the fallback); `build`
makes everything the page shows for one area, including the files offered for download.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from sikkerby import boundaries, fmt, queries, site
from sikkerby.domain.registry import Area, Registry
from sikkerby.domain.series import AreaSeries
from sikkerby.domain.status import StatusDate
from sikkerby.render import charts, links, tables, text
from sikkerby.render.links import Link
from sikkerby.render.locator import locator_svg
from sikkerby.schema import AreaKind
from sikkerby.store import Store, per_store
from sikkerby.views.blocks import (
    Chart,
    Choice,
    Download,
    KeyFigure,
    StatusBlock,
    figures_download,
    sources_of,
    status_block,
)

TITLE = "Bydele og partnerskaber"
CHOICE_LABEL = "Vælg bydel eller partnerskab"
RELATED_LABEL = "Se også"


def kind_label(kind: str) -> str:
    """An area kind's name: 'bydel i Tryghedsundersøgelsen', 'tryghedspartnerskab' …"""
    if kind == AreaKind.DISTRICT:
        return f"bydel i {site.current().survey}"
    return {AreaKind.PARTNERSHIP: "tryghedspartnerskab", AreaKind.LOCAL_AREA: "lokalområde"}[kind]


COVERAGE_TITLE = "Hvilke tal findes?"
COVERAGE_CAPTION = (
    "Hvert år og mål for området: tallet, hvor det er offentliggjort, ellers »mangler« og hvad "
    "der ville udfylde det."
)


@dataclass(frozen=True)
class Request:
    area: str
    notices: tuple[str, ...]


@dataclass(frozen=True)
class MeasureCard:
    key: str
    title: str
    latest: str  # "9 % (±3,2 point) i 2020 · +1 procentpoint siden 2019"
    gap: str  # against the city
    notes: tuple[tuple[str, str], ...]  # labelled lines: about the source, the threshold
    chart: Chart


@dataclass(frozen=True)
class AreaView:
    title: str
    area: Choice  # every district and partnership area, by its label
    heading: str
    about: str
    related: tuple[Link, ...]
    no_figures: str | None
    figures: tuple[KeyFigure, ...]
    locator: str | None  # inline SVG
    locator_caption: str
    goals: tuple[StatusBlock, ...]
    how_to_read: str | None  # None: there is no chart to read
    measures: tuple[MeasureCard, ...]
    coverage_title: str
    coverage_caption: str
    coverage: pd.DataFrame
    download: Download


def label(a: Area) -> str:
    """'Folehaven (tryghedspartnerskab)' for a list of areas."""
    return f"{a.name} ({kind_label(a.kind)})"


def choices(store: Store) -> dict[str, str]:
    return {a.area_id: label(a) for a in queries.registry_of(store).page_areas}


def resolve(store: Store, params: Mapping[str, str]) -> Request:
    reg = queries.registry_of(store)
    options = choices(store)
    default = next(iter(options))
    names = {a: reg.areas[a].name for a in options}
    chosen, notice = links.choose(params.get(links.DISTRICT), names, default, "bydel eller område")
    return Request(chosen, (notice,) * bool(notice))


def url_params(area_id: str) -> dict[str, str]:
    """The URL parameters of the page showing `area_id`."""
    return links.area(area_id, "").params


def about(a: Area) -> str:
    kind = kind_label(a.kind)
    parts = [kind[0].upper() + kind[1:]]
    if a.parent and a.kind != AreaKind.DISTRICT:
        parts.append(f"ligger i bydelen {a.parent}")
    # A district's note only repeats its kind; a partnership's says what it is.
    repeats_kind = a.note and a.note.lower() == kind.lower()
    note = f" {a.note}." if a.note and a.kind != AreaKind.DISTRICT and not repeats_kind else ""
    return " · ".join(parts) + "." + note


def locator_caption(a: Area, svg: str | None) -> str:
    """What the locator map shows, and where its outline comes from."""
    if svg is None:
        where = f"; området ligger i bydelen {a.parent}." if a.parent else "."
        return f"Der er ikke offentliggjort en afgrænsning af {a.name}{where}"
    source = boundaries.of_site().attribution(a.kind)
    if a.kind == AreaKind.DISTRICT:
        return f"Bydelens afgrænsning. {source}."
    names = fmt.listing([f"»{n}«" for n in a.footprints])
    return (
        f"Mørkt: kommunens udsatte byområde {names}, den nærmeste offentliggjorte afgrænsning "
        f"– ikke {a.name}s præcise grænse. {source}."
    )


def _download(reg: Registry, shown: tuple[AreaSeries, ...], a: Area, today: date) -> Download:
    """The figures the page shows, the area's and the city's, measure by measure."""
    figures = tuple(f for s in shown for f in (*s.figures, *s.city))
    return figures_download(figures, reg, a.name, today)


@per_store
def build(store: Store, area_id: str, today: date) -> AreaView:
    reg = queries.registry_of(store)
    profile = queries.area_profile(store, area_id, StatusDate(today.year))
    a, city = profile.area, reg.city.name
    svg = locator_svg(a.area_id, a.kind, a.footprints, city=city, shapes=boundaries.of_site())
    cards, figures = [], []
    for s in profile.measures:
        measure, latest = s.indicator.measure, s.latest
        change = text.change_text(s.change, measure)
        notes = text.source_notes(latest, measure)
        figures.append(
            KeyFigure(
                f"{s.indicator.short_name} · {latest.year}",
                text.figure_text(latest, measure),
                " ".join(filter(None, [f"{change}.", text.figure_source(latest), notes])),
                sources=sources_of(latest),
            )
        )
        t = s.threshold
        lines = [("Om kilden", notes)] if notes else []
        lines += [(f"Tærskel ({t.period})", f"{t.label}.")] if t else []
        cards.append(
            MeasureCard(
                key=s.indicator.indicator,
                title=s.indicator.name,
                latest=f"{text.figure_text(latest, measure)} i {latest.year} · {change}",
                gap=text.gap_text(s, city),
                notes=tuple(lines),
                chart=Chart(
                    charts.area_vs_city(s, city),
                    text.source_line([*s.figures, *s.city], s.indicator.source),
                ),
            )
        )
    return AreaView(
        title=TITLE,
        area=Choice(links.DISTRICT, CHOICE_LABEL, choices(store), area_id),
        heading=a.name,
        about=about(a),
        related=tuple(links.area(r.area_id, label(r)) for r in profile.related),
        no_figures=None
        if profile.measures
        else (
            f"Der er ingen offentliggjorte tal for {a.name} i dashboardets data endnu. "
            "»Hvilke tal findes?« nedenfor viser, hvilke tal der mangler, og hvor de "
            "offentliggøres."
        ),
        figures=tuple(figures),
        locator=svg,
        locator_caption=locator_caption(a, svg),
        goals=tuple(status_block(g, heading=g.goal.title) for g in profile.goals),
        how_to_read=text.HOW_TO_READ if profile.measures else None,
        measures=tuple(cards),
        coverage_title=COVERAGE_TITLE,
        coverage_caption=COVERAGE_CAPTION,
        coverage=tables.coverage_table(profile.coverage)
        if not profile.coverage.empty
        else pd.DataFrame(),
        download=_download(reg, profile.measures, a, today),
    )
