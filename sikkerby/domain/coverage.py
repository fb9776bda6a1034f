"""Which figures exist and which are missing: one grid of rows (measures or areas) by years.

Every cell holds the published figure or nothing; a row says what would fill its gaps. Figures
whose year is not stated get a column of their own, so they are neither lost nor given a year.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from sikkerby.domain.registry import Measure
from sikkerby.domain.series import Figure


@dataclass(frozen=True)
class CoverageRow:
    label: str
    measure: Measure  # how the row's values are shown
    figures: tuple[Figure, ...]  # dated figures, one per year (the chosen ones)
    undated: tuple[Figure, ...] = ()  # figures whose year is not stated
    hint: str | None = None  # what would fill the gaps

    def at(self, year: int) -> Figure | None:
        return next((f for f in self.figures if f.year == year), None)


class RowsAre(Enum):
    """What a coverage grid's rows are."""

    MEASURES = "measures"  # an area's measures (the area page, the report's appendix)
    AREAS = "areas"  # the areas compared (the youth page)


@dataclass(frozen=True)
class Coverage:
    rows_are: RowsAre
    rows: tuple[CoverageRow, ...]
    years: tuple[int, ...]

    @property
    def has_undated(self) -> bool:
        return any(r.undated for r in self.rows)

    @property
    def has_hints(self) -> bool:
        return any(r.hint for r in self.rows)

    @property
    def empty(self) -> bool:
        return not self.rows or not self.years


def grid(rows_are: RowsAre, rows: Sequence[CoverageRow], first: int, last: int) -> Coverage:
    """Rows over every year from `first` to `last`: a missing year is a column of gaps."""
    return Coverage(rows_are, tuple(rows), tuple(range(first, last + 1)))
