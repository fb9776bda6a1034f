"""The city's yearly youth figures (python -m sikkerby.ingest.ungetal): the layout, Danish
Excel, shares computed from counts, corrected figures, and bad files named line by line."""

from pathlib import Path

import duckdb
import pytest
from helpers import private_store, snapshot
from youth_data import write_series

from sikkerby import versions
from sikkerby.errors import DataError
from sikkerby.ingest import importer, ungetal, userfile


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return private_store(tmp_path)


def read_figures(store: Path):
    parquet = versions.current(store).parquet / "figures.parquet"
    return duckdb.connect().execute("SELECT * FROM read_parquet($1)", [str(parquet)]).df()


def read(path: Path, store: Path):
    """What an import of `path` would publish: raises `DataError` with every problem."""
    return importer.propose(userfile.read_path(path), ungetal.read_youth_figures, store=store)


def test_import_reads_shares_and_computes_them_from_danish_excel_counts(tmp_path, store):
    file = tmp_path / "unge.csv"
    file.write_text(
        "\ufeffaar;kommune;gruppe;andel_pct;sigtede;indbyggere;kilde;kilde_url;note\n"
        "\n"
        "2019;København;15-17;3,1;;;Særudtræk 2020;https://example.org/x;\n"
        "2019;Aarhus;18-25;;45;5.000;Særudtræk 2020;;fra mail\n"
        "2020;København;15-17;2.9;;;Særudtræk 2020;;punktum som decimaltegn\n",
        encoding="utf-8",
    )
    made = ungetal.import_youth_figures(file, store)
    assert (made.number, made.record.added, made.record.file_name) == (2, 3, "unge.csv")
    rows = read_figures(store)
    youth_rows = rows[rows["indicator"] == "sigtede_15_17_pct"]
    assert list(youth_rows[youth_rows["year"] == 2020]["value"]) == [2.9]
    share = rows[(rows["indicator"] == "sigtede_15_17_pct") & (rows["year"] == 2019)]
    assert list(share["value"]) == [3.1]
    assert list(share["source_title"]) == ["Særudtræk 2020"]
    computed = rows[(rows["indicator"] == "sigtede_18_25_alvorlig_pct") & (rows["year"] == 2019)]
    assert list(computed["area"]) == ["aarhus"]
    assert list(computed["value"]) == [0.9]  # 45 / 5.000 * 100
    assert computed["source_title"].iloc[0] == "Egne beregninger på Særudtræk 2020"
    assert "fra mail; andel beregnet som sigtede / indbyggere" in computed["note"].iloc[0]
    assert ungetal.import_youth_figures(file, store) is None  # already there: no new version
    assert versions.current(store).number == 2


def test_a_corrected_figure_from_the_same_source_replaces_the_old_one(tmp_path, store):
    file = tmp_path / "unge.csv"
    file.write_text("aar,kommune,gruppe,andel_pct,kilde\n2019,Aarhus,15-17,2.4,Udtræk\n")
    assert ungetal.import_youth_figures(file, store).record.added == 1
    file.write_text("aar,kommune,gruppe,andel_pct,kilde\n2019,Aarhus,15-17,2.5,Udtræk\n")
    record = ungetal.import_youth_figures(file, store).record
    assert (record.added, record.changed, record.removed) == (0, 1, 0)
    rows = read_figures(store)
    assert list(rows[rows["area"] == "aarhus"]["value"]) == [2.5]


