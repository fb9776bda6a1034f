"""Importing a staff member's file (python -m sikkerby.ingest.importer): good files become a new
version; every bad file is refused in Danish, naming the file's own name, line and column, and
leaves the published store byte-identical."""

import os
from pathlib import Path

import pytest
from helpers import COPENHAGEN, current_figures, snapshot
from openpyxl import Workbook

from sikkerby import versions
from sikkerby.errors import DataError, SikkerByError, visible
from sikkerby.ingest import importer, userfile

HEADER = "indicator,area,year,value,unit,quality,source_title,source_url,note"
GOOD = "utrygge_nabolag_pct,Valby,2026,9,%,primary,SYNTETISK TESTDATA,,"
NEXT_YEAR = __import__("datetime").date.today().year + 1


@pytest.fixture
def store(store_copy: Path) -> Path:
    return store_copy


def csv_file(folder: Path, *rows: str, header: str = HEADER, name: str = "tal.csv") -> Path:
    path = folder / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def xlsx_file(folder: Path, rows: list[list], name: str = "tal.xlsx") -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = folder / name
    book.save(path)
    return path


def run(path: Path, store: Path, capsys, *extra: str) -> tuple[int, str, str]:
    code = importer.main([str(path), "--store", str(store), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# Good files -----------------------------------------------------------------------------------


def test_a_new_figure_becomes_a_new_version_with_its_file_and_checksum(tmp_path, store, capsys):
    path = csv_file(tmp_path, GOOD)
    code, out, err = run(path, store, capsys)
    assert (code, err) == (0, "")
    assert out == "Version 2 er offentliggjort fra tal.csv: 1 nye, 0 ændrede og 0 fjernede tal.\n"
    record = versions.current(store).record
    assert record.file_name == "tal.csv"
    assert record.sha256 == userfile.read_path(path).sha256
    assert record.by.endswith("(kommandolinje)")
    code, out, _ = run(path, store, capsys)
    assert (code, out) == (0, "Ingen ændringer: alle tal i tal.csv er allerede offentliggjort.\n")
    assert versions.current(store).number == 2


def test_danish_excel_csv_and_an_alias_for_the_area(tmp_path, store, capsys):
    path = tmp_path / "tu2026.csv"
    path.write_bytes(
        (
            "\ufeffindicator;area;year;value;unit;quality;source_title;source_url;note\r\n"
            "utrygge_nabolag_pct;Kongens Enghave;2026;8,5;%;primary;SYNTETISK TESTDATA;;\r\n"
        ).encode()
    )
    assert run(path, store, capsys)[0] == 0
    (row,) = [r for r in current_figures(store) if r["source_title"] == "SYNTETISK TESTDATA"]
    assert (row["area"], row["value"]) == ("kgs-enghave", "8.5")
    assert row["note"] == "Kildens område: Kongens Enghave"


def test_an_excel_workbook_is_read_like_the_csv(tmp_path, store, capsys):
    path = xlsx_file(
        tmp_path, [HEADER.split(","), ["utrygge_nabolag_pct", "Valby", 2026, 9.5, "%", "primary",
                                       "SYNTETISK TESTDATA", None, None]]
    )  # fmt: skip
    assert run(path, store, capsys)[0] == 0
    (row,) = [r for r in current_figures(store) if r["source_title"] == "SYNTETISK TESTDATA"]
    assert (row["year"], row["value"]) == ("2026", "9.5")


def test_a_corrected_figure_changes_the_published_one_in_its_place(tmp_path, store, capsys):
    rows = current_figures(store)
    first = rows[0]
    fixed = {**first, "value": "12", "area": "København"}
    path = csv_file(tmp_path, ",".join(f'"{fixed[c]}"' for c in HEADER.split(",")))
    code, out, _ = run(path, store, capsys)
    assert code == 0 and "0 nye, 1 ændrede og 0 fjernede" in out
    after = current_figures(store)
    assert after[0]["value"] == "12" and len(after) == len(rows)


def test_with_erstat_alt_the_file_holds_all_figures(tmp_path, store, capsys):
    rows = current_figures(store)
    kept = [r for r in rows if not r["indicator"].startswith("aktivitet_")]
    lines = [",".join(f'"{r[c]}"' for c in CELLS) for r in kept]
    path = csv_file(tmp_path, *lines, GOOD)
    code, out, err = run(path, store, capsys, "--erstat-alt")
    assert (code, err) == (0, "")
    assert f"1 nye, 0 ændrede og {len(rows) - len(kept)} fjernede" in out
    assert len(current_figures(store)) == len(kept) + 1
    assert not any(r["indicator"].startswith("aktivitet_") for r in current_figures(store))


def test_with_erstat_alt_a_file_without_the_figures_goals_rest_on_is_refused(
    tmp_path, store, capsys
):
    before = snapshot(store)
    code, _, err = run(csv_file(tmp_path, GOOD), store, capsys, "--erstat-alt")
    assert code == 1
    assert (
        "- tal.csv: filen mangler tallet 9 (2017) for utrygge_nabolag_pct i København, som er "
        "udgangspunktet for målet »Øget tryghed« (2018-2021) (data/goals.csv); med alle tal "
        "ville det blive fjernet\n" in err
    )
    assert "data/goals.csv, linje" not in err
    assert snapshot(store) == before


def test_a_file_that_changes_a_goals_baseline_is_refused_at_its_own_rows(tmp_path, store, capsys):
    """The goal's baseline, 9 % in 2017, is backed by two published rows: a file that changes
    both is named at its two lines, not at data/goals.csv."""
    sources = [
        r["source_title"]
        for r in current_figures(store)
        if (r["indicator"], r["area"], r["year"]) == ("utrygge_nabolag_pct", "koebenhavn", "2017")
    ]
    assert len(sources) == 2
    changed = [row(area="København", year="2017", value="10", source_title=s) for s in sources]
    path = csv_file(tmp_path, changed[0], "", changed[1])
    err = assert_refused(path, store, capsys, [])
    for line in (2, 4):
        assert (
            f"- tal.csv, linje {line}, kolonne 'value': udgangspunktet for målet »Øget tryghed« "
            "(2018-2021) er 9 (2017) for utrygge_nabolag_pct i København (data/goals.csv); "
            "rækken ændrer tallet til 10\n" in err
        ), err
    assert "data/goals.csv, linje" not in err


def test_a_file_of_only_a_header_as_all_figures_is_refused_by_name(tmp_path, store, capsys):
    err = assert_refused(csv_file(tmp_path), store, capsys, [], "--erstat-alt")
    assert err == (
        "Intet er ændret. 1 problem(er) i datafilerne:\n- tal.csv: filen rummer ingen tal, kun en "
        "overskrift; som »alle tal« ville den fjerne alle offentliggjorte tal\n"
    )


def test_a_row_the_store_has_under_another_spelling_is_named_without_a_line_of_figures_csv(
    tmp_path, store, capsys
):
    published = current_figures(store)[0]  # line 2 of the store's figures.csv
    same = {**published, "year": "0" + published["year"], "area": "København"}
    path = csv_file(tmp_path, GOOD, ",".join(f'"{same[c]}"' for c in CELLS))
    err = assert_refused(path, store, capsys, [])
    assert "tal.csv, linje 3, kolonne 'indicator': " in err
    assert err.endswith("er allerede offentliggjort (samme indikator, område, år og kilde)\n")
    assert "i linje 2" not in err


def test_the_bundled_figures_are_the_shared_file_published(store, capsys):
    """The project's source file, published as all figures, changes nothing: the bundled data is
    what the publish path makes of it (2026 for 13 districts, Danish titles and notes)."""
    code, out, _ = run(COPENHAGEN.source_figures, store, capsys, "--erstat-alt")
    assert (code, out) == (
        0,
        "Ingen ændringer: alle tal i published_figures.csv er allerede offentliggjort.\n",
    )
    rows = current_figures(store)
    tu2026 = [r for r in rows if r["indicator"] == "trygge_nabolag_pct" and r["year"] == "2026"]
    assert len({r["area"] for r in tu2026}) == 14  # 13 districts and the city
    assert [r["value"] for r in tu2026 if r["area"] == "bispebjerg"] == ["80"]
    english = ("transcribed", "third-party", "not yet verified", "working note")
    assert not [r for r in rows for w in english if w in (r["source_title"] + r["note"]).lower()]


# Bad files ------------------------------------------------------------------------------------

CELLS = HEADER.split(",")


def row(**cells: str) -> str:
    """GOOD with some cells replaced, each quoted as a CSV writer would."""
    values = dict(zip(CELLS, GOOD.split(","), strict=True)) | cells
    return ",".join(
        f'"{v.replace(chr(34), chr(34) * 2)}"' if any(c in v for c in ',"\n') else v
        for v in values.values()
    )


# (id, file content, what the message must say). Every message names tal.csv.
BAD_CSV = [
    (
        "share-over-100-in-procent",
        [row(value="250", unit="procent")],
        [
            "linje 2, kolonne 'value': 250 er over 100 %",
            "linje 2, kolonne 'unit': 'procent' passer ikke til utrygge_nabolag_pct",
        ],
    ),
    (
        "unit-not-the-indicators",
        [row(unit="personer")],
        ["linje 2, kolonne 'unit': 'personer' passer ikke til utrygge_nabolag_pct"],
    ),
    (
        "year-1800",
        [row(year="1800")],
        [f"linje 2, kolonne 'year': 1800 er ikke et år fra 2000 til {NEXT_YEAR}"],
    ),
    ("year-3000", [row(year="3000")], ["linje 2, kolonne 'year': 3000 er ikke et år"]),
    ("year-negative", [row(year="-2019")], ["linje 2, kolonne 'year': -2019 er ikke et år"]),
    (
        "year-with-decimals",
        [row(year="2019.0")],
        ["linje 2, kolonne 'year': '2019.0' er ikke et helt tal"],
    ),
    ("value-1e308", [row(value="1e308")], ["linje 2, kolonne 'value': '1e308' er ikke et tal"]),
    ("value-underscore", [row(value="1_5")], ["linje 2, kolonne 'value': '1_5' er ikke et tal"]),
    ("value-full-width", [row(value="１５")], ["linje 2, kolonne 'value': '１５' er ikke et tal"]),
    ("value-nan", [row(value="nan")], ["linje 2, kolonne 'value': 'nan' er ikke et tal"]),
    ("value-inf", [row(value="inf")], ["linje 2, kolonne 'value': 'inf' er ikke et tal"]),
    ("value-negative", [row(value="-5")], ["linje 2, kolonne 'value': -5 er negativ"]),
    (
        "value-decimal-comma",
        [row(value="15,5")],
        ["linje 2, kolonne 'value': '15,5' er ikke et tal (brug punktum som decimaltegn)"],
    ),
    ("value-formula", [row(value="=1+1")], ["linje 2, kolonne 'value': '=1+1' er ikke et tal"]),
    ("value-empty", [row(value="")], ["linje 2, kolonne 'value': må ikke være tom"]),
    (
        "districts-over-13",
        [
            row(
                indicator="bydele_over_10pct_utrygge",
                area="København",
                unit="antal bydele",
                value="14",
            )
        ],
        ["linje 2, kolonne 'value': 14 er over 13 bydele"],
    ),
    (
        "rate-over-1000",
        [
            row(
                indicator="borgervendt_kriminalitet_per_1000",
                area="København",
                unit="anmeldelser pr. 1.000 indbyggere",
                value="5000",
            )
        ],
        ["linje 2, kolonne 'value': 5.000 er over 1.000 pr. 1.000"],
    ),
    (
        "population-absurd",
        [row(indicator="befolkning", area="København", unit="indbyggere", value="30000000")],
        ["linje 2, kolonne 'value': 30.000.000 er over 2.000.000 indbyggere"],
    ),
    ("duplicate-value-column", [GOOD + ",9"], ["linje 1, kolonne 'value': kolonnen står to gange"]),
    (
        "misspelled-column",
        [GOOD],
        ["linje 1, kolonne 'source_ur': ukendt kolonne – mente du 'source_url'?"],
    ),
    ("unknown-column", [GOOD + ",x"], ["linje 1, kolonne 'kommentar': ukendt kolonne"]),
    (
        "missing-column",
        [",".join(GOOD.split(",")[:5] + GOOD.split(",")[6:])],
        ["linje 1, kolonne 'quality': kolonnen mangler i overskriften"],
    ),
    (
        "unclosed-quote",
        [
            row(source_title="Tryghedsundersøgelsen").replace(
                "Tryghedsundersøgelsen", '"Tryghedsundersøgelsen'
            ),
            GOOD.replace("Valby", "Amager Vest"),
        ],
        ['linje 2: et citationstegn (") står forkert'],
    ),
    (
        "quote-inside-cell",
        [GOOD.replace("SYNTETISK TESTDATA", '"SYNTETISK" TESTDATA')],
        ['linje 2: et citationstegn (") står forkert'],
    ),
    (
        "cell-spanning-lines",
        [row(source_title="To\nlinjer")],
        ["linje 2, kolonne 'source_title': cellen går over flere linjer"],
    ),
    (
        "unnamed-column",
        [GOOD.replace(",,", ",,,")],
        ["linje 1, kolonne 'nr. 9': kolonnen har intet navn"],
    ),
    (
        "too-many-cells",
        [GOOD + ",ekstra"],
        ["linje 2, kolonne 'nr. 10': rækken har 10 celler, overskriften 9"],
    ),
    (
        "cell-too-long",
        [row(source_title="x" * 5000)],
        ["linje 2, kolonne 'source_title': cellen har 5.000 tegn (højst 2.000)"],
    ),
    (
        "cell-over-csv-limit",
        [row(note="y" * 200_000)],
        ["linje 2, kolonne 'note': cellen har 200.000 tegn"],
    ),
    (
        "control-character",
        [row(source_title="SYNTETISK\x00TESTDATA")],
        ["linje 2, kolonne 'source_title': cellen indeholder et usynligt tegn (U+0000)"],
    ),
    (
        "line-separator",
        [row(note="a\u2028b"), GOOD.replace("Valby", "Amager Vest")],
        ["linje 2, kolonne 'note': cellen indeholder et usynligt tegn (U+2028)"],
    ),
    (
        "reversed-text",
        [row(source_title="TESTDATA \u202eATADTSET")],
        ["linje 2, kolonne 'source_title': cellen indeholder et usynligt tegn (U+202E)"],
    ),
    (
        "a-400-digit-value",
        [row(value="9" * 400)],
        ["linje 2, kolonne 'value': '9999999999999999999999999999999999999999…' er for stort"],
    ),
    (
        "javascript-address",
        [row(source_url="javascript:alert(1)")],
        ["linje 2, kolonne 'source_url': 'javascript:alert(1)' er ikke en webadresse"],
    ),
    (
        "address-with-a-space",
        [row(source_url="https://kk.dk/a b")],
        ["linje 2, kolonne 'source_url': 'https://kk.dk/a b' er ikke en webadresse"],
    ),
    ("unknown-area", [row(area="Atlantis")], ["linje 2, kolonne 'area': ukendt område 'Atlantis'"]),
    (
        "unknown-indicator",
        [row(indicator="lykke_pct")],
        ["linje 2, kolonne 'indicator': 'lykke_pct' findes ikke"],
    ),
    (
        "quality-in-danish",
        [row(quality="primær")],
        ["linje 2, kolonne 'quality': 'primær' er ikke en af: primary, secondary"],
    ),
    ("empty-source", [row(source_title="")], ["linje 2, kolonne 'source_title': må ikke være tom"]),
    (
        "same-figure-twice",
        [GOOD, "", row(value="10")],
        ["linje 4, kolonne 'source_title': samme indikator, område, år og kilde som linje 2"],
    ),
    (
        "error-on-a-late-line",
        [GOOD.replace("2026", str(y)) for y in range(2010, 2020)] + [row(value="x")],
        ["linje 12, kolonne 'value': 'x' er ikke et tal"],
    ),
    (
        "tab-separated",
        [GOOD.replace(",", "\t")],
        ["linje 1, kolonne 'indicator': kolonnen mangler i overskriften"],
    ),
]
HEADERS = {
    "duplicate-value-column": HEADER + ",value",
    "misspelled-column": HEADER.replace("source_url", "source_ur"),
    "unknown-column": HEADER + ",kommentar",
    "missing-column": HEADER.replace(",quality", ""),
    "tab-separated": HEADER.replace(",", "\t"),
    "unnamed-column": HEADER.replace(",note", ",,note"),
}
BAD_BYTES = [
    (
        "latin-1",
        HEADER.encode() + b"\n" + GOOD.replace("Valby", "Vanl\xf8se").encode("latin-1"),
        ["tal.csv, linje 2: filen er ikke gemt som UTF-8"],
    ),
    ("empty-file", b"", ["tal.csv, linje 1: filen er tom"]),
    ("only-blank-lines", b"\n\n  \n", ["tal.csv, linje 1: filen er tom"]),
    (
        "png-bytes",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        ["tal.csv, linje 1: filen er ikke gemt som UTF-8"],
    ),
    (
        "json",
        b'{"indicator": "utrygge_nabolag_pct", "value": 9}',
        ["tal.csv, linje 1, kolonne 'indicator': kolonnen mangler"],
    ),
    (
        "xlsx-bytes-in-a-csv-name",
        b"PK\x03\x04" + b"\x00" * 100,
        ["tal.csv: er ikke en Excel-fil, der kan læses"],
    ),
    ("xlsx-with-broken-xml", None, ["tal.csv: er ikke en Excel-fil, der kan læses"]),
]


def assert_refused(path: Path, store: Path, capsys, expected: list[str], *extra: str) -> str:
    before = snapshot(store)
    code, out, err = run(path, store, capsys, *extra)
    assert (code, out) == (1, "")
    assert err.startswith("Intet er ændret. ")
    for part in expected:
        assert f"{path.name}, " + part in err or part in err, err
    assert visible(path.name) in err
    assert "Traceback" not in err and "Error" not in err
    assert snapshot(store) == before, "a refused file must leave the store as it was"
    return err


@pytest.mark.parametrize(("case", "rows", "expected"), BAD_CSV, ids=[c[0] for c in BAD_CSV])
def test_a_bad_csv_is_refused_at_its_own_line_and_column(tmp_path, store, capsys, case, rows,
                                                          expected):  # fmt: skip
    path = csv_file(tmp_path, *rows, header=HEADERS.get(case, HEADER))
    err = assert_refused(path, store, capsys, expected)
    for part in expected:
        assert f"tal.csv, {part}" in err, err


@pytest.mark.parametrize(("case", "data", "expected"), BAD_BYTES, ids=[c[0] for c in BAD_BYTES])
def test_a_file_that_is_not_a_table_is_refused(tmp_path, store, capsys, case, data, expected):
    path = tmp_path / "tal.csv"
    if data is None:  # a zip whose parts are not XML: openpyxl's own errors
        import zipfile

        with zipfile.ZipFile(path, "w") as z:
            z.writestr("[Content_Types].xml", "<Types")
    else:
        path.write_bytes(data)
    assert_refused(path, store, capsys, expected)


def test_excel_problems_name_the_sheets_row_and_column(tmp_path, store, capsys):
    path = xlsx_file(tmp_path, [[*CELLS, "kommentar"], [], GOOD.split(",")])
    assert_refused(path, store, capsys, ["tal.xlsx, linje 1, kolonne 'kommentar': ukendt kolonne"])
    path = xlsx_file(
        tmp_path,
        [CELLS, GOOD.split(","), [*GOOD.split(",")[:2], "2025", "ti", *GOOD.split(",")[4:]]],
    )
    assert_refused(path, store, capsys, ["tal.xlsx, linje 3, kolonne 'value': 'ti' er ikke et tal"])


def test_a_file_named_xlsx_that_is_not_one_is_refused(tmp_path, store, capsys):
    path = tmp_path / "tal.xlsx"
    path.write_bytes(b"indicator,area\n")
    assert_refused(path, store, capsys, ["tal.xlsx: er ikke en Excel-fil, der kan læses (.xlsx)"])


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, store, capsys):
    import zipfile

    path = tmp_path / "tal.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", b"0" * (userfile.MAX_UNPACKED + 1))
    assert path.stat().st_size < 1_000_000
    assert_refused(path, store, capsys, ["tal.xlsx: filen er for stor", "udpakket"])


