"""Deep links: reading and writing the app's URL parameters. Every URL is built here.

A parameter that is unknown or malformed never raises: it falls back to the default and comes
with a short notice in Danish that repeats the bad value safely (no markup, cut short).
"""

import re
from collections.abc import Sequence
from urllib.parse import urlencode

PERIOD = "periode"
MEASURE = "indikator"
YEAR = "aar"
DISTRICT = "bydel"
# The youth crime page (goals 3 and 4 of 2018-2021), at /unge; it takes no parameters.
YOUTH_PAGE = "pages/unge_side.py"
# One district's or partnership's page, at /bydele?bydel=<area_id>.
AREA_PAGE = "pages/bydele_side.py"
_UNSAFE = re.compile(r"[^\w\- .]", re.UNICODE)


def shown_safely(value: str, limit: int = 40) -> str:
    """A URL value fit to repeat in a notice: letters, digits, dash, dot and space only."""
    cleaned = _UNSAFE.sub("", value)
    return cleaned[:limit] + ("…" if len(cleaned) > limit else "")


def choose(
    requested: str | None,
    allowed: Sequence[str],
    default: str,
    what: str,
    shown_default: str | None = None,
) -> tuple[str, str | None]:
    """The requested value if allowed, else the default and a notice saying so (naming the
    default as `shown_default` where its value is not what people call it)."""
    if requested is None or requested in allowed:
        return (requested or default), None
    notice = (
        f"Ukendt {what} »{shown_safely(requested)}« i adressen. "
        f"Viser {shown_default or default}. Gyldige værdier: {', '.join(allowed)}."
    )
    return default, notice


def overview(period: str) -> str:
    """The link to the overview of one strategy period."""
    return "/?" + urlencode({PERIOD: period})


def district_map(measure: str, year: int | None = None, district: str | None = None) -> str:
    """The link to the map of one measure (and year; else its default), with a district."""
    params: dict[str, str | int] = {MEASURE: measure}
    if year is not None:
        params[YEAR] = year
    if district:
        params[DISTRICT] = district
    return "/kort?" + urlencode(params)
