"""The data store: the only module that reads data. DuckDB over the Parquet files of the build.

One `Store` holds one DuckDB connection with a view per Parquet file; every query is
parameterised and runs on its own cursor, so Streamlit's threads can share the store.
`default_store()` is the cached store the app uses.

Where several published figures exist for the same indicator, area and year, `yearly` picks one
per year by a fixed rule (see `_YEARLY`): primary sources before secondary ones, then the least
favourable value, so that a status never rests on the kinder of two disagreeing sources.
"""

from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from sikkerby.errors import DataError, Problem
from sikkerby.paths import PARQUET_DIR
from sikkerby.schema import SOURCES

# The one rule for "one value per indicator, area and year" (see the module docstring); every
# query that shows a single value per year reads this view with `rank = 1`.
_CHOSEN_FIGURES = """
CREATE VIEW chosen_figures AS
SELECT f.*,
       count(*) OVER same_cell AS n_values,
       min(f.value) OVER same_cell AS min_value,
       max(f.value) OVER same_cell AS max_value,
       row_number() OVER (
           PARTITION BY f.indicator, f.area, f.year
           ORDER BY f.quality = 'secondary',
                    CASE WHEN coalesce(i.lower_is_better, true) THEN -f.value ELSE f.value END,
                    f.line
       ) AS rank
FROM figures f JOIN indicators i USING (indicator)
WHERE f.year IS NOT NULL
WINDOW same_cell AS (PARTITION BY f.indicator, f.area, f.year)
"""


class Store:
    def __init__(self, parquet_dir: Path = PARQUET_DIR):
        missing = [s.name for s in SOURCES if not (parquet_dir / f"{s.name}.parquet").exists()]
        if missing:
            raise DataError(
                [
                    Problem(f"{parquet_dir.name}/{name}.parquet", None, None, "filen mangler")
                    for name in missing
                ]
                + [
                    Problem(
                        "data",
                        None,
                        None,
                        "kør 'python -m sikkerby.ingest.build' for at bygge data",
                    )
                ]
            )
        self._con = duckdb.connect(":memory:")
        for source in SOURCES:
            self._con.read_parquet(str(parquet_dir / f"{source.name}.parquet")).create_view(
                source.name
            )
        self._con.execute(_CHOSEN_FIGURES)

    def _df(self, sql: str, params: list | None = None) -> pd.DataFrame:
        with self._con.cursor() as cur:
            return cur.execute(sql, params or []).df()

    # Registries --------------------------------------------------------------------------------

    def periods(self) -> pd.DataFrame:
        return self._df("SELECT * FROM periods ORDER BY start_year")

    def goals(self, period: str) -> pd.DataFrame:
        return self._df("SELECT * FROM goals WHERE period = $1 ORDER BY line", [period])

    def indicators(self) -> pd.DataFrame:
        return self._df("SELECT * FROM indicators ORDER BY line")

    def areas(self, kind: str | None = None) -> pd.DataFrame:
        return self._df("SELECT * FROM areas WHERE $1 IS NULL OR kind = $1 ORDER BY line", [kind])

    def thresholds(self, period: str) -> pd.DataFrame:
        return self._df("SELECT * FROM thresholds WHERE period = $1 ORDER BY line", [period])

    def series_breaks(self, indicator: str, area: str) -> pd.DataFrame:
        return self._df(
            """SELECT year, label, description FROM series_breaks
               WHERE indicator IN ($1, '*') AND area IN ($2, '*') ORDER BY year""",
            [indicator, area],
        )

    # Figures -----------------------------------------------------------------------------------

    def figures(
        self, indicator: str, areas: list[str], until_year: int | None = None
    ) -> pd.DataFrame:
        """The published rows behind a figure, with their sources (undated rows included)."""
        return self._df(
            """SELECT f.indicator, i.name AS indicator_name, f.area, a.name AS area_name,
                      f.year, f.value, f.unit, f.quality, f.source_title, f.source_url, f.note,
                      f.line
               FROM figures f
               JOIN indicators i USING (indicator)
               JOIN areas a ON a.area_id = f.area
               WHERE f.indicator = $1 AND list_contains($2, f.area)
                 AND ($3 IS NULL OR f.year IS NULL OR f.year <= $3)
               ORDER BY f.area = $2[1] DESC, f.area, f.year NULLS FIRST, f.line""",
            [indicator, areas, until_year],
        )

    def yearly(self, indicator: str, area: str) -> pd.DataFrame:
        """One value per year (see the module docstring for the rule), oldest first."""
        return self._df(
            """SELECT year, value, quality, source_title, source_url, note, unit, line,
                      n_values, min_value, max_value
               FROM chosen_figures
               WHERE indicator = $1 AND area = $2 AND rank = 1 ORDER BY year""",
            [indicator, area],
        )

    def latest(self, indicator: str, area: str, until_year: int | None = None) -> dict | None:
        """The newest dated value (up to `until_year`), or None when nothing is published."""
        return latest_of(self.yearly(indicator, area), until_year)

    def districts(self, indicator: str, year: int) -> pd.DataFrame:
        """Every survey district for one year; `value` is missing where nothing is published."""
        return self._df(
            """SELECT a.area_id, a.name, c.value, c.quality, c.source_title, c.source_url
               FROM areas a
               LEFT JOIN chosen_figures c
                 ON c.area = a.area_id AND c.indicator = $1 AND c.year = $2 AND c.rank = 1
               WHERE a.kind = 'bydel' ORDER BY a.name""",
            [indicator, year],
        )

    def district_series(self, indicator: str) -> pd.DataFrame:
        """Every dated district value of an indicator, one per district and year."""
        return self._df(
            """SELECT c.area, a.name AS area_name, c.year, c.value, c.quality,
                      c.source_title, c.source_url, c.n_values
               FROM chosen_figures c JOIN areas a ON a.area_id = c.area
               WHERE c.indicator = $1 AND c.rank = 1 AND a.kind = 'bydel'
               ORDER BY a.name, c.year""",
            [indicator],
        )

    def area_indicators(self, area: str) -> list[str]:
        """The indicators with a dated figure for `area` (targets left out), in registry order."""
        frame = self._df(
            """SELECT i.indicator FROM indicators i
               WHERE i.target_of IS NULL
                 AND EXISTS (SELECT 1 FROM chosen_figures c
                             WHERE c.indicator = i.indicator AND c.area = $1)
               ORDER BY i.line""",
            [area],
        )
        return list(frame["indicator"])

    def survey_respondents(self, year: int) -> int | None:
        """Answers in the city's survey that year (for margins of error), if published."""
        with self._con.cursor() as cur:
            row = cur.execute(
                """SELECT max(value) FROM figures
                   WHERE indicator = 'tu_deltagere' AND area = 'koebenhavn' AND year = $1""",
                [year],
            ).fetchone()
        return None if row[0] is None else int(row[0])


def latest_of(yearly: pd.DataFrame, until_year: int | None = None) -> dict | None:
    """The last row of a `Store.yearly` series (up to `until_year`), or None."""
    if until_year is not None:
        yearly = yearly[yearly["year"] <= until_year]
    return None if yearly.empty else yearly.iloc[-1].to_dict()


@cache
def default_store() -> Store:
    """The store over the project's built data, shared by every session of the app."""
    return Store()
