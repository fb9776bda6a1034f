"""Bad files against the import, as an attacker or a hurried member of staff would send them.

Every file here is made by this script (synthetic: "SYNTETISK" in every source title) and sent
through the two ways staff publish figures: the command line (`sikkerby.ingest.importer.main`)
and the update page's check (`sikkerby.views.update.check`, what the page runs on an upload). For
each it records whether the file was refused, whether the message is Danish (no English words
from a list), whether it names the user's own file (and, for a problem in a row or a cell, a line
and a column), and whether the published store is byte for byte as before. A file that ought to
be accepted (the control rows) must be accepted.

    .venv/bin/python bench/bad_inputs.py            # the table, and the cases that fell short

Writes nothing outside a temporary folder. Exit code 1 when any case fell short.
"""

import contextlib
import hashlib
import io
import os
import re
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from helpers import private_store  # noqa: E402 (the tests' store maker, beside the tests)

from sikkerby import versions  # noqa: E402
from sikkerby.ingest import importer  # noqa: E402
from sikkerby.views import update  # noqa: E402

HEADER = "indicator,area,year,value,unit,quality,source_title,source_url,note"
CELLS = HEADER.split(",")
GOOD = dict(
    zip(
        CELLS,
        ["utrygge_nabolag_pct", "Valby", "2026", "9", "%", "primary", "SYNTETISK", "", ""],
        strict=True,
    )
)
# Words that would mean a message reached staff in English (or as a Python error).
ENGLISH = re.compile(
    r"\b(error|invalid|expected|unexpected|traceback|exception|file|line|column|not found|"
    r"must|cannot|failed|decode|codec|utf-16 stream)\b",
    re.IGNORECASE,
)


def row(**cells: str) -> str:
    values = GOOD | cells
    return ",".join(
        '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n\r') else v
        for v in values.values()
    )


