"""Upload benchmark (not a test): time and peak memory of the largest file an editor may upload.

The file is made here, synthetically: the bundled figures plus rows marked »SYNTETISK
BENCH-TESTDATA« up to `userfile.MAX_ROWS` rows, to be published as all figures (with new or
corrected figures the version's own limit, `publish.MAX_FIGURES`, is reached first). Two shapes:
short rows (about 0.7 MB), and the same rows with notes long enough to fill the 20 MB a file
may have. Everything runs in a temporary store that is removed at the end; nothing is ever
shown as real figures.

Each step runs in a process of its own, on its own copy of the store, so its peak memory (the
process's maximum resident set, interpreter and imports included) is its own:
- »kommandolinje«: `sikkerby import FIL --erstat-alt` (`importer.main`), the whole command;
- »kontrol« and »offentliggørelse«: `importer.propose` (what the command checks before it
  publishes) and `importer.publish_proposal`;
- »side: forhåndsvisning« and »side: offentliggør«: `views.update.check` (the update page's
  preview, with its trial build, goal statuses and map years) and `views.update.publish_checked`;
- »visning«: what the first viewer's pages build from the published version: the overview
  with its download of all figures and the page »Om data og metode«.
First, for comparison, the command line refuses a file of 400,000 valid rows (19 MB: what an
editor's mistake could be before there was a limit).

Run with `.venv/bin/python bench/upload.py`; prints the numbers.
"""

import argparse
import csv
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from sikkerby import fmt, queries  # noqa: E402
from sikkerby.ingest import publish, userfile  # noqa: E402
from sikkerby.schema import FIGURES  # noqa: E402

MARK = "SYNTETISK BENCH-TESTDATA"
INDICATORS = ("utrygge_nabolag_pct", "trygge_nabolag_pct")
AS_OF = date.today().year


