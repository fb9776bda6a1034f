"""Publishing: the one way figures reach the dashboard, and back to an earlier version.

Every importer (a staff member's file, the youth figures, Danmarks Statistik), the update page
and the command line end here. `publish_figures` takes the complete new content of figures.csv,
copies the registries of the current version beside it, validates all of it and builds the
Parquet files in a staging folder; only then is the new version made current
(`sikkerby.versions`). A problem in a row that came from a staff member's file is named by that
file, line and column, not by the line it would have had in figures.csv.

A figure is the same figure when indicator, area, year and source title are the same: that is
how rows are counted as added, changed or removed between two versions.

Run `sikkerby historik`, `sikkerby tilbage N`, `sikkerby medfoelgende` or `sikkerby registre`
(or `python -m sikkerby.ingest.publish --help`).
"""

import argparse
import csv
import getpass
import io
import math
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path

from sikkerby import fmt, site, versions
from sikkerby.errors import (
    BusyError,
    DataError,
    Problem,
    SikkerByError,
    StoreError,
    visible,
)
from sikkerby.ingest import cli
from sikkerby.ingest.build import build
from sikkerby.ingest.userfile import MAX_ROWS
from sikkerby.ingest.validate import ALREADY_AT, Needed, load_sources, needed_figures
from sikkerby.schema import FIGURES, SOURCES
from sikkerby.store import Store, to_serve, unreadable, version_store
from sikkerby.versions import Record, Version

Row = dict[str, str]
KEY = ("indicator", "area", "year", "source_title")
FIGURES_LABEL = f"data/{FIGURES.file}"
GOALS_LABEL = "data/goals.csv"
# The most figures a version may hold, across all the files ever added to it: no sequence of
# imports grows the store, and what every page reads and draws, without bound. The same as the
# rows of one file (`userfile.MAX_ROWS`, where the number is argued), so a file of all figures
# can always be uploaded again.
MAX_FIGURES = MAX_ROWS


@dataclass(frozen=True)
class Origin:
    """Where an imported row came from: the staff member's file and line, and for a file in
    another layout than figures.csv, the file's column each column of the row comes from
    (pairs; None: none, the importer filled it in), so a problem found when the figures are
    validated is named at the staff member's own column."""

    file: str
    line: int
    columns: tuple[tuple[str, str | None], ...] = ()

    def column(self, name: str | None) -> str | None:
        """The file's column that column `name` of figures.csv comes from."""
        return dict(self.columns).get(name, name) if name is not None else None


@dataclass(frozen=True)
class Changes:
    """From one version's figures to another's."""

    added: tuple[Row, ...]
    changed: tuple[tuple[Row, Row], ...]  # (before, after)
    removed: tuple[Row, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "removed": len(self.removed),
        }


def key(row: Row) -> tuple[str, ...]:
    return tuple(row[c] for c in KEY)


def compare(before: Sequence[Row], after: Sequence[Row]) -> Changes:
    old = {key(r): r for r in before}
    new = {key(r): r for r in after}
    return Changes(
        added=tuple(r for k, r in new.items() if k not in old),
        changed=tuple(
            (old[k], r) for k, r in new.items() if k in old and _cells(old[k]) != _cells(r)
        ),
        removed=tuple(r for k, r in old.items() if k not in new),
    )


def _cells(row: Row) -> tuple[str, ...]:
    """A row's cells as compared: "16" and "16.0" are the same value."""
    cells = {c: row.get(c, "") or "" for c in FIGURES.column_names}
    with suppress(ValueError):
        cells["value"] = repr(float(cells["value"]))
    return tuple(cells.values())


def figures_of(version: Version) -> list[Row]:
    """The rows of a version's figures.csv, as text, in file order."""
    return read_csv(version.sources / FIGURES.file)


def read_csv(path: Path) -> list[Row]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def current(store: Path | None = None) -> Version:
    """The version to show and to build on (`ensure`); a store with none yet gets the bundled
    data as its first."""
    return ensure(store)


