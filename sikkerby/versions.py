"""The published store on disk: every version the dashboard has shown, and which one is current.

    <store>/
      CURRENT            the number of the current version ("0007"), replaced in one step
      .lock              held by the one writer at a time
      versions/
        0001/            a version: never changed once in place
          sources/       the CSV sources (figures.csv and the registries)
          parquet/       the Parquet files DuckDB reads
          SHA256SUMS     the sha256 of every file in sources/ and parquet/ (`sha256sum -c` reads it)
          version.json   when, who, from which file, rows added, changed and removed, and
                         ("version": {"number": 1, "checksums": "SHA256SUMS"}) that it has
                         SHA256SUMS
        .ny-…/           a version being written (a writer that died leaves it; the next removes it)

A publish writes a complete version into a staging folder, flushes every file and folder to disk,
renames the folder into place and then replaces CURRENT (write, flush, `os.replace`, flush the
folder). Readers follow CURRENT, so they only ever see a whole version; a writer killed at any
point leaves the old version current, or the new one once CURRENT is replaced. One writer at a
time: a second gets "En anden opdatering er i gang" and changes nothing.

Damage on disk. A version's SHA256SUMS is written into the staging folder before it is flushed
and renamed, so a version is in place with its checksums or not at all; its version.json says
that it has them. `damage(version)` checks a version against them (once per version per
process: a version never changes) and says which file is wrong: a checksum that does not match,
a file that is missing, one that is not listed, a SHA256SUMS missing although version.json says
there is one, or a version.json that cannot be read (SHA256SUMS does not cover it: not JSON, a
field missing or of the wrong kind). Such a version.json is told in Danish, never in Python's
words: `version()` refuses the version with a StoreError, `listed()` returns it with `broken`
saying why (the history lists it as damaged; it is never served or rolled back to). Keys of
version.json this program does not know are left out, so a newer program may add some; the
mark that a version has SHA256SUMS is inside "version", because the programs before it read
every other key into their record and stop at one they do not know.

A version written before checksums has no SHA256SUMS and no mark; it is never refused for that
alone: every Parquet file must be read whole by DuckDB, every CSV source must be UTF-8
text with as many rows as its Parquet file, and each source needs both its files (a flipped
byte that still reads is not caught there: a rollback to such a version, which is a new version,
gives its content checksums). So is a version written with SHA256SUMS but without the mark (by
the program before it) whose SHA256SUMS is gone.

`serving()` is what readers are served: the current version when it is intact (its files and
its version.json), otherwise the newest intact earlier one, and which versions were passed over
and why. A reader never writes: CURRENT stays as it is until staff repair the store (a rollback,
or the damaged version's folder restored from a backup). A new version is built only on the
version readers are served (`publish`'s `base`), and `copy_file` copies a file of a version
only when it still matches its checksum, so damaged bytes are never carried into a new version.
When no version is intact, `serving()` has nothing to serve: the public pages then say only that
the data cannot be shown right now, and the details go to the server's log, the editors' page
and the command line (`sikkerby.ui.navigation`).

This module knows the layout; what goes into a version is `sikkerby.ingest.publish`'s business.
"""

import contextlib
import csv
import errno
import fcntl
import hashlib
import io
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from sikkerby import site
from sikkerby.errors import BusyError, StoreError

POINTER = "CURRENT"
LOCK = ".lock"
VERSIONS = "versions"
STAGING = ".ny-"
RECORD = "version.json"
SOURCES = "sources"
PARQUET = "parquet"
SUMS = "SHA256SUMS"
SUMS_MARK = "checksums"  # in version.json: "version": {"number": 7, "checksums": "SHA256SUMS"}
CHECKED = (SOURCES, PARQUET)  # the folders of a version whose files have checksums

BUSY = "En anden opdatering er i gang. Vent til den er færdig, og prøv igen; intet er ændret."
MOVED = (
    "Version {now} er offentliggjort, mens denne opdatering blev forberedt på version {base}; "
    "intet er ændret. Prøv igen: så bygger opdateringen på den nye version."
)
DAMAGED_BASE = (
    "Version {base}, som denne opdatering bygger på, er beskadiget ({what}); intet er ændret. "
    "Prøv igen: så bygger opdateringen på {now}."
)

_log = logging.getLogger(__name__)

