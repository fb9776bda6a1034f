"""Import of published figures: how a staff member's table reaches the dashboard.

The file (CSV, also from Danish Excel, or .xlsx) has the columns of
`data/source/published_figures.csv`: indicator, area, year, value, unit, quality, source_title,
and optionally source_url, note and quote (read and left out). Area names are matched to the
current version's areas.csv by name or alias.

Each row of the file is added, or corrects the figure with the same indicator, area, year and
source title. With `replace_all` the file holds all figures: those it does not have are removed.
The result is published as a new version (`sikkerby.ingest.publish`); nothing changes if
anything is wrong, and every problem is named by the file's own name, line and column.

Run `sikkerby import FIL [--erstat-alt]`.
"""

import csv
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sikkerby.errors import DataError, Problem, SikkerByError, visible
from sikkerby.ingest import cli, publish, userfile
from sikkerby.ingest.publish import Origin, Row
from sikkerby.ingest.userfile import UserFile
from sikkerby.schema import FIGURES, listed
from sikkerby.versions import Version

REQUIRED = ("indicator", "area", "year", "value", "unit", "quality", "source_title")
OPTIONAL = ("source_url", "note", "quote")


@dataclass(frozen=True)
class Proposal:
    """The figures a new version would have, where each came from, and what changes."""

    file: UserFile
    rows: tuple[Row, ...]
    origins: tuple[Origin | None, ...]
    changes: publish.Changes
    base: Version  # the version it was compared with


