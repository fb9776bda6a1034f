"""The build step: validate the CSV sources and write the Parquet files DuckDB reads.

Run `python -m sikkerby.ingest.build`. Nothing is written unless every source is valid; the
files are written to a temporary folder first and moved into place together.
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from sikkerby.errors import DataError
from sikkerby.ingest.validate import load_sources
from sikkerby.paths import DATA_DIR, PARQUET_DIR


def build(data_dir: Path = DATA_DIR, out_dir: Path = PARQUET_DIR) -> dict[str, int]:
    """Validate `data_dir` and write one Parquet file per source to `out_dir`.

    Returns the number of rows per table. Raises `DataError` (and writes nothing) on any problem.
    """
    tables = load_sources(data_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir.parent, prefix=".build-") as tmp:
        staged = Path(tmp)
        for name, frame in tables.items():
            frame.to_parquet(staged / f"{name}.parquet", index=False)
        out_dir.mkdir(exist_ok=True)
        for name in tables:
            shutil.move(staged / f"{name}.parquet", out_dir / f"{name}.parquet")
    return {name: len(frame) for name, frame in tables.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validér datafilerne og byg Parquet-filerne.")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="mappe med CSV-kilderne")
    parser.add_argument("--out", type=Path, default=PARQUET_DIR, help="mappe til Parquet-filerne")
    args = parser.parse_args(argv)
    try:
        counts = build(args.data, args.out)
    except DataError as error:
        print(f"Intet er skrevet. {error}", file=sys.stderr)
        return 1
    summary = ", ".join(f"{name}: {n}" for name, n in counts.items())
    print(f"Data bygget i {args.out} ({summary} rækker).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