def ensure(store: Path | None = None, data_dir: Path | None = None) -> Version:
    """The version readers are served and the next version is built on, after publishing the
    bundled data if there is none yet: the current version, or, when it is damaged (see
    `sikkerby.versions`), the newest intact earlier one. Then nothing is written: CURRENT
    stays as it is until staff repair the store (a rollback, or the damaged files restored from
    a backup). When no version is intact, a StoreError says so.

    A current version this program cannot read (made by an older one: a registry file or column
    it reads is missing, see `unreadable`) gets the bundled registries beside its figures as a
    new version, once: no figure changes. Only a version that cannot be read is upgraded, so an
    older program never replaces a newer one's registries, and two programs never take turns.
    If the bundled registries do not fit the figures, a StoreError says so (every time, without
    trying again) and nothing changes."""
    while True:
        now = to_serve(versions.serving(store))
        if now is not None and not unreadable(now.path):
            return now
        try:
            if now is None:
                return publish_bundled("opsætning", store, data_dir)
            return _upgrade(now, store, data_dir)
        except BusyError:
            # Another process holds the lock (publishing the first version, upgrading, or
            # cleaning up): wait for it, then look again.
            with versions.writing(store, wait=True):
                pass


def default_store(store: Path | None = None) -> Store:
    """The store of the version served after `ensure`: what the command lines and benchmarks
    read (the pages only read: `sikkerby.store.served`). Made once per version
    (`version_store`); StoreError, in Danish, when no version can be served."""
    return version_store(ensure(store))


_FAILED_UPGRADES: dict[Path, StoreError] = {}


def _upgrade(now: Version, store: Path | None, data_dir: Path | None) -> Version:
    if now.path in _FAILED_UPGRADES:
        raise _FAILED_UPGRADES[now.path]
    try:
        return publish_registries(now, "opgradering", store, data_dir)
    except DataError as error:
        failed = StoreError(
            f"Version {now.number} er lavet af en ældre udgave af dashboardet, og dens tal passer "
            f"ikke til denne udgaves registre; intet er ændret. {error.describe()}"
        )
        _FAILED_UPGRADES[now.path] = failed
        raise failed from None


def publish_registries(
    base: Version, by: str, store: Path | None = None, data_dir: Path | None = None
) -> Version:
    """Publish `base`'s figures beside the bundled registries in `data_dir` (goals, indicators,
    principles …: the program's, edited with the code): how a store gets the registries of a new
    version of the dashboard (`sikkerby registre`, or `ensure` when it
    cannot read the current version). No figure changes."""
    data_dir = data_dir or site.current().data

    def fill(folder: Path) -> None:
        sources = folder / versions.SOURCES
        sources.mkdir()
        for source in SOURCES:
            if source is FIGURES:
                versions.copy_file(base, _in_sources(source.file), sources / source.file)
            else:
                shutil.copyfile(data_dir / source.file, sources / source.file)
        build(sources, folder / versions.PARQUET)

    record = Record(versions.REGISTRIES, by, figures=len(figures_of(base)))
    return versions.publish(fill, record, base.number, store)


def publish_bundled(by: str, store: Path | None = None, data_dir: Path | None = None) -> Version:
    """Publish the bundled sources in `data_dir` (the site's `data/`) as a new version (all of
    them, as they are)."""
    data_dir = data_dir or site.current().data

    def fill(folder: Path) -> None:
        sources = folder / versions.SOURCES
        sources.mkdir()
        for source in SOURCES:
            if (data_dir / source.file).exists():
                shutil.copyfile(data_dir / source.file, sources / source.file)
        build(sources, folder / versions.PARQUET)

    rows = read_csv(data_dir / FIGURES.file)
    seen = versions.serving(store)
    base = seen.served if seen else None  # None: an empty store, or no version is intact
    changes = compare(figures_of(base) if base else [], rows)
    record = Record(versions.BUNDLED, by, figures=len(rows), **changes.counts())
    return versions.publish(fill, record, base.number if base else 0, store)


