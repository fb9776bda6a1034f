"""Kort: the survey districts for one measure and year, with the strategy's threshold.

URL: /kort?indikator=<map_key>&aar=<year>&bydel=<slug>. `resolve` reads the URL (unknown values
fall back with notices naming the valid values by their Danish names); `build` makes everything
the page shows for one measure, year and selected district.
"""

from collections.abc import Mapping
from dataclasses import dataclass

import folium

from sikkerby import boundaries, fmt, queries, site
from sikkerby.boundaries import Boundaries
from sikkerby.domain import districts
from sikkerby.domain.districts import DistrictYear
from sikkerby.domain.registry import Indicator
from sikkerby.render import charts, choropleth, links, scale, text
from sikkerby.render.links import Link
from sikkerby.render.scale import ColourScale
from sikkerby.schema import AreaKind
from sikkerby.store import Store, per_store
from sikkerby.views.blocks import Chart, Choice, KeyFigure, sources_of

TITLE = "Kort over tryghed i bydelene"
NO_DISTRICT = "kortet uden en valgt bydel"


def no_figures() -> str:
    """What the map says before any district figure is published, and where they come from."""
    return (
        "Der er endnu ingen offentliggjorte bydelstal i dashboardets data. De kommer fra "
        f"{site.genitive(site.current().survey)} bydelstabeller."
    )


MEASURE_LABEL = "Mål"
YEAR_LABEL = "År (antal bydele med offentliggjort tal)"
DISTRICT_LABEL = "Vælg en bydel (eller klik på kortet)"
NONE_CHOSEN = "Ingen valgt"
PANEL_TITLE = "Én bydel over tid"


@dataclass(frozen=True)
class Request:
    """What the URL asks for, made valid, and the notices about what was not (measure and year
    are None only when no district figure is published at all)."""

    measure: str | None  # a map_key
    year: int | None
    district: str | None
    notices: tuple[str, ...]


@dataclass(frozen=True)
class DistrictPanel:
    """The selected district: its figure for the year, and every measure over time."""

    slug: str
    name: str
    page: Link
    figures: tuple[KeyFigure, ...]
    side: str | None  # against the threshold, where the measure has one
    charts: tuple[Chart, ...]
    missing: tuple[str, ...]  # the map measures with no figure for the district


@dataclass(frozen=True)
class MapView:
    title: str
    measure: Choice
    year: Choice
    district: Choice
    data: DistrictYear
    scale: ColourScale
    legend_html: str
    map_source: str
    map_sources: str  # the map's "Kilde:" line alone (for a slide)
    count_headline: str  # "5 af 13 bydele"
    count_text: str  # what follows it
    goal_text: str | None  # the goal that counts the districts, and its published count
    goal_link: Link | None
    ranking_title: str
    ranking: Chart
    shapes: Boundaries  # the site's districts, as the map and the slide draw them

    def folium_map(self) -> folium.Map:
        """A new folium map of the view (streamlit-folium renames a map's elements when it draws
        one, so each run draws a map of its own)."""
        return choropleth.build_map(self.data, self.scale, self.shapes.districts)

    def short_legend_html(self) -> str:
        """The legend without the districts named under each outline (beside a chosen
        district's numbers, where the whole legend would push them out of the first screen)."""
        return choropleth.legend_html(self.data, self.scale, names=False)

    def selection(self, selected: str | None) -> folium.FeatureGroup:
        """The layer that marks the `selected` district on the map (new each run, as the map)."""
        return choropleth.selection_layer(self.data, selected, self.shapes.districts)


def measures(store: Store) -> dict[str, Indicator]:
    """The map's measures with at least one published district figure, by their URL name, in
    the registry's order."""
    return {
        m.map_key: m
        for m in queries.registry_of(store).map_measures
        if queries.district_years(store, m.indicator)
    }


def period_measures(store: Store, period: str) -> dict[str, Indicator]:
    """The map's measures a strategy period sets a threshold for (its own measures, as a deck
    or a report of the period shows them), in the registry's order; every map measure when the
    period has none."""
    reg = queries.registry_of(store)
    own = {t.indicator for t in reg.thresholds if t.period == period}
    found = {k: m for k, m in measures(store).items() if m.indicator in own}
    return found or measures(store)


@per_store
def year_options(store: Store, measure: str, period: str | None = None) -> dict[int, str]:
    """The years with a published district figure, each with how many districts have one;
    with a `period`, its own years (all of them when it has none)."""
    counts = queries.district_years(store, measures(store)[measure].indicator)
    if period is not None:
        p = queries.registry_of(store).period(period)
        own = {y: n for y, n in counts.items() if p.start_year <= y <= p.end_year}
        counts = own or counts
    return {y: f"{y} ({n})" for y, n in counts.items()}


def default_year(store: Store, measure: str, period: str | None = None) -> int:
    """The latest year with the most districts published (of the `period`'s own years)."""
    counts = queries.district_years(store, measures(store)[measure].indicator)
    return districts.default_year({y: counts[y] for y in year_options(store, measure, period)})


