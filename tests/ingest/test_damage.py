"""Damage on disk: every version carries the sha256 of its files; a damaged current version is
passed over for the newest intact one without a byte of the store changing, the next publish and
a rollback build on intact data only, and versions written before checksums keep working."""

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

import pytest
from helpers import as_written_then, current_figures, snapshot
from kill_writer import new_row

from sikkerby import versions
from sikkerby.errors import BusyError, StoreError
from sikkerby.ingest import publish
from sikkerby.schema import SOURCES
from sikkerby.store import version_store


@pytest.fixture
def store(store_copy: Path) -> Path:
    return store_copy


def add(store: Path, tag: str) -> versions.Version:
    base = publish.current(store)
    rows = [*publish.figures_of(base), new_row(tag)]
    return publish.publish_figures(rows, "anna@kk.dk", base=base, store=store)


def flip(path: Path, at: int | None = None) -> None:
    """Flip a run of bytes in the middle of the file, or `at` (its length stays the same)."""
    data = bytearray(path.read_bytes())
    start = len(data) // 2 if at is None else at
    for i in range(start, start + 16):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def delete(path: Path) -> None:
    path.unlink()


def first_page(path: Path) -> None:
    """Flip bytes in a Parquet file's first data page, just after its "PAR1" (without checksums,
    damage is found where DuckDB must read; a flip in the footer's statistics may not be)."""
    flip(path, at=8)