def area_lookup(sources: Path) -> dict[str, tuple[str, str]]:
    """Every name and alias of an area -> (area_id, official name)."""
    lookup: dict[str, tuple[str, str]] = {}
    with open(sources / "areas.csv", encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            names = [row["area_id"], row["name"], *listed(row["aliases"])]
            for name in names:
                lookup[name.strip()] = (row["area_id"], row["name"])
    return lookup


Read = Callable[[UserFile, Path], tuple[list[tuple[Origin, Row]], list[Problem]]]


def read_published(file: UserFile, sources: Path) -> tuple[list[tuple[Origin, Row]], list[Problem]]:
    """The rows of a staff member's file in the layout of figures.csv, each with its line, and
    the problems of the rows left out (an unknown area, a figure twice). Raises `DataError`
    when the file is not a table in the layout."""
    table = userfile.read_table(file, REQUIRED, OPTIONAL)
    areas = area_lookup(sources)
    problems: list[Problem] = []
    rows: list[tuple[Origin, Row]] = []
    first: dict[tuple[str, ...], int] = {}
    for line, cells in table.rows:
        area_name = cells["area"]
        if area_name not in areas:
            problems.append(Problem(file.name, line, "area", f"ukendt område '{area_name[:60]}'"))
            continue
        area_id, official = areas[area_name]
        row = {c: cells.get(c, "") for c in FIGURES.column_names}
        row["area"] = area_id
        if table.danish_excel:
            row["value"] = userfile.excel_number(row["value"])
        if area_name not in (official, area_id):
            # Keep the source's own wording of the area: it may say more than our name does.
            extra = f"Kildens område: {area_name}"
            row["note"] = f"{row['note']}; {extra}" if row["note"] else extra
        same = publish.key(row)
        if same in first:
            problems.append(
                Problem(
                    file.name,
                    line,
                    "source_title",
                    f"samme indikator, område, år og kilde som linje {first[same]}",
                )
            )
            continue
        first[same] = line
        rows.append((Origin(file.name, line), row))
    return rows, problems


def merge(
    current: Sequence[Row], new: Sequence[tuple[Origin, Row]], replace_all: bool = False
) -> tuple[list[Row], list[Origin | None]]:
    """The figures after the import, in file order, and where each came from (None: kept).

    A new row for an existing figure takes its place; other new rows follow at the end. With
    `replace_all` the new rows are all there is."""
    if replace_all:
        return [r for _, r in new], [o for o, _ in new]
    by_key = {publish.key(r): (o, r) for o, r in new}
    rows: list[Row] = []
    origins: list[Origin | None] = []
    for row in current:
        origin, row = by_key.pop(publish.key(row), (None, row))
        rows.append(row)
        origins.append(origin)
    for origin, row in by_key.values():
        rows.append(row)
        origins.append(origin)
    return rows, origins


def propose(
    file: UserFile,
    read: Read = read_published,
    *,
    replace_all: bool = False,
    store: Path | None = None,
) -> Proposal:
    """What importing `file` would publish, against the current version; raises `DataError`
    with every problem found, in the order of the file's lines.

    The result is validated as a whole (every registry, every goal), so a proposal that is shown
    can also be published. The file's rows (`userfile.MAX_ROWS`) and the figures of the result
    (`publish.MAX_FIGURES`) are counted before anything heavier is done."""
    base = publish.current(store)
    current = publish.figures_of(base)
    read_rows, problems = read(file, base.sources)
    if replace_all and not read_rows and not problems:
        raise DataError(
            [
                Problem(
                    file.name,
                    None,
                    None,
                    "filen rummer ingen tal, kun en overskrift; som »alle tal« ville den fjerne "
                    "alle offentliggjorte tal",
                )
            ]
        )
    rows, origins = merge(current, read_rows, replace_all)
    publish.check_size(rows, file.name)
    try:
        publish.check_figures(rows, origins, base)
    except DataError as error:
        problems = [*problems, *error.problems]
    if problems:
        raise DataError(sorted(problems, key=lambda p: (p.file != file.name, p.line or 0)))
    return Proposal(file, tuple(rows), tuple(origins), publish.compare(current, rows), base)


def publish_proposal(proposal: Proposal, by: str, store: Path | None = None) -> Version:
    """Publish what was proposed, unless another version was published since (`BusyError`)."""
    return publish.publish_figures(
        proposal.rows,
        by,
        base=proposal.base,
        file_name=proposal.file.name,
        sha256=proposal.file.sha256,
        origins=proposal.origins,
        store=store,
    )


def run_import(
    argv: list[str] | None,
    prog: str,
    description: str,
    file_help: str,
    read: Read,
    *,
    can_replace_all: bool = False,
) -> int:
    """The command line of an import: a file and `--store`; Danish messages; exit 1 and
    nothing changed on any problem."""
    parser = cli.Parser(prog=prog, description=description)
    parser.add_argument("file", type=Path, metavar="FIL", help=file_help)
    parser.add_argument("--store", type=Path, default=None, help="lagerets mappe")
    if can_replace_all:
        parser.add_argument(
            "--erstat-alt",
            action="store_true",
            dest="replace_all",
            help="filen rummer alle tal: tal, den ikke har, fjernes",
        )
    args = parser.parse_args(argv)
    try:
        file = userfile.read_path(args.file)
        proposal = propose(
            file,
            read,
            replace_all=getattr(args, "replace_all", False),
            store=args.store,
        )
        if proposal.changes.empty:
            print(f"Ingen ændringer: alle tal i {visible(file.name)} er allerede offentliggjort.")
            return 0
        made = publish_proposal(proposal, publish.command_user(), args.store)
    except SikkerByError as error:
        print(f"Intet er ændret. {error}", file=sys.stderr)
        return 1
    r = made.record
    print(
        f"Version {made.number} er offentliggjort fra {visible(file.name)}: {r.added} nye, "
        f"{r.changed} ændrede og {r.removed} fjernede tal."
    )
    return 0


def main(argv: list[str] | None = None, prog: str = "python -m sikkerby.ingest.importer") -> int:
    return run_import(
        argv,
        prog,
        "Offentliggør tal fra en CSV- eller Excel-fil (samme kolonner som figures.csv).",
        "CSV- eller Excel-fil med tal: " + ",".join(REQUIRED + OPTIONAL[:2]),
        read_published,
        can_replace_all=True,
    )


if __name__ == "__main__":
    sys.exit(main())
