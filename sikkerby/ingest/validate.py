"""Validation of the CSV sources under `data/`: every problem named by file, line and column.

`load_sources` reads all sources, checks each cell against `sikkerby.schema` and the references
between files, and returns typed tables. It raises `DataError` listing every problem it found,
in Danish, so that nothing is built from a file with a mistake in it.
"""

import csv
import io
import math
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from sikkerby import fmt
from sikkerby.errors import HIDDEN, DataError, Problem
from sikkerby.schema import FIRST_YEAR, FLAG_VALUES, SOURCES, AreaKind, Column, Source, listed

# A parsed row keeps the line it came from, so later checks can point at it.
Row = dict[str, object]

# Numbers as people type them: digits 0-9, a point for decimals. Python's own int() and float()
# also take 1_5, full-width digits, 1e308, inf and nan, none of which is a published figure.
_INTEGER = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def invisible(text: str) -> str | None:
    """What is wrong with a cell holding characters no one sees (control and format
    characters, line and paragraph separators: they split lines, hide or reverse text), or
    None. A tab or line break is named by the caller's own rules."""
    if text.isprintable():  # the usual case, at C speed: no Cc, Cf, Zl or Zp character in it
        return None
    for char in text:
        if char not in "\t\n\r" and unicodedata.category(char) in HIDDEN:
            return f"cellen indeholder et usynligt tegn (U+{ord(char):04X})"
    return None


def _short(text: str, limit: int = 40) -> str:
    """A cell quoted in a message, cut so a huge cell cannot flood it."""
    return text if len(text) <= limit else text[:limit] + "…"


def _parse_cell(col: Column, raw: str) -> tuple[object, str | None]:
    """The typed value of one cell, or an error message in Danish."""
    text = raw.strip()
    hidden = invisible(text)
    if hidden:
        return None, hidden
    if text == "":
        return None, (None if not col.required else "må ikke være tom")
    if col.kind == "int":
        if not _INTEGER.fullmatch(text):
            return None, f"'{_short(text)}' er ikke et helt tal"
        return int(text), None
    if col.kind == "number":
        if not _DECIMAL.fullmatch(text):
            hint = "brug punktum som decimaltegn" if "," in text else "kun cifrene 0-9 og punktum"
            return None, f"'{_short(text)}' er ikke et tal ({hint})"
        number = float(text)
        if not math.isfinite(number):
            return None, f"'{_short(text)}' er for stort et tal"
        return number, None
    if col.kind == "flag":
        if text not in FLAG_VALUES:
            return None, f"'{text}' skal være 'ja' eller 'nej'"
        return text == "ja", None
    if col.kind == "choice" and text not in col.choices:
        return None, f"'{text}' er ikke en af: {', '.join(col.choices)}"
    return text, None


def _read_source(
    source: Source, data_dir: Path, problems: list[Problem], text: str | None = None
) -> list[Row]:
    path = data_dir / source.file
    label = f"data/{source.file}"
    try:
        text = path.read_text(encoding="utf-8-sig") if text is None else text
    except FileNotFoundError:
        problems.append(Problem(label, None, None, "filen findes ikke"))
        return []
    except UnicodeDecodeError:
        problems.append(Problem(label, None, None, "filen er ikke gemt som UTF-8"))
        return []
    # Lines are ended by \n or \r\n only (str.splitlines would also end one at U+2028).
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        problems.append(Problem(label, 1, None, "filen er tom; der mangler en overskriftslinje"))
        return []
    header = [h.strip() for h in header]
    missing = [c for c in source.column_names if c not in header]
    unknown = [h for h in header if h not in source.column_names]
    for name in missing:
        problems.append(Problem(label, 1, name, "kolonnen mangler i overskriften"))
    for name in unknown:
        problems.append(Problem(label, 1, name, "ukendt kolonne"))
    if missing or unknown:
        return []
    rows: list[Row] = []
    start = reader.line_num
    for cells in reader:
        line = start + 1
        start = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(label, line, None, f"har {len(cells)} felter; overskriften {len(header)}")
            )
            continue
        row: Row = {"_line": line}
        by_name = dict(zip(header, cells, strict=True))
        for col in source.columns:
            value, error = _parse_cell(col, by_name[col.name])
            if error:
                problems.append(Problem(label, line, col.name, error))
            row[col.name] = value
        rows.append(row)
    return rows


