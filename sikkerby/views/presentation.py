"""Præsentation: the slides for a council meeting, built from the same views as the pages.

URL: /praesentation?periode=<period>&dias=<n>&indikator=<map_key>&aar=<year>&auto=<seconds>.
`resolve` reads the URL (unknown values fall back with notices); `build` makes the deck of one
period, with the map of one measure and year: a title slide with the data's date, the goals in
one table, a slide per goal, the map, the districts ranked, and København against the four
cities. Every number on a slide is the number its page shows (the same view objects), and every
slide has its "Kilde:" line.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from sikkerby import drawing, fmt, queries, site
from sikkerby.domain.status import StatusDate
from sikkerby.render import links, slides
from sikkerby.store import Store, per_store
from sikkerby.views import map as map_view
from sikkerby.views import overview, youth
from sikkerby.views.blocks import KeyFigure, StatusBlock, data_date
from sikkerby.views.overview import GoalCard

AUTO_RANGE = (5, 3600)  # seconds: a slide stays at least 5 s, at most an hour
PLAY_SECONDS = 3  # a year of the map, when the years play
WHERE_ROWS = "i Overblik"  # the goal slides' sources are listed on the overview
OVERVIEW_ROWS = f"»{overview.ROWS_TITLE}« i Overblik"


@dataclass(frozen=True)
class Request:
    period: str
    slide: int  # 1-based
    measure: str | None
    year: int | None
    auto: int | None  # seconds between slides
    notices: tuple[str, ...]


@dataclass(frozen=True)
class Slide:
    key: str
    heading: str
    html: str  # the whole slide: heading, body and "Kilde:" line


@dataclass(frozen=True)
class Deck:
    period: str
    slides: tuple[Slide, ...]
    map_slide: int | None  # the map's slide number (1-based)
    measure: str | None
    year: int | None
    years: tuple[int, ...]  # the map's years with a published district figure

    @property
    def handout(self) -> str:
        """Every slide, one after the other: printed, one slide per landscape page."""
        return slides.deck([s.html for s in self.slides])


def _number(raw: str | None, low: int, high: int) -> int | None:
    """A whole number from the URL (ASCII digits only) within [low, high], else None."""
    if raw is None or not re.fullmatch(r"[0-9]{1,6}", raw.strip()):
        return None
    value = int(raw.strip())
    return value if low <= value <= high else None


def resolve(store: Store, params: Mapping[str, str], as_of: int) -> Request:
    # The slides show today's statuses (the overview's `status_aar` is not a slide's).
    period_request = overview.resolve(
        store, {k: v for k, v in params.items() if k != links.EDITION}, as_of
    )
    period = period_request.period.value
    notices = list(period_request.notices)
    # The map's measure and year (a district is not chosen on a slide).
    # The period's own measures and years: a deck never shows another period's threshold.
    map_request = map_view.resolve(
        store, {k: v for k, v in params.items() if k != links.DISTRICT}, period
    )
    notices += map_request.notices
    total = len(build(store, period, map_request.measure, map_request.year, as_of).slides)
    slide = 1
    if links.SLIDE in params:
        found = _number(params[links.SLIDE], 1, total)
        if found is None:
            notices.append(
                f"{links.unknown('dias', params[links.SLIDE])}. Viser dias 1. "
                f"Mulige: 1 til {total}."
            )
        else:
            slide = found
    auto = None
    if links.AUTO in params:
        auto = _number(params[links.AUTO], *AUTO_RANGE)
        if auto is None:
            low, high = AUTO_RANGE
            notices.append(
                f"{links.unknown('auto', params[links.AUTO])}: skift af dias er slået fra. "
                f"Mulige: {low} til {high} sekunder."
            )
    return Request(period, slide, map_request.measure, map_request.year, auto, tuple(notices))


def url_params(
    period: str, slide: int, measure: str | None, year: int | None, auto: int | None
) -> dict[str, str]:
    return links.presentation(period, slide, measure, year, auto).params


def _latest_year(store: Store, period: str, as_of: int) -> int | None:
    """The latest year of a published figure behind the period's goals (as the slides show)."""
    years = [
        f.year
        for a in queries.assess_period(store, period, StatusDate(as_of))
        for f in a.rows
        if f.year
    ]
    return max(years, default=None)


def _figures(figures: tuple[KeyFigure, ...]) -> str:
    return slides.figures([(f.label, f.value) for f in figures])


def _status(block: StatusBlock) -> str:
    return slides.status(block.label, block.symbol, block.colour, block.reason) + (
        slides.paragraph(f"Det mangler: {block.missing.rstrip('.')}.") if block.missing else ""
    )


def _summary(cards: list[GoalCard]) -> str:
    return slides.table(overview.SUMMARY_HEADERS, overview.summary_rows(cards))


def _goal_body(card: GoalCard) -> str:
    return (
        _status(card.status)
        + _figures(card.figures)
        + drawing.slide_chart(card.chart.spec, card.chart.missing, width=900, height=170)
    )


