"""The Bydele page under AppTest: a district, a partnership area and links that go wrong."""

from pathlib import Path

import pytest
from helpers import chart_datasets
from streamlit.testing.v1 import AppTest

from sikkerby.domain import omraade
from sikkerby.store import default_store

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def open_area(slug: str | None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    if slug is not None:
        app.query_params["bydel"] = slug
    app.run()
    app.switch_page("pages/bydele_side.py")
    app.run()
    assert not app.exception
    return app


def chart_labels(chart) -> set[str]:
    """Every `label` in a chart element's datasets (sent as Arrow)."""
    labels = set()
    for frame in chart_datasets(chart):
        if "label" in frame.columns:
            labels |= set(frame["label"])
    return labels


def text_of(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption]
    return " ".join(parts).replace("\xa0", " ")


def test_a_district_shows_every_measure_against_the_city_with_sources():
    app = open_area("bispebjerg")
    area = next(a for a in omraade.areas(default_store()) if a.area_id == "bispebjerg")
    shown = omraade.comparisons(default_store(), area)
    assert app.header[0].value == "Bispebjerg"
    assert app.selectbox[0].value == "bispebjerg"
    assert app.query_params["bydel"] == ["bispebjerg"] or app.query_params["bydel"] == "bispebjerg"
    assert len(app.get("vega_lite_chart")) == len(shown)
    assert app.metric[0].label == "Utrygge i nabolaget · 2020"
    text = text_of(app)
    assert "Bispebjerg ligger 8 procentpoint over byen i 2020." in text
    assert "**Tærskel (2018-2021):** Mere end 10 % utrygge i nabolaget." in text
    assert sum(c.value.startswith("Kilde:") for c in app.caption) == len(shown)
    coverage = app.dataframe[0].value
    assert coverage.loc["Utrygge i nabolaget", "2021"] == "mangler"
    buttons = app.get("download_button")
    assert [b.proto.label for b in buttons] == ["Hent tallene som CSV", "Hent tallene som Excel"]
    assert not app.warning


def test_a_partnership_shows_its_goals_and_the_break_in_its_area():
    app = open_area("amager-partnerskab")
    assert app.header[0].value == "Amager Partnerskab"
    text = text_of(app)
    assert "Tryghedspartnerskab · ligger i bydelen Amager Vest." in text
    assert "Amager Partnerskab: utrygheden nærmer sig byens niveau" in text
    assert "afstanden kan ikke sammenlignes med 2020 (brud: Udvidet område)" in text
    assert "Brud: Udvidet område" in chart_labels(app.get("vega_lite_chart")[0])
    assert "Tærskel" not in text
    assert "nærmeste offentliggjorte afgrænsning – ikke Amager Partnerskabs præcise grænse" in text
    assert "Urbanplanen mv." in text
    (svg,) = [m.value for m in app.markdown if m.value.startswith("<svg")]
    assert 'aria-label="Kort: Urbanplanen mv. (udsat byområde) i København"' in svg


def test_an_area_without_a_published_outline_says_so():
    app = open_area("valby-partnerskab")
    assert not [m for m in app.markdown if m.value.startswith("<svg")]
    assert "Der er ikke offentliggjort en afgrænsning af Valby (partnerskab)" in text_of(app)


@pytest.mark.parametrize("bad", ["atlantis", "<script>alert(1)</script>", ""])
def test_an_unknown_area_gives_a_danish_notice_and_the_first_district(bad: str):
    app = open_area(bad)
    assert len(app.warning) == 1
    notice = app.warning[0].value
    assert notice.startswith("Ukendt bydel eller område")
    assert "<" not in notice
    assert app.header[0].value == omraade.areas(default_store())[0].name


def test_choosing_another_area_updates_the_url():
    app = open_area("bispebjerg")
    app.selectbox[0].set_value("folehaven").run()
    assert not app.exception
    assert app.header[0].value == "Folehaven"
    assert app.query_params["bydel"] in ("folehaven", ["folehaven"])


def test_coming_back_by_the_same_link_shows_that_area_again():
    app = open_area("folehaven")
    app.switch_page("pages/overblik_side.py")
    app.run()
    app.query_params["bydel"] = "folehaven"
    app.switch_page("pages/bydele_side.py")
    app.run()
    assert not app.exception
    assert app.header[0].value == "Folehaven"
    assert not app.warning