def district_names(store: Store) -> dict[str, str]:
    return {d.area_id: d.name for d in queries.registry_of(store).districts}


def resolve(store: Store, params: Mapping[str, str], period: str | None = None) -> Request:
    """The URL's measure, year and district made valid; with a `period` (a deck's map), only
    that period's own measures and years are offered."""
    found = measures(store) if period is None else period_measures(store, period)
    if not found:
        return Request(None, None, None, ())
    names = {k: m.short_name for k, m in found.items()}
    default = queries.default_measure(store).map_key
    if default not in found:
        default = next(iter(found))
    measure, measure_notice = links.choose(params.get(links.MEASURE), names, default, "indikator")
    years = {str(y): str(y) for y in year_options(store, measure, period)}
    year, year_notice = links.choose(
        params.get(links.YEAR), years, str(default_year(store, measure, period)), "år"
    )
    district_choices = district_names(store)
    district, district_notice = links.choose(
        params.get(links.DISTRICT), district_choices, "", "bydel", shown_default=NO_DISTRICT
    )
    notices = tuple(n for n in (measure_notice, year_notice, district_notice) if n)
    return Request(measure, int(year), district or None, notices)


def url_params(measure: str, year: int, district: str | None) -> dict[str, str]:
    """The URL parameters of the map of a measure and year, with a district selected."""
    return links.district_map(measure, year, district).params


@per_store
def panel(store: Store, measure: str, year: int, slug: str) -> DistrictPanel:
    """The selected district: its figure for the year and every map measure over time."""
    reg = queries.registry_of(store)
    data = queries.district_year(store, measures(store)[measure].indicator, year)
    info, district = data.indicator, data.district(slug)
    figure = district.figure
    shown = [
        s
        for s in (queries.series_of(store, m.indicator, slug) for m in reg.map_measures)
        if s.figures
    ]
    city = reg.city.name
    change = district.change
    return DistrictPanel(
        slug=slug,
        name=district.name,
        page=links.area(
            slug, f"Bydelens side: alle tal for {district.name}, også som filer at hente"
        ),
        figures=(
            KeyFigure(
                f"{info.short_name} {data.year}",
                text.shown(info.measure, figure.value) if figure else text.NO_DATA,
                text.figure_source(figure) if figure else info.missing_hint,
                sources=sources_of(figure),
            ),
            KeyFigure(
                "Usikkerhed",
                fmt.margin(figure.margin) if figure and figure.margin else "–",
                sources=sources_of(figure) if figure and figure.margin else (),
            ),
            KeyFigure(
                f"Ændring siden {change.before.year}" if change else "Ændring",
                # Across a series break the two figures are not compared: no number.
                fmt.change(change.points, info.unit, info.decimals)
                if change and change.series_break is None
                else "–",
                text.change_text(change, info.measure) if figure else text.NO_DATA,
                sources=sources_of(change.before, change.after) if change else (),
            ),
        ),
        side=text.side_text(district).capitalize() if data.threshold else None,
        charts=tuple(
            Chart(
                charts.area_vs_city(s, city),
                text.source_line([*s.figures, *s.city], s.indicator.source),
                title=s.indicator.name,
            )
            for s in shown
        ),
        missing=tuple(
            text.measure_missing(m, district.name)
            for m in reg.map_measures
            if m.indicator not in {s.indicator.indicator for s in shown}
        ),
    )


@per_store
def build(store: Store, measure: str, year: int) -> MapView:
    info = measures(store)[measure]
    data = queries.district_year(store, info.indicator, year)
    colours = scale.scale_for(data)
    published = [d.figure for d in data.published]
    sources = text.source_line(published, info.source)
    goal_link = links.overview(data.threshold.period) if data.goal else None
    shapes = boundaries.of_site()
    map_sources = f"{sources} {text.boundaries(shapes.attribution(AreaKind.DISTRICT))}."
    return MapView(
        title=TITLE,
        measure=Choice(
            links.MEASURE,
            MEASURE_LABEL,
            {k: m.short_name for k, m in measures(store).items()},
            measure,
        ),
        year=Choice(
            links.YEAR,
            "År (antal bydele med offentliggjort tal)",
            year_options(store, measure),
            year,
        ),
        district=Choice(links.DISTRICT, DISTRICT_LABEL, district_names(store)),
        data=data,
        scale=colours,
        legend_html=choropleth.legend_html(data, colours),
        map_source=f"{map_sources} Klik på en bydel for at se dens tal over tid.",
        map_sources=map_sources,
        count_headline=text.count_headline(data),
        count_text=text.count_text(data),
        goal_text=text.published_count_text(data),
        goal_link=goal_link,
        ranking_title=f"Bydelene rangeret, {year}",
        ranking=Chart(
            charts.district_ranking(data, colours),
            text.source_line(published, info.source, extra="Vandrette streger: usikkerhed (95 %)."),
        ),
        shapes=shapes,
    )