# A row whose key an earlier row has: the end of its message, which `publish.at_origins` moves to
# the earlier row's place in a staff member's file.
ALREADY = "findes allerede i linje {line}"
ALREADY_AT = re.compile(r"findes allerede i linje ([0-9]+)$")


def _check_keys(source: Source, rows: list[Row], problems: list[Problem]) -> None:
    seen: dict[tuple, int] = {}
    for row in rows:
        key = tuple(row[c] for c in source.key)
        if key in seen:
            problems.append(
                Problem(
                    f"data/{source.file}",
                    row["_line"],
                    source.key[0],
                    f"'{'/'.join('uden år' if k is None else str(k) for k in key)}' "
                    f"{ALREADY.format(line=seen[key])}",
                )
            )
        else:
            seen[key] = row["_line"]


def _check_references(tables: dict[str, list[Row]], problems: list[Problem]) -> None:
    for source in SOURCES:
        for col in source.columns:
            if not col.refers_to:
                continue
            target, target_col = col.refers_to
            known = {r[target_col] for r in tables[target]}
            for row in tables[source.name]:
                cell = row[col.name]
                values = listed(cell) if col.separator and cell else [cell]
                for value in values:
                    if value is None or value == col.wildcard or value in known:
                        continue
                    problems.append(
                        Problem(
                            f"data/{source.file}",
                            row["_line"],
                            col.name,
                            f"'{value}' findes ikke i data/{target}.csv",
                        )
                    )


def _has_figure(figures: list[Row], indicator: str, area: str, year, value: float) -> bool:
    return any(
        f["indicator"] == indicator
        and f["area"] == area
        and f["year"] == year
        and f["value"] is not None
        and math.isclose(f["value"], value)
        for f in figures
    )


@dataclass(frozen=True)
class Needed:
    """A figure a goal rests on: at `column` of the goal's `line` in goals.csv (its baseline, the
    baseline of the area it is compared with, or its target), `value` of `indicator` in `area`
    in `year`."""

    line: int
    column: str
    goal: str  # »Øget tryghed« (2018-2021)
    indicator: str
    area: str
    year: int | None
    value: float


def _goal_name(goal: Row) -> str:
    return f"»{goal['title']}« ({goal['period']})"


def _needed(tables: dict[str, list[Row]]) -> Iterator[Needed]:
    targets_of = {r["target_of"]: r["indicator"] for r in tables["indicators"] if r["target_of"]}
    for goal in tables["goals"]:
        for value_col, year_col, area_col in (
            ("baseline_value", "baseline_year", "area"),
            ("compare_baseline_value", "compare_baseline_year", "compare_area"),
        ):
            value = goal[value_col]
            if value is not None and goal[area_col] is not None:
                yield Needed(
                    goal["_line"],
                    value_col,
                    _goal_name(goal),
                    goal["indicator"],
                    goal[area_col],
                    goal[year_col],
                    value,
                )
        target = targets_of.get(goal["indicator"])
        if goal["target_value"] is not None and target is not None:
            yield Needed(
                goal["_line"],
                "target_value",
                _goal_name(goal),
                target,
                goal["area"],
                goal["target_year"],
                goal["target_value"],
            )


def needed_figures(data_dir: Path) -> list[Needed]:
    """The figures the goals in `data_dir` rest on (sources that do not read are left out: their
    problems are named by `load_sources`)."""
    problems: list[Problem] = []
    tables = {s.name: _read_source(s, data_dir, problems) for s in SOURCES if s.name != "figures"}
    if problems:
        return []
    return list(_needed(tables))


