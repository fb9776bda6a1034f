"""The data store: the only module that reads data. DuckDB over the Parquet files of a version.

One `Store` holds one DuckDB connection with a view per Parquet file; every query is
parameterised and runs on its own cursor, so Streamlit's threads can share the store.
Which version readers are served is `served()`: the current version, or the newest intact one
when it is damaged; reading never writes (the bundled data are published, or an old store
upgraded, when the app starts: `sikkerby.ingest.publish.ensure`). `version_store()` makes the
store of a version, once per version.

Where several published figures exist for the same indicator, area and year, `yearly` picks one
per year by a fixed rule (see `_CHOSEN_FIGURES`): primary sources before secondary ones, then the
least favourable value, so that a status never rests on the kinder of two disagreeing sources.
"""

import csv
import functools
from datetime import datetime
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from sikkerby import versions
from sikkerby.errors import StoreError
from sikkerby.schema import SOURCES

# The one rule for "one value per indicator, area and year" (see the module docstring); every
# query that shows a single value per year reads this view with `rank = 1`.
_CHOSEN_FIGURES = """
CREATE VIEW chosen_figures AS
SELECT f.*,
       list(f.value ORDER BY f.line) OVER same_cell AS cell_values,
       row_number() OVER (
           PARTITION BY f.indicator, f.area, f.year
           ORDER BY f.quality = 'secondary',
                    CASE WHEN coalesce(i.lower_is_better, true) THEN -f.value ELSE f.value END,
                    f.line
       ) AS rank
FROM figures f JOIN indicators i USING (indicator)
WHERE f.year IS NOT NULL
WINDOW same_cell AS (
    PARTITION BY f.indicator, f.area, f.year
    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
)
"""
# The columns of a published row, as every figure query returns them.
_FIGURE_COLUMNS = (
    "indicator, area, year, value, unit, quality, source_title, source_url, note, line"
)


def per_store(function):
    """`functools.cache` for a function of a store and hashable arguments, with the results kept
    on the store: they go when the store goes (a preview's scratch store leaves nothing
    behind), and a new version's store starts empty."""

    @functools.wraps(function)
    def cached(store: "Store", *args, **kwargs):
        key = (function, args, tuple(sorted(kwargs.items())))
        try:
            return store._memo[key]
        except KeyError:
            pass
        value = store._memo[key] = function(store, *args, **kwargs)
        return value

    return cached


class Store:
    def __init__(
        self, parquet_dir: Path, version: int | None = None, published: datetime | None = None
    ):
        self.version = version  # the published version, None for a store built elsewhere
        self.published = published  # when that version was published (UTC)
        self._memo: dict = {}  # what `per_store` functions computed from this store
        missing = [s.name for s in SOURCES if not (parquet_dir / f"{s.name}.parquet").exists()]
        if missing:
            names = ", ".join(f"{name}.parquet" for name in missing)
            raise StoreError(f"{parquet_dir} mangler {names}: versionen er ikke bygget færdig.")
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

    def goals(self) -> pd.DataFrame:
        return self._df("SELECT * FROM goals ORDER BY line")

    def indicators(self) -> pd.DataFrame:
        return self._df("SELECT * FROM indicators ORDER BY line")

    def areas(self) -> pd.DataFrame:
        return self._df("SELECT * FROM areas ORDER BY line")

    def principles(self) -> pd.DataFrame:
        return self._df("SELECT * FROM principles ORDER BY period, number")

    def thresholds(self) -> pd.DataFrame:
        return self._df("SELECT * FROM thresholds ORDER BY line")

    def series_breaks(self) -> pd.DataFrame:
        return self._df("SELECT * FROM series_breaks ORDER BY year, line")

    # Figures -----------------------------------------------------------------------------------

    def figures(
        self, indicators: list[str], areas: list[str], until_year: int | None = None
    ) -> pd.DataFrame:
        """Every published row of the indicators for the areas (undated rows included), with its
        source, in the order of the areas given, then year and line; `chosen` says whether the
        rule (see the module docstring) picked it for its year (NULL for an undated row) and
        `cell_values` holds every value published for the same cell."""
        columns = ", ".join(f"f.{c}" for c in _FIGURE_COLUMNS.split(", "))
        return self._df(
            f"""SELECT {columns}, c.rank = 1 AS chosen, c.cell_values
               FROM figures f LEFT JOIN chosen_figures c ON c.line = f.line
               WHERE list_contains($1, f.indicator) AND list_contains($2, f.area)
                 AND ($3 IS NULL OR f.year IS NULL OR f.year <= $3)
               ORDER BY list_position($1, f.indicator), list_position($2, f.area),
                        f.year NULLS FIRST, f.line""",
            [indicators, areas, until_year],
        )

    def yearly(self, indicator: str, areas: list[str]) -> pd.DataFrame:
        """One value per area and year (see the module docstring for the rule), oldest first;
        `cell_values` holds every value published for the same cell, in file order."""
        return self._df(
            f"""SELECT {_FIGURE_COLUMNS}, cell_values FROM chosen_figures
               WHERE indicator = $1 AND list_contains($2, area) AND rank = 1
               ORDER BY list_position($2, area), year""",
            [indicator, areas],
        )

    def year_counts(self, indicator: str, areas: list[str]) -> dict[int, int]:
        """For each year, how many of the areas have a published figure of the indicator."""
        with self._con.cursor() as cur:
            rows = cur.execute(
                """SELECT year, count(DISTINCT area) FROM chosen_figures
                   WHERE indicator = $1 AND list_contains($2, area) AND rank = 1
                   GROUP BY year ORDER BY year""",
                [indicator, areas],
            ).fetchall()
        return {int(year): int(n) for year, n in rows}

    def indicators_with_figures(self, area: str) -> list[str]:
        """The indicators with a dated figure for `area`, in registry order."""
        frame = self._df(
            """SELECT i.indicator FROM indicators i
               WHERE EXISTS (SELECT 1 FROM chosen_figures c
                             WHERE c.indicator = i.indicator AND c.area = $1)
               ORDER BY i.line""",
            [area],
        )
        return list(frame["indicator"])


