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

A file saved by Danish Excel as "CSV UTF-8" (semicolons, decimal comma), or an .xlsx file, is
read as well. The rows are validated with every other source and published as a new version
(`sikkerby.ingest.publish`); a row for the same year, area, age group and source as one already
there replaces it (a corrected figure). Nothing changes if anything is wrong.

Run `sikkerby ungetal FIL`.
"""

import re
import sys
from pathlib import Path

from sikkerby import site
from sikkerby.errors import Problem
from sikkerby.ingest import registry, userfile
from sikkerby.ingest.importer import area_lookup, propose, publish_proposal, run_import
from sikkerby.ingest.publish import Origin, Row, command_user
from sikkerby.ingest.userfile import UserFile
from sikkerby.versions import Version

COLUMNS = ("aar", "kommune", "gruppe", "andel_pct", "kilde")
OPTIONAL = ("sigtede", "indbyggere", "kilde_url", "note")
# The file's column each column of figures.csv comes from (None: the importer's own), so a
# problem found when the figures are validated is named at the staff member's column.
FIGURE_COLUMNS = (
    ("indicator", "gruppe"),
    ("area", "kommune"),
    ("year", "aar"),
    ("value", "andel_pct"),
    ("unit", None),
    ("quality", None),
    ("source_title", "kilde"),
    ("source_url", "kilde_url"),
    ("note", "note"),
)
OWN_CALCULATION = "Egne beregninger på"


def read_youth_figures(
    file: UserFile, sources: Path
) -> tuple[list[tuple[Origin, Row]], list[Problem]]:
    """The rows of a youth figures file in the layout of figures.csv, each with its line, the
    areas and age groups read from the registries in `sources`, and the problems of the rows
    left out, each by line and column. Raises `DataError` when the file is not in the layout.
    """
    table = userfile.read_table(file, COLUMNS, OPTIONAL)
    danish_excel = table.danish_excel
    areas = area_lookup(sources)
    # The age groups of the youth goals, each with the indicator it fills, and their areas.
    facts = registry.load(sources)
    groups, places = facts.youth_groups, facts.places
    problems: list[Problem] = []
    rows: list[tuple[Origin, Row]] = []

    def problem(line: int, column: str, message: str) -> None:
        problems.append(Problem(file.name, line, column, message))

    def _number(text: str, danish_excel: bool) -> float | None:
        return userfile.number(text, danish_excel)

    here = site.current()
    first_line: dict[tuple[str, str, str], int] = {}
    for line, cells in table.rows:
        found_before = len(problems)
        year, area_name, group = cells["aar"], cells["kommune"], cells["gruppe"]
        if not re.fullmatch(r"[0-9]{4}", year):
            problem(line, "aar", f"'{year}' er ikke et årstal")
        area_id = areas.get(area_name, (None, None))[0]
        if area_id not in places.youth_areas:
            problem(
                line,
                "kommune",
                f"'{area_name}' er ikke {here.city}, en af {here.comparison} eller deres "
                "gennemsnit",
            )
        if group not in groups:
            problem(line, "gruppe", f"'{group}' skal være en af: {', '.join(groups)}")
        if not cells["kilde"]:
            problem(line, "kilde", "skal udfyldes: hvor kommer tallet fra?")
        texts = {c: cells.get(c, "") for c in ("andel_pct", "sigtede", "indbyggere")}
        share, charged, persons = (_number(t, danish_excel) for t in texts.values())
        for column, text in texts.items():
            value = _number(text, danish_excel) if text else None
            if text and value is None:
                problem(line, column, f"'{text[:40]}' er ikke et tal (kun cifrene 0-9)")
            elif value is not None and value < 0:
                problem(line, column, f"{value:g} er negativ")
        source, note = cells["kilde"], cells.get("note", "")
        if not texts["andel_pct"] and area_id == places.average:
            problem(
                line,
                "andel_pct",
                f"skal udfyldes for {site.genitive(here.comparison)} gennemsnit: dashboardet "
                "beregner ikke "
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
            (
                Origin(file.name, line, FIGURE_COLUMNS),
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
                },
            )
        )
    return rows, problems


def import_youth_figures(path: Path, store: Path | None = None) -> Version | None:
    """Publish the figures of `path`: a figure for the same year, area, age group and source as
    one already there replaces it (a corrected figure). Returns the new version, or None when
    nothing changes."""
    proposal = propose(userfile.read_path(path), read_youth_figures, store=store)
    if proposal.changes.empty:
        return None
    return publish_proposal(proposal, command_user(), store)


def main(argv: list[str] | None = None, prog: str = "python -m sikkerby.ingest.ungetal") -> int:
    return run_import(
        argv,
        prog,
        "Offentliggør kommunens årlige tal for unge sigtede (mål 3 og 4, 2018-2021).",
        "CSV- eller Excel-fil: " + ",".join(COLUMNS + OPTIONAL),
        read_youth_figures,
    )


if __name__ == "__main__":
    sys.exit(main())