# The steps of a publish, in order; `publish` reports each as it is reached (a test kills the
# writer at every one of them).
STEPS = (
    "låst",  # the lock is held and leftovers of earlier writers are removed
    "skrevet",  # the new version is written into its staging folder
    "beskrevet",  # its version.json is written
    "på disken",  # every file and folder of it is flushed to disk
    "på plads",  # the staging folder is renamed to the version's number
    "peger skrevet",  # the new CURRENT is written and flushed beside the old one
    "skiftet",  # CURRENT is replaced: the new version is the current one
)

# What a version was made by.
BUNDLED, PUBLISH, ROLLBACK = "medfølgende", "offentliggørelse", "tilbagerulning"
REGISTRIES = "registre"  # the figures as they were, beside a newer program's registries
ACTION_LABELS = {
    BUNDLED: "Medfølgende data",
    PUBLISH: "Offentliggørelse",
    ROLLBACK: "Tilbagerulning",
    REGISTRIES: "Nye registre (mål, indikatorer, principper) fra en ny udgave af dashboardet",
}


@dataclass(frozen=True)
class Record:
    """What a version says about itself."""

    action: str  # BUNDLED, PUBLISH, ROLLBACK or REGISTRIES
    by: str  # an e-mail address, or the user on the command line
    file_name: str | None = None  # the uploaded or imported file
    sha256: str | None = None  # of that file's bytes
    added: int = 0
    changed: int = 0
    removed: int = 0
    figures: int = 0  # rows of figures.csv in the version
    restores: int | None = None  # a rollback: the version whose content it brings back

    @property
    def label(self) -> str:
        name = ACTION_LABELS[self.action]
        return f"{name} til version {self.restores}" if self.restores else name


@dataclass(frozen=True)
class Version:
    number: int
    path: Path
    created: datetime | None  # UTC; None when its version.json cannot be read (`broken`)
    record: Record | None  # None when its version.json cannot be read (`broken`)
    checksummed: bool = False  # its version.json says it was written with SHA256SUMS
    broken: str | None = None  # what is wrong with its version.json (Danish), if anything

    @property
    def sources(self) -> Path:
        return self.path / SOURCES

    @property
    def parquet(self) -> Path:
        return self.path / PARQUET


def root() -> Path:
    """The store: $SIKKERBY_STORE, or the site's own in the user's data folder
    (`sikkerby.settings.store_dir`)."""
    return site.current().store


def current_number(store: Path | None = None) -> int | None:
    """The number CURRENT names, or None before the first publish (only CURRENT is read)."""
    store = store or root()
    try:
        text = (store / POINTER).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        found = _numbers(store)
        if found:  # never take a store with versions for an empty one (it would be cleaned)
            raise _broken(
                store,
                f"{POINTER} mangler, men der er {len(found)} version(er); skriv nummeret på den "
                f"gældende i {store / POINTER} (den nyeste er {_name(max(found))})",
            ) from None
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise _broken(store, f"{POINTER} kan ikke læses ({reason(error)})") from None
    if not text.isdigit():
        raise _broken(store, f"{POINTER} peger ikke på en version: '{text[:20]}'")
    return int(text)


def current(store: Path | None = None) -> Version | None:
    """The version CURRENT names, or None before the first publish; StoreError when its
    version.json cannot be read (`serving()` then serves an earlier one)."""
    store = store or root()
    number = current_number(store)
    return None if number is None else version(number, store)


def version(number: int, store: Path | None = None) -> Version:
    """Version `number`; StoreError (Danish) when there is none, or when its version.json cannot
    be read (such a version is damaged: it is never served and never rolled back to)."""
    found = listed(number, store)
    if found.broken:
        raise StoreError(f"Version {number} er beskadiget: {Damage(RECORD, found.broken)}.")
    return found


def listed(number: int, store: Path | None = None) -> Version:
    """Version `number` as the history lists it: one whose version.json cannot be read is
    returned too, with `broken` saying why (and no record). StoreError when there is none."""
    store = store or root()
    path = store / VERSIONS / _name(number)
    try:
        text = (path / RECORD).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StoreError(f"Version {number} findes ikke (se historikken).") from None
    except (OSError, UnicodeDecodeError) as error:
        return Version(number, path, None, None, broken=f"kan ikke læses ({reason(error)})")
    try:
        raw = json.loads(text)
    except ValueError:
        return Version(number, path, None, None, broken="kan ikke læses: ikke gyldig JSON")
    try:
        created, record, checksummed = _parse(raw)
    except _Unreadable as problem:
        return Version(number, path, None, None, broken=str(problem))
    except (KeyError, TypeError, ValueError, AttributeError):  # whatever _parse did not foresee
        return Version(number, path, None, None, broken="kan ikke læses: ugyldigt indhold")
    return Version(number, path, created, record, checksummed)


