"""Tables as shown and downloaded: the rows behind a view, a coverage grid, an area's figures.

Values shown on screen are Danish text (82,7); the table offered for download keeps numbers as
numbers so Excel can compute with them.
"""

from collections.abc import Sequence

import pandas as pd

from sikkerby import fmt
from sikkerby.domain import series
from sikkerby.domain.coverage import Coverage, RowsAre
from sikkerby.domain.registry import Registry
from sikkerby.domain.series import Figure
from sikkerby.render import text
from sikkerby.render.text import MISSING, QUALITY

# What a coverage grid's rows are, as its first column is headed.
ROWS_ARE = {RowsAre.MEASURES: "Mål", RowsAre.AREAS: "Område"}
UNDATED = "År ikke oplyst"
SOURCES = "Kilde"
HINT = "Hvad mangler"
# The column that names a row's own line in data/figures.csv (the same row shown twice is one),
# in words a reader knows: no file path on the pages politicians read.
LINE = "Linje i tallenes fil"


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
            LINE: [r.line for r in rows],
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
            LINE,
        ],
    )


def coverage_cell(figure: Figure, measure) -> str:
    """A figure as a coverage cell: the value the store's rule chose (as every screen shows
    it), marked when from a secondary source or when the sources for the year disagree."""
    marks = ["sekundær"] if figure.secondary else []
    found = text.disagreement(figure, measure)
    if found:
        marks.append(found)
    return text.shown(measure, figure.value) + (f" ({'; '.join(marks)})" if marks else "")


def coverage_table(coverage: Coverage) -> pd.DataFrame:
    """One row per measure or area, one column per year: the value as shown (marked when from a
    secondary source) or "mangler"; figures with no stated year, the row's sources and what
    would fill the gaps, in columns of their own."""
    table: dict[str, dict[str, str]] = {}
    for row in coverage.rows:
        cells: dict[str, str] = {}
        if coverage.has_undated:
            undated = ", ".join(text.shown(row.measure, f.value) for f in row.undated)
            cells[UNDATED] = undated or MISSING
        for year in coverage.years:
            figure = row.at(year)
            cells[str(year)] = MISSING if figure is None else coverage_cell(figure, row.measure)
        # Every value in the grid with its source: the row's sources, each named once.
        titles = series.source_titles((*row.undated, *row.figures))
        cells[SOURCES] = "; ".join(titles) or MISSING
        if coverage.has_hints:
            cells[HINT] = row.hint or ""
        table[row.label] = cells
    frame = pd.DataFrame.from_dict(table, orient="index")
    frame.index.name = ROWS_ARE[coverage.rows_are]
    return frame


MARGIN = "Usikkerhed (± point)"
THRESHOLD = "Tærskel"
SHOWN = "Vist i dashboardet"
FIGURE_COLUMNS = [
    "Område",
    "Mål",
    "År",
    "Værdi",
    "Enhed",
    MARGIN,
    THRESHOLD,
    SHOWN,
    "Kildetype",
    "Kilde",
    "Link",
    "Note",
]


def shown_text(figure: Figure, measure) -> str:
    """Whether the screens show a row's value for its year (the store's one rule picks one row
    per year) and whether the sources for the year disagree: a file says what the pages say."""
    if figure.chosen is None:
        return ""
    found = text.disagreement(figure, measure)
    if figure.chosen:
        return f"ja ({found})" if found else "ja"
    if found:
        return f"nej ({found}; dashboardet viser en anden kildes tal for året)"
    return "nej (samme tal fra en anden kilde vises)"


def figures_table(figures: Sequence[Figure], reg: Registry) -> pd.DataFrame:
    """Published figures as offered for download, one row each, with their sources, the
    survey's margin and the strategy's threshold for a district's figure, as the pages show
    them beside the figure (numbers as numbers, empty where there is none)."""
    rows = []
    for f in figures:
        t = reg.threshold_for(f.indicator, f.area, f.year)
        rows.append(
            {
                "Område": reg.areas[f.area].name,
                "Mål": reg.indicators[f.indicator].name,
                "År": f.year,
                "Værdi": f.value,
                "Enhed": f.unit,  # the source's own wording, caveats included
                MARGIN: None if f.margin is None else round(f.margin, 1),
                THRESHOLD: f"{t.label} ({t.period})" if t else "",
                SHOWN: shown_text(f, reg.indicators[f.indicator].measure),
                "Kildetype": QUALITY[f.quality],
                "Kilde": f.source_title,
                "Link": f.source_url or "",
                "Note": f.note or "",
            }
        )
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS).astype({"År": "Int64"})


def figures_shown(table: pd.DataFrame) -> pd.DataFrame:
    """The download table as the page shows it: Danish numbers, margins as ±, blanks empty."""
    return table.assign(
        **{
            "År": [fmt.year(None if pd.isna(y) else int(y)) for y in table["År"]],
            "Værdi": [fmt.number(v) for v in table["Værdi"]],
            MARGIN: ["" if pd.isna(m) else f"±{fmt.number(m)}" for m in table[MARGIN]],
        }
    )
