"""The published store: whole versions made current in one step, history and rollback, one
writer at a time, and a writer killed at any moment leaving exactly the old or the new version."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import copy_project_data, current_figures, older_program_version, snapshot
from kill_writer import new_row

from sikkerby import versions
from sikkerby.errors import BusyError, DataError, StoreError
from sikkerby.ingest import publish
from sikkerby.store import Store

ROOT = Path(__file__).resolve().parents[2]
WRITER = ROOT / "tests" / "kill_writer.py"


@pytest.fixture
def store(store_copy: Path) -> Path:
    return store_copy


def add(store: Path, tag: str, **kwargs) -> versions.Version:
    base = publish.current(store)
    rows = [*publish.figures_of(base), new_row(tag)]
    return publish.publish_figures(rows, "anna@kk.dk", base=base, store=store, **kwargs)


def test_the_first_version_is_the_bundled_data(store: Path):
    (first,) = versions.history(store)
    assert first.number == 1 and first.record.action == versions.BUNDLED
    assert first.record.figures == first.record.added == len(current_figures(store)) > 300
    assert (store / versions.POINTER).read_text() == "0001\n"
    assert len(Store(first.parquet).figures(["utrygge_nabolag_pct"], ["bispebjerg"])) > 3


def test_a_publish_makes_a_new_current_version_and_keeps_the_old_one(store: Path):
    before = snapshot(store)
    made = add(store, "A", file_name="tu.csv", sha256="ab" * 32)
    assert versions.current(store) == made
    assert (made.number, made.record.by, made.record.file_name) == (2, "anna@kk.dk", "tu.csv")
    assert (made.record.added, made.record.changed, made.record.removed) == (1, 0, 0)
    assert [v.number for v in versions.history(store)] == [2, 1]
    after = snapshot(store)
    # Version 1 is untouched, byte for byte; only CURRENT and the new version are new.
    assert {k: v for k, v in after.items() if k.startswith("versions/0001")} == {
        k: v for k, v in before.items() if k.startswith("versions/0001")
    }
    assert after["CURRENT"] == b"0002\n"
    assert not [k for k in after if versions.STAGING in k or k.startswith(".CURRENT")]


def test_a_rollback_is_a_new_version_with_the_earlier_content(store: Path):
    add(store, "A")
    back = publish.rollback(1, "bo@kk.dk", store)
    assert back.number == 3 and back.record.label == "Tilbagerulning til version 1"
    assert (back.record.added, back.record.changed, back.record.removed) == (0, 0, 1)
    first = versions.version(1, store)
    for part in ("sources", "parquet"):
        for path in (first.path / part).iterdir():
            assert (back.path / part / path.name).read_bytes() == path.read_bytes()
    assert [v.number for v in versions.history(store)] == [3, 2, 1]  # nothing is deleted
    with pytest.raises(StoreError, match="Version 3 er allerede den gældende"):
        publish.rollback(3, "bo@kk.dk", store)
    with pytest.raises(StoreError, match="Version 9 findes ikke"):
        publish.rollback(9, "bo@kk.dk", store)


def test_the_command_line_shows_the_history_and_rolls_back(store: Path, capsys):
    add(store, "A", file_name="tu2026.csv", sha256="0123456789abcdef" * 4)
    assert publish.main(["--store", str(store), "historik"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Version 2 (gældende): ")
    assert "Offentliggørelse, af anna@kk.dk, fil tu2026.csv (sha256 0123456789ab…)" in out[0]
    assert "1 nye, 0 ændrede, 0 fjernede" in out[0]
    assert out[1].startswith("Version 1: ") and "Medfølgende data, af opsætning" in out[1]
    assert publish.main(["tilbage", "1", "--store", str(store)]) == 0  # either place
    assert "Version 3 er nu gældende (Tilbagerulning til version 1;" in capsys.readouterr().out
    assert publish.main(["--store", str(store), "tilbage", "7"]) == 1
    assert "Intet er ændret. Version 7 findes ikke" in capsys.readouterr().err
    assert publish.main(["--store", str(store), "tilbage", "3"]) == 1  # already current
    err = capsys.readouterr().err
    assert err == "Version 3 er allerede den gældende; intet er ændret.\n"  # said once


def test_a_second_writer_is_refused_at_once_and_changes_nothing(store: Path):
    before = snapshot(store)
    with versions.writing(store):
        with pytest.raises(BusyError, match="En anden opdatering er i gang"):
            add(store, "B")
        assert snapshot(store) == before


def test_a_publish_based_on_an_older_version_is_refused(store: Path):
    base = publish.current(store)
    rows = [*publish.figures_of(base), new_row("late")]
    add(store, "first")  # published while the late writer was preparing
    before = snapshot(store)
    with pytest.raises(BusyError, match="Version 2 er offentliggjort, mens denne opdatering"):
        publish.publish_figures(rows, "late", base=base, store=store)
    assert snapshot(store) == before


def test_a_failed_fill_leaves_no_trace(store: Path):
    before = snapshot(store)

    def fails(folder: Path) -> None:
        (folder / "half.csv").write_text("x")
        raise OSError("disk full")

    record = versions.Record(versions.PUBLISH, "test")
    with pytest.raises(StoreError, match="kan ikke skrives"):
        versions.publish(fails, record, 1, store)
    assert snapshot(store) == before
    assert [p.name for p in (store / versions.VERSIONS).iterdir()] == ["0001"]


def test_leftovers_of_a_dead_writer_are_removed_by_the_next(store: Path):
    (store / versions.VERSIONS / ".ny-abc").mkdir()
    (store / versions.VERSIONS / ".ny-abc" / "figures.csv").write_text("half")
    shutil.copytree(store / versions.VERSIONS / "0001", store / versions.VERSIONS / "0002")
    (store / ".CURRENT.ny").write_text("0002\n")
    assert versions.current(store).number == 1  # the orphan version 2 was never made current
    assert [v.number for v in versions.history(store)] == [1]
    made = add(store, "next")
    assert made.number == 2 and publish.figures_of(made)[-1]["source_title"].endswith("next")
    names = sorted(p.name for p in (store / versions.VERSIONS).iterdir())
    assert names == ["0001", "0002"] and not (store / ".CURRENT.ny").exists()


def writer(store: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(store), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def assert_old_or_new(store: Path, before: dict[str, bytes], expect_new: bool) -> None:
    """The store serves exactly the old version, or exactly the new one; once the next writer
    has cleaned up, an old store is byte-identical to what it was."""
    now = versions.current(store)
    rows = current_figures(store)
    if expect_new:
        assert now.number == 2 and rows[-1]["source_title"] == "SYNTETISK TESTDATA kill-0"
    else:
        assert now.number == 1
        with versions.writing(store):  # what every next writer does first
            pass
        assert snapshot(store) == before
    assert len(Store(now.parquet).figures(["utrygge_nabolag_pct"], ["valby"])) == (
        1 if expect_new else 0
    ) + sum(r["indicator"] == "utrygge_nabolag_pct" and r["area"] == "valby" for r in rows[:-1])


@pytest.mark.parametrize("step", versions.STEPS)
def test_a_writer_killed_at_any_step_leaves_the_old_or_the_new_version(store: Path, step: str):
    before = snapshot(store)
    proc = writer(store, "--kill-at", step)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    # Only once CURRENT is replaced ("skiftet") is the new version the current one.
    assert_old_or_new(store, before, expect_new=step == versions.STEPS[-1])


def test_a_writer_killed_at_random_moments_leaves_the_old_or_the_new_version(
    pristine: Path, tmp_path: Path
):
    started = time.monotonic()
    probe = writer(shutil.copytree(pristine, tmp_path / "probe"))
    probe.communicate(timeout=60)
    duration = time.monotonic() - started
    for i, share in enumerate((0.3, 0.6, 0.8, 0.9, 0.95, 1.0)):
        store = shutil.copytree(pristine, tmp_path / f"s{i}")
        before = snapshot(store)
        proc = writer(store)
        time.sleep(duration * share)
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        assert_old_or_new(store, before, expect_new=versions.current(store).number == 2)


def test_two_writers_at_once_lose_nothing(store: Path):
    """Each writer publishes its figure five times; whatever was reported published is in the
    final version, and whatever was refused was refused in Danish and left no trace."""
    a, b = writer(store, "--tag", "A", "--times", "5"), writer(store, "--tag", "B", "--times", "5")
    outputs = [p.communicate(timeout=120)[0] for p in (a, b)]
    assert a.returncode == b.returncode == 0
    published = [
        line.split()[1] for out in outputs for line in out.splitlines() if "published" in line
    ]
    busy = [line.split()[1] for out in outputs for line in out.splitlines() if "busy" in line]
    assert len(published) + len(busy) == 10
    titles = {r["source_title"] for r in current_figures(store)}
    assert {f"SYNTETISK TESTDATA {tag}" for tag in published} <= titles
    assert not {f"SYNTETISK TESTDATA {tag}" for tag in busy} & titles
    assert versions.current(store).number == 1 + len(published)
    assert [v.number for v in versions.history(store)] == list(range(1 + len(published), 0, -1))


def test_the_command_line_speaks_danish_when_used_wrong(capsys):
    with pytest.raises(SystemExit) as caught:
        publish.main([])
    assert caught.value.code == 2
    assert "fejl: mangler: KOMMANDO" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        publish.main(["tilbage", "tre"])
    assert "fejl: version: ugyldig værdi 'tre'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        publish.main(["slet"])
    err = capsys.readouterr().err
    assert "fejl: KOMMANDO: ukendt valg 'slet'" in err and "choose" not in err


def test_a_store_whose_pointer_is_gone_is_refused_and_nothing_is_cleaned(store: Path):
    add(store, "A")
    (store / versions.POINTER).unlink()
    before = snapshot(store)
    with pytest.raises(StoreError, match="CURRENT mangler, men der er 2 version"):
        publish.ensure(store)
    with pytest.raises(StoreError, match="den nyeste er 0002"):
        add(store, "B")
    assert snapshot(store) == before


def test_the_first_start_waits_for_a_writer_instead_of_failing(tmp_path: Path):
    import threading

    empty = tmp_path / "empty"
    started, release = threading.Event(), threading.Event()

    def writer() -> None:
        with versions.writing(empty):
            started.set()
            release.wait(5)
        publish.ensure(empty)

    thread = threading.Thread(target=writer)
    thread.start()
    started.wait(5)
    threading.Timer(0.3, release.set).start()
    assert publish.ensure(empty).number == 1  # waited for the lock, then published or found it
    thread.join(5)
    assert [v.number for v in versions.history(empty)] == [1]


def test_a_rollback_from_a_page_that_is_out_of_date_is_refused(store: Path):
    add(store, "A")
    with pytest.raises(BusyError, match="Version 2 er offentliggjort, mens denne opdatering"):
        publish.rollback(1, "bo@kk.dk", store, base=1)
    assert versions.current(store).number == 2


def test_a_store_from_an_older_program_gets_the_new_registries_and_keeps_its_figures(
    store: Path,
):
    old = older_program_version(store)
    figures = current_figures(store)
    assert publish.unreadable(old.path)

    now = publish.ensure(store)
    assert (now.number, now.record.action) == (2, versions.REGISTRIES)
    assert current_figures(store) == figures  # not a figure lost or changed
    assert not publish.unreadable(now.path)
    assert len(Store(now.parquet).principles()) == 6
    assert publish.ensure(store) == now  # once


def test_an_upgrade_that_does_not_fit_the_figures_says_so_and_changes_nothing(store: Path):
    older_program_version(store)
    data = copy_project_data(store.parent)
    # The new program's goals name a baseline that no published figure backs.
    goals = (data / "goals.csv").read_text(encoding="utf-8")
    (data / "goals.csv").write_text(goals.replace(",9,2017,", ",9.5,2017,", 1), "utf-8")
    before = snapshot(store)
    for _ in range(2):  # refused the same way each time, without building again
        with pytest.raises(StoreError, match="lavet af en ældre udgave af dashboardet"):
            publish.ensure(store, data)
    assert snapshot(store) == before


def test_an_older_program_does_not_replace_a_newer_one_s_registries(store: Path):
    data = copy_project_data(store.parent)
    # An older program: its indicators.csv lacks the newest column, its goals read differently.
    lines = (data / "indicators.csv").read_text(encoding="utf-8").splitlines()
    (data / "indicators.csv").write_text(
        "\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n", encoding="utf-8"
    )
    goals = (data / "goals.csv").read_text(encoding="utf-8")
    (data / "goals.csv").write_text(goals.replace("Øget tryghed", "Mere tryghed"), "utf-8")
    for _ in range(3):
        assert publish.ensure(store, data).number == 1  # read as it is; nothing published


def test_the_registries_of_a_new_program_are_published_by_command(store: Path, capsys):
    figures = current_figures(store)
    assert publish.main(["registre", "--store", str(store)]) == 0
    assert "Version 2 er nu gældende (Nye registre" in capsys.readouterr().out
    now = versions.current(store)
    assert now.record.action == versions.REGISTRIES and current_figures(store) == figures


def test_a_version_over_the_limit_is_neither_published_nor_made_current_again(
    store: Path, monkeypatch
):
    """A version made before the limit, with more figures than a version may now have, stays
    in the history but cannot be made current again; no import makes one."""
    add(store, "stor")  # version 2: one figure more than the bundled data
    publish.rollback(1, "anna@kk.dk", store)  # version 3
    limit = len(current_figures(store))
    monkeypatch.setattr(publish, "MAX_FIGURES", limit)
    before = snapshot(store)
    with pytest.raises(StoreError) as caught:
        publish.rollback(2, "anna@kk.dk", store)
    assert str(caught.value) == (
        f"Version 2 har {limit + 1} tal; en version må højst have {limit}, så den kan ikke gøres "
        "gældende igen. Intet er ændret."
    )
    with pytest.raises(DataError, match=f"ville dashboardet have {limit + 1} tal; der må højst"):
        add(store, "for-stor")
    assert snapshot(store) == before


def test_figures_over_the_limit_from_no_file_are_not_called_a_file(store: Path, monkeypatch):
    """Danmarks Statistik's figures (rows with no file behind them) over the limit: the message
    speaks of the new figures, never of a file to check or remove figures with."""
    now = versions.current(store)
    rows = publish.figures_of(now)
    monkeypatch.setattr(publish, "MAX_FIGURES", len(rows) - 1)
    before = snapshot(store)
    with pytest.raises(DataError) as caught:
        publish.publish_figures(rows, "dst", base=now, file_name="Danmarks Statistik", store=store)
    (problem,) = caught.value.problems
    assert problem.file is None
    assert problem.message == (
        f"med de nye tal ville dashboardet have {len(rows)} tal; der må højst være {len(rows) - 1} "
        "i alt"
    )
    assert snapshot(store) == before