def _check_goals(tables: dict[str, list[Row]], problems: list[Problem]) -> None:
    """Baselines and targets must trace to a sourced figure; each kind needs its fields."""
    figures = tables["figures"]
    indicators = {r["indicator"]: r for r in tables["indicators"]}
    thresholds = {(r["period"], r["indicator"]) for r in tables["thresholds"]}
    targets_of = {r["target_of"]: r["indicator"] for r in tables["indicators"] if r["target_of"]}
    label = "data/goals.csv"

    def need(goal: Row, column: str, why: str) -> None:
        if goal[column] is None:
            problems.append(Problem(label, goal["_line"], column, f"skal udfyldes, {why}"))

    for n in _needed(tables):
        if n.column == "target_value" or _has_figure(figures, n.indicator, n.area, n.year, n.value):
            continue
        problems.append(
            Problem(
                label,
                n.line,
                n.column,
                f"{n.value:g} ({'uden år' if n.year is None else n.year}) for {n.indicator} i "
                f"{n.area} findes ikke som kildebelagt tal i data/figures.csv",
            )
        )
    for goal in tables["goals"]:
        kind = goal["target_kind"]
        line = goal["_line"]
        if goal["target_value"] is not None:
            target_indicator = targets_of.get(goal["indicator"])
            if target_indicator is None or not _has_figure(
                figures, target_indicator, goal["area"], goal["target_year"], goal["target_value"]
            ):
                problems.append(
                    Problem(
                        label,
                        line,
                        "target_value",
                        f"målet {goal['target_value']:g} ({goal['target_year']}) findes ikke "
                        "som kildebelagt måltal i data/figures.csv",
                    )
                )
        if kind in ("max_value", "none_above_threshold"):
            need(goal, "target_value", f"når target_kind er {kind}")
        if kind == "approach":
            need(goal, "compare_area", "når målet er at nærme sig et andet område")
        if kind in ("none_above_threshold", "rise_below_threshold"):
            need(goal, "district_indicator", "når målet gælder bydelene")
            district = goal["district_indicator"]
            if district is not None and (goal["period"], district) not in thresholds:
                problems.append(
                    Problem(
                        label,
                        line,
                        "district_indicator",
                        f"der er ingen tærskel for {district} i perioden {goal['period']} "
                        "i data/thresholds.csv",
                    )
                )
        indicator = indicators.get(goal["indicator"])
        if indicator is not None and indicator["lower_is_better"] is None:
            problems.append(
                Problem(
                    label,
                    line,
                    "indicator",
                    f"{goal['indicator']} mangler lower_is_better i data/indicators.csv",
                )
            )


def _check_values(tables: dict[str, list[Row]], problems: list[Problem]) -> None:
    """Each figure is one its indicator can have: 0 or more and at most the indicator's
    `max_value`, in a unit that names the indicator's unit, about a year from 2000 to next year."""
    indicators = {i["indicator"]: i for i in tables["indicators"]}
    last_year = date.today().year + 1
    for row in tables["figures"]:
        line, info = row["_line"], indicators.get(row["indicator"])
        value, unit, year = row["value"], row["unit"], row["year"]
        if year is not None and not FIRST_YEAR <= year <= last_year:
            problems.append(
                Problem(
                    _FIGURES, line, "year", f"{year} er ikke et år fra {FIRST_YEAR} til {last_year}"
                )
            )
        url = row["source_url"]
        if url is not None and not _WEB_ADDRESS.fullmatch(url):
            problems.append(
                Problem(
                    _FIGURES,
                    line,
                    "source_url",
                    f"'{_short(url)}' er ikke en webadresse, der begynder med https:// eller http://",
                )
            )
        if info is None or value is None or unit is None:
            continue
        if value < 0:
            problems.append(Problem(_FIGURES, line, "value", f"{fmt.number(value)} er negativ"))
        elif info["max_value"] is not None and value > info["max_value"]:
            problems.append(
                Problem(
                    _FIGURES,
                    line,
                    "value",
                    f"{fmt.number(value)} er over {fmt.number(info['max_value'])} {info['unit']}, "
                    "det højeste "
                    f"{row['indicator']} kan være",
                )
            )
        if not _names_unit(unit, info["unit"]):
            problems.append(
                Problem(
                    _FIGURES,
                    line,
                    "unit",
                    f"'{_short(unit)}' passer ikke til {row['indicator']}, hvis enhed er "
                    f"'{info['unit']}' (enheden skal indeholde '{info['unit']}')",
                )
            )
    periods = tables["periods"]
    if periods and sum(1 for p in periods if p["default"]) != 1:
        problems.append(
            Problem("data/periods.csv", None, "default", "præcis én periode skal have default = ja")
        )