def test_what_is_not_an_ordinary_file_is_refused_without_waiting(tmp_path, store, capsys):
    fifo = tmp_path / "kanal.csv"
    os.mkfifo(fifo)  # reading a FIFO with no writer would block for ever
    assert_refused(fifo, store, capsys, ["kanal.csv: er ikke en almindelig fil"])
    assert_refused(Path("/dev/zero"), store, capsys, ["zero: er ikke en almindelig fil"])
    assert_refused(tmp_path, store, capsys, [f"{tmp_path.name}: er en mappe, ikke en fil"])
    assert_refused(tmp_path / "mangler.csv", store, capsys, ["mangler.csv: filen findes ikke"])
    loop = tmp_path / "ring.csv"
    loop.symlink_to(tmp_path / "ring2.csv")
    (tmp_path / "ring2.csv").symlink_to(loop)
    assert_refused(loop, store, capsys, ["ring.csv: er en genvej, der peger i ring"])


def test_an_unreadable_file_is_named(tmp_path, store, capsys, monkeypatch):
    path = csv_file(tmp_path, GOOD)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(userfile.os, "open", denied)  # the tests may run as root
    assert_refused(path, store, capsys, ["tal.csv: du har ikke adgang til at læse filen"])


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, store, capsys):
    path = tmp_path / "stor.csv"
    with open(path, "wb") as f:
        f.truncate(userfile.MAX_BYTES + 1)  # sparse: nothing is written
    assert_refused(path, store, capsys, ["stor.csv: filen er for stor (20.0 MB; højst 20 MB)"])


