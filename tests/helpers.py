"""Shared by the tests: a private copy of the project's data, a private published store,
checks of chart specs, and a page's closed tables opened.

A copy lets a test break or extend the CSV sources without touching data/; a private store
lets it publish without touching the store every other test reads.
"""

import shutil
from pathlib import Path

import altair as alt

from sikkerby import site, versions
from sikkerby.paths import ROOT
from sikkerby.schema import FIGURES, SOURCES

# Copenhagen's site, the app's own: the data the tests of its facts read.
COPENHAGEN = site.load(ROOT)
DATA_DIR = COPENHAGEN.data


def copy_project_data(folder: Path) -> Path:
    """A private copy of the project's CSV sources in `folder/data`."""
    copy = folder / "data"
    copy.mkdir()
    for source in SOURCES:
        shutil.copy(DATA_DIR / source.file, copy / source.file)
    return copy


def assert_valid_vega_lite(spec: dict) -> None:
    """Raise unless `spec` is valid Vega-Lite (the app skips Altair's check; the tests do it)."""
    alt.LayerChart.from_dict(spec, validate=True)


def private_store(folder: Path) -> Path:
    """A published store in `folder/store` whose one version is the bundled data."""
    from sikkerby.ingest import publish

    root = folder / "store"
    publish.ensure(root)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of a store by its path (the lock file aside): equal snapshots, equal stores."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != versions.LOCK
    }


def as_written_then(v: versions.Version) -> None:
    """Rewrite a version's version.json as the programs before the checksums' mark wrote it
    ("version" just the number): one whose SHA256SUMS, if any, is not required."""
    import json

    raw = json.loads((v.path / versions.RECORD).read_text(encoding="utf-8"))
    raw["version"] = v.number
    (v.path / versions.RECORD).write_text(json.dumps(raw), encoding="utf-8")
    versions.damage.cache_clear()


def current_figures(root: Path) -> list[dict[str, str]]:
    """The rows of the current version's figures.csv."""
    import csv

    with open(versions.current(root).sources / FIGURES.file, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def store_with_figures(folder: Path, rows: list[dict[str, str]]):
    """A store over the bundled registries with `rows` as its figures, built in `folder`."""
    from sikkerby.ingest import build, publish
    from sikkerby.store import Store

    data = copy_project_data(folder)
    (data / FIGURES.file).write_bytes(publish.figures_csv(rows))
    build.build(data, folder / "parquet")
    return Store(folder / "parquet")


def bundled_figures() -> list[dict[str, str]]:
    from sikkerby.ingest import publish

    return publish.read_csv(DATA_DIR / FIGURES.file)


def open_tables(app) -> None:
    """Every expander on the page (an AppTest after its run) that sends its table only when it
    is opened (`sikkerby.ui.components.lazy`: a keyed one) opened, as a visitor clicks it, and
    the page run again."""
    # A keyed element's id ends with its key: "$$ID-<hash>-<key>".
    keys = [e.proto.id.split("-", 2)[2] for e in app.expander if e.proto.id]
    assert keys, "no expander to open"
    for key in keys:
        app.session_state[key] = True
    app.run()


def shown(value: str) -> str:
    """Text as a visitor reads it: without the escapes that keep data text plain."""
    return value.replace("\\", "").replace("\u2060", "").replace("\xa0", " ")


def shown_texts(app) -> list[str]:
    """Every text a page (an AppTest after its run) shows: headings, paragraphs, captions,
    notices, large numbers, badges, links' and buttons' labels, table cells and headers."""
    kinds = ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info")
    said = [shown(str(e.value)) for kind in (*kinds, "success") for e in app.get(kind)]
    said += [shown(f"{m.label} {m.value}") for m in app.metric]
    said += [shown(str(e.proto.label)) for kind in ("page_link", "badge") for e in app.get(kind)]
    for frame in [*app.table, *app.dataframe]:
        said += [shown(str(v)) for v in frame.value.to_numpy().ravel()]
        said += [shown(str(c)) for c in frame.value.columns]
    return said


def older_program_version(store: Path) -> versions.Version:
    """Version 1 as an older program wrote it: no principles, indicators.csv without the
    column added since, and no checksums."""
    old = versions.current(store)
    (old.path / versions.SUMS).unlink()
    as_written_then(old)
    (old.sources / "principles.csv").unlink()
    (old.parquet / "principles.parquet").unlink()
    lines = (old.sources / "indicators.csv").read_text(encoding="utf-8").splitlines()
    (old.sources / "indicators.csv").write_text(
        "\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n", encoding="utf-8"
    )
    return old