def publish_figures(
    rows: Sequence[Row],
    by: str,
    *,
    base: Version,
    file_name: str | None = None,
    sha256: str | None = None,
    origins: Sequence[Origin | None] = (),
    store: Path | None = None,
    progress: Callable[[str], None] = lambda step: None,
) -> Version:
    """Make `rows`, worked out from version `base`, the figures of a new current version beside
    `base`'s registries.

    `origins[i]`, when given, is where `rows[i]` came from: a problem in it is named there.
    Raises `DataError` (nothing changed) when the result does not validate, and `BusyError`
    while another update runs or when a version was published after `base`."""
    # Rows with origins come from a staff member's file; others (Danmarks Statistik) do not.
    check_size(rows, file_name if origins else None)
    changes = compare(figures_of(base), rows)

    def fill(folder: Path) -> None:
        try:
            write_version(folder, rows, base)
        except DataError as error:
            raise at_origins(error, origins, rows, base) from None

    record = Record(
        versions.PUBLISH,
        by,
        file_name=file_name,
        sha256=sha256,
        figures=len(rows),
        **changes.counts(),
    )
    return versions.publish(fill, record, base.number, store, progress)


@contextmanager
def trial(rows: Sequence[Row], base: Version) -> Iterator[Store]:
    """A store over `rows` beside `base`'s registries, built in a scratch folder that is gone
    when the block ends: what the dashboard would show, before anything is published. Compute
    what is needed inside the block. Raises `DataError` like a publish would."""
    with tempfile.TemporaryDirectory(prefix="sikkerby-proeve-") as scratch:
        write_version(Path(scratch), rows, base)
        yield Store(Path(scratch) / versions.PARQUET)


def write_version(folder: Path, rows: Sequence[Row], base: Version) -> None:
    """Write `rows` as figures.csv beside `base`'s registries into folder/sources, validate, and
    build folder/parquet; raises `DataError`."""
    sources = folder / versions.SOURCES
    sources.mkdir()
    for source in SOURCES:
        if source is not FIGURES and (base.sources / source.file).exists():
            versions.copy_file(base, _in_sources(source.file), sources / source.file)
    (sources / FIGURES.file).write_bytes(figures_csv(rows))
    build(sources, folder / versions.PARQUET)


def _in_sources(file: str) -> str:
    """A source's path inside a version's folder."""
    return f"{versions.SOURCES}/{file}"


def rollback(
    number: int, by: str, store: Path | None = None, *, base: int | None = None
) -> Version:
    """A new current version with the content of version `number` (nothing is ever deleted):
    also how staff repair a damaged current version, from an intact earlier one.

    `base`, when given, is the version the person was shown (the served one, see `ensure`): if
    another was published since, nothing is done (`BusyError`). A damaged version is not
    brought back (StoreError), and every file is checked against its checksum as it is copied."""
    seen = versions.serving(store)
    # "findes ikke" also in an empty store; a version.json that cannot be read is damage (below)
    earlier = versions.listed(number, store)
    shown = seen.served  # None when no version is intact
    shown_number = shown.number if shown else 0
    if base is not None and base != shown_number:
        raise BusyError(versions.MOVED.format(now=shown_number, base=base))
    if seen.current.number == number:
        raise StoreError(f"Version {number} er allerede den gældende; intet er ændret.")
    found = versions.damage(earlier)
    if found:
        raise StoreError(
            f"Version {number} er beskadiget ({versions.described(found)}) og kan ikke gøres "
            "gældende igen; intet er ændret. Vælg en hel version (se historikken)."
        )
    restored = figures_of(earlier)
    if len(restored) > MAX_FIGURES:  # made before there was a limit: it stays in the history
        raise StoreError(
            f"Version {number} har {fmt.number(len(restored))} tal; en version må højst have "
            f"{fmt.number(MAX_FIGURES)}, så den kan ikke gøres gældende igen. Intet er ændret."
        )
    changes = compare(figures_of(shown) if shown else [], restored)

    def fill(folder: Path) -> None:
        for part in versions.CHECKED:
            (folder / part).mkdir()
            for path in sorted((earlier.path / part).iterdir()):
                versions.copy_file(earlier, f"{part}/{path.name}", folder / part / path.name)

    record = Record(
        versions.ROLLBACK,
        by,
        figures=len(restored),
        restores=number,
        **changes.counts(),
    )
    return versions.publish(fill, record, shown_number, store)


