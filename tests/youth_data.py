"""Synthetic youth crime figures for tests: generated here, never shipped, never shown as real.

`write_series` writes a file in the layout of `sikkerby.ingest.ungetal` with a full yearly series
for Copenhagen, the four cities' average and each city, so tests can see the page and the status
logic with the data the strategy's goals would need.
"""

from datetime import date
from pathlib import Path

import pandas as pd
from helpers import DATA_DIR, bundled_figures, private_store, store_with_figures

from sikkerby.ingest import dst, registry, ungetal
from sikkerby.store import Store

SOURCE = "SYNTETISK TESTDATA (genereret af testene)"
FETCHED = date(2026, 11, 25)
YEARS = range(2017, 2022)
CITIES = {"Aarhus": 0.1, "Odense": -0.1, "Aalborg": 0.05, "Esbjerg": -0.05}


def copenhagen(group: str, year: int) -> float:
    """Falls every year from the strategy's baseline (3,5 % and 1,05 % in 2016)."""
    start, step = {"15-17": (3.5, 0.2), "18-25": (1.05, 0.01)}[group]
    return round(start - step * (year - 2016), 4)


def average(group: str, year: int) -> float:
    start, step = {"15-17": (2.25, 0.05), "18-25": (0.97, 0.005)}[group]
    return round(start - step * (year - 2016), 4)


def write_series(path: Path, years=YEARS) -> Path:
    lines = ["aar,kommune,gruppe,andel_pct,kilde"]
    for group in ("15-17", "18-25"):
        for year in years:
            lines.append(f"{year},København,{group},{copenhagen(group, year)},{SOURCE}")
            lines.append(f"{year},Fire byer,{group},{average(group, year)},{SOURCE}")
            for city, offset in CITIES.items():
                value = round(average(group, year) + offset * (1 if group == "15-17" else 0.1), 4)
                lines.append(f"{year},{city},{group},{value},{SOURCE}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def build_with_series(folder: Path) -> Store:
    """A private store with the bundled data plus the synthetic series, imported as staff
    would; returns the store of its current version."""
    root = private_store(folder)
    made = ungetal.import_youth_figures(write_series(folder / "unge.csv"), root)
    assert made.record.added == 2 * len(YEARS) * 6
    return Store(made.parquet, made.number)


def statbank_rows(years=range(2019, 2022)) -> list[dict[str, str]]:
    """Rows as `python -m sikkerby.ingest.dst` would write them, from generated FOLK1A and STRAF44
    answers (every municipality: 1000 people and 10 decisions per single age and year)."""
    codes = list(registry.load(DATA_DIR).places.codes)
    population = pd.DataFrame(
        [(c, str(a), f"{y}K1", 1000.0) for c in codes for a in range(15, 26) for y in years],
        columns=["omraade", "alder", "tid", "value"],
    )
    decisions = pd.DataFrame(
        [
            (c, offence, str(a), str(y), 10.0 + i)
            for i, c in enumerate(codes)
            for offence in dst.OFFENCES
            for a in range(15, 25)
            for y in years
        ],
        columns=["omraade", "overtraed", "alder", "tid", "value"],
    ).astype({"overtraed": "string"})
    return dst.derive(population, decisions, FETCHED)


def build_with_statbank(folder: Path) -> Store:
    """The bundled data plus generated Danmarks Statistik rows, as a store."""
    return store_with_figures(folder, bundled_figures() + statbank_rows())


def build_without_statbank(folder: Path) -> Store:
    """The bundled data without any rows fetched from Danmarks Statistik (so that tests of the
    baselines-only page hold if the bundled data ever carries such rows), as a store."""
    rows = [r for r in bundled_figures() if r["indicator"] not in dst.INDICATORS]
    return store_with_figures(folder, rows)