@per_store
def _goal_slides(store: Store, period: str, as_of: int) -> tuple[tuple[str, str, str, str], ...]:
    """(key, heading, body, source) per goal of the period, as the overview shows it."""
    view = overview.build(store, period, as_of)
    assessed = {a.goal.goal_id: a for a in queries.assess_period(store, period, StatusDate(as_of))}
    made = []
    for _, cards in view.groups:
        for card in cards:
            source = overview.goal_source(assessed[card.key], where=WHERE_ROWS)
            made.append((f"maal-{card.key}", card.heading, _goal_body(card), source))
    return tuple(made)


@per_store
def _map_slides(store: Store, measure: str, year: int) -> tuple[tuple[str, str, str, str], ...]:
    view = map_view.build(store, measure, year)
    info = map_view.measures(store)[measure]
    name = f"{info.short_name} i bydelene, {year}"
    side = (
        slides.figures([("", view.count_headline)])
        + slides.paragraph(fmt.sentence(view.count_text))
        + slides.paragraph(view.goal_text)
        + slides.legend(view.data, view.scale)
    )
    body = slides.columns(
        slides.district_map(view.data, view.scale, f"Kort: {name}", view.shapes), side
    )
    ranking = drawing.slide_chart(view.ranking.spec, None, width=900, height=330)
    return (
        ("kort", name, body, view.map_sources),
        ("rangering", view.ranking_title, ranking, view.ranking.source),
    )


@per_store
def _cities_slide(store: Store, period: str, as_of: int) -> tuple[str, str, str, str] | None:
    """København against the four cities: the youth page's cards of the period's own goals
    (None when the period has none)."""
    view = youth.build(store, as_of)
    own = {g.goal_id for g in queries.registry_of(store).goals_of(period)}
    cards = [c for c in view.cards if c.key in own]
    if not cards:
        return None
    blocks = []
    sources = []
    for card in cards:
        blocks.append(
            f"<div><h3>{slides.escape(card.heading)}</h3>"
            + slides.badge(card.status.label, card.status.symbol, card.status.colour)
            + _figures(card.figures)
            + slides.paragraph(card.gap_sentence)
            + "</div>"
        )
        sources.append(card.level.source)
    body = slides.paragraph(view.intro) + f'<div class="byer">{"".join(blocks)}</div>'
    source = " ".join(dict.fromkeys(sources))
    return ("byer", site.current().versus, body, source)


@per_store
def build(store: Store, period: str, measure: str | None, year: int | None, as_of: int) -> Deck:
    """The deck of `period` with statuses as of `as_of` (as the overview), and the map of
    `measure` and `year` (None: no district figures)."""
    reg = queries.registry_of(store)
    here = site.current()
    strategy = reg.period(period)
    latest = _latest_year(store, period, as_of)
    parts: list[tuple[str, str, str, str]] = [
        (
            "titel",
            here.name,
            slides.title(
                f"Hvor står målene? {strategy.title}",
                [
                    f"Seneste offentliggjorte tal bag målene: {fmt.year(latest)}. "
                    f"Status pr. {as_of}.",
                    data_date(store),
                ],
            ),
            f"Kilde: {here.municipality}, {here.name}-strategien og de offentliggjorte tal i "
            "dashboardets data. Hvert dias nævner sine kilder.",
        )
    ]
    view = overview.build(store, period, as_of)
    cards = [c for _, group in view.groups for c in group]
    sources = dict.fromkeys(
        a.indicator.source for a in queries.assess_period(store, period, StatusDate(as_of))
    )
    parts.append(
        (
            "oversigt",
            f"Målene {period}: {view.total} ({view.counts_text})",
            _summary(cards),
            f"Kilde: {'; '.join(sources)}. Hvert måls tal og kilder står på dets dias og i "
            f"{OVERVIEW_ROWS}.",
        )
    )
    parts += _goal_slides(store, period, as_of)
    map_slide = None
    years: tuple[int, ...] = ()
    if measure is not None and year is not None:
        map_slide = len(parts) + 1
        parts += _map_slides(store, measure, year)
        years = tuple(map_view.year_options(store, measure, period))
    cities = _cities_slide(store, period, as_of)
    if cities:
        parts.append(cities)
    total = len(parts)
    made = tuple(
        Slide(key, heading, slides.frame(i, total, heading, body, source, kind=key.split("-")[0]))
        for i, (key, heading, body, source) in enumerate(parts, start=1)
    )
    return Deck(
        period=period,
        slides=made,
        map_slide=map_slide,
        measure=measure,
        year=year,
        years=years,
    )


def exit_link(period: str) -> links.Link:
    return links.overview(period, "Afslut præsentationen")


def phone_link(period: str) -> links.Link:
    """What a phone shows above the slide: the deck is for a projector, the same numbers read
    better on the overview."""
    return links.overview(
        period, "Diasene er lavet til en projektor. På en telefon: læs de samme tal i Overblik"
    )