def figures_csv(rows: Sequence[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIGURES.column_names, lineterminator="\n")
    writer.writeheader()
    writer.writerows({c: r.get(c, "") for c in FIGURES.column_names} for r in rows)
    return out.getvalue().encode("utf-8")


def check_size(rows: Sequence[Row], file_name: str | None) -> None:
    """Refuse a version of more than `MAX_FIGURES` figures (before anything heavier is done)."""
    if len(rows) <= MAX_FIGURES:
        return
    message = (
        f"med {'filens' if file_name else 'de nye'} tal ville dashboardet have "
        f"{fmt.number(len(rows))} tal; der må højst være {fmt.number(MAX_FIGURES)} i alt"
    )
    if file_name:
        message += (
            ". Er det den rigtige fil? Tal, der ikke skal vises mere, kan fjernes med en fil med "
            "alle tal"
        )
    raise DataError([Problem(file_name, None, None, message)])


def check_figures(rows: Sequence[Row], origins: Sequence[Origin | None], base: Version) -> None:
    """Validate `rows` as the figures beside the registries of `base`, writing nothing; raises
    `DataError` naming each problem where its row came from."""
    try:
        load_sources(base.sources, {FIGURES.file: figures_csv(rows).decode("utf-8")})
    except DataError as error:
        raise at_origins(error, origins, rows, base) from None


def at_origins(
    error: DataError,
    origins: Sequence[Origin | None],
    rows: Sequence[Row] = (),
    base: Version | None = None,
) -> DataError:
    """`error` with each problem in figures.csv named at the file and line its row came from (and
    an earlier row it names, too), and each goal whose figure the file changes or removes named
    at the file's row, or the file, instead of at goals.csv."""
    lines = {i + 2: o for i, o in enumerate(origins) if o is not None}  # line 1 is the header
    files = {o.file for o in lines.values()}
    needed: dict[tuple[int, str], Needed] = {}
    if base is not None and len(files) == 1 and any(p.file == GOALS_LABEL for p in error.problems):
        needed = {(n.line, n.column): n for n in needed_figures(base.sources)}

    def moved(problem: Problem) -> list[Problem]:
        if problem.file == GOALS_LABEL and (problem.line, problem.column) in needed:
            (file,) = files
            return _goal_at_file(needed[problem.line, problem.column], rows, origins, file, base)
        origin = lines.get(problem.line) if problem.file == FIGURES_LABEL else None
        if origin is None:
            return [problem]
        message = problem.message
        earlier = ALREADY_AT.search(message)
        if earlier:
            first = lines.get(int(earlier[1]))
            message = message[: earlier.start()] + (
                "er allerede offentliggjort (samme indikator, område, år og kilde)"
                if first is None
                else f"findes allerede i linje {first.line}"
                if first.file == origin.file
                else f"findes allerede i {first.file}, linje {first.line}"
            )
        return [
            replace(
                problem,
                file=origin.file,
                line=origin.line,
                column=origin.column(problem.column),
                message=message,
            )
        ]

    return DataError([m for p in error.problems for m in moved(p)])


def _goal_at_file(
    n: Needed, rows: Sequence[Row], origins: Sequence[Origin | None], file: str, base: Version
) -> list[Problem]:
    """The problem of a goal whose figure a staff member's `file` changes (at each row that
    changes it) or removes (at the file)."""
    names = {a["area_id"]: a["name"] for a in read_csv(base.sources / "areas.csv")}
    year = "" if n.year is None else str(n.year)
    figure = (
        f"{fmt.number(n.value)} ({year or 'uden år'}) for {n.indicator} i "
        f"{names.get(n.area, n.area)}"
    )
    what = "målet" if n.column == "target_value" else "udgangspunktet for målet"
    changed = [
        Problem(
            origin.file,
            origin.line,
            origin.column("value"),
            f"{what} {n.goal} er {figure} (data/goals.csv); rækken ændrer tallet til "
            f"{row.get('value') or 'ingenting'}",
        )
        for row, origin in zip(rows, origins, strict=False)
        if origin is not None
        and (row["indicator"], row["area"], row["year"].strip()) == (n.indicator, n.area, year)
        and not _same_value(row.get("value", ""), n.value)
    ]
    return changed or [
        Problem(
            file,
            None,
            None,
            f"filen mangler tallet {figure}, som er {what} {n.goal} (data/goals.csv); med alle "
            "tal ville det blive fjernet",
        )
    ]


def _same_value(text: str, value: float) -> bool:
    try:
        return math.isclose(float(text), value)
    except ValueError:
        return False


def command_user() -> str:
    """Who publishes from the command line: the logged-in user of the machine."""
    try:
        return f"{getpass.getuser()} (kommandolinje)"
    except (KeyError, OSError):
        return "kommandolinje"


# Command line ----------------------------------------------------------------------------------


def history_text(store: Path | None = None) -> str:
    rows = versions.history(store)
    if not rows:
        return "Der er ingen offentliggjorte versioner endnu."
    seen = versions.serving(store)
    lines = []
    for v in rows:
        r = v.record
        marks = ["gældende"] if v.number == seen.current.number else []
        if seen.served and v.number == seen.served.number and seen.damaged:
            marks.append("vises")
        found = versions.damage(v)
        mark = (f" ({', '.join(marks)})" if marks else "") + (" BESKADIGET" if found else "")
        if r is None:  # its version.json cannot be read: no more is known of it
            lines.append(f"Version {v.number}{mark}: {versions.described(found)}")
            continue
        source = (
            f", fil {visible(r.file_name)} (sha256 {r.sha256[:12]}…)"
            if r.file_name and r.sha256
            else ""
        )
        damaged = f"; beskadiget: {versions.described(found)}" if found else ""
        lines.append(
            f"Version {v.number}{mark}: {v.created:%d.%m.%Y %H:%M} UTC, {r.label}, "
            f"af {visible(r.by)}{source}; "
            f"{r.figures} tal ({r.added} nye, {r.changed} ændrede, {r.removed} fjernede){damaged}"
        )
    if seen.damaged:
        lines.append(seen.message)
        if seen.served:
            lines.append(
                f"Intet er ændret. Gør version {seen.served.number} gældende igen med 'sikkerby "
                f"tilbage {seen.served.number}', eller genskab de "
                "beskadigede filer fra sikkerhedskopien."
            )
        else:
            lines.append(
                "Intet er ændret. Offentliggør de medfølgende data som en ny version med 'sikkerby "
                "medfoelgende', eller genskab lageret fra sikkerhedskopien."
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None, prog: str = "python -m sikkerby.ingest.publish") -> int:
    parser = cli.Parser(
        prog=prog,
        description="Det offentliggjorte lager: se historikken, rul tilbage til en tidligere "
        "version, eller offentliggør de medfølgende data.",
    )
    store_help = "lagerets mappe (standard: $SIKKERBY_STORE, ellers ~/.local/share/sikkerby/store)"
    parser.add_argument("--store", type=Path, default=None, help=store_help)
    commands = parser.add_subparsers(
        dest="command", required=True, title="kommandoer", metavar="KOMMANDO"
    )
    said = "vis alle versioner, nyeste først"
    history = commands.add_parser("historik", help=said, description=said)
    said = "gør en tidligere version gældende igen (som en ny version)"
    back = commands.add_parser("tilbage", help=said, description=said)
    back.add_argument("version", type=int, help="versionens nummer (se historik)")
    said = "offentliggør de medfølgende data i data/ som ny version"
    bundled = commands.add_parser("medfoelgende", help=said, description=said)
    said = (
        "offentliggør registrene i data/ (mål, indikatorer, principper …) ved siden af de "
        "gældende tal, efter en ny udgave af dashboardet"
    )
    registries = commands.add_parser("registre", help=said, description=said)
    for command in (history, back, bundled, registries):  # --store before or after the command
        command.add_argument("--store", type=Path, default=argparse.SUPPRESS, help=store_help)
    args = parser.parse_args(argv)
    if args.command == "historik":  # reads only: nothing to say about changes
        try:
            print(history_text(args.store))
        except SikkerByError as error:
            print(error, file=sys.stderr)
            return 1
        return 0
    try:
        if args.command == "tilbage":
            made = rollback(args.version, command_user(), args.store)
        elif args.command == "registre":
            made = publish_registries(current(args.store), command_user(), args.store)
        else:
            made = publish_bundled(command_user(), args.store)
    except SikkerByError as error:
        said = "intet er ændret" in str(error).casefold()
        print(str(error) if said else f"Intet er ændret. {error}", file=sys.stderr)
        return 1
    r = made.record
    print(
        f"Version {made.number} er nu gældende ({r.label}; {r.added} nye, {r.changed} ændrede, "
        f"{r.removed} fjernede tal)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
