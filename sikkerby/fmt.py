"""Danish number formatting: the one place numbers become text (82,7; 9 %; 3.596).

Built on Babel's da_DK locale. Percent values are percentage points as published (9 means 9 %).
"""

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

LOCALE = "da_DK"
NBSP = "\u00a0"  # keeps "9 %" and "82,7 pr. 1.000" on one line on a projector
MISSING = "–"
UNCHANGED = "uændret"  # a change that rounds to zero on the shown decimals
# A data file's plural unit and its singular, for a value shown as exactly 1 ("1 bydel").
SINGULAR_UNITS = {
    "afgørelser": "afgørelse",
    "anmeldelser": "anmeldelse",
    "boligområder": "boligområde",
    "bydele": "bydel",
    "helhedsplaner": "helhedsplan",
    "indbyggere": "indbygger",
    "klubber": "klub",
    "kvarterer": "kvarter",
    "lokalområder": "lokalområde",
    "medarbejdere": "medarbejder",
    "personer": "person",
    "steder": "sted",
    "unge": "ung",
}


def number(value: float | None, decimals: int | None = None) -> str:
    """82.7 -> '82,7'; 3596 -> '3.596'; 9.0 -> '9'. `decimals` caps the shown decimals."""
    if value is None:
        return MISSING
    if decimals is None:
        return format_decimal(value, format="#,##0.###", locale=LOCALE)
    # Round half up as people do (Babel alone rounds half to even: 2,25 -> 2,2).
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(rounded, format=pattern, locale=LOCALE)


def value(value: float | None, unit: str, decimals: int | None = None) -> str:
    """A value with its unit: '9 %', '82,7 pr. 1.000 indb.', '290 personer', '1 bydel'."""
    if value is None:
        return MISSING
    text = number(value, decimals)
    return f"{text}{NBSP}%" if unit.startswith("%") else f"{text}{NBSP}{unit_for(text, unit)}"


def unit_for(shown: str, unit: str) -> str:
    """The unit after a shown number: singular after exactly 1 ('1 bydel', '1 person'), the
    data's own (plural) wording otherwise. Only the unit's first word is inflected, so a unit
    with a caveat keeps it ('1 bydel (af 13)')."""
    if shown.lstrip("+−-±") != "1":
        return unit
    first, _, rest = unit.partition(" ")
    singular = SINGULAR_UNITS.get(first)
    if singular is None:
        return unit
    return f"{singular} {rest}" if rest else singular


def signed(delta: float, decimals: int | None = None) -> str:
    """A signed number: '+3', '−2,5' (true minus sign); '±0' when it rounds to zero."""
    shown = number(abs(delta), decimals)
    if not shown.strip("0,."):
        return f"±{shown}"
    return f"{'+' if delta > 0 else '−'}{shown}"


def amount(delta: float, unit: str, decimals: int | None = None) -> str:
    """A signed amount (a gap between two figures): '+3 procentpoint', '±0 procentpoint'."""
    unit_text = "procentpoint" if unit.startswith("%") else unit
    shown = signed(delta, decimals)
    return f"{shown}{NBSP}{unit_for(shown, unit_text)}"


def change(delta: float, unit: str, decimals: int | None = None) -> str:
    """A change from one figure to a later one: '+3 procentpoint', '−2,5 pr. 1.000 indb.', and
    'uændret' when it rounds to zero on the shown decimals (never '±0 procentpoint')."""
    if signed(delta, decimals).startswith("±"):
        return UNCHANGED
    return amount(delta, unit, decimals)


def difference(delta: float, unit: str, decimals: int | None, than: str) -> str | None:
    """'0,5 procentpoint over gennemsnittet' / '… under byen'; None when it rounds to zero."""
    if signed(delta, decimals).startswith("±"):
        return None
    size = amount(abs(delta), unit, decimals).lstrip("+")
    return f"{size} {'over' if delta > 0 else 'under'} {than}"


def year(year: int | None) -> str:
    return "år ikke oplyst" if year is None else str(year)


def margin(points: float) -> str:
    """A margin of error: '±4 point'."""
    return f"±{number(points, 1)}{NBSP}point"


def listing(items: list[str]) -> str:
    """'a', 'a og b', 'a, b og c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def count(n: int, singular: str, plural: str) -> str:
    """'1 kilde', '9 kilder', '3.596 svar'."""
    return f"{number(n)} {singular if n == 1 else plural}"


def sentence(text: str) -> str:
    """The text with its first letter upper-case and the rest as written (str.capitalize would
    lower-case every name after it: »kortet har tal for … Mål 6« became »… mål 6«)."""
    return text[:1].upper() + text[1:]