class _Unreadable(Exception):
    """What is wrong with a version.json, in Danish."""


# The fields of a Record, as version.json must hold them: text, text or null, whole numbers.
_TEXTS, _OPTIONAL_TEXTS = ("action", "by"), ("file_name", "sha256")
_COUNTS, _OPTIONAL_COUNTS = ("added", "changed", "removed", "figures"), ("restores",)


def _parse(raw: object) -> tuple[datetime, Record, bool]:
    """A version.json's time, record and whether it was written with SHA256SUMS. Keys it does
    not know are left out (a newer program may write more)."""
    if not isinstance(raw, dict):
        raise _Unreadable("indeholder ikke en beskrivelse af versionen")
    for name in ("created", *_TEXTS):
        if name not in raw:
            raise _Unreadable(f"feltet '{name}' mangler")
    try:
        created = datetime.fromisoformat(raw["created"])
    except (TypeError, ValueError):
        raise _Unreadable("feltet 'created' er ikke et tidspunkt") from None

    def wrong(name: str) -> bool:
        value = raw.get(name)
        if name in _TEXTS:
            return not isinstance(value, str)
        if name in _OPTIONAL_TEXTS:
            return value is not None and not isinstance(value, str)
        whole = isinstance(value, int) and not isinstance(value, bool)
        return not whole and (name in _COUNTS or value is not None)

    for name in (*_TEXTS, *_OPTIONAL_TEXTS, *_COUNTS, *_OPTIONAL_COUNTS):
        if name in raw and wrong(name):
            raise _Unreadable(f"feltet '{name}' har en ugyldig værdi")
    if raw["action"] not in ACTION_LABELS:
        raise _Unreadable("feltet 'action' har en ugyldig værdi")
    known = {f.name for f in fields(Record)}
    record = Record(**{k: v for k, v in raw.items() if k in known})
    return created, record, _marked(raw.get("version"))


def _marked(value: object) -> bool:
    """Whether version.json's "version" says the version was written with SHA256SUMS. An older
    program reads "version" as nothing but drops it, so the mark costs it nothing (a new key
    would stop it: it makes its record of every key)."""
    return isinstance(value, dict) and value.get(SUMS_MARK) == SUMS


def history(store: Path | None = None) -> tuple[Version, ...]:
    """Every published version up to the current one, newest first; one whose version.json
    cannot be read is listed too (`broken`): a damaged record hides nothing else of the
    history, nor stops a rollback to another version."""
    store = store or root()
    now = current_number(store)
    if now is None:
        return ()
    return tuple(listed(n, store) for n in sorted(_numbers(store), reverse=True) if n <= now)


@dataclass(frozen=True)
class Damage:
    """A file of a version that is not as it was published."""

    file: str  # inside the version's folder: "parquet/figures.parquet"
    problem: str  # Danish: "kontrolsummen passer ikke", "mangler" …

    def __str__(self) -> str:
        return f"{self.file} ({self.problem})"


def described(found: tuple[Damage, ...]) -> str:
    """A version's damaged files in one Danish phrase."""
    return "; ".join(str(d) for d in found)


@lru_cache(maxsize=1024)
def damage(v: Version) -> tuple[Damage, ...]:
    """What is wrong with a version's files, nothing when it is intact (see the module
    docstring). Checked once per version per process: a version never changes once in place
    (a damaged one is repaired by a new version; one restored from a backup in place is seen
    as intact by the processes started after the restore)."""
    try:
        sums = (v.path / SUMS).read_text(encoding="ascii")
    except FileNotFoundError:
        if v.checksummed:
            found = (Damage(SUMS, f"mangler, men {RECORD} siger, at versionen har den"),)
        else:
            found = _damage_without_sums(v.path)
    except (OSError, UnicodeDecodeError) as error:
        found = (Damage(SUMS, f"kan ikke læses ({reason(error)})"),)
    else:
        found = _damage_by_sums(v.path, sums)
    if v.broken:
        found = (Damage(RECORD, v.broken), *found)
    if found:
        _log.warning("Version %s i %s er beskadiget: %s", v.number, v.path, described(found))
    return found