def test_a_bad_youth_file_is_named_line_by_line_and_changes_nothing(tmp_path, store, capsys):
    before = snapshot(store)
    bad = tmp_path / "unge.csv"
    bad.write_text(
        "aar,kommune,gruppe,andel_pct,kilde\n"
        "2019,Roskilde,15-17,3.1,Kilde\n"
        "2019,Valby,15-17,3.1,Kilde\n"
        "19,København,15-17,3.1,Kilde\n"
        "2019,København,12-14,3.1,Kilde\n"
        "2019,København,15-17,140,Kilde\n"
        "2019,København,15-17,x,Kilde\n"
        "2019,København,15-17,,Kilde\n"
        "2019,København,15-17,3.1,\n"
        "\n"
        "2019,Fire byer,15-17,,Kilde\n"
        "2019,Aarhus,15-17,inf,Kilde\n"
        "2018,Aarhus,15-17,2.1,Kilde\n"
        "2018,Aarhus,15-17,2.2,Kilde\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        read(bad, store)
    message = str(caught.value)
    for expected in (
        "linje 2, kolonne 'kommune': 'Roskilde' er ikke København",
        "linje 3, kolonne 'kommune': 'Valby'",
        "linje 4, kolonne 'aar': '19' er ikke et årstal",
        "linje 5, kolonne 'gruppe': '12-14' skal være en af: 15-17, 18-25",
        "linje 6, kolonne 'andel_pct': 140 % er ikke en andel",
        "linje 7, kolonne 'andel_pct': 'x' er ikke et tal",
        "linje 8, kolonne 'andel_pct': skal udfyldes",
        "linje 9, kolonne 'kilde': skal udfyldes",
        "linje 11, kolonne 'andel_pct': skal udfyldes for de fire store byers gennemsnit",
        "linje 12, kolonne 'andel_pct': 'inf' er ikke et tal (kun cifrene 0-9)",
        "linje 14, kolonne 'aar': 2018, Aarhus, 15-17 står allerede i linje 13",
    ):
        assert expected in message, message
    assert ungetal.main([str(bad), "--store", str(store)]) == 1
    assert capsys.readouterr().err.startswith("Intet er ændret.")
    assert snapshot(store) == before


def test_counts_must_be_whole_digits_and_not_negative(tmp_path, store):
    bad = tmp_path / "unge.csv"
    bad.write_text(
        "aar,kommune,gruppe,andel_pct,sigtede,indbyggere,kilde\n"
        "2017,Aarhus,18-25,,-4,500,Kilde\n"
        "2017,Aarhus,15-17,,40,-500,Kilde\n"
        "２０１７,Odense,18-25,1_5,,,Kilde\n"
        "2017,Odense,15-17,1e308,,,Kilde\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        read(bad, store)
    message = str(caught.value)
    for expected in (
        "unge.csv, linje 2, kolonne 'sigtede': -4 er negativ",
        "unge.csv, linje 3, kolonne 'indbyggere': -500 er negativ",
        "unge.csv, linje 4, kolonne 'aar': '２０１７' er ikke et årstal",
        "unge.csv, linje 4, kolonne 'andel_pct': '1_5' er ikke et tal",
        "unge.csv, linje 5, kolonne 'andel_pct': '1e308' er ikke et tal",
    ):
        assert expected in message, message


def test_a_file_without_the_layout_is_refused(tmp_path: Path, store):
    wrong = write_series(tmp_path / "unge.csv")
    wrong.write_text(wrong.read_text(encoding="utf-8").replace("gruppe", "alder", 1))
    with pytest.raises(DataError, match="kolonne 'gruppe': kolonnen mangler i overskriften"):
        read(wrong, store)


def test_a_youth_figure_refused_by_validation_is_named_at_the_files_own_column_and_line(
    tmp_path, store
):
    """The year and the goal's baseline are checked when the rows are validated as figures;
    the problem is still named at the staff member's line and column (aar, andel_pct), never at
    figures.csv's `year` or `value` or at a line of an internal file."""
    baseline = "Københavns Kommune: Sikker By strategi 2018-2021 (vedtaget 2018)"
    bad = tmp_path / "unge.csv"
    bad.write_text("aar;kommune;gruppe;andel_pct;kilde\n\n1999;Aarhus;15-17;2,4;Udtræk\n")
    with pytest.raises(DataError) as caught:
        read(bad, store)
    next_year = __import__("datetime").date.today().year + 1
    assert [str(p) for p in caught.value.problems] == [
        f"unge.csv, linje 3, kolonne 'aar': 1999 er ikke et år fra 2000 til {next_year}",
    ]
    bad.write_text(f"aar;kommune;gruppe;andel_pct;kilde\n\n2016;København;15-17;3,6;{baseline}\n")
    with pytest.raises(DataError) as caught:
        read(bad, store)
    assert [str(p) for p in caught.value.problems] == [
        "unge.csv, linje 3, kolonne 'andel_pct': udgangspunktet for målet »Færre unge 15-17 år "
        "begår kriminalitet« (2018-2021) er 3,5 (2016) for sigtede_15_17_pct i København "
        "(data/goals.csv); rækken ændrer tallet til 3.6",
    ]
