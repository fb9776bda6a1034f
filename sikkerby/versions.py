"""The published store on disk: every version the dashboard has shown, and which one is current.

    <store>/
      CURRENT            the number of the current version ("0007"), replaced in one step
      .lock              held by the one writer at a time
      versions/
        0001/            a version: never changed once in place
          sources/       the CSV sources (figures.csv and the registries)
          parquet/       the Parquet files DuckDB reads
          version.json   when, who, from which file, rows added, changed and removed
        .ny-…/           a version being written (a writer that died leaves it; the next removes it)

A publish writes a complete version into a staging folder, flushes every file and folder to disk,
renames the folder into place and then replaces CURRENT (write, flush, `os.replace`, flush the
folder). Readers follow CURRENT, so they only ever see a whole version; a writer killed at any
point leaves the old version current, or the new one once CURRENT is replaced. One writer at a
time: a second gets "En anden opdatering er i gang" and changes nothing.

This module knows the layout; what goes into a version is `sikkerby.ingest.publish`'s business.
"""

import contextlib
import errno
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from sikkerby import paths
from sikkerby.errors import BusyError, StoreError

POINTER = "CURRENT"
LOCK = ".lock"
VERSIONS = "versions"
STAGING = ".ny-"
RECORD = "version.json"
SOURCES = "sources"
PARQUET = "parquet"

BUSY = "En anden opdatering er i gang. Vent til den er færdig, og prøv igen; intet er ændret."
MOVED = (
    "Version {now} er offentliggjort, mens denne opdatering blev forberedt på version {base}; "
    "intet er ændret. Prøv igen: så bygger opdateringen på den nye version."
)

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
    created: datetime  # UTC
    record: Record

    @property
    def sources(self) -> Path:
        return self.path / SOURCES

    @property
    def parquet(self) -> Path:
        return self.path / PARQUET


def root() -> Path:
    """The store: $SIKKERBY_STORE, or data/published in the project (see the README)."""
    return paths.store_dir()


def current(store: Path | None = None) -> Version | None:
    """The version readers see, or None before the first publish."""
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
    return version(int(text), store)


def version(number: int, store: Path | None = None) -> Version:
    store = store or root()
    path = store / VERSIONS / _name(number)
    try:
        raw = json.loads((path / RECORD).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"Version {number} findes ikke (se historikken).") from None
    except (OSError, ValueError) as error:
        raise _broken(store, f"version {number}: {RECORD} kan ikke læses ({error})") from None
    created = datetime.fromisoformat(raw.pop("created"))
    raw.pop("version", None)
    return Version(number, path, created, Record(**raw))


def history(store: Path | None = None) -> tuple[Version, ...]:
    """Every published version up to the current one, newest first."""
    store = store or root()
    now = current(store)
    if now is None:
        return ()
    return tuple(
        version(n, store) for n in sorted(_numbers(store), reverse=True) if n <= now.number
    )


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
    """Make a new version from version `base` (0: the store is empty): `fill(folder)` writes
    its sources/ and parquet/ into `folder` (and may raise to stop: then nothing has changed);
    the version then becomes the current one.

    Raises `BusyError` while another writer holds the lock, or when another version was
    published after `base` (its change would otherwise be lost)."""
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
        now = current(store)
        number = (now.number if now else 0) + 1
        if number - 1 != base:
            raise BusyError(MOVED.format(now=number - 1, base=base))
        staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=store / VERSIONS))
        try:
            staging.chmod(0o755)  # mkdtemp's 0700 would hide the version from the app's user
            fill(staging)
            progress(STEPS[1])
            created = datetime.now(UTC).replace(microsecond=0)
            body = {"version": number, "created": created.isoformat(), **asdict(record)}
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
        return Version(number, target, created, record)


def clean(store: Path) -> list[Path]:
    """Remove what a writer that died left behind: staging folders, an unused pointer file and
    versions never made current. Call it holding the lock; returns what was removed."""
    now = current(store)
    removed = []
    for path in sorted((store / VERSIONS).iterdir()):
        orphan = path.name.isdigit() and (now is None or int(path.name) > now.number)
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