def test_a_file_with_a_mistake_in_every_row_gets_a_capped_answer(tmp_path, store, capsys):
    path = csv_file(tmp_path, *[row(value=f"x{i}", source_title=f"T{i}") for i in range(5_000)])
    err = assert_refused(path, store, capsys, ["tal.csv, linje 2, kolonne 'value': 'x0'"])
    assert "… og 4950 problem(er) mere." in err
    assert len(err.splitlines()) <= 53


def test_a_store_that_cannot_be_written_is_named_in_danish(tmp_path, store, capsys, monkeypatch):
    path = csv_file(tmp_path, GOOD)

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(versions.tempfile, "mkdtemp", read_only)
    before = snapshot(store)
    code, _, err = run(path, store, capsys)
    assert code == 1 and "Intet er ændret. Lageret" in err and "kan ikke skrives" in err
    assert "Traceback" not in err
    assert snapshot(store) == before


def test_without_a_file_the_command_says_how_to_use_it_in_danish(capsys):
    with pytest.raises(SystemExit) as caught:
        importer.main([])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Brug: python -m sikkerby.ingest.importer [-h]")
    assert "fejl: mangler: FIL" in err and "usage" not in err and "required" not in err
    with pytest.raises(SystemExit):
        importer.main(["a.csv", "--ukendt"])
    assert "fejl: ukendte argumenter: --ukendt" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        importer.main(["a.csv", "--\x1b[2J"])
    assert "fejl: ukendte argumenter: --<U+001B>[2J. Se" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        importer.main(["--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "argumenter:" in out and "tilvalg:" in out and "vis denne hjælp og afslut" in out


def test_every_problem_of_a_table_is_named_before_anything_is_written(tmp_path, store):
    path = csv_file(tmp_path, row(area="Atlantis"), row(value="x", year="2025"))
    with pytest.raises(DataError) as caught:
        importer.propose(userfile.read_path(path), store=store)
    assert [str(p) for p in caught.value.problems] == [
        "tal.csv, linje 2, kolonne 'area': ukendt område 'Atlantis'",
        "tal.csv, linje 3, kolonne 'value': 'x' er ikke et tal (kun cifrene 0-9 og punktum)",
    ]
    assert isinstance(caught.value, SikkerByError)
    path = csv_file(tmp_path, row(value="x"), row(year="1999", value="3"))
    with pytest.raises(DataError) as caught:
        importer.propose(userfile.read_path(path), store=store)
    assert [str(p) for p in caught.value.problems] == [
        "tal.csv, linje 2, kolonne 'value': 'x' er ikke et tal (kun cifrene 0-9 og punktum)",
        f"tal.csv, linje 3, kolonne 'year': 1999 er ikke et år fra 2000 til {NEXT_YEAR}",
    ]


def test_upload_bytes_are_read_like_a_file(store):
    data = (HEADER + "\n" + GOOD + "\n").encode()
    proposal = importer.propose(userfile.UserFile("fra-browser.csv", data), store=store)
    assert len(proposal.changes.added) == 1 and proposal.base.number == 1
    assert proposal.origins[-1] == importer.Origin("fra-browser.csv", 2)


def test_a_wrong_sheet_is_refused_at_its_header_without_reading_on(
    tmp_path, store, capsys, monkeypatch
):
    path = xlsx_file(tmp_path, [["noget", "andet"], *[[1, 2]] * 5000])
    read = []
    real = userfile._excel_text
    monkeypatch.setattr(userfile, "_excel_text", lambda v: read.append(v) or real(v))
    assert_refused(path, store, capsys, ["tal.xlsx, linje 1, kolonne 'noget': ukendt kolonne"])
    assert read[:2] == ["noget", "andet"]
    assert len(read) <= userfile.MAX_COLUMNS  # the header row only, never the 5,000 below


def test_danish_excel_numbers_and_what_is_not_one():
    assert userfile.excel_number("1.234,5") == "1234.5"
    assert userfile.excel_number("3,1") == "3.1"
    assert userfile.excel_number("0.125") == "0.125"  # not 125: no thousands group starts with 0
    assert userfile.number("0.125", danish_excel=True) == 0.125


def test_an_os_error_is_named_in_danish(tmp_path, store, capsys):
    import socket

    path = tmp_path / "sokkel.csv"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        err = assert_refused(path, store, capsys, ["sokkel.csv: filen kan ikke åbnes ("])
    assert "No such" not in err and "ingen enhed eller adresse" in err


# Bounded work: rows of a file, figures of a version -------------------------------------------

LIMIT_MESSAGE = (
    "filen har flere end 10.000 rækker med tal; der må højst være 10.000 i én fil (alle "
    "dashboardets tal fylder nogle hundrede rækker). Er det den rigtige fil?"
)


def test_a_file_of_400_000_rows_is_refused_by_its_rows_before_it_is_parsed(
    tmp_path, store, capsys, monkeypatch
):
    """A valid 19 MB file of 400,000 figures (the attacker's) is refused at the first row over
    the limit, counted on its bytes: the CSV reader never sees it."""
    path = tmp_path / "stor.csv"
    lines = (f"utrygge_nabolag_pct,Valby,2026,9,%,primary,T{i}" for i in range(400_000))
    path.write_text(HEADER + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    assert 15_000_000 < path.stat().st_size <= userfile.MAX_BYTES

    def parsed(*args):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(userfile, "_csv_lines", parsed)
    err = assert_refused(path, store, capsys, [])
    expected = f"- stor.csv, linje 10002: {LIMIT_MESSAGE}\n"
    assert err == f"Intet er ændret. 1 problem(er) i datafilerne:\n{expected}"


def test_the_row_limit_counts_rows_not_blank_lines_and_names_the_line(tmp_path, store, capsys,
                                                                        monkeypatch):  # fmt: skip
    monkeypatch.setattr(userfile, "MAX_ROWS", 50)
    rows = [row(source_title=f"T{i}") for i in range(50)]
    under = tmp_path / "under.csv"  # 50 rows, blank lines and CRLF between them: accepted
    under.write_bytes((HEADER + "\r\n\r\n" + "\r\n\r\n".join(rows) + "\r\n\r\n").encode())
    code, out, err = run(under, store, capsys)
    assert (code, err) == (0, "") and "50 nye" in out
    over = tmp_path / "over.csv"  # 51 rows ended by a bare \r (old Mac): refused at row 51
    over.write_bytes((HEADER + "\r\r" + "\r".join([*rows, GOOD]) + "\r").encode())
    err = assert_refused(over, store, capsys, [])
    assert "over.csv, linje 53: filen har flere end 50 rækker med tal; der må højst være 50" in err


def test_a_file_at_the_real_row_limit_is_accepted_and_one_more_row_is_refused(tmp_path, store):
    """All figures: the published ones and new ones up to exactly MAX_ROWS rows."""
    published = [",".join(f'"{r[c]}"' for c in CELLS) for r in current_figures(store)]
    new = [row(source_title=f"T{i}") for i in range(userfile.MAX_ROWS - len(published))]
    at_limit = (HEADER + "\n" + "\n".join([*published, *new]) + "\n").encode()
    proposal = importer.propose(
        userfile.UserFile("tal.csv", at_limit), replace_all=True, store=store
    )
    assert len(proposal.rows) == userfile.MAX_ROWS == 10_000
    assert len(proposal.changes.added) == len(new)
    one_more = at_limit + (row(source_title="T-sidste") + "\n").encode()
    with pytest.raises(DataError) as caught:
        importer.propose(userfile.UserFile("tal.csv", one_more), replace_all=True, store=store)
    assert [str(p) for p in caught.value.problems] == [f"tal.csv, linje 10002: {LIMIT_MESSAGE}"]
    # As new figures beside the published ones, one more than fits makes the version too big.
    beside = [*new, row(source_title="T-sidste")]
    data = (HEADER + "\n" + "\n".join(beside) + "\n").encode()
    with pytest.raises(DataError) as caught:
        importer.propose(userfile.UserFile("tal.csv", data), store=store)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("tal.csv", None, None)
    assert problem.message.startswith(
        "med filens tal ville dashboardet have 10.001 tal; der må højst være 10.000 i alt"
    )


def test_no_sequence_of_imports_grows_a_version_over_its_limit(tmp_path, store, capsys,
                                                              monkeypatch):  # fmt: skip
    from sikkerby.ingest import publish

    now = len(current_figures(store))
    monkeypatch.setattr(publish, "MAX_FIGURES", now + 3)
    first = csv_file(tmp_path, *[row(source_title=f"A{i}") for i in range(3)], name="a.csv")
    assert run(first, store, capsys)[0] == 0
    second = csv_file(tmp_path, row(source_title="B"), name="b.csv")
    err = assert_refused(second, store, capsys, [])
    assert f"b.csv: med filens tal ville dashboardet have {now + 4} tal; der må højst være " in err
    assert f"højst være {now + 3} i alt" in err
    # A file of all figures that holds fewer is how figures are removed: it is accepted.
    kept = [",".join(f'"{r[c]}"' for c in CELLS) for r in current_figures(store)][:-1]
    assert run(csv_file(tmp_path, *kept, name="alle.csv"), store, capsys, "--erstat-alt")[0] == 0


def test_an_excel_sheet_over_the_row_limit_is_refused_at_its_row(tmp_path, store, capsys,
                                                                 monkeypatch):  # fmt: skip
    monkeypatch.setattr(userfile, "MAX_ROWS", 5)
    rows = [[*GOOD.split(",")[:6], f"T{i}", None, None] for i in range(6)]
    path = xlsx_file(tmp_path, [CELLS, [], *rows])
    assert_refused(path, store, capsys, ["tal.xlsx, linje 8: filen har flere end 5 rækker med tal"])
    path = xlsx_file(tmp_path, [CELLS, [], *rows[:5]])
    assert run(path, store, capsys)[0] == 0


# Encodings and what a message shows of a file -------------------------------------------------

UTF16 = "filen ser ud til at være gemt som UTF-16; gem den som UTF-8"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_with_or_without_a_byte_order_mark_is_named_once(tmp_path, store, capsys,
                                                                      encoding):  # fmt: skip
    path = tmp_path / "tal.csv"
    path.write_text(HEADER + "\n" + GOOD.replace("Valby", "Vanløse") + "\n", encoding=encoding)
    err = assert_refused(path, store, capsys, [])
    assert err.startswith(f"Intet er ændret. 1 problem(er) i datafilerne:\n- tal.csv: {UTF16}")
    assert "\x00" not in err and "ukendt kolonne" not in err


def test_a_windows_1252_file_is_named_once_not_cell_by_cell(tmp_path, store, capsys):
    path = tmp_path / "tal.csv"
    rows = [
        row(area=a, source_title="Tryghedsundersøgelsen") for a in ("Vanløse", "Brønshøj-Husum")
    ]
    path.write_bytes((HEADER + "\n" + "\n".join(rows) + "\n").encode("cp1252"))
    err = assert_refused(path, store, capsys, [])
    assert err == (
        "Intet er ændret. 1 problem(er) i datafilerne:\n- tal.csv, linje 2: filen er ikke gemt "
        "som UTF-8, men ser ud til at være Windows-1252 (»CSV« fra Excel); gem den som UTF-8 (i "
        "Excel: Gem som »CSV UTF-8 (kommasepareret)«)\n"
    )


def test_control_characters_from_a_file_are_shown_escaped_on_the_terminal_and_the_page(
    tmp_path, store, capsys
):
    from sikkerby.views import update

    header = HEADER.replace("note", "\x1b[2J\x1b]0;x\x07note")
    path = csv_file(tmp_path, GOOD, header=header, name="tal\x1b[31m.csv")
    err = assert_refused(path, store, capsys, [])
    assert "\x1b" not in err and "\x07" not in err
    assert (
        "- tal<U+001B>[31m.csv, linje 1, kolonne '<U+001B>[2J<U+001B>]0;x<U+0007>note': ukendt "
        "kolonne" in err
    )
    shown = update.check(path.name, path.read_bytes(), False, 2026, store).problems
    assert "\x1b" not in shown.title and "tal<U+001B>[31m.csv" in shown.title
    assert list(shown.table.iloc[0][["Fil", "Linje", "Kolonne"]]) == [
        "tal<U+001B>[31m.csv",
        "1",
        "<U+001B>[2J<U+001B>]0;x<U+0007>note",
    ]


def test_a_published_file_s_name_is_shown_escaped_in_the_history(tmp_path, store, capsys):
    from sikkerby.ingest import publish
    from sikkerby.views import update

    path = csv_file(tmp_path, GOOD, name="tal\x1b[2J.csv")
    code, out, _ = run(path, store, capsys)
    assert (code, out) == (
        0,
        "Version 2 er offentliggjort fra tal<U+001B>[2J.csv: 1 nye, 0 ændrede og 0 fjernede tal.\n",
    )
    assert versions.current(store).record.file_name == path.name  # the record keeps the truth
    assert ", fil tal<U+001B>[2J.csv (sha256 " in publish.history_text(store)
    assert "\x1b" not in publish.history_text(store)
    assert update.history(update.versions_of(store))["Fil"][0] == "tal<U+001B>[2J.csv"


def test_the_update_page_makes_the_file_of_all_figures_once_per_version(tmp_path, store, capsys):
    """The page offers it on every run; with 10,000 figures it takes seconds to make."""
    from sikkerby.store import version_store
    from sikkerby.views import update

    first = version_store(versions.current(store))
    made = update.current_file(first)
    assert update.current_file(first) is made
    assert run(csv_file(tmp_path, GOOD), store, capsys)[0] == 0
    after = update.current_file(version_store(versions.current(store)))
    assert after[0] != made[0] and after[1] != made[1]