# A line of SHA256SUMS as sha256sum writes it ("<hex>  sources/figures.csv"), for a file directly
# in sources/ or parquet/.
_SUM_LINE = re.compile(rf"([0-9a-f]{{64}}) [ *]((?:{SOURCES}|{PARQUET})/[^/]+)")
CHANGED = "kontrolsummen passer ikke: filen er ændret eller beskadiget"


def _damage_by_sums(folder: Path, listed: str) -> tuple[Damage, ...]:
    found, expected = [], {}
    for number, line in enumerate(listed.splitlines(), start=1):
        match = _SUM_LINE.fullmatch(line)
        if match is None:
            found.append(Damage(SUMS, f"linje {number} kan ikke læses"))
        else:
            expected[match[2]] = match[1]
    for name, digest in expected.items():
        try:
            actual = _sha256((folder / name).read_bytes())
        except FileNotFoundError:
            found.append(Damage(name, "mangler"))
            continue
        except OSError as error:
            found.append(Damage(name, f"kan ikke læses ({reason(error)})"))
            continue
        if actual != digest:
            found.append(Damage(name, CHANGED))
    for name in _files(folder):
        if name not in expected:
            found.append(Damage(name, f"står ikke i {SUMS}: lagt til efter offentliggørelsen"))
    return tuple(found)


def _damage_without_sums(folder: Path) -> tuple[Damage, ...]:
    """A version written before checksums: each source has its CSV and its Parquet file, DuckDB
    reads every Parquet file whole, and each CSV is UTF-8 text with as many rows as its Parquet
    file (counted as the build counts them: a line of blank cells is no row)."""
    import duckdb  # only versions written before checksums need it here

    found: list[Damage] = []
    csvs = {p.stem for p in (folder / SOURCES).glob("*.csv")}
    tables = {p.stem for p in (folder / PARQUET).glob("*.parquet")}
    found += [Damage(f"{PARQUET}/{n}.parquet", "mangler") for n in sorted(csvs - tables)]
    found += [Damage(f"{SOURCES}/{n}.csv", "mangler") for n in sorted(tables - csvs)]
    if not csvs and not tables:
        found.append(Damage(f"{SOURCES}/, {PARQUET}/", "mangler"))
    with duckdb.connect(":memory:") as con:
        for name in sorted(csvs & tables):
            table, source = f"{PARQUET}/{name}.parquet", f"{SOURCES}/{name}.csv"
            try:
                # hash(t) reads every column of every row: a damaged page fails here.
                (rows,) = con.execute(
                    "SELECT count(hash(t)) FROM read_parquet(?) AS t", [str(folder / table)]
                ).fetchone()
            except duckdb.Error:
                found.append(Damage(table, "DuckDB kan ikke læse filen"))
                continue
            try:
                text = (folder / source).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as error:
                found.append(Damage(source, f"kan ikke læses ({reason(error)})"))
                continue
            try:
                reader = csv.reader(io.StringIO(text, newline=""))
                next(reader, None)  # the header
                lines = sum(1 for cells in reader if any(c.strip() for c in cells))
            except csv.Error:
                found.append(Damage(source, "er ikke en CSV-fil"))
                continue
            if lines != rows:
                found.append(Damage(source, f"har {lines} rækker, men Parquet-filen har {rows}"))
    return tuple(found)


def _files(folder: Path) -> list[str]:
    """The files of a version that have checksums, by their path inside the version."""
    return [
        f"{part}/{p.name}"
        for part in CHECKED
        if (folder / part).is_dir()
        for p in sorted((folder / part).iterdir())
    ]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_sums(folder: Path) -> None:
    """Write SHA256SUMS for every file of sources/ and parquet/ in a version being written."""
    lines = [f"{_sha256((folder / name).read_bytes())}  {name}\n" for name in _files(folder)]
    (folder / SUMS).write_text("".join(lines), encoding="ascii")


