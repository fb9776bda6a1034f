"""The Unge page under AppTest: with the bundled baselines, and with a synthetic full series."""

from pathlib import Path

import pytest
import streamlit as st
from helpers import chart_datasets
from streamlit.testing.v1 import AppTest
from youth_data import build_with_series, build_with_statbank, build_without_statbank

import sikkerby.store
from sikkerby.store import Store

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def open_youth_page() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    app.switch_page("pages/unge_side.py")
    app.run()
    assert not app.exception
    return app


@pytest.fixture
def fresh_cache():
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def chart_rows(chart) -> list[dict]:
    """The rows of a chart element's datasets that carry a `text` column (sent as Arrow)."""
    rows = []
    for frame in chart_datasets(chart):
        if "text" in frame.columns:
            rows += frame.to_dict("records")
    return rows


def metrics(app: AppTest) -> list[tuple[str, str]]:
    return [(m.label, m.value.replace("\xa0", " ")) for m in app.metric]


def test_with_the_bundled_data_the_page_shows_the_baselines_plainly(
    fresh_cache, tmp_path: Path, monkeypatch
):
    store = Store(build_without_statbank(tmp_path))
    monkeypatch.setattr(sikkerby.store, "default_store", lambda: store)
    app = open_youth_page()
    assert [h.value for h in app.subheader] == [
        "Mål 3: Færre unge 15-17 år begår kriminalitet",
        "Mål 4: Færre unge 18-25 år begår alvorlig kriminalitet",
    ]
    assert metrics(app) == [
        ("København · basis · 2016", "3,5 %"),
        ("De fire byers gennemsnit · basis · år ikke oplyst", "2,25 %"),
        ("Afstand", "+1,25 procentpoint"),
        ("København · basis · år ikke oplyst", "1,05 %"),
        ("De fire byers gennemsnit · basis · år ikke oplyst", "0,97 %"),
        ("Afstand", "+0,08 procentpoint"),
    ]
    markdown = " ".join(m.value for m in app.markdown)
    assert markdown.count("For få data") == 2
    assert "Kun basisværdierne er offentliggjort: 3,5\xa0% mod 2,25\xa0%" in markdown
    assert "**Det mangler:**" in markdown
    infos = [i.value for i in app.info]
    assert infos[0].startswith("**Kun strategiens basisværdier er offentliggjort.**")
    assert "python -m sikkerby.ingest.ungetal" in infos[0]
    assert sum("python -m sikkerby.ingest.dst" in i for i in infos) == 2  # not fetched, said twice
    captions = [c.value for c in app.caption]
    assert sum(c.startswith("Kilde: Danmarks Statistik (særudtræk") for c in captions) == 2
    assert sum(c.startswith("Kilde: egne beregninger") for c in captions) == 2
    assert len(app.get("vega_lite_chart")) == 4  # level and gap per goal; no context yet
    coverage = app.dataframe[0].value
    assert coverage.loc["København", "2016"] == "3,5\xa0%"
    assert coverage.loc["København", "2019"] == "mangler"


def test_with_a_full_series_the_page_shows_every_city_and_the_gap_each_year(
    fresh_cache, tmp_path: Path, monkeypatch
):
    store = Store(build_with_series(tmp_path))
    monkeypatch.setattr(sikkerby.store, "default_store", lambda: store)
    app = open_youth_page()
    assert all("Kun strategiens basisværdier" not in i.value for i in app.info)
    markdown = " ".join(m.value for m in app.markdown)
    assert markdown.count("Nået") == 2
    assert "Ingen tal for" not in markdown
    assert ("København · 2021", "2,5 %") in metrics(app)
    assert ("De fire byers gennemsnit · 2021", "2 %") in metrics(app)
    assert ("Afstand", "+0,5 procentpoint") in metrics(app)
    coverage = app.dataframe[0].value
    assert (coverage.loc[:, "2017":"2021"] != "mangler").all().all()
    assert "De fire byers gennemsnit" in app.get("vega_lite_chart")[0].proto.spec
    cities = chart_rows(app.get("vega_lite_chart")[2])
    assert [(r["Område"], r["text"]) for r in cities] == [
        ("København", "2,5\xa0%"),
        ("Aarhus", "2,1\xa0%"),
        ("Aalborg", "2,05\xa0%"),
        ("Esbjerg", "1,95\xa0%"),
        ("Odense", "1,9\xa0%"),
    ]
    assert "København og byerne hver for sig i 2021" in markdown
    gap = chart_rows(app.get("vega_lite_chart")[1])
    assert [r["Tidspunkt"] for r in gap] == ["Basis", "2017", "2018", "2019", "2020", "2021"]
    assert (gap[-1]["text"], gap[-1]["Afstand"]) == ("+0,5", "+0,5\xa0procentpoint")
    sources = app.dataframe[1].value["Kilde"]
    assert set(sources) >= {"SYNTETISK TESTDATA (genereret af testene)"}


def test_figures_from_danmarks_statistik_are_shown_as_another_measure(
    fresh_cache, tmp_path: Path, monkeypatch
):
    store = Store(build_with_statbank(tmp_path))
    monkeypatch.setattr(sikkerby.store, "default_store", lambda: store)
    app = open_youth_page()
    assert not [i for i in app.info if "python -m sikkerby.ingest.dst" in i.value]
    assert len(app.get("vega_lite_chart")) == 6  # level, gap and context per goal
    context = app.get("vega_lite_chart")[2].proto.spec
    assert "De fire byer samlet" in context
    captions = [c.value for c in app.caption]
    own = (
        "Kilde: Egne beregninger på Danmarks Statistik, tabel STRAF44 og FOLK1A (hentet 25.11.2026)"
    )
    assert sum(c.startswith(own) for c in captions) == 2
    assert sum("en anden målestok end strategiens" in c for c in captions) == 2
    rows = app.dataframe[2].value  # the figures behind the context of goal 3
    assert set(rows["Indikator"]) == {
        "Strafferetlige afgørelser efter straffeloven pr. 100 15-17-årige (en anden målestok "
        "end strategiens sigtelser)",
        "Strafferetlige afgørelser efter straffeloven for 15-17-årige (alle afgørelsestyper, "
        "også frifindelser; ikke sigtelser)",
        "Indbyggere 15-17 år pr. 1. januar",
    }
    assert rows["Kilde"].str.startswith("Egne beregninger på Danmarks Statistik, tabel").all()
    assert rows["Kilde"].str.contains("hentet 25.11.2026").all()
