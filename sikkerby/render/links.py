"""Every page and every URL of the app: the pages, their parameters, and deep links to them.

A parameter that is unknown or malformed never raises: it falls back to the default and comes
with a short notice in Danish that repeats the bad value safely (no markup, cut short) and names
the valid values by their Danish names.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

# URL parameters.
PERIOD = "periode"
MEASURE = "indikator"
YEAR = "aar"
DISTRICT = "bydel"
SLIDE = "dias"
AUTO = "auto"  # seconds between slides, for a screen in a foyer
EDITION = "status_aar"  # statuses as they stood when that survey edition was published


@dataclass(frozen=True)
class Page:
    url_path: str  # "" for the default page, served at /
    file: str  # the page script, relative to app.py (its name differs from the url_path)
    title: str  # in the navigation and the browser's tab


OVERVIEW = Page("", "pages/overblik_side.py", "Overblik")
MAP = Page("kort", "pages/kort_side.py", "Kort")
AREAS = Page("bydele", "pages/bydele_side.py", "Bydele")
YOUTH = Page("unge", "pages/unge_side.py", "Unge")
STRATEGY = Page("strategien", "pages/strategien_side.py", "Strategien")
METHOD = Page("metode", "pages/metode_side.py", "Om data og metode")
PRESENTATION = Page("praesentation", "pages/praesentation_side.py", "Præsentér")
PAGES = (OVERVIEW, MAP, AREAS, YOUTH, STRATEGY, METHOD, PRESENTATION)
# The data staff's page: reached by its address, not listed in the navigation.
UPDATE = Page("opdater", "pages/opdater_side.py", "Opdater tal")
# /overblik leads to the overview too (people type the page's name).
OVERVIEW_ALIAS = "overblik"
# An address that names no page is shown "Siden findes ikke"; one two levels deep (/kort/ekstra)
# is sent here by the server, with the address it asked for (sikkerby.ui.serve).
NOT_FOUND_PATH = "siden-findes-ikke"
ASKED = "adresse"


def root(base_url: str | None) -> str:
    """The app's address on its server, ending in "/": "/", or "/sikkerby/" when Streamlit's
    `server.baseUrlPath` is "sikkerby" (a reverse proxy serving the app under a path prefix).
    Pages and their links are Streamlit's (`st.page_link`, `st.switch_page`) and follow it
    themselves; the app's own addresses (Leaflet's files, the not-found redirect) start here."""
    return "/" + "".join(f"{part}/" for part in (base_url or "").split("/") if part)


@dataclass(frozen=True)
class Link:
    label: str
    page: Page
    params: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """The page's address with its parameters, below the app's root (`root`)."""
        query = f"?{urlencode(self.params)}" if self.params else ""
        return f"/{self.page.url_path}{query}"


def overview(
    period: str, label: str = "Se målet i overblikket", edition: int | None = None
) -> Link:
    """The overview of a period, with statuses as of a survey edition (None: today's)."""
    params = {PERIOD: period}
    if edition is not None:
        params[EDITION] = str(edition)
    return Link(label, OVERVIEW, params)


def district_map(
    measure: str,
    year: int | None = None,
    district: str | None = None,
    label: str = "Se bydelene på kortet",
) -> Link:
    """The map of one measure (and year; else its default), with a district selected."""
    params = {MEASURE: measure}
    if year is not None:
        params[YEAR] = str(year)
    if district:
        params[DISTRICT] = district
    return Link(label, MAP, params)


def area(area_id: str, label: str) -> Link:
    """One district's or partnership's page, /bydele?bydel=<area_id>."""
    return Link(label, AREAS, {DISTRICT: area_id})


def youth(label: str) -> Link:
    return Link(label, YOUTH)


def method(label: str = "Sådan afgøres en status (Om data og metode)") -> Link:
    return Link(label, METHOD)


def presentation(
    period: str,
    slide: int = 1,
    measure: str | None = None,
    year: int | None = None,
    auto: int | None = None,
    label: str = "Præsentér",
) -> Link:
    """The presentation of a period, at one slide, with the map's measure and year."""
    params = {PERIOD: period, SLIDE: str(slide)}
    if measure:
        params[MEASURE] = measure
    if year is not None:
        params[YEAR] = str(year)
    if auto:
        params[AUTO] = str(auto)
    return Link(label, PRESENTATION, params)


_UNSAFE = re.compile(r"[^\w\- .]", re.UNICODE)


def shown_safely(value: str, limit: int = 40) -> str:
    """A URL value fit to repeat in a notice: letters, digits, dash, dot and space only."""
    cleaned = _UNSAFE.sub("", value)
    return cleaned[:limit] + ("…" if len(cleaned) > limit else "")


def unknown(what: str, value: str) -> str:
    """A notice's start, Ukendt <what> »<value>« i adressen, the value shown safely (left out
    when nothing of it can be shown: empty, or only markup)."""
    shown = shown_safely(value).strip()
    return f"Ukendt {what} »{shown}« i adressen" if shown else f"Ukendt {what} i adressen"


def choose(
    requested: str | None,
    options: Mapping[str, str],
    default: str,
    what: str,
    shown_default: str | None = None,
) -> tuple[str, str | None]:
    """The requested value if it is one of `options` (value -> Danish name), else the default
    and a notice saying so, naming the default (or `shown_default`) and the valid values by
    their names."""
    if requested is None or requested in options:
        return (requested or default), None
    names = ", ".join(options.values())
    notice = (
        f"{unknown(what, requested)}. Viser {shown_default or options[default]}. Mulige: {names}."
    )
    return default, notice
