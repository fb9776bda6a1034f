"""The build step and its validation: good data builds, bad data is named and writes nothing."""

from pathlib import Path

import duckdb
import pytest
from helpers import COPENHAGEN, DATA_DIR, copy_project_data

from sikkerby.errors import DataError
from sikkerby.ingest import build, dst
from sikkerby.schema import SOURCES

SOURCE_FIGURES = COPENHAGEN.source_figures


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the CSV sources that a test may break."""
    return copy_project_data(tmp_path)


def read(path: Path):
    return duckdb.connect().execute("SELECT * FROM read_parquet($1)", [str(path)]).df()


def test_a_build_writes_one_parquet_file_per_source_with_every_row(tmp_path: Path):
    counts = build.build(DATA_DIR, tmp_path / "parquet")
    assert counts["figures"] > 300 and counts["goals"] >= 8
    for source in SOURCES:
        built = read(tmp_path / "parquet" / f"{source.name}.parquet")
        assert len(built) == counts[source.name]
    assert len(read_csv(DATA_DIR / "figures.csv")) == counts["figures"]


def test_bundled_figures_are_the_published_ones():
    """Every published row is in data/figures.csv, with its value and source; the only other
    rows allowed are those `python -m sikkerby.ingest.dst` fetches, marked as own calculations."""
    published = read_csv(SOURCE_FIGURES)
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
    assert_rejected(
        data_copy, tmp_path / "out", "220 er over 100 %, det højeste utrygge_aften_nat_pct kan være"
    )


def test_a_failed_build_writes_nothing(data_copy: Path, tmp_path: Path):
    (data_copy / "goals.csv").write_bytes(b"\xff\xfe not utf-8")
    assert_rejected(data_copy, tmp_path / "out", "data/goals.csv: filen er ikke gemt som UTF-8")
    assert not (tmp_path / "out").exists()


def test_the_check_command_reports_in_danish_and_writes_nothing(data_copy: Path, capsys):
    before = {p.name: p.read_bytes() for p in data_copy.iterdir()}
    assert build.main(["--data", str(data_copy)]) == 0
    assert capsys.readouterr().out.startswith(f"Data i {data_copy} er i orden (")
    replace_in(data_copy / "figures.csv", ",primary,", ",primær,")
    assert build.main(["--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Data er ikke i orden.")
    assert "'primær' er ikke en af: primary, secondary" in err
    assert sorted(p.name for p in data_copy.iterdir()) == sorted(before)


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