def drop_lines(path: Path) -> None:
    """Cut a text file after its first ten lines (a truncation that is still text)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:10]), encoding="utf-8")


def new_process() -> None:
    """Forget which versions were checked, as a process started now would (a process checks a
    version once: this test damaged one it had checked already)."""
    versions.damage.cache_clear()
    publish.unreadable.cache_clear()


DAMAGES = {"bytes flipped": flip, "truncated": truncate, "deleted": delete}
PROBLEMS = {
    "bytes flipped": "kontrolsummen passer ikke",
    "truncated": "kontrolsummen passer ikke",
    "deleted": "mangler",
}


def synthetic_titles(version: versions.Version) -> set[str]:
    """The synthetic sources the served store holds (what `add` publishes)."""
    frame = version_store(version).figures(["utrygge_nabolag_pct"], ["valby"])
    return {t for t in frame["source_title"] if t.startswith("SYNTETISK")}


def test_every_version_carries_the_sha256_of_each_of_its_files(store: Path):
    made = add(store, "A")
    for v in (versions.version(1, store), made):
        listed = (v.path / versions.SUMS).read_text(encoding="ascii").splitlines()
        files = sorted(
            str(p.relative_to(v.path))
            for part in (versions.SOURCES, versions.PARQUET)
            for p in (v.path / part).iterdir()
        )
        assert sorted(line.split("  ")[1] for line in listed) == files
        assert len(files) == 2 * len(SOURCES)  # each source's CSV and Parquet file
        for line in listed:  # sha256sum's own format, so `sha256sum -c SHA256SUMS` checks it
            digest, name = line.split("  ")
            assert hashlib.sha256((v.path / name).read_bytes()).hexdigest() == digest
        assert versions.damage(v) == ()


def test_the_checksums_are_in_the_version_before_it_is_flushed_and_renamed(store: Path):
    seen = {}

    def progress(step: str) -> None:
        if step == "skrevet":  # written to the staging folder, not yet flushed or in place
            (staging,) = (store / versions.VERSIONS).glob(f"{versions.STAGING}*")
            seen["sums"] = (staging / versions.SUMS).read_text(encoding="ascii")

    base = publish.current(store)
    rows = [*publish.figures_of(base), new_row("A")]
    made = publish.publish_figures(rows, "anna", base=base, store=store, progress=progress)
    assert seen["sums"] == (made.path / versions.SUMS).read_text(encoding="ascii")
    assert "parquet/figures.parquet" in seen["sums"] and "sources/figures.csv" in seen["sums"]


@pytest.mark.parametrize("how", DAMAGES)
@pytest.mark.parametrize("name", ["parquet/figures.parquet", "sources/figures.csv"])
def test_a_damaged_current_version_is_passed_over_for_the_previous_one_and_nothing_changes(
    store: Path, how: str, name: str
):
    add(store, "A")
    add(store, "B")
    DAMAGES[how](store / versions.VERSIONS / "0003" / name)
    before = snapshot(store)

    served = publish.ensure(store)
    assert served.number == 2
    assert synthetic_titles(served) == {"SYNTETISK TESTDATA A"}  # version 2's figures
    seen = versions.serving(store)
    assert (seen.current.number, seen.served.number) == (3, 2)
    assert seen.message.startswith(f"Version 3, den gældende, er beskadiget: {name} (")
    assert PROBLEMS[how] in seen.message
    assert seen.message.endswith("Dashboardet viser version 2, den nyeste hele version.")
    assert snapshot(store) == before  # nothing rewritten, CURRENT untouched
    assert (store / versions.POINTER).read_text() == "0003\n"


@pytest.mark.parametrize("name", ["sources/goals.csv", "parquet/thresholds.parquet"])
def test_any_damaged_registry_file_is_named(store: Path, name: str):
    add(store, "A")
    flip(store / versions.VERSIONS / "0002" / name)
    before = snapshot(store)
    assert publish.ensure(store).number == 1
    assert f"Version 2, den gældende, er beskadiget: {name} (kontrolsummen passer ikke" in (
        versions.serving(store).message
    )
    assert snapshot(store) == before


def test_a_file_added_to_a_version_is_damage_too(store: Path):
    add(store, "A")
    (store / versions.VERSIONS / "0002" / "sources" / "figures.csv~").write_text("x")
    assert publish.ensure(store).number == 1
    assert "sources/figures.csv~ (står ikke i SHA256SUMS" in versions.serving(store).message


def test_when_several_versions_are_damaged_the_newest_intact_one_is_served(store: Path):
    add(store, "A")
    add(store, "B")
    delete(store / versions.VERSIONS / "0003" / "parquet/figures.parquet")
    flip(store / versions.VERSIONS / "0002" / "sources/areas.csv")
    new_process()
    assert publish.ensure(store).number == 1
    message = versions.serving(store).message
    assert message.startswith(
        "Version 3, den gældende, er beskadiget: parquet/figures.parquet (mangler); "
        "version 2 er beskadiget: sources/areas.csv (kontrolsummen passer ikke"
    )
    assert message.endswith("Dashboardet viser version 1, den nyeste hele version.")


def test_when_every_version_is_damaged_the_store_is_refused_in_danish(store: Path):
    add(store, "A")
    flip(store / versions.VERSIONS / "0002" / "parquet/figures.parquet")
    truncate(store / versions.VERSIONS / "0001" / "parquet/goals.parquet")
    new_process()
    before = snapshot(store)
    with pytest.raises(StoreError) as caught:
        publish.ensure(store)
    message = caught.value.describe()
    assert "Version 2, den gældende, er beskadiget: parquet/figures.parquet" in message
    assert "version 1 er beskadiget: parquet/goals.parquet" in message
    assert "Der er ingen hel version at vise." in message
    assert "sikkerby medfoelgende" in message
    said = publish.history_text(store).splitlines()
    assert said[0].startswith("Version 2 (gældende) BESKADIGET: ")
    assert said[1].startswith("Version 1 BESKADIGET: ")
    assert said[-1].startswith("Intet er ændret. Offentliggør de medfølgende data")
    assert snapshot(store) == before
    # Publishing the bundled data is the way out that builds on nothing damaged.
    made = publish.publish_bundled("bo", store)
    assert made.number == 3 and versions.damage(made) == ()
    assert publish.ensure(store) == made


def test_the_next_publish_builds_on_the_intact_version_and_copies_nothing_damaged(store: Path):
    add(store, "A")
    add(store, "B")
    flip(store / versions.VERSIONS / "0003" / "sources/goals.csv")
    intact = versions.version(2, store)
    made = add(store, "C")  # worked out from what the dashboard shows: version 2
    assert made.number == 4 and versions.damage(made) == ()
    assert (made.sources / "goals.csv").read_bytes() == (intact.sources / "goals.csv").read_bytes()
    titles = [r["source_title"] for r in current_figures(store)]
    assert titles[-2:] == ["SYNTETISK TESTDATA A", "SYNTETISK TESTDATA C"]
    assert publish.ensure(store) == made and versions.serving(store).message is None


def test_a_publish_worked_out_from_the_damaged_version_is_refused(store: Path):
    add(store, "A")
    damaged = add(store, "B")
    flip(store / versions.VERSIONS / "0003" / "sources/goals.csv")
    before = snapshot(store)
    rows = [*publish.figures_of(versions.version(2, store)), new_row("C")]
    with pytest.raises(StoreError, match="Version 3, som denne opdatering bygger på, er besk"):
        publish.publish_figures(rows, "anna", base=damaged, store=store)
    assert snapshot(store) == before


def test_a_file_damaged_after_its_version_was_checked_is_not_copied(store: Path):
    add(store, "A")
    add(store, "B")
    assert publish.ensure(store).number == 3  # checked once, intact, in this process
    assert versions.damage(versions.version(2, store)) == ()
    flip(store / versions.VERSIONS / "0003" / "sources/thresholds.csv")
    flip(store / versions.VERSIONS / "0002" / "parquet/periods.parquet")
    before = snapshot(store)
    with pytest.raises(StoreError, match=r"sources/thresholds\.csv passer ikke med sin kontrolsum"):
        add(store, "C")
    with pytest.raises(
        StoreError, match=r"parquet/periods\.parquet passer ikke med sin kontrolsum"
    ):
        publish.rollback(2, "bo", store)
    assert snapshot(store) == before


def test_a_rollback_repairs_a_damaged_current_version_from_an_intact_one(store: Path):
    add(store, "A")
    add(store, "B")
    truncate(store / versions.VERSIONS / "0003" / "parquet/figures.parquet")
    shown = publish.ensure(store)
    with pytest.raises(StoreError, match="Version 3 er allerede den gældende"):
        publish.rollback(3, "bo", store)
    back = publish.rollback(2, "bo", store, base=shown.number)  # the page passes what it showed
    assert back.number == 4 and back.record.restores == 2
    assert (back.record.added, back.record.changed, back.record.removed) == (0, 0, 0)
    assert versions.damage(back) == () and publish.ensure(store) == back
    first = versions.version(2, store)
    for part in (versions.SOURCES, versions.PARQUET):
        for path in (first.path / part).iterdir():
            assert (back.path / part / path.name).read_bytes() == path.read_bytes()


def test_a_damaged_version_is_not_brought_back(store: Path):
    add(store, "A")
    add(store, "B")
    flip(store / versions.VERSIONS / "0002" / "parquet/figures.parquet")
    new_process()
    before = snapshot(store)
    with pytest.raises(StoreError, match=r"Version 2 er beskadiget \(parquet/figures.parquet"):
        publish.rollback(2, "bo", store)
    assert snapshot(store) == before
    with pytest.raises(BusyError, match="Version 3 er offentliggjort, mens"):
        publish.rollback(1, "bo", store, base=2)  # a page that showed 2 is out of date
    assert publish.rollback(1, "bo", store).number == 4


def test_the_command_line_history_marks_damaged_versions(store: Path, capsys):
    add(store, "A")
    add(store, "B")
    flip(store / versions.VERSIONS / "0003" / "parquet/figures.parquet")
    assert publish.main(["--store", str(store), "historik"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Version 3 (gældende) BESKADIGET: ")
    assert out[0].endswith(
        "; beskadiget: parquet/figures.parquet (kontrolsummen passer ikke: "
        "filen er ændret eller beskadiget)"
    )
    assert out[1].startswith("Version 2 (vises): ") and "BESKADIGET" not in out[1]
    assert out[2].startswith("Version 1: ")
    assert out[3].startswith("Version 3, den gældende, er beskadiget")
    assert out[4].startswith(
        "Intet er ændret. Gør version 2 gældende igen med 'sikkerby tilbage 2'"
    )


def without_sums(v: versions.Version) -> versions.Version:
    """A version as the program wrote it before checksums: the same files, no SHA256SUMS, and a
    version.json whose "version" is just the number."""
    (v.path / versions.SUMS).unlink()
    as_written_then(v)
    versions.damage.cache_clear()
    return versions.version(v.number, v.path.parent.parent)


@pytest.mark.parametrize(
    ("how", "name", "problem"),
    [
        ("truncated", "parquet/figures.parquet", "DuckDB kan ikke læse filen"),
        ("first page flipped", "parquet/goals.parquet", "DuckDB kan ikke læse filen"),
        ("deleted", "parquet/areas.parquet", "mangler"),
        ("lines dropped", "sources/figures.csv", "har 9 rækker, men Parquet-filen har "),
        ("deleted", "sources/goals.csv", "mangler"),
    ],
)
def test_a_damaged_version_without_checksums_is_found_by_reading_it(
    store: Path, how: str, name: str, problem: str
):
    without_sums(versions.current(store))
    add(store, "A")
    without_sums(versions.current(store))
    damages = {**DAMAGES, "lines dropped": drop_lines, "first page flipped": first_page}
    damages[how](store / versions.VERSIONS / "0002" / name)
    before = snapshot(store)
    assert publish.ensure(store).number == 1
    message = versions.serving(store).message
    assert message.startswith(f"Version 2, den gældende, er beskadiget: {name} (")
    assert problem in message
    assert snapshot(store) == before


def test_a_version_written_with_checksums_that_lost_its_checksum_file_is_damaged(store: Path):
    add(store, "A")
    add(store, "B")
    os.remove(store / versions.VERSIONS / "0003" / versions.SUMS)
    os.remove(store / versions.VERSIONS / "0002" / versions.SUMS)
    new_process()
    before = snapshot(store)
    assert publish.ensure(store).number == 1
    assert versions.serving(store).message == (
        "Version 3, den gældende, er beskadiget: SHA256SUMS (mangler, men version.json siger, at "
        "versionen har den); version 2 er beskadiget: SHA256SUMS (mangler, men version.json "
        "siger, at versionen har den). Dashboardet viser version 1, den nyeste hele version."
    )
    with pytest.raises(StoreError, match=r"Version 2 er beskadiget \(SHA256SUMS \(mangler"):
        publish.rollback(2, "bo", store)
    with pytest.raises(StoreError, match="Version 2 er beskadiget: SHA256SUMS mangler"):
        versions.copy_file(versions.version(2, store), "sources/goals.csv", store / "x")
    assert snapshot(store) == before


def test_a_version_written_by_the_checksum_program_before_this_one_keeps_its_check(store: Path):
    """Such a version has SHA256SUMS but says nothing of it in version.json: checked by its
    checksums while it has them, by reading it when it has lost them (as before)."""
    add(store, "A")
    now = versions.current(store)
    as_written_then(now)
    then = versions.current(store)
    assert not then.checksummed and versions.damage(then) == ()
    flip(now.path / "sources/goals.csv")
    versions.damage.cache_clear()
    assert "sources/goals.csv (kontrolsummen passer ikke" in versions.serving(store).message
    flip(now.path / "sources/goals.csv")  # the same bytes flipped back: as published
    os.remove(now.path / versions.SUMS)
    versions.damage.cache_clear()
    assert publish.ensure(store).number == 2  # read the old way, and it still reads


def test_an_older_program_reads_the_version_json_this_one_writes(store: Path):
    """The programs before this one read version.json so, and stop at a key they do not know:
    that the version has SHA256SUMS is said where they look at nothing."""
    made = add(store, "A")
    raw = json.loads((made.path / versions.RECORD).read_text(encoding="utf-8"))
    assert raw["version"] == {"number": 2, "checksums": "SHA256SUMS"}
    created = datetime.fromisoformat(raw.pop("created"))
    raw.pop("version", None)
    assert (created, versions.Record(**raw)) == (made.created, made.record)
    assert versions.version(2, store).checksummed


def test_an_intact_version_from_an_older_program_behind_a_damaged_one_is_brought_back(
    store: Path,
):
    add(store, "A")
    old = without_sums(versions.version(1, store))  # as an older program wrote it
    (old.sources / "principles.csv").unlink()
    (old.parquet / "principles.parquet").unlink()
    flip(store / versions.VERSIONS / "0002" / "parquet/figures.parquet")
    new_process()
    before = snapshot(store)
    with pytest.raises(StoreError) as caught:
        publish.ensure(store)  # version 1 cannot be shown without an upgrade, which writes
    assert caught.value.describe().startswith(
        "Version 2, den gældende, er beskadiget: parquet/figures.parquet (kontrolsummen passer "
        "ikke: filen er ændret eller beskadiget). Den nyeste hele version, 1, er lavet af en "
        "ældre udgave af dashboardet"
    )
    assert snapshot(store) == before
    back = publish.rollback(1, "bo", store)  # what the message says to do
    assert back.number == 3 and versions.damage(back) == ()
    upgraded = publish.ensure(store)
    assert (upgraded.number, upgraded.record.action) == (4, versions.REGISTRIES)
    assert versions.damage(upgraded) == () and not publish.unreadable(upgraded.path)


def test_the_app_s_store_is_the_served_version_and_none_is_refused_in_danish(
    store: Path, monkeypatch
):
    from sikkerby.settings import STORE_ENV
    from sikkerby.ui import components

    add(store, "A")
    add(store, "B")
    delete(store / versions.VERSIONS / "0003" / "sources/figures.csv")
    monkeypatch.setenv(STORE_ENV, str(store))
    assert components.store().version == 2  # what every page reads (publish.default_store)
    flip(store / versions.VERSIONS / "0002" / "parquet/figures.parquet")
    flip(store / versions.VERSIONS / "0001" / "parquet/figures.parquet")
    new_process()
    with pytest.raises(StoreError, match="Der er ingen hel version at vise"):
        components.store()


# A damaged version.json ---------------------------------------------------------------------

GARBLED = {
    "not JSON": ("{garbled", "kan ikke læses: ikke gyldig JSON"),
    "empty object": ("{}", "feltet 'created' mangler"),
    "a list": ("[1, 2]", "indeholder ikke en beskrivelse af versionen"),
    "no time": (
        '{"created": "i går", "action": "offentliggørelse", "by": "bo"}',
        "feltet 'created' er ikke et tidspunkt",
    ),
    "a count as text": (
        '{"created": "2026-01-01T00:00:00+00:00", "action": "offentliggørelse", "by": "bo", '
        '"added": "mange"}',
        "feltet 'added' har en ugyldig værdi",
    ),
    "an unknown action": (
        '{"created": "2026-01-01T00:00:00+00:00", "action": "x", "by": "bo"}',
        "feltet 'action' har en ugyldig værdi",
    ),
    "not UTF-8": (b"\xff\xfe{", "kan ikke læses (ikke tekst)"),
}
ENGLISH = ("Expecting", "property name", "KeyError", "line 1 column", "Traceback", "codec")


def garble(store: Path, number: int, text: str | bytes) -> None:
    path = store / versions.VERSIONS / f"{number:04d}" / versions.RECORD
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


@pytest.mark.parametrize("how", GARBLED)
def test_a_version_json_that_cannot_be_read_is_refused_in_danish(store: Path, how: str):
    add(store, "A")
    text, problem = GARBLED[how]
    garble(store, 1, text)
    with pytest.raises(StoreError) as caught:
        versions.version(1, store)
    said = caught.value.describe()
    assert said == f"Version 1 er beskadiget: version.json ({problem})."
    assert str(store) not in said and not any(word in said for word in ENGLISH)


@pytest.mark.parametrize("how", ["not JSON", "empty object", "not UTF-8"])
def test_a_current_version_whose_version_json_cannot_be_read_is_passed_over(store: Path, how: str):
    add(store, "A")
    add(store, "B")
    text, problem = GARBLED[how]
    garble(store, 3, text)
    before = snapshot(store)
    seen = versions.serving(store)
    assert (seen.current.number, seen.served.number) == (3, 2)
    assert seen.message == (
        f"Version 3, den gældende, er beskadiget: version.json ({problem}). Dashboardet viser "
        "version 2, den nyeste hele version."
    )
    served = publish.ensure(store)
    assert served.number == 2 and synthetic_titles(served) == {"SYNTETISK TESTDATA A"}
    assert snapshot(store) == before  # nothing written: CURRENT still names version 3
    assert (store / versions.POINTER).read_text() == "0003\n"
    back = publish.rollback(2, "bo", store, base=2)  # the repair works as for damaged files
    assert back.number == 4 and publish.ensure(store) == back


def test_an_earlier_version_json_that_cannot_be_read_is_passed_over_too(store: Path):
    add(store, "A")
    add(store, "B")
    delete(store / versions.VERSIONS / "0003" / "parquet/figures.parquet")
    garble(store, 2, "{}")
    new_process()
    seen = versions.serving(store)
    assert seen.served.number == 1
    assert "version 2 er beskadiget: version.json (feltet 'created' mangler)" in seen.message
    assert publish.ensure(store).number == 1


def test_a_version_json_that_cannot_be_read_is_listed_in_the_history_as_damaged(
    store: Path, capsys
):
    from sikkerby.views import update

    add(store, "A")
    add(store, "B")
    garble(store, 1, "{garbled")
    listed = versions.history(store)
    assert [(v.number, v.broken) for v in listed] == [
        (3, None),
        (2, None),
        (1, "kan ikke læses: ikke gyldig JSON"),
    ]
    table = update.history(update.versions_of(store), update.serving(store))
    assert list(table["Version"]) == ["3 (gældende)", "2", "1 (beskadiget)"]
    assert table["Hvad"][2] == "version.json kan ikke læses: ikke gyldig JSON"
    assert table["Tidspunkt (UTC)"][2] == "" and table["Nye"].isna()[2]
    assert [update.can_roll_back_to(v) for v in listed] == [True, True, False]
    outcome = update.rollback(1, "bo", 3, store)
    assert not outcome.published
    assert outcome.message == (
        "Version 1 er beskadiget (version.json (kan ikke læses: ikke gyldig JSON)) og kan ikke "
        "gøres gældende igen; intet er ændret. Vælg en hel version (se historikken)."
    )
    assert publish.main(["--store", str(store), "historik"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[2] == ("Version 1 BESKADIGET: version.json (kan ikke læses: ikke gyldig JSON)")
    assert publish.main(["--store", str(store), "tilbage", "1"]) == 1
    said = capsys.readouterr().err
    assert said.startswith("Version 1 er beskadiget (version.json (kan ikke")
    assert not any(word in said for word in ENGLISH)
