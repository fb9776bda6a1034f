"""Import of the city's own yearly youth crime figures (goals 3 and 4 of 2018-2021).

The strategy's youth figures are a special extract from Danmarks Statistik that the city
receives; no public table has them. Staff add the yearly figures they receive in a CSV file with
one row per year, municipality and age group:

    aar,kommune,gruppe,andel_pct,sigtede,indbyggere,kilde,kilde_url,note
    2019,København,15-17,3.1,,,"Danmarks Statistik, særudtræk til Københavns Kommune 2020",,
    2019,Aarhus+Odense+Aalborg+Esbjerg,15-17,2.1,,,"Danmarks Statistik, særudtræk …",,

- `aar`: the calendar year the figure is about.
- `kommune`: København, Aarhus, Odense, Aalborg, Esbjerg, or the four cities' average
  (`Aarhus+Odense+Aalborg+Esbjerg` or `Fire byer`). The average is never computed here: the
  strategy does not say how it is weighted, so it must come from the extract.
- `gruppe`: `15-17` (share of 15-17-year-olds charged under the criminal code, goal 3) or
  `18-25` (share of 18-25-year-olds charged with serious or violent crime, goal 4).
- `andel_pct`: the share in per cent, as delivered. If it is empty, `sigtede` (persons charged)
  and `indbyggere` (persons in the age group) are used to compute it, and the figure's source
  then reads "Egne beregninger på <kilde>"; not for the average, which must be delivered.
- `kilde` (required), `kilde_url` and `note`: where the figure comes from.

A file saved by Danish Excel as "CSV UTF-8" (semicolons, decimal comma) is read as well. The
rows are validated with every other source and added to `data/figures.csv`; a row for the same
year, area, age group and source as one already there replaces it (a corrected figure). Nothing
changes if anything is wrong.

Run `python -m sikkerby.ingest.ungetal FIL`.
"""

import math
import sys
from pathlib import Path

from sikkerby.errors import DataError, Problem
from sikkerby.ingest import registry
from sikkerby.ingest.importer import (
    area_lookup,
    excel_number,
    read_figures,
    read_rows,
    run_import,
    write_figures,
)
from sikkerby.paths import DATA_DIR, PARQUET_DIR

COLUMNS = ("aar", "kommune", "gruppe", "andel_pct", "kilde")
OPTIONAL = ("sigtede", "indbyggere", "kilde_url", "note")
OWN_CALCULATION = "Egne beregninger på"


def _number(text: str, danish_excel: bool) -> float | None:
    """The number in a cell, or None when it is empty or not a finite number."""
    try:
        number = float(excel_number(text) if danish_excel else text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def read_youth_figures(path: Path, data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    """The rows of a youth figures file in the layout of `data/figures.csv`.

    Raises `DataError` naming every problem by line and column.
    """
    cells_by_line, danish_excel = read_rows(path, list(COLUMNS))
    areas = area_lookup(data_dir)
    # The age groups of the youth goals, each with the indicator it fills, and their areas.
    facts = registry.load(data_dir)
    groups, places = facts.youth_groups, facts.places
    problems: list[Problem] = []
    rows: list[dict[str, str]] = []

    def problem(line: int, column: str, message: str) -> None:
        problems.append(Problem(path.name, line, column, message))

    first_line: dict[tuple[str, str, str], int] = {}
    for line, cells in cells_by_line:
        found_before = len(problems)
        year, area_name, group = cells["aar"], cells["kommune"], cells["gruppe"]
        if not (year.isdigit() and len(year) == 4):
            problem(line, "aar", f"'{year}' er ikke et årstal")
        area_id = areas.get(area_name, (None, None))[0]
        if area_id not in places.youth_areas:
            problem(
                line,
                "kommune",
                f"'{area_name}' er ikke København, en af de fire byer eller deres gennemsnit",
            )
        if group not in groups:
            problem(line, "gruppe", f"'{group}' skal være en af: {', '.join(groups)}")
        if not cells["kilde"]:
            problem(line, "kilde", "skal udfyldes: hvor kommer tallet fra?")
        texts = {c: cells.get(c, "") for c in ("andel_pct", "sigtede", "indbyggere")}
        share, charged, persons = (_number(t, danish_excel) for t in texts.values())
        for column, text in texts.items():
            if text and _number(text, danish_excel) is None:
                problem(line, column, f"'{text}' er ikke et tal")
        source, note = cells["kilde"], cells.get("note", "")
        if not texts["andel_pct"] and area_id == places.average:
            problem(
                line,
                "andel_pct",
                "skal udfyldes for de fire byers gennemsnit: dashboardet beregner ikke "
                "gennemsnittet, fordi strategien ikke oplyser, hvordan det er vægtet",
            )
        elif not texts["andel_pct"]:
            if charged is None or not persons:
                problem(
                    line,
                    "andel_pct",
                    "skal udfyldes, eller både sigtede og indbyggere (over 0) skal udfyldes",
                )
                continue
            share = charged / persons * 100
            source = f"{OWN_CALCULATION} {source}"
            calculation = (
                f"andel beregnet som sigtede / indbyggere × 100 "
                f"({charged:g} / {persons:g}) af projektet"
            )
            note = f"{note}; {calculation}" if note else calculation
        if share is not None and not 0 <= share <= 100:
            problem(line, "andel_pct", f"{share:g} % er ikke en andel mellem 0 og 100")
        cell = (year, area_id, group)
        if cell in first_line:
            problem(
                line,
                "aar",
                f"{year}, {area_name}, {group} står allerede i linje {first_line[cell]}",
            )
        first_line.setdefault(cell, line)
        if len(problems) > found_before:
            continue
        rows.append(
            {
                "indicator": groups[group],
                "area": area_id,
                "year": year,
                "value": f"{round(share, 4):g}",
                "unit": "%",
                "quality": "primary",
                "source_title": source,
                "source_url": cells.get("kilde_url", ""),
                "note": note,
            }
        )
    if problems:
        raise DataError(problems)
    return rows


def import_youth_figures(path: Path, data_dir: Path = DATA_DIR, out_dir: Path = PARQUET_DIR) -> int:
    """Add the figures of `path` to `data_dir/figures.csv` and rebuild; returns the rows that
    are new or changed. A figure for the same year, area, age group and source as one already
    there replaces it: that is how a corrected figure is loaded."""
    new_rows = read_youth_figures(path, data_dir)
    existing = read_figures(data_dir)
    replaced = {_same_figure(r) for r in new_rows}
    kept = [r for r in existing if _same_figure(r) not in replaced]
    changed = [r for r in new_rows if r not in existing]
    if changed or len(kept) + len(new_rows) != len(existing):
        write_figures(kept + new_rows, data_dir, out_dir)
    return len(changed)


def _same_figure(row: dict[str, str]) -> tuple[str, str, str, str]:
    return (row["indicator"], row["area"], row["year"], row["source_title"])


def main(argv: list[str] | None = None) -> int:
    return run_import(
        argv,
        "Importér kommunens årlige tal for unge sigtede (mål 3 og 4, 2018-2021).",
        "CSV-fil: " + ",".join(COLUMNS + OPTIONAL),
        import_youth_figures,
        "tal for unge",
    )


if __name__ == "__main__":
    sys.exit(main())