def served(root: Path | None = None) -> Store:
    """The store of the version readers are served, read only. StoreError, in Danish, when
    there is no version yet, none intact, or the one to serve was made by an older program and
    must be upgraded first (both happen when the app starts, or by a command)."""
    now = to_serve(versions.serving(root))
    if now is None:
        raise StoreError(
            "Lageret har ingen version endnu. De medfølgende data offentliggøres, når "
            "dashboardet startes (sikkerby serve), eller med sikkerby medfoelgende."
        )
    if unreadable(now.path):
        raise StoreError(
            f"Version {now.number} er lavet af en ældre udgave af dashboardet og opgraderes, når "
            "dashboardet startes (sikkerby serve), eller med sikkerby registre."
        )
    return version_store(now)


def to_serve(seen: "versions.Serving | None") -> "versions.Version | None":
    """The version to serve in `seen` (None: the store has none yet), perhaps one this program
    must upgrade first (`unreadable`): what the pages read (`served`) and the start builds on
    (`sikkerby.ingest.publish.ensure`). StoreError, in Danish, where only staff can help: no
    version is intact, or the newest intact one is older than the program and not current."""
    if seen is None:
        return None
    if seen.served is None:
        raise StoreError(
            f"{seen.message} Genskab lagerets versioner fra sikkerhedskopien, eller "
            "offentliggør de medfølgende data som en ny version: sikkerby medfoelgende."
        )
    now = seen.served
    if unreadable(now.path) and now.number != seen.current.number:
        raise StoreError(
            f"{seen.damaged_text}. Den nyeste hele version, {now.number}, er lavet af en "
            "ældre udgave af dashboardet og kan ikke vises, før den er opgraderet: gør den "
            f"gældende igen (sikkerby tilbage {now.number}), så opgraderes den, når "
            "dashboardet startes."
        )
    return now


@functools.lru_cache(maxsize=64)
def unreadable(version_path: Path) -> bool:
    """Whether this program cannot read a version: a source it reads is missing, or a registry
    lacks a column it reads (a newer version's extra columns are no obstacle). A version is never
    changed once in place, so the answer is kept."""
    for source in SOURCES:
        if not (version_path / versions.PARQUET / f"{source.name}.parquet").exists():
            return True
        try:
            with (version_path / versions.SOURCES / source.file).open(
                encoding="utf-8-sig", newline=""
            ) as file:
                header = {h.strip() for h in next(csv.reader(file), [])}
        except (OSError, UnicodeDecodeError):
            return True
        if not set(source.column_names) <= header:
            return True
    return False


def version_store(version: "versions.Version") -> Store:
    """The store of a published version, made once per version."""
    return _store_of(version.parquet, version.number, version.created)


@cache
def _store_of(parquet_dir: Path, version: int, published: datetime) -> Store:
    return Store(parquet_dir, version, published)


def forget_stores() -> None:
    """Forget every store made so far: the next `version_store()` opens the version anew and
    everything cached per store is computed again (a benchmark's cold start)."""
    _store_of.cache_clear()
