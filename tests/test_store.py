"""The store: DuckDB queries over the built Parquet files."""

import pytest

from sikkerby.errors import DataError
from sikkerby.store import Store


@pytest.fixture(scope="module")
def store() -> Store:
    return Store()


def test_yearly_picks_the_least_favourable_primary_value(store: Store):
    series = store.yearly("borgervendt_kriminalitet_per_1000", "koebenhavn").set_index("year")
    # 2021 is published as both 35 and 34,5: lower is better, so 35 counts.
    assert series.loc[2021, "value"] == 35.0
    assert series.loc[2021, "n_values"] == 2
    assert series.loc[2021, "min_value"] == 34.5


def test_yearly_has_no_undated_rows_but_figures_has_them(store: Store):
    assert store.yearly("sigtede_15_17_pct", "fire-byer").empty
    rows = store.figures("sigtede_15_17_pct", ["koebenhavn", "fire-byer"])
    assert list(rows["value"]) == [3.5, 2.25]
    assert rows["source_title"].str.contains("Sikker By strategi").all()


def test_latest_respects_the_horizon(store: Store):
    assert store.latest("utrygge_nabolag_pct", "koebenhavn", 2021)["year"] == 2021
    assert store.latest("utrygge_nabolag_pct", "koebenhavn")["year"] == 2022
    assert store.latest("registrerede_rockere_bandemedlemmer_kbh", "koebenhavn") is None


def test_districts_of_a_year_show_the_missing_ones(store: Store):
    districts = store.districts("utrygge_nabolag_pct", 2017)
    assert len(districts) == 13
    known = districts.dropna(subset=["value"]).set_index("area_id")["value"].to_dict()
    assert known["bispebjerg"] == 18.0
    assert "christianshavn" not in known
    assert (districts.dropna(subset=["value"])["source_title"].notna()).all()


def test_parameters_are_data_not_sql(store: Store):
    assert store.yearly("x' OR '1'='1", "koebenhavn").empty
    assert store.goals("2018-2021'; DROP VIEW goals; --").empty
    assert len(store.goals("2018-2021")) == 6


def test_a_missing_build_is_a_clear_error(tmp_path):
    with pytest.raises(DataError, match=r"python -m sikkerby\.ingest\.build"):
        Store(tmp_path)