def text(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for r in rows:
        book.active.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/sharedStrings.xml", b"0" * 300_000_000)
    return out.getvalue()


@dataclass(frozen=True)
class Case:
    name: str
    file_name: str
    content: bytes | Callable[[Path], Path]  # bytes, or a maker of a special file
    in_a_row: bool = False  # the problem is in a row or cell: a line and a column are named
    replace_all: bool = False
    accepted: bool = False  # a control case: must be published


def many_rows(n: int) -> bytes:
    """`n` valid rows, short enough that 400,000 stay under the 20 MB upload limit."""
    line = row(indicator="tu_svarprocent", area="Valby", source_title="S{}")
    body = "\n".join(line.format(i) for i in range(n))
    return (HEADER + "\n" + body + "\n").encode("utf-8")


CASES = [
    # Encodings and bytes
    Case("UTF-16 med BOM", "utf16.csv", text(row()).decode().encode("utf-16")),
    Case("UTF-16 uden BOM", "utf16le.csv", text(row()).decode().encode("utf-16-le")),
    Case(
        "Windows-1252 (æøå)",
        "cp1252.csv",
        text(row(area="Brønshøj-Husum")).decode().encode("cp1252"),
    ),
    Case("NUL-tegn", "nul.csv", text(row(source_title="SYNTETISK\x00"))),
    Case("PNG-billede", "billede.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
    Case("Tom fil", "tom.csv", b""),
    Case("Kun overskrift, alle tal", "kun-overskrift.csv", text(), replace_all=True),
    # Structure
    Case("Kolonne to gange", "dobbelt.csv", text(row() + ",x", header=HEADER + ",note")),
    Case("Ukendt kolonne", "ukendt-kolonne.csv", text(row() + ",x", header=HEADER + ",vaerdi")),
    Case(
        "Manglende kolonne",
        "mangler.csv",
        text(
            "utrygge_nabolag_pct,Valby,2026,9,%,primary",
            header="indicator,area,year,value,unit,quality",
        ),
    ),
    Case(
        "Anførselstegn ikke lukket",
        "citat.csv",
        text(row(source_title='"SYNTETISK'))[:-1] + b'"x\n',
    ),
    Case("For mange celler", "celler.csv", text(row() + ",x,y"), in_a_row=True),
    Case(
        "Overskrift med ESC-tegn",
        "esc.csv",
        text(row(), header=HEADER.replace("note", "no\x1b[31mte")),
    ),
    Case("400.000 rækker", "mange.csv", many_rows(400_000)),
    Case("Celle på 100.000 tegn", "lang-celle.csv", text(row(note="x" * 100_000)), in_a_row=True),
    # Values
    Case("Negativ værdi", "negativ.csv", text(row(value="-3")), in_a_row=True),
    Case("Andel over 100", "over-100.csv", text(row(value="250")), in_a_row=True),
    Case("inf", "inf.csv", text(row(value="inf")), in_a_row=True),
    Case("1e308", "e308.csv", text(row(value="1e308")), in_a_row=True),
    Case("Fuldbredde-cifre", "fuldbredde.csv", text(row(value="１５")), in_a_row=True),
    Case("1_5", "understreg.csv", text(row(value="1_5")), in_a_row=True),
    Case("Tom værdi", "tom-vaerdi.csv", text(row(value="")), in_a_row=True),
    Case("År 1800", "aar-1800.csv", text(row(year="1800")), in_a_row=True),
    Case("År 3000", "aar-3000.csv", text(row(year="3000")), in_a_row=True),
    Case("Ukendt indikator", "indikator.csv", text(row(indicator="findes_ikke")), in_a_row=True),
    Case("Ukendt område", "omraade.csv", text(row(area="Atlantis")), in_a_row=True),
    Case("Forkert enhed", "enhed.csv", text(row(unit="kr.")), in_a_row=True),
    Case("Ukendt kildetype", "kildetype.csv", text(row(quality="god")), in_a_row=True),
    Case(
        "javascript:-adresse", "js.csv", text(row(source_url="javascript:alert(1)")), in_a_row=True
    ),
    Case("Tom kilde", "kilde.csv", text(row(source_title="")), in_a_row=True),
    Case(
        "Styretegn i kilde",
        "styretegn.csv",
        text(row(source_title="SYNTETISK\x1b[2J")),
        in_a_row=True,
    ),
    Case(
        "Tekstvending (U+202E)",
        "bidi.csv",
        text(row(source_title="SYNTETISK\u202e")),
        in_a_row=True,
    ),
    Case("Samme tal to gange", "to-gange.csv", text(row(), row()), in_a_row=True),
    # Excel
    Case("Ikke en zip", "falsk.xlsx", b"PK\x03\x04 ikke en zip"),
    Case("Zip-bombe", "bombe.xlsx", zip_bomb()),
    Case(
        "Excel med ukendt område",
        "omraade.xlsx",
        xlsx([CELLS, [*row(area="Atlantis").split(",")]]),
        in_a_row=True,
    ),
    # Not an ordinary file
    Case("En mappe", "mappe.csv", lambda folder: _mkdir(folder / "mappe.csv")),
    Case("En FIFO", "fifo.csv", lambda folder: _mkfifo(folder / "fifo.csv")),
    Case("Genveje i ring", "ring.csv", lambda folder: _loop(folder / "ring.csv")),
    Case("Over 20 MB", "stor.csv", text(row(note="x" * 1000)) + b"#" * 21_000_000),
    # Controls: must be published
    Case("Kontrol: god fil", "god.csv", text(row()), accepted=True),
    Case(
        "Kontrol: dansk Excel (semikolon, komma)",
        "dansk.csv",
        (
            "\ufeff"
            + HEADER.replace(",", ";")
            + "\r\n"
            + "utrygge_nabolag_pct;Valby;2026;8,5;%;primary;SYNTETISK;;\r\n"
        ).encode(),
        accepted=True,
    ),
]


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _mkfifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _loop(path: Path) -> Path:
    other = path.with_name("ring2.csv")
    path.symlink_to(other)
    other.symlink_to(path)
    return path


def snapshot(store: Path) -> str:
    digest = hashlib.sha256()
    for p in sorted(store.rglob("*")):
        if p.is_file() and p.name != versions.LOCK:
            digest.update(str(p.relative_to(store)).encode() + p.read_bytes())
    return digest.hexdigest()


@dataclass
class Result:
    case: Case
    way: str
    refused: bool
    danish: bool
    names_file: bool
    line_and_column: bool | None
    unchanged: bool
    message: str

    @property
    def ok(self) -> bool:
        if self.case.accepted:
            return not self.refused and self.danish
        place = self.line_and_column is not False
        return self.refused and self.danish and self.names_file and place and self.unchanged


def judge(case: Case, way: str, refused: bool, message: str, unchanged: bool) -> Result:
    names_line = bool(re.search(r"\b[Ll]inje \d+", message))
    names_column = "olonne" in message
    return Result(
        case,
        way,
        refused,
        danish=not ENGLISH.search(message.replace(case.file_name, "")),
        names_file=case.file_name in message,
        line_and_column=(names_line and names_column) if case.in_a_row else None,
        unchanged=unchanged,
        message=message,
    )


def by_command_line(case: Case, path: Path, store: Path) -> Result:
    before = snapshot(store)
    out, err = io.StringIO(), io.StringIO()
    args = [str(path), "--store", str(store), *(["--erstat-alt"] if case.replace_all else [])]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = importer.main(args)
        except BaseException as error:  # a crash is a finding, not the end of the run
            code, err = 99, io.StringIO(f"{type(error).__name__}: {error}")
    message = (out.getvalue() + err.getvalue()).strip()
    return judge(case, "kommandolinje", code != 0, message, snapshot(store) == before)


def by_update_page(case: Case, data: bytes, store: Path) -> Result:
    before = snapshot(store)
    try:
        result = update.check(case.file_name, data, case.replace_all, 2026, store)
        if result.problems:
            table = result.problems.table
            lines = [
                ", ".join(
                    [r["Fil"]]
                    + ([f"linje {r['Linje']}"] if r["Linje"] else [])
                    + ([f"kolonne '{r['Kolonne']}'"] if r["Kolonne"] else [])
                )
                + f": {r['Problem']}"
                for r in table.to_dict("records")
            ]
            message = "\n".join([result.problems.title, *lines])
            refused = True
        else:
            message, refused = result.error or "", result.error is not None
    except BaseException as error:
        message, refused = f"{type(error).__name__}: {error}", True
    return judge(case, "opdateringssiden", refused, message, snapshot(store) == before)


def main() -> int:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = private_store(folder)
        files = folder / "filer"
        files.mkdir()
        for case in CASES:
            made = case.content(files) if callable(case.content) else None
            path = made or files / case.file_name
            if made is None:
                path.write_bytes(case.content)
                # The page gets the bytes the browser uploads; special files never reach it.
                results.append(by_update_page(case, case.content, store))
            results.append(by_command_line(case, path, store))
            if case.accepted:  # the next case starts from the same store
                store = private_store(Path(tempfile.mkdtemp(dir=folder)))
    print(f"{'fil':40} {'vej':17} afvist dansk fil  linje/kol uændret")
    for r in results:
        mark = {True: "ja", False: "NEJ", None: "–"}
        if r.case.accepted:
            outcome = "AFVIST (skulle godtages)" if r.refused else "godtaget, som den skal"
            print(f"{r.case.name[:40]:40} {r.way:17} {outcome}")
            continue
        print(
            f"{r.case.name[:40]:40} {r.way:17} {mark[r.refused]:6} {mark[r.danish]:5} "
            f"{mark[r.names_file]:4} {mark[r.line_and_column]:9} {mark[r.unchanged]}"
        )
    bad = [r for r in results if not r.case.accepted]
    print(
        f"\n{len(bad)} forsøg med dårlige filer: {sum(r.refused for r in bad)} afvist, "
        f"{sum(r.danish for r in bad)} på dansk, {sum(r.names_file for r in bad)} nævner filen, "
        f"{sum(bool(r.line_and_column) for r in bad)} af "
        f"{sum(r.line_and_column is not None for r in bad)} med linje og kolonne, "
        f"{sum(r.unchanged for r in bad)} med lageret uændret."
    )
    short = [r for r in results if not r.ok]
    for r in short:
        print(f"\nKOM TIL KORT: {r.case.name} ({r.way}):\n{r.message[:600]}")
    return 1 if short else 0


if __name__ == "__main__":
    raise SystemExit(main())
