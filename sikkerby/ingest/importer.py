"""Import of published figures into `data/figures.csv`: how new tables reach the dashboard.

The input has the columns of `shared/data/published_figures.csv` (indicator, area, year, value,
unit, quality, source_title, source_url, note; a `quote` column is read and left out). Area names
are matched to `data/areas.csv` by name or alias. A file exported from Danish Excel (semicolons,
decimal comma) is read as well. The new rows are validated together with every other source;
only if all is well is `data/figures.csv` updated and the Parquet files rebuilt.

Run `python -m sikkerby.ingest.importer FIL`.
"""

import argparse
import csv
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from sikkerby.errors import DataError, Problem
from sikkerby.ingest.build import build
from sikkerby.paths import DATA_DIR, PARQUET_DIR
from sikkerby.schema import FIGURES, SOURCES

OPTIONAL_INPUT_COLUMNS = ("quote", "note", "source_url")


def area_lookup(data_dir: Path) -> dict[str, tuple[str, str]]:
    """Every name and alias of an area -> (area_id, official name)."""
    lookup: dict[str, tuple[str, str]] = {}
    with open(data_dir / "areas.csv", encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            names = [row["area_id"], row["name"], *filter(None, row["aliases"].split("|"))]
            for name in names:
                lookup[name.strip()] = (row["area_id"], row["name"])
    return lookup


def read_rows(path: Path, required: list[str]) -> tuple[list[tuple[int, dict[str, str]]], bool]:
    """The rows of a staff member's CSV file as (line, cells), and whether it is Danish Excel.

    A file exported from Danish Excel (semicolons, decimal comma) is read as well; its numbers
    are for the caller to convert with `excel_number`. Blank lines are skipped and counted, so
    the line numbers are those an editor shows. Raises `DataError` when the file cannot be read
    or a required column is missing.
    """
    label = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (FileNotFoundError, IsADirectoryError):
        raise DataError([Problem(label, None, None, "filen findes ikke")]) from None
    except UnicodeDecodeError:
        raise DataError(
            [Problem(label, None, None, "filen er ikke gemt som UTF-8 (i Excel: »CSV UTF-8«)")]
        ) from None
    first_line = text.split("\n", 1)[0]
    danish_excel = first_line.count(";") > first_line.count(",")
    reader = csv.reader(text.splitlines(keepends=True), delimiter=";" if danish_excel else ",")
    header = [h.strip() for h in next(reader, [])]
    missing = [c for c in required if c not in header]
    if missing:
        raise DataError([Problem(label, 1, c, "kolonnen mangler i overskriften") for c in missing])
    rows = []
    end_of_previous = reader.line_num
    for fields in reader:
        line, end_of_previous = end_of_previous + 1, reader.line_num
        fields = [*fields, *[""] * (len(header) - len(fields))]  # a short row: empty cells
        cells = {name: value.strip() for name, value in zip(header, fields, strict=False)}
        if any(cells.values()):
            rows.append((line, cells))
    return rows, danish_excel


# Danish Excel writes 1.234,5 or 3,1; anything else is left for validation to refuse.
_EXCEL_NUMBER = re.compile(r"-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?")


def excel_number(text: str) -> str:
    """'1.234,5' (Danish Excel) -> '1234.5'; text in any other shape is returned unchanged."""
    if not _EXCEL_NUMBER.fullmatch(text):
        return text
    return text.replace(".", "").replace(",", ".")


def read_published(path: Path, data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    """Rows of `path` in the layout of `data/figures.csv`; raises `DataError` on any problem."""
    required = [c for c in FIGURES.column_names if c not in OPTIONAL_INPUT_COLUMNS]
    cells_by_line, danish_excel = read_rows(path, required)
    areas = area_lookup(data_dir)
    problems: list[Problem] = []
    rows: list[dict[str, str]] = []
    for row_line, cells in cells_by_line:
        area_name = cells["area"]
        if area_name not in areas:
            problems.append(Problem(path.name, row_line, "area", f"ukendt område '{area_name}'"))
            continue
        area_id, official = areas[area_name]
        out = {c: cells.get(c, "") for c in FIGURES.column_names}
        out["area"] = area_id
        if danish_excel:
            out["value"] = excel_number(out["value"])
        if area_name not in (official, area_id):
            # Keep the source's own wording of the area: it may say more than our name does.
            extra = f"Kildens område: {area_name}"
            out["note"] = f"{out['note']}; {extra}" if out["note"] else extra
        rows.append(out)
    if problems:
        raise DataError(problems)
    return rows


def import_figures(path: Path, data_dir: Path = DATA_DIR, out_dir: Path = PARQUET_DIR) -> int:
    """Add the new rows of `path` to `data_dir/figures.csv` and rebuild; returns rows added.

    Rows already present (every column equal) are skipped. Raises `DataError` and changes
    nothing if the file or the combined data has a problem.
    """
    return add_figures(read_published(path, data_dir), data_dir, out_dir)


def add_figures(
    new_rows: list[dict[str, str]], data_dir: Path = DATA_DIR, out_dir: Path = PARQUET_DIR
) -> int:
    """Add rows (in the layout of `data/figures.csv`) that are not there yet; returns how many."""
    existing = read_figures(data_dir)
    seen = {_key(r) for r in existing}
    added = []
    for row in new_rows:
        if _key(row) not in seen:
            seen.add(_key(row))
            added.append(row)
    if added:
        write_figures(existing + added, data_dir, out_dir)
    return len(added)


def read_figures(data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    """The rows of `data_dir/figures.csv` as text, in file order."""
    with open(data_dir / FIGURES.file, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write_figures(
    rows: list[dict[str, str]], data_dir: Path = DATA_DIR, out_dir: Path = PARQUET_DIR
) -> None:
    """Make `rows` the content of `data_dir/figures.csv` and rebuild the Parquet files.

    The rows are validated together with every other source on a copy first: the real files
    change only when that succeeds. Raises `DataError` and changes nothing otherwise.
    """
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / "data"
        trial.mkdir()
        for source in SOURCES:
            if (data_dir / source.file).exists():
                shutil.copy(data_dir / source.file, trial / source.file)
        _write_csv(trial / FIGURES.file, rows)
        build(trial, Path(tmp) / "parquet")
        shutil.copy(trial / FIGURES.file, data_dir / FIGURES.file)
    build(data_dir, out_dir)


def _key(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(row[c] for c in FIGURES.column_names)


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=FIGURES.column_names, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: r[c] for c in FIGURES.column_names} for r in rows)


def run_import(
    argv: list[str] | None,
    description: str,
    file_help: str,
    import_file: Callable[[Path, Path, Path], int],
    what: str,
) -> int:
    """The command line of an import: a file, `--data` and `--out`; Danish messages; exit 1 and
    nothing changed on any problem. `what` names the figures in the summary ("tal")."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("file", type=Path, help=file_help)
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="projektets datamappe")
    parser.add_argument("--out", type=Path, default=PARQUET_DIR, help="mappe til Parquet-filerne")
    args = parser.parse_args(argv)
    try:
        added = import_file(args.file, args.data, args.out)
    except DataError as error:
        print(f"Intet er ændret. {error}", file=sys.stderr)
        return 1
    print(f"{added} nye {what} importeret fra {args.file} og data bygget igen.")
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_import(
        argv,
        "Importér offentliggjorte tal.",
        "CSV-fil med tal (samme kolonner som figures.csv)",
        import_figures,
        "tal",
    )


if __name__ == "__main__":
    sys.exit(main())