_FIGURES = "data/figures.csv"
# A source's address is shown as a link: only a web address (no javascript:, file: or data:),
# without spaces or quotes.
_WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>]+", re.IGNORECASE)


def _names_unit(unit: str, indicator_unit: str) -> bool:
    """'anmeldelser pr. 1.000 indbyggere' names 'pr. 1.000'; 'procent' does not name '%'."""
    return re.search(rf"(?<!\w){re.escape(indicator_unit)}(?!\w)", unit) is not None


_AGES = re.compile(r"(\d{1,3})-(\d{1,3})")
# Kinds of area made of other areas (`members`), and the kind the whole city has (exactly one).
_MADE_OF_MEMBERS = (AreaKind.AVERAGE, AreaKind.POOLED)
_CITY_KIND = AreaKind.CITY


def _check_registry(tables: dict[str, list[Row]], problems: list[Problem]) -> None:
    """The areas and indicators hold together: one city, members where they belong, unique
    municipality codes, and age groups written as '15-17'."""
    areas = tables["areas"]
    cities = [a for a in areas if a["kind"] == _CITY_KIND]
    if areas and len(cities) != 1:
        problems.append(
            Problem("data/areas.csv", None, "kind", "præcis ét område skal have kind = by")
        )
    codes: dict[str, int] = {}
    for area in areas:
        line, code = area["_line"], area["kommunekode"]
        if (area["members"] is None) == (area["kind"] in _MADE_OF_MEMBERS):
            why = (
                "skal udfyldes for et område af typen " + area["kind"]
                if area["members"] is None
                else "bruges kun for områder af typen gennemsnit eller samlet"
            )
            problems.append(Problem("data/areas.csv", line, "members", why))
        if code is None:
            continue
        if not (code.isdigit() and len(code) == 3):
            problems.append(
                Problem("data/areas.csv", line, "kommunekode", f"'{code}' er ikke tre cifre")
            )
        elif code in codes:
            problems.append(
                Problem(
                    "data/areas.csv",
                    line,
                    "kommunekode",
                    f"'{code}' findes allerede i linje {codes[code]}",
                )
            )
        codes.setdefault(code, line)
    for indicator in tables["indicators"]:
        ages = indicator["ages"]
        match = _AGES.fullmatch(ages) if ages else None
        if ages and not (match and int(match[1]) <= int(match[2])):
            problems.append(
                Problem(
                    "data/indicators.csv",
                    indicator["_line"],
                    "ages",
                    f"'{ages}' skal skrives som en aldersgruppe, fx 15-17",
                )
            )


def _to_frame(source: Source, rows: list[Row]) -> pd.DataFrame:
    dtypes = {"int": "Int64", "number": "Float64", "flag": "boolean"}
    # `line` keeps each row traceable to its line in the CSV file.
    columns = [*source.column_names, "line"]
    frame = pd.DataFrame(
        [{**{c: r[c] for c in source.column_names}, "line": r["_line"]} for r in rows],
        columns=columns,
    )
    for col in source.columns:
        frame[col.name] = frame[col.name].astype(dtypes.get(col.kind, "string"))
    frame["line"] = frame["line"].astype("Int64")
    return frame


def load_sources(data_dir: Path, texts: Mapping[str, str] = {}) -> dict[str, pd.DataFrame]:
    """All sources as typed tables; raises `DataError` with every problem found. `texts` gives
    the content of some files instead of the file in `data_dir` ({"figures.csv": ...})."""
    problems: list[Problem] = []
    tables = {s.name: _read_source(s, data_dir, problems, texts.get(s.file)) for s in SOURCES}
    # Row by row, and unique keys: meaningful on the rows that were read.
    _check_values(tables, problems)
    for source in SOURCES:
        if source.key:
            _check_keys(source, tables[source.name], problems)
    if problems:  # references and cross-checks mean little on a half-read file
        raise DataError(problems)
    _check_references(tables, problems)
    _check_registry(tables, problems)
    _check_goals(tables, problems)
    if problems:
        raise DataError(problems)
    return {s.name: _to_frame(s, tables[s.name]) for s in SOURCES}
