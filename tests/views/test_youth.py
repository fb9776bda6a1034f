"""The youth page's view: the baselines said plainly, the gap as large numbers judged like the
status, the cities each, and Danmarks Statistik's figures as another measure."""

import pytest
from helpers import assert_valid_vega_lite
from youth_data import build_with_series, build_with_statbank, build_without_statbank

from sikkerby.views import youth

TODAY = 2026
NBSP = "\u00a0"


def figures(card) -> list[tuple[str, str]]:
    return [(f.label, f.value.replace(NBSP, " ")) for f in card.figures]


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> youth.YouthView:
    return youth.build(build_without_statbank(tmp_path_factory.mktemp("b")), TODAY)


def test_with_the_bundled_data_the_page_shows_the_baselines_plainly(bundled):
    first, second = bundled.cards
    assert [c.heading for c in bundled.cards] == [
        "Mål 3: Færre unge 15-17 år begår kriminalitet",
        "Mål 4: Færre unge 18-25 år begår alvorlig kriminalitet",
    ]
    assert figures(first) + figures(second) == [
        ("København · basis · 2016", "3,5 %"),
        ("De fire byers gennemsnit · basis · år ikke oplyst", "2,25 %"),
        ("Afstand", "+1,25 procentpoint"),
        ("København · basis · år ikke oplyst", "1,05 %"),
        ("De fire byers gennemsnit · basis · år ikke oplyst", "0,97 %"),
        ("Afstand", "+0,08 procentpoint"),
    ]
    strategy = "Kilde: Københavns Kommune: Sikker By strategi 2018-2021 (vedtaget 2018)."
    assert [f.help for f in first.figures[:2]] == [strategy, strategy]
    assert bundled.only_baselines.startswith("Kun strategiens basisværdier er offentliggjort.")
    assert "særudtræk, som Danmarks Statistik laver til kommunen" in bundled.only_baselines
    for card in bundled.cards:
        assert card.status.label == "For få data"
        assert "særudtræk" in card.status.missing
        assert card.context.not_fetched.startswith("Tallene fra Danmarks Statistik mangler her")
        assert "Danmarks Statistik offentliggør dem i Statistikbanken" in card.context.not_fetched
        assert card.context.chart is None
        assert card.gap.spec is not None
        assert card.cities is None
        assert card.members_missing == (
            "Ingen tal for Aarhus, Odense, Aalborg og Esbjerg hver for sig: strategien oplyser "
            "kun gennemsnittet."
        )
    # Goal 3 has a dated baseline to draw; goal 4 only baselines without a year: a sentence.
    assert first.level.spec is not None and second.level.spec is None
    assert second.level.missing == (
        "Der er ingen offentliggjorte tal at tegne for København over tid: basis er oplyst "
        "uden år og står derfor kun som tal."
    )
    assert first.coverage.frame.loc["København", "2016"] == "3,5\xa0%"
    assert first.gap_sentence == f"København ligger 1,25{NBSP}procentpoint over gennemsnittet."


def test_with_a_full_series_the_large_numbers_are_the_year_judged(tmp_path):
    view = youth.build(build_with_series(tmp_path), TODAY)
    first = view.cards[0]
    assert view.only_baselines is None
    assert first.status.label == "Nået"
    assert figures(first) == [
        ("København · 2021", "2,5 %"),
        ("De fire byers gennemsnit · 2021", "2 %"),
        ("Afstand", "+0,5 procentpoint"),
    ]
    assert first.cities.title == "København og byerne hver for sig i 2021"
    assert first.cities_missing is None and first.members_missing is None
    for chart in (first.level, first.gap, first.cities):
        assert_valid_vega_lite(chart.spec)
    sources = set(first.rows.frame["Kilde"])
    assert "SYNTETISK TESTDATA (genereret af testene)" in sources


def test_figures_from_danmarks_statistik_are_shown_as_another_measure(tmp_path):
    view = youth.build(build_with_statbank(tmp_path), TODAY)
    for card in view.cards:
        context = card.context
        assert context.not_fetched is None and context.chart.spec is not None
        assert "en anden målestok end strategiens" in context.explanation
        assert context.chart.source.startswith(
            "Kilde: Egne beregninger på Danmarks Statistik, tabel STRAF44 og FOLK1A"
        )
    rows = view.cards[0].context.rows.frame
    assert set(rows["Indikator"]) == {
        "Strafferetlige afgørelser efter straffeloven pr. 100 15-17-årige (en anden målestok "
        "end strategiens sigtelser)",
        "Strafferetlige afgørelser efter straffeloven for 15-17-årige (alle afgørelsestyper, "
        "også frifindelser; ikke sigtelser)",
        "Indbyggere 15-17 år pr. 1. januar",
    }
    assert rows["Kilde"].str.startswith("Egne beregninger på Danmarks Statistik, tabel").all()
    assert "De fire byer samlet" in str(view.cards[0].context.chart.spec)
    assert_valid_vega_lite(view.cards[0].context.chart.spec)
