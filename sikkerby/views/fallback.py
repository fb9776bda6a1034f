"""What a visitor sees instead of a page: after an unexpected error, or at an address that names
no page. Built without Streamlit; `sikkerby.ui.fallback` shows it."""

import re
from dataclasses import dataclass

from sikkerby import site
from sikkerby.render import download, links

ERROR_TITLE = "Noget gik galt"
REPORT_FAILED_TITLE = "Afrapporteringen kunne ikke laves"
NOT_FOUND_TITLE = "Siden findes ikke"
PAGES_LABEL = "Dashboardets sider"
# An address repeated on the page: letters, digits, dash, dot, slash and space only, cut short.
_UNSAFE = re.compile(r"[^\w\-./ ]", re.UNICODE)
ASKED_LIMIT = 60


def error_text(incident: str) -> str:
    """The error page's message, with the id the visitor can quote (`incident`)."""
    return (
        "Der skete en uventet fejl, så siden kan ikke vises lige nu. Ingen data er ændret. "
        "Prøv igen om lidt, eller vælg en anden side. Nævn fejlkoden "
        f"{incident}, hvis du kontakter dem, der driver dashboardet."
    )


def report_failed(incident: str) -> bytes:
    """The Word document a visitor gets when the yearly report could not be made: what happened
    and the id (`incident`) to quote, in the file they asked for."""
    return download.word_notice(
        REPORT_FAILED_TITLE,
        "Der skete en uventet fejl, da afrapporteringen skulle laves, så dette dokument er ikke "
        "afrapporteringen. Ingen data er ændret. Prøv at hente den igen om lidt. Nævn fejlkoden "
        f"{incident}, hvis du kontakter dem, der driver dashboardet.",
    )


# Every page but »Opdater tal« when no version of the data can be served: what is wrong (which
# versions and files, where the store is) is for the server's log and the editors, not for
# anyone who opens the dashboard.
UNAVAILABLE = (
    "Dashboardets data kan ikke vises lige nu. Ingen data er ændret. Prøv igen senere, eller "
    "kontakt dem, der driver dashboardet."
)


@dataclass(frozen=True)
class NotFound:
    text: str
    pages: tuple[links.Link, ...]


def not_found(asked: str | None) -> NotFound:
    """The page for an address that names no page (`asked`: the path, if known), with links to
    every page of the navigation."""
    shown = _UNSAFE.sub("", asked or "")
    shown = shown[:ASKED_LIMIT] + ("…" if len(shown) > ASKED_LIMIT else "")
    where = f"Adressen »{shown}«" if shown else "Adressen"
    return NotFound(
        f"{where} findes ikke i {site.current().dashboard}. Vælg en af siderne herunder.",
        tuple(links.Link(page.title, page) for page in links.PAGES),
    )
