"""The build step and its validation: good data builds, bad data is named and writes nothing."""

from pathlib import Path

import duckdb
import pytest
from helpers import copy_project_data

from sikkerby.errors import DataError
from sikkerby.ingest import build, dst, importer
from sikkerby.paths import DATA_DIR, PARQUET_DIR, SHARED_DIR
from sikkerby.schema import SOURCES


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the CSV sources that a test may break."""
    return copy_project_data(tmp_path)


def read(path: Path):
    return duckdb.connect().execute("SELECT * FROM read_parquet($1)", [str(path)]).df()


def test_committed_parquet_equals_a_fresh_build(tmp_path: Path):
    counts = build.build(DATA_DIR, tmp_path / "parquet")
    assert counts["figures"] > 200 and counts["goals"] >= 8
    for source in SOURCES:
        fresh = read(tmp_path / "parquet" / f"{source.name}.parquet")
        committed = read(PARQUET_DIR / f"{source.name}.parquet")
        assert fresh.equals(committed), f"{source.name}.parquet is stale: run sikkerby.ingest.build"


def test_bundled_figures_are_the_published_ones():
    """Every published row is in data/figures.csv, with its value and source; the only other
    rows allowed are those `python -m sikkerby.ingest.dst` fetches, marked as own calculations."""
    published = read_csv(SHARED_DIR / "data" / "published_figures.csv")
    ours = read_csv(DATA_DIR / "figures.csv")
    fetched = [r for r in ours if r["indicator"] in dst.INDICATORS]
    assert all(
        r["source_title"].startswith("Egne beregninger på Danmarks Statistik") for r in fetched
    )
    ours = [r for r in ours if r not in fetched]
    assert len(ours) == len(published)
    assert sorted((r["indicator"], r["value"], r["source_title"]) for r in ours) == sorted(
        (r["indicator"], r["value"], r["source_title"]) for r in published
    )


def read_csv(path: Path) -> list[dict[str, str]]:
    import csv

    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def assert_rejected(data: Path, out: Path, *expected: str) -> None:
    with pytest.raises(DataError) as caught:
        build.build(data, out)
    message = str(caught.value)
    for part in expected:
        assert part in message, message
    assert not out.exists() or not any(out.iterdir()), "nothing may be written"


def test_decimal_comma_is_rejected_with_file_line_and_column(data_copy: Path, tmp_path: Path):
    line = line_of(data_copy / "figures.csv", "borgervendt_kriminalitet_per_1000,koebenhavn,2013")
    replace_in(data_copy / "figures.csv", "koebenhavn,2013,89.2", 'koebenhavn,2013,"89,2"')
    assert_rejected(
        data_copy,
        tmp_path / "out",
        f"data/figures.csv, linje {line}, kolonne 'value'",
        "'89,2' er ikke et tal (brug punktum som decimaltegn)",
    )


def test_unknown_area_is_rejected(data_copy: Path, tmp_path: Path):
    replace_in(data_copy / "figures.csv", ",bispebjerg,2016,", ",bispebjærg,2016,")
    assert_rejected(
        data_copy, tmp_path / "out", "kolonne 'area'", "'bispebjærg' findes ikke i data/areas.csv"
    )


def test_missing_column_and_bad_year(data_copy: Path, tmp_path: Path):
    replace_in(data_copy / "thresholds.csv", "bad_side", "side")
    replace_in(data_copy / "periods.csv", "2018-2021,Sikker By strategi 2018-2021,2018", "x,y,20x8")
    assert_rejected(
        data_copy,
        tmp_path / "out",
        "data/thresholds.csv, linje 1, kolonne 'bad_side': kolonnen mangler",
        "data/periods.csv, linje 2, kolonne 'start_year': '20x8' er ikke et helt tal",
    )


def test_goal_baseline_must_trace_to_a_sourced_figure(data_copy: Path, tmp_path: Path):
    replace_in(data_copy / "goals.csv", "max_value,9,2017,5,2021", "max_value,8,2017,5,2021")
    assert_rejected(
        data_copy,
        tmp_path / "out",
        "data/goals.csv, linje 2, kolonne 'baseline_value'",
        "findes ikke som kildebelagt tal",
    )


def test_duplicate_area_and_percent_over_100(data_copy: Path, tmp_path: Path):
    replace_in(data_copy / "areas.csv", "valby,Valby", "vanloese,Valby")
    replace_in(data_copy / "figures.csv", "koebenhavn,2017,22,%", "koebenhavn,2017,220,%")
    assert_rejected(data_copy, tmp_path / "out", "'vanloese' findes allerede i linje")
    replace_in(data_copy / "areas.csv", "vanloese,Valby", "valby,Valby")
    assert_rejected(data_copy, tmp_path / "out", "220 % er over 100 %")


def test_a_failed_build_leaves_existing_files_alone(data_copy: Path, tmp_path: Path):
    out = tmp_path / "out"
    build.build(data_copy, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (data_copy / "goals.csv").write_bytes(b"\xff\xfe not utf-8")
    assert_rejected_keeping(data_copy, out, before, "data/goals.csv: filen er ikke gemt som UTF-8")


def assert_rejected_keeping(data: Path, out: Path, before: dict, expected: str) -> None:
    with pytest.raises(DataError, match=expected):
        build.build(data, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_build_command_reports_in_danish(data_copy: Path, tmp_path: Path, capsys):
    replace_in(data_copy / "figures.csv", ",primary,", ",primær,")
    assert build.main(["--data", str(data_copy), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Intet er skrevet.")
    assert "'primær' er ikke en af: primary, secondary" in err


def test_import_adds_new_rows_from_danish_excel(data_copy: Path, tmp_path: Path):
    new = tmp_path / "tu2026.csv"
    new.write_text(
        "indicator;area;year;value;unit;quality;source_title;source_url;note\n"
        "utrygge_nabolag_pct;Kongens Enghave;2026;8,5;%;primary;Tryghedsundersøgelsen 2026;;\n",
        encoding="utf-8",
    )
    out = tmp_path / "parquet"
    assert importer.import_figures(new, data_copy, out) == 1
    rows = read(out / "figures.parquet")
    added = rows[
        (rows["indicator"] == "utrygge_nabolag_pct")
        & (rows["area"] == "kgs-enghave")
        & (rows["year"] == 2026)
    ]
    assert list(added["value"]) == [8.5]
    assert "Kildens område: Kongens Enghave" in added["note"].iloc[0]
    assert importer.import_figures(new, data_copy, out) == 0  # already there


def test_import_of_a_bad_file_changes_nothing(data_copy: Path, tmp_path: Path, capsys):
    before = (data_copy / "figures.csv").read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "indicator,area,year,value,unit,quality,source_title\n"
        "utrygge_nabolag_pct,Atlantis,2026,8,%,primary,Kilde\n"
        "utrygge_nabolag_pct,Valby,2026,x,%,primary,Kilde\n",
        encoding="utf-8",
    )
    code = importer.main([str(bad), "--data", str(data_copy), "--out", str(tmp_path / "p")])
    assert code == 1
    assert "bad.csv, linje 2, kolonne 'area': ukendt område 'Atlantis'" in capsys.readouterr().err
    assert (data_copy / "figures.csv").read_bytes() == before
    bad.write_text(
        "indicator,area,year,value,unit,quality,source_title\n"
        "utrygge_nabolag_pct,Valby,2026,x,%,primary,Kilde\n",
        encoding="utf-8",
    )
    assert importer.main([str(bad), "--data", str(data_copy), "--out", str(tmp_path / "p")]) == 1
    assert "'x' er ikke et tal" in capsys.readouterr().err
    assert (data_copy / "figures.csv").read_bytes() == before
    assert not (tmp_path / "p").exists()


def test_registry_facts_are_checked(data_copy: Path, tmp_path: Path):
    """The city, the comparison group's members, municipality codes and age groups are data, so
    the build refuses them when they do not hold together."""
    areas = data_copy / "areas.csv"
    replace_in(areas, "koebenhavn,København,,by,", "koebenhavn,København,,kommune,")
    replace_in(areas, ",,aarhus|odense|aalborg|esbjerg\n", ",,aarhus|odense|aalborg|esbjerh\n")
    replace_in(areas, ",Kommunekode 461,,461,", ",Kommunekode 461,,751,")
    replace_in(
        data_copy / "indicators.csv", ",15-17,sigtede_15_17_pct", ",15 til 17,sigtede_15_17_pct"
    )
    assert_rejected(
        data_copy,
        tmp_path / "out",
        "data/areas.csv, kolonne 'kind': præcis ét område skal have kind = by",
        f"data/areas.csv, linje {line_of(areas, 'fire-byer,')}, kolonne 'members': "
        "'esbjerh' findes ikke i data/areas.csv",
        f"data/areas.csv, linje {line_of(areas, 'odense,Odense')}, kolonne 'kommunekode': "
        f"'751' findes allerede i linje {line_of(areas, 'aarhus,Aarhus')}",
        "kolonne 'ages': '15 til 17' skal skrives som en aldersgruppe, fx 15-17",
    )


def test_members_belong_to_averages_and_pooled_areas(data_copy: Path, tmp_path: Path):
    areas = data_copy / "areas.csv"
    replace_in(areas, ",Kommunekode 561,,561,", ",Kommunekode 561,,561,aarhus")
    assert_rejected(
        data_copy,
        tmp_path / "out",
        f"data/areas.csv, linje {line_of(areas, 'esbjerg,Esbjerg')}, kolonne 'members': "
        "bruges kun for områder af typen gennemsnit eller samlet",
    )
