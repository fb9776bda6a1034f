"""A second site proves that a strategy is a folder of data: Eksempelby (tests/fixtures/eksempelby,
a fictional municipality written by hand: four districts, two neighbours, two periods with other
goals and thresholds, one goal with too little data) runs every page, both decks and the yearly
report with no code changed, and no word of Copenhagen shows."""

import io
import shutil
from pathlib import Path

import pytest
from docx import Document
from helpers import open_tables, shown_texts
from streamlit.testing.v1 import AppTest
from test_site_words import copenhagen_words

from sikkerby import rapport
from sikkerby.ingest import publish
from sikkerby.paths import ROOT
from sikkerby.render import links
from sikkerby.settings import SITE_ENV, STORE_ENV
from sikkerby.views import method, overview

APP = str(ROOT / "app.py")
EXAMPLE = ROOT / "tests" / "fixtures" / "eksempelby"
ADDRESSES = [
    (links.OVERVIEW, {}),
    (links.OVERVIEW, {"periode": "2024-2027"}),
    (links.OVERVIEW, {"periode": "2020-2023", "status_aar": "2021"}),
    (links.MAP, {}),
    (links.MAP, {"indikator": "trygge", "aar": "2024", "bydel": "sydkvarteret"}),
    (links.AREAS, {}),
    (links.AREAS, {"bydel": "parkpartnerskabet"}),
    (links.YOUTH, {}),
    (links.STRATEGY, {}),
    (links.METHOD, {}),
    (links.PRESENTATION, {"periode": "2020-2023"}),
    (links.PRESENTATION, {"periode": "2024-2027", "dias": "3"}),
]


def site_app(page: links.Page, params: dict[str, str]) -> AppTest:
    """The page at `params`, its closed tables opened (as a visitor clicks them)."""
    app = AppTest.from_file(APP, default_timeout=30)
    app.query_params.update(params)
    if page is not links.OVERVIEW:
        app.switch_page(page.file)
    app.run()
    if any(e.proto.id for e in app.expander):
        open_tables(app)
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.fixture
def example(monkeypatch, tmp_path) -> Path:
    """The example site, served from a store of its own, its data published as the app's start
    publishes them (`sikkerby.ui.serve`)."""
    monkeypatch.setenv(SITE_ENV, str(EXAMPLE))
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "lager"))
    publish.ensure()
    return EXAMPLE


def copenhagen_in(text: str) -> list[str]:
    low = text.lower()
    return [w for w in copenhagen_words() if w in low]


@pytest.mark.parametrize(("page", "params"), ADDRESSES, ids=lambda v: getattr(v, "url_path", v))
def test_every_page_of_the_example_site_runs_and_names_no_copenhagen(example, page, params):
    app = site_app(page, params)
    texts = shown_texts(app)
    assert texts, "the page showed nothing"
    assert not app.error and not app.warning, [e.value for e in [*app.error, *app.warning]]
    assert copenhagen_in(" ".join(texts)) == []


def test_the_example_site_shows_its_own_words_and_goals(example):
    app = site_app(links.OVERVIEW, {})
    said = " ".join(shown_texts(app))
    assert app.title[0].value.startswith("Tryg i Eksempelby")
    for goal in ("Færre utrygge", "Ingen utrygge kvarterer", "Færre unge sigtes"):
        assert goal in said
    # The goal without figures after its baseline says what would fill it, and who publishes it.
    assert "For få data" in said and "Eksempelby Politi" in said
    app = site_app(links.OVERVIEW, {"periode": "2024-2027"})
    said = " ".join(shown_texts(app))
    assert "Flere trygge i de mindst trygge kvarterer" in said
    assert "kilderne er uenige: 2 til 3" in said  # its primary and secondary disagree
    # Its survey's own design: 150 answers a district, so wider margins than Copenhagen's.
    view = method.build(publish.default_store())
    method_text = " ".join(t for section in view.sections for t in section.paragraphs)
    assert "Borgerpanelets tal er andele af dem, der svarede" in method_text
    assert "Med 150 svar er et 95 %-interval omkring 15 % på ±5,7\xa0point" in method_text


def test_the_example_site_s_report_is_its_own(example):
    store = publish.default_store()
    doc = Document(io.BytesIO(rapport.document(store, "2020-2023", 2023, 2026)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "afrapportering til Udvalget for Tryghed og Trivsel" in text
    assert "Faglig vurdering fra Eksempelby Politi" in text
    assert "Eksempelby mod nabobyerne" in text
    assert copenhagen_in(text) == []


def test_a_new_period_added_to_the_site_s_files_appears_without_code(monkeypatch, tmp_path):
    """2026-2029 and its goal written into a copy of the example site's files, with a survey
    figure for 2026: the overview offers the period and shows its goal, the deck and the yearly
    report are made for it."""
    site = tmp_path / "eksempelby"
    shutil.copytree(EXAMPLE, site)
    added = {
        "periods.csv": "2026-2029,Tryg i Eksempelby 2026-2029,2026,2029,nej,Opdigtet periode.",
        "goals.csv": "2026-2029,e26-1,Strategiens mål,1,Endnu færre utrygge,Andelen af utrygge "
        "skal falde fra 2025.,utrygge_pct,eksempelby,fall,8.7,2025,,2031,nej,,,,,Opdigtet mål.",
        "thresholds.csv": "2026-2029,utrygge_pct,12,over,Mere end 12 % utrygge i kvarteret",
        "figures.csv": "utrygge_pct,eksempelby,2026,8.1,%,primary,"
        "Eksempelby Kommune: Borgerpanelet 2026 (opdigtet),https://eksempelby.example/p,",
    }
    for name, line in added.items():
        with (site / "data" / name).open("a", encoding="utf-8") as f:
            f.write(line + "\n")
    monkeypatch.setenv(SITE_ENV, str(site))
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "lager"))
    publish.ensure()

    app = site_app(links.OVERVIEW, {"periode": "2026-2029"})
    assert not app.error, [e.value for e in app.error]
    assert app.button_group[0].options == ["2020-2023", "2024-2027", "2026-2029"]
    assert app.button_group[0].value == "2026-2029"
    said = " ".join(shown_texts(app))
    assert "Endnu færre utrygge" in said and "8,1 %" in said
    deck = " ".join(shown_texts(site_app(links.PRESENTATION, {"periode": "2026-2029"})))
    assert "Tryg i Eksempelby 2026-2029" in deck
    store = publish.default_store()
    assert overview.editions(store, "2026-2029", 2026) == (2026,)
    doc = Document(io.BytesIO(rapport.document(store, "2026-2029", 2026, 2026)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Tryg i Eksempelby 2026-2029" in text and "Endnu færre utrygge" in text
