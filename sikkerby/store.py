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

from sikkerby.paths import PARQUET_DIR
from sikkerby.schema import SOURCES
from sikkerby.validate import DataError, Problem

_YEARLY = """
WITH dir AS (SELECT coalesce(lower_is_better, true) AS lower FROM indicators WHERE indicator = $1),
ranked AS (
    SELECT f.*, count(*) OVER (PARTITION BY year) AS n_values,
           min(value) OVER (PARTITION BY year) AS min_value,
           max(value) OVER (PARTITION BY year) AS max_value,
           row_number() OVER (
               PARTITION BY year
               ORDER BY quality = 'secondary',
                        CASE WHEN (SELECT lower FROM dir) THEN -value ELSE value END,
                        line
           ) AS rank
    FROM figures f
    WHERE indicator = $1 AND area = $2 AND year IS NOT NULL
)
SELECT year, value, quality, source_title, source_url, note, unit, line,
       n_values, min_value, max_value
FROM ranked WHERE rank = 1 ORDER BY year
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
                + [Problem("data", None, None, "kør 'python -m sikkerby.build' for at bygge data")]
            )
        self._con = duckdb.connect(":memory:")
        for source in SOURCES:
            self._con.read_parquet(str(parquet_dir / f"{source.name}.parquet")).create_view(
                source.name
            )

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
        return self._df(_YEARLY, [indicator, area])

    def latest(self, indicator: str, area: str, until_year: int | None = None) -> dict | None:
        """The newest dated value (up to `until_year`), or None when nothing is published."""
        series = self.yearly(indicator, area)
        if until_year is not None:
            series = series[series["year"] <= until_year]
        return None if series.empty else series.iloc[-1].to_dict()

    def districts(self, indicator: str, year: int) -> pd.DataFrame:
        """Every survey district for one year; `value` is missing where nothing is published."""
        return self._df(
            """WITH ranked AS (
                   SELECT f.*, row_number() OVER (
                       PARTITION BY area
                       ORDER BY quality = 'secondary',
                                CASE WHEN coalesce(i.lower_is_better, true)
                                     THEN -value ELSE value END,
                                f.line) AS rank
                   FROM figures f JOIN indicators i USING (indicator)
                   WHERE indicator = $1 AND year = $2)
               SELECT a.area_id, a.name, r.value, r.quality, r.source_title, r.source_url
               FROM areas a LEFT JOIN ranked r ON r.area = a.area_id AND r.rank = 1
               WHERE a.kind = 'bydel' ORDER BY a.name""",
            [indicator, year],
        )

    def district_series(self, indicator: str) -> pd.DataFrame:
        """Every dated district value of an indicator, one per district and year."""
        return self._df(
            """WITH ranked AS (
                   SELECT f.*, count(*) OVER (PARTITION BY area, year) AS n_values,
                       row_number() OVER (
                       PARTITION BY area, year
                       ORDER BY quality = 'secondary',
                                CASE WHEN coalesce(i.lower_is_better, true)
                                     THEN -value ELSE value END,
                                f.line) AS rank
                   FROM figures f JOIN indicators i USING (indicator)
                   WHERE indicator = $1 AND year IS NOT NULL)
               SELECT r.area, a.name AS area_name, r.year, r.value, r.quality,
                      r.source_title, r.source_url, r.n_values
               FROM ranked r JOIN areas a ON a.area_id = r.area
               WHERE r.rank = 1 AND a.kind = 'bydel' ORDER BY a.name, r.year""",
            [indicator],
        )

    def survey_respondents(self, year: int) -> int | None:
        """Answers in the city's survey that year (for margins of error), if published."""
        with self._con.cursor() as cur:
            row = cur.execute(
                """SELECT max(value) FROM figures
                   WHERE indicator = 'tu_deltagere' AND area = 'koebenhavn' AND year = $1""",
                [year],
            ).fetchone()
        return None if row[0] is None else int(row[0])


@cache
def default_store() -> Store:
    """The store over the project's built data, shared by every session of the app."""
    return Store()
