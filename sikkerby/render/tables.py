"""Tables as shown and downloaded: the rows behind a view, a coverage grid, an area's figures.

Values shown on screen are Danish text (82,7); the table offered for download keeps numbers as
numbers so Excel can compute with them.
"""

from collections.abc import Sequence

import pandas as pd

from sikkerby import fmt
from sikkerby.domain.coverage import Coverage
from sikkerby.domain.registry import Registry
from sikkerby.domain.series import AreaSeries, Figure
from sikkerby.render.text import MISSING, QUALITY

UNDATED = "År ikke oplyst"
HINT = "Hvad mangler"


def rows_table(rows: Sequence[Figure], reg: Registry) -> pd.DataFrame:
    """The published rows behind a view, with their sources, as shown on screen."""
    return pd.DataFrame(
        {
            "Indikator": [reg.indicators[r.indicator].name for r in rows],
            "Område": [reg.areas[r.area].name for r in rows],
            "År": [fmt.year(r.year) for r in rows],
            "Værdi": [fmt.number(r.value) for r in rows],
            "Enhed": [r.unit for r in rows],
            "Kildetype": [QUALITY[r.quality] for r in rows],
            "Kilde": [r.source_title for r in rows],
            "Link": [r.source_url for r in rows],
            "Note": [r.note for r in rows],
            "Linje i data/figures.csv": [r.line for r in rows],
        },
        columns=[
            "Indikator",
            "Område",
            "År",
            "Værdi",
            "Enhed",
            "Kildetype",
            "Kilde",
            "Link",
            "Note",
            "Linje i data/figures.csv",
        ],
    )


def coverage_table(coverage: Coverage) -> pd.DataFrame:
    """One row per measure or area, one column per year: the value as shown (marked when from a
    secondary source) or "mangler"; figures with no stated year, and what would fill the gaps,
    in columns of their own."""
    table: dict[str, dict[str, str]] = {}
    for row in coverage.rows:
        cells: dict[str, str] = {}
        if coverage.has_undated:
            undated = ", ".join(row.measure.show(f.value) for f in row.undated)
            cells[UNDATED] = undated or MISSING
        for year in coverage.years:
            figure = row.at(year)
            cells[str(year)] = (
                MISSING
                if figure is None
                else row.measure.show(figure.value) + (" (sekundær)" if figure.secondary else "")
            )
        if coverage.has_hints:
            cells[HINT] = row.hint or ""
        table[row.label] = cells
    frame = pd.DataFrame.from_dict(table, orient="index")
    frame.index.name = coverage.heading
    return frame


FIGURE_COLUMNS = ["Område", "Mål", "År", "Værdi", "Enhed", "Kildetype", "Kilde", "Link", "Note"]


def figures_table(shown: Sequence[AreaSeries], city_name: str) -> pd.DataFrame:
    """The figures an area page shows, the area's and the city's, one row per measure, place
    and year, with their sources: what is offered for download (numbers as numbers)."""
    rows = [
        {
            "Område": name,
            "Mål": s.indicator.name,
            "År": f.year,
            "Værdi": f.value,
            "Enhed": f.unit,  # the source's own wording, caveats included
            "Kildetype": QUALITY[f.quality],
            "Kilde": f.source_title,
            "Link": f.source_url or "",
            "Note": f.note or "",
        }
        for s in shown
        for name, figures in ((s.area.name, s.figures), (city_name, s.city))
        for f in figures
    ]
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)