def _expected_sums(v: Version) -> dict[str, str] | None:
    """A version's checksums by file, None for a version written before checksums."""
    try:
        listed = (v.path / SUMS).read_text(encoding="ascii")
    except FileNotFoundError:
        return None
    return {m[2]: m[1] for m in map(_SUM_LINE.fullmatch, listed.splitlines()) if m}


def copy_file(v: Version, name: str, target: Path) -> None:
    """Copy the file `name` of version `v` ("sources/goals.csv") to `target`, its bytes
    checked against the version's checksum as they are copied: damaged bytes never reach a new
    version. Raises StoreError (or OSError when it cannot be read)."""
    data = (v.path / name).read_bytes()
    expected = _expected_sums(v)
    if expected is None and v.checksummed:  # nothing of it is taken on trust
        raise StoreError(f"Version {v.number} er beskadiget: {SUMS} mangler; intet er ændret.")
    if expected is not None and expected.get(name) != _sha256(data):
        raise StoreError(
            f"Version {v.number} er beskadiget: {name} passer ikke med sin kontrolsum; intet er "
            "ændret."
        )
    target.write_bytes(data)


@dataclass(frozen=True)
class Serving:
    """What readers are served: `current` is the version CURRENT names (without a record when
    its version.json cannot be read: `broken`), `served` the newest intact version up to it
    (None when none is intact), `damaged` the versions passed over on the way, newest first,
    each with what is wrong with it."""

    current: Version
    served: Version | None
    damaged: tuple[tuple[int, tuple[Damage, ...]], ...] = ()

    @property
    def damaged_text(self) -> str:
        """'Version 3, den gældende, er beskadiget: parquet/figures.parquet (…); version 2 …'."""
        said = "; ".join(
            f"version {number}{', den gældende,' if number == self.current.number else ''} er "
            f"beskadiget: {described(found)}"
            for number, found in self.damaged
        )
        return said[:1].upper() + said[1:]

    @property
    def message(self) -> str | None:
        """Which version is damaged, in which files, and which is served instead (Danish);
        None when the current version is intact."""
        if not self.damaged:
            return None
        said = self.damaged_text
        if self.served is None:
            return f"{said}. Der er ingen hel version at vise."
        return f"{said}. Dashboardet viser version {self.served.number}, den nyeste hele version."


def serving(store: Path | None = None) -> Serving | None:
    """The version readers are served (see `Serving`), None before the first publish.

    Reads CURRENT; earlier versions are looked at only when the current one is damaged."""
    store = store or root()
    number = current_number(store)
    if number is None:
        return None
    now = listed(number, store)  # a version.json that cannot be read is damage, too
    found = damage(now)
    if not found:
        return Serving(now, now)
    passed: list[tuple[int, tuple[Damage, ...]]] = [(now.number, found)]
    for number in sorted((n for n in _numbers(store) if n < now.number), reverse=True):
        earlier = listed(number, store)
        found = damage(earlier)
        if not found:
            return Serving(now, earlier, tuple(passed))
        passed.append((number, found))
    return Serving(now, None, tuple(passed))