def synthetic_file(folder: Path, store: Path, long_notes: bool) -> Path:
    """The bundled figures and synthetic rows up to MAX_ROWS, as a CSV file within MAX_BYTES."""
    current = publish.figures_of(publish.current(store))
    areas = _districts(store)
    rows = list(current)
    years = range(2000, AS_OF + 1)
    i = 0
    while len(rows) < userfile.MAX_ROWS:
        rows.append(
            {
                "indicator": INDICATORS[i % len(INDICATORS)],
                "area": areas[i // len(INDICATORS) % len(areas)],
                "year": str(years[i // (len(INDICATORS) * len(areas)) % len(years)]),
                "value": f"{10 + i % 70}",
                "unit": "%",
                "quality": "primary",
                "source_title": f"{MARK} {i}",
                "source_url": "",
                "note": "",
            }
        )
        i += 1
    if long_notes:  # fill the file up to just under MAX_BYTES with notes under MAX_CELL
        base = len(_csv(rows))
        spare = (userfile.MAX_BYTES - base - 10_000) // (len(rows) - len(current))
        note = (MARK + " ") * (min(spare, userfile.MAX_CELL) // (len(MARK) + 1))
        rows[len(current) :] = [{**r, "note": note} for r in rows[len(current) :]]
    path = folder / ("stor-lange-noter.csv" if long_notes else "stor.csv")
    path.write_bytes(_csv(rows))
    return path


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIGURES.column_names, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _districts(store: Path) -> list[str]:
    areas = publish.read_csv(publish.current(store).sources / "areas.csv")
    return [r["area_id"] for r in areas if r["kind"] in ("bydel", "by")]


def peak_mb() -> float:
    """This process's largest resident memory since it started its program (VmHWM: the
    `ru_maxrss` of a child also counts what its parent had resident when it forked)."""
    status = Path("/proc/self/status").read_text()
    return int(next(ln for ln in status.splitlines() if ln.startswith("VmHWM:")).split()[1]) / 1024


def cpu_s() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


# One step, in a process of its own ------------------------------------------------------------


def step(name: str, file: Path, store: Path) -> dict[str, float]:
    from sikkerby.ingest import importer

    data = userfile.read_path(file) if file.is_file() and name != "cli" else None
    found: dict[str, float] = {"start_mb": peak_mb()}

    def timed(label: str, work):
        start, cpu = time.perf_counter(), cpu_s()
        result = work()
        found[f"{label}_s"] = time.perf_counter() - start
        found[f"{label}_cpu"] = cpu_s() - cpu
        found[f"{label}_mb"] = peak_mb()
        return result

    if name == "cli":
        from contextlib import redirect_stderr, redirect_stdout

        with redirect_stdout(io.StringIO()) as out, redirect_stderr(io.StringIO()) as err:
            code = importer.main([str(file), "--erstat-alt", "--store", str(store)])
        refused = file.name.startswith("for-stor")
        assert code == (1 if refused else 0), err.getvalue()
        assert refused or "er offentliggjort" in out.getvalue(), out.getvalue()
        return {"command_cpu": cpu_s(), "command_mb": peak_mb()}
    if name == "cli-steps":
        proposal = timed("check", lambda: importer.propose(data, replace_all=True, store=store))
        timed("publish", lambda: importer.publish_proposal(proposal, "bench", store))
    elif name == "page":
        from sikkerby.views import update

        checked = timed("check", lambda: update.check(data.name, data.data, True, AS_OF, store))
        assert checked.preview is not None, checked.problems or checked.error
        outcome = timed("publish", lambda: update.publish_checked(checked.proposal, "bench", store))
        assert outcome.published, outcome.message
    elif name in ("viewer", "viewer-bundled"):
        from sikkerby import versions
        from sikkerby.store import version_store
        from sikkerby.views import method, overview

        if name == "viewer":
            proposal = importer.propose(data, replace_all=True, store=store)
            importer.publish_proposal(proposal, "bench", store)
        found["start_mb"] = peak_mb()

        def pages():
            shown = version_store(versions.current(store))
            period = queries.registry_of(shown).default_period.period
            overview.build(shown, period, AS_OF)
            overview.download(shown, date.today())
            method.build(shown)

        timed("view", pages)
    return found


def in_child(name: str, file: Path, pristine: Path, scratch: Path) -> dict[str, float]:
    store = scratch / f"lager-{name}"
    shutil.copytree(pristine, store)
    try:
        if name == "cli":  # the whole command, interpreter and imports included
            start = time.perf_counter()
            child = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--step",
                    "cli",
                    "--file",
                    str(file),
                    "--store",
                    str(store),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            found = json.loads(child.stdout)
            return {**found, "command_s": time.perf_counter() - start}
        answer = subprocess.run(
            [sys.executable, __file__, "--step", name, "--file", str(file), "--store", str(store)],
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(answer.stdout)
    finally:
        shutil.rmtree(store, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(step(args.step, args.file, args.store)))
        return
    with tempfile.TemporaryDirectory(prefix="sikkerby-bench-upload-") as folder:
        scratch = Path(folder)
        pristine = scratch / "lager"
        publish.ensure(pristine)
        print(f"{'':44} {'tid':>7} {'CPU':>7} {'højst':>8}")
        bundled = in_child("viewer-bundled", Path(os.devnull), pristine, scratch)
        line("visning af de medfølgende tal (uden upload)", bundled, "view")
        too_long = scratch / "for-stor.csv"  # the attack: 400,000 valid rows in 19 MB
        lines = (f"utrygge_nabolag_pct,valby,2026,9,%,primary,T{i}" for i in range(400_000))
        too_long.write_text(",".join(FIGURES.column_names[:7]) + "\n" + "\n".join(lines) + "\n")
        size = fmt.number(too_long.stat().st_size / 1024 / 1024, 1)
        print(f"{too_long.name}: 400.000 rækker, {size} MB (syntetisk), afvises")
        line(
            "kommandolinje: hele kommandoen",
            in_child("cli", too_long, pristine, scratch),
            "command",
        )
        for long_notes in (False, True):
            file = synthetic_file(scratch, pristine, long_notes)
            rows = len(file.read_bytes().splitlines()) - 1
            size = fmt.number(file.stat().st_size / 1024 / 1024, 1)
            print(f"{file.name}: {fmt.number(rows)} rækker, {size} MB (syntetisk)")
            line(
                "kommandolinje: hele kommandoen",
                in_child("cli", file, pristine, scratch),
                "command",
            )
            steps = in_child("cli-steps", file, pristine, scratch)
            line("importer.propose (kontrol)", steps, "check")
            line("importer.publish_proposal", steps, "publish")
            page = in_child("page", file, pristine, scratch)
            line("views.update.check (sidens forhåndsvisning)", page, "check")
            line("views.update.publish_checked", page, "publish")
            line("visning bagefter", in_child("viewer", file, pristine, scratch), "view")
        print(
            "tid: ventetid (maskinen deles med andre), CPU: processens CPU-tid, højst: processens "
            "største hukommelse (RSS), fortolker og moduler medregnet"
        )


def line(label: str, found: dict[str, float], step: str) -> None:
    seconds = fmt.number(found[f"{step}_s"], 1)
    cpu = fmt.number(found[f"{step}_cpu"], 1)
    print(f"  {label:42} {seconds:>5} s {cpu:>5} s {found[f'{step}_mb']:>5.0f} MB")


if __name__ == "__main__":
    main()
