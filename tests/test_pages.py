"""Every page runs under AppTest without an exception and shows what it should."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sikkerby.domain import goals
from sikkerby.store import default_store

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def run(**params: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    app.query_params.update(params)
    app.run()
    assert not app.exception
    return app


@pytest.mark.parametrize("period", ["2018-2021", "2022-2025"])
def test_overview_shows_a_card_per_goal(period: str):
    app = run(periode=period)
    expected = goals.goals(default_store(), period)
    headings = [h.value for h in app.subheader]
    assert headings == [g.heading for g in expected]
    assert len(app.get("vega_lite_chart")) == len(expected)
    captions = [c.value for c in app.caption]
    assert sum(c.startswith("Kilde:") for c in captions) == len(expected)
    assert len(app.expander) == len(expected)
    assert not app.warning


def test_default_period_is_2018_and_all_six_goals_have_a_status():
    app = run()
    assert app.query_params["periode"] == "2018-2021"
    assert app.subheader[0].value == "Mål 1: Øget tryghed"
    assert len(app.subheader) == 6
    badges = " ".join(m.value for m in app.markdown)
    for label in ("Nået", "Ikke på vej", "For få data"):
        assert label in badges


def test_the_rows_behind_a_card_carry_their_sources():
    app = run()
    first = app.dataframe[0].value
    assert {"Kilde", "Link", "Kildetype", "Linje i data/figures.csv"} <= set(first.columns)
    assert first["Kilde"].notna().all()
    assert "9" in list(first["Værdi"])


@pytest.mark.parametrize("bad", ["1999", "<script>x</script>", "2018-2021' OR 1=1"])
def test_unknown_period_falls_back_with_a_notice(bad: str):
    app = run(periode=bad)
    assert len(app.warning) == 1
    assert "Ukendt strategiperiode" in app.warning[0].value
    assert "<" not in app.warning[0].value
    assert len(app.subheader) == 6


def test_switching_period_reruns_with_the_other_goals():
    app = run()
    app.button_group[0].set_value("2022-2025").run()
    assert not app.exception
    assert app.query_params["periode"] == "2022-2025"
    assert app.subheader[0].value == "Mål 1: Flere trygge i de mindst trygge bydele"


@pytest.mark.parametrize(
    ("period", "measures"),
    [("2018-2021", ["utrygge_nabolag"]), ("2022-2025", ["trygge_nabolag", "trygge_aften_nat"])],
)
def test_district_goals_link_to_the_map(period: str, measures: list[str]):
    app = run(periode=period)
    links = [m.value for m in app.markdown if "Se bydelene på kortet" in m.value]
    assert links == [f"[Se bydelene på kortet](/kort?indikator={m})" for m in measures]


def test_the_youth_goals_link_to_the_youth_page():
    app = run(periode="2018-2021")
    cards = [h.value for h in app.subheader]
    links = [(p.proto.label, p.proto.page) for p in app.get("page_link")]
    assert links == [("Se København mod de fire byer", "unge")] * 2
    assert "Mål 3: Færre unge 15-17 år begår kriminalitet" in cards
    assert not [p for p in run(periode="2022-2025").get("page_link") if p.proto.page == "unge"]


def test_the_partnership_goals_link_to_their_area_page():
    app = run(periode="2022-2025")
    links = {(p.proto.label, p.proto.page, p.proto.query_string) for p in app.get("page_link")}
    assert links == {
        ("Se alle tal for Amager Partnerskab", "bydele", "bydel=amager-partnerskab"),
        ("Se alle tal for Tingbjerg-Husum", "bydele", "bydel=tingbjerg-husum"),
        ("Se alle tal for Folehaven", "bydele", "bydel=folehaven"),
    }