@contextmanager
def writing(store: Path | None = None, *, wait: bool = False) -> Iterator[Path]:
    """Hold the store's lock (refusing at once with BUSY, or with `wait` waiting for it);
    leftovers of a writer that died are removed first. The lock goes with the process, so a
    killed writer never blocks the next."""
    store = store or root()
    (store / VERSIONS).mkdir(parents=True, exist_ok=True)
    with open(store / LOCK, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise BusyError(BUSY) from None
        try:
            clean(store)
            yield store
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def publish(
    fill: Callable[[Path], None],
    record: Record,
    base: int,
    store: Path | None = None,
    progress: Callable[[str], None] = lambda step: None,
) -> Version:
    """Make a new version from version `base`, the version readers are served (`serving()`;
    0: the store is empty or no version is intact): `fill(folder)` writes its sources/ and
    parquet/ into `folder` (and may raise to stop: then nothing has changed); their checksums
    are written beside them, and the version then becomes the current one.

    Raises `BusyError` while another writer holds the lock, or when another version was
    published after `base` (its change would otherwise be lost), and StoreError when `base` is
    damaged."""
    store = store or root()
    try:
        return _publish(fill, record, base, store, progress)
    except OSError as error:
        raise StoreError(
            f"Lageret i {store} kan ikke skrives ({reason(error)}); intet er ændret."
        ) from None


def _publish(fill, record: Record, base: int, store: Path, progress) -> Version:
    with writing(store) as store:
        progress(STEPS[0])
        seen = serving(store)
        number = (seen.current.number if seen else 0) + 1
        _check_base(seen, base)
        staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=store / VERSIONS))
        try:
            staging.chmod(0o755)  # mkdtemp's 0700 would hide the version from the app's user
            fill(staging)
            _write_sums(staging)
            progress(STEPS[1])
            created = datetime.now(UTC).replace(microsecond=0)
            # "version" also says that the version has SHA256SUMS (see `_marked`).
            said = {"number": number, SUMS_MARK: SUMS}
            body = {"version": said, "created": created.isoformat(), **asdict(record)}
            (staging / RECORD).write_text(
                json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            progress(STEPS[2])
            _flush_tree(staging)
            progress(STEPS[3])
            target = store / VERSIONS / _name(number)
            os.rename(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _flush(store / VERSIONS)
        progress(STEPS[4])
        pointer = store / f".{POINTER}.ny"
        with open(pointer, "w", encoding="ascii") as f:
            f.write(_name(number) + "\n")
            f.flush()
            os.fsync(f.fileno())
        progress(STEPS[5])
        os.replace(pointer, store / POINTER)
        # The new version is current from here on: a failing flush must not report otherwise.
        with contextlib.suppress(OSError):
            _flush(store)
        progress(STEPS[6])
        return Version(number, target, created, record, checksummed=True)


def _check_base(seen: Serving | None, base: int) -> None:
    """Refuse a new version unless it is built on the version readers are served (0: none)."""
    served = seen.served.number if seen and seen.served else 0
    if base == served:
        return
    damaged = dict(seen.damaged) if seen else {}
    if base in damaged:
        then = f"version {served}, den nyeste hele version" if served else "ingen hel version"
        raise StoreError(DAMAGED_BASE.format(base=base, what=described(damaged[base]), now=then))
    raise BusyError(MOVED.format(now=served, base=base))


def clean(store: Path) -> list[Path]:
    """Remove what a writer that died left behind: staging folders, an unused pointer file and
    versions never made current. Call it holding the lock; returns what was removed."""
    now = current_number(store)
    removed = []
    for path in sorted((store / VERSIONS).iterdir()):
        orphan = path.name.isdigit() and (now is None or int(path.name) > now)
        if path.name.startswith(STAGING) or orphan:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    pointer = store / f".{POINTER}.ny"
    if pointer.exists():
        pointer.unlink()
        removed.append(pointer)
    return removed


# Why a file could not be read or written, in Danish (os.strerror speaks English).
REASONS = {
    errno.ENOENT: "findes ikke",
    errno.EACCES: "ingen adgang",
    errno.EPERM: "ingen adgang",
    errno.EISDIR: "er en mappe",
    errno.ENOTDIR: "en del af stien er ikke en mappe",
    errno.ENOSPC: "disken er fuld",
    errno.EDQUOT: "kvoten på disken er brugt op",
    errno.EROFS: "disken er skrivebeskyttet",
    errno.ELOOP: "genveje, der peger i ring",
    errno.ENXIO: "ingen enhed eller adresse",
    errno.EIO: "fejl ved læsning eller skrivning på disken",
    errno.ENAMETOOLONG: "navnet er for langt",
}


def reason(error: OSError | UnicodeDecodeError) -> str:
    """An OS error in Danish, for a message to staff."""
    if isinstance(error, UnicodeDecodeError):
        return "ikke tekst"
    return REASONS.get(error.errno, f"systemfejl {error.errno}" if error.errno else "systemfejl")


def _numbers(store: Path) -> list[int]:
    folder = store / VERSIONS
    if not folder.is_dir():
        return []
    return [int(p.name) for p in folder.iterdir() if p.name.isdigit() and (p / RECORD).exists()]


def _name(number: int) -> str:
    return f"{number:04d}"


def _flush_tree(folder: Path) -> None:
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            with open(os.path.join(dirpath, name), "rb") as f:
                os.fsync(f.fileno())
        _flush(Path(dirpath))


def _flush(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _broken(store: Path, what: str) -> StoreError:
    return StoreError(f"Det offentliggjorte lager i {store} er i stykker: {what}.")
