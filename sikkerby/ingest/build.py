"""The build step: validate the CSV sources and write the Parquet files DuckDB reads.

`build` is how a version of the published store gets its Parquet files (see
`sikkerby.ingest.publish`). `sikkerby build` checks the bundled data in data/
and writes nothing: what a developer runs after editing a registry.
"""

import sys
from pathlib import Path

from sikkerby import site
from sikkerby.errors import DataError
from sikkerby.ingest import cli
from sikkerby.ingest.validate import load_sources


def build(data_dir: Path, out_dir: Path) -> dict[str, int]:
    """Validate `data_dir` and write one Parquet file per source into the new folder `out_dir`.

    Returns the number of rows per table. Raises `DataError` (and writes nothing) on any problem.
    """
    tables = load_sources(data_dir)
    out_dir.mkdir(parents=True)
    for name, frame in tables.items():
        frame.to_parquet(out_dir / f"{name}.parquet", index=False)
    return {name: len(frame) for name, frame in tables.items()}


def main(argv: list[str] | None = None, prog: str = "python -m sikkerby.ingest.build") -> int:
    parser = cli.Parser(
        prog=prog,
        description="Kontrollér de medfølgende datafiler i data/ (skriver intet).",
    )
    parser.add_argument(
        "--data", type=Path, default=None, help="mappe med CSV-kilderne (standard: stedets data/)"
    )
    args = parser.parse_args(argv)
    try:
        args.data = args.data or site.current().data
        tables = load_sources(args.data)
    except DataError as error:
        print(f"Data er ikke i orden. {error}", file=sys.stderr)
        return 1
    summary = ", ".join(f"{name}: {len(frame)}" for name, frame in tables.items())
    print(f"Data i {args.data} er i orden ({summary} rækker).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
