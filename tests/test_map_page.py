"""The map page under AppTest: URL state, notices, the simulated map click and the panel."""

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PAGE = "pages/kort_side.py"


def open_map(**params: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    app.query_params.update(params)
    app.switch_page(PAGE)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def map_args(app: AppTest) -> dict:
    (component,) = app.get("component_instance")
    return json.loads(component.proto.json_args)


def click(app: AppTest, slug: str, count: int = 1) -> None:
    """Simulate a click on a district: the component reports the clicked feature (as
    streamlit-folium does in the browser) under its own key, a hash it sends with the map."""
    app.session_state[map_args(app)["key"]] = {
        "last_active_drawing": {"type": "Feature", "properties": {"slug": slug}},
        "last_object_clicked_count": count,
    }
    app.run()
    assert not app.exception, [e.value for e in app.exception]


def text_of(app: AppTest) -> str:
    return " ".join(m.value for m in app.markdown) + " " + " ".join(c.value for c in app.caption)


def test_2017_deep_link_shows_the_published_districts_and_ties_them_to_goal_6():
    app = open_map(indikator="utrygge_nabolag", aar="2017")
    assert not app.warning
    assert app.button_group[0].value == "utrygge_nabolag"
    assert app.button_group[1].value == 2017
    text = text_of(app)
    assert "**2 af 13 bydele** var over tærsklen på 10\u00a0% i 2017" in text
    assert "3 lå omkring den" in text
    assert "6 bydele har intet offentliggjort tal her" in text
    assert "Mål 6: Færre lokalområder med tryghedsudfordringer" in text
    assert "det offentliggjorte antal for 2017 er **5**" in text
    # The published count equals the districts the map shows above 10 %: all 5 are known.
    assert "Kortet viser alle 5 bydele over tærsklen" in text
    assert "Kilde:" in text
    args = map_args(app)
    assert args["js_links"] == ["/app/static/leaflet/leaflet.js"]
    assert args["css_links"] == ["/app/static/leaflet/leaflet.css"]
    assert args["script"].count('"slug"') == 13
    assert len(app.get("vega_lite_chart")) == 1  # the ranked bars; no district selected


def test_default_is_the_latest_full_year_of_the_current_strategys_measure():
    app = open_map()
    assert not app.warning
    assert dict(app.query_params) == {"indikator": "trygge_nabolag", "aar": "2026"}
    text = text_of(app)
    assert "under tærsklen på 85\u00a0% i 2026" in text
    assert "intet offentliggjort antal for 2026" in text


def test_bad_parameters_fall_back_with_danish_notices_and_no_markup():
    app = open_map(indikator="<b>ukendt</b>", aar="1999", bydel="Nørrebro'); DROP")
    notices = [w.value for w in app.warning]
    assert len(notices) == 3
    assert notices[0].startswith("Ukendt indikator »bukendtb«")
    assert notices[1].startswith("Ukendt år »1999«")
    assert notices[2].startswith("Ukendt bydel »Nørrebro DROP«")
    assert all("<" not in n for n in notices)
    assert dict(app.query_params) == {"indikator": "trygge_nabolag", "aar": "2026"}


def test_a_year_without_data_for_the_measure_falls_back_to_its_default_year():
    app = open_map(indikator="utrygge_nabolag", aar="2025")
    assert app.warning[0].value.startswith("Ukendt år »2025«")
    assert app.button_group[1].value == 2020


def test_a_map_click_selects_the_district_and_shows_its_panel():
    app = open_map(indikator="utrygge_nabolag", aar="2017")
    assert not app.selectbox[0].value
    click(app, "bispebjerg")
    assert app.query_params["bydel"] == "bispebjerg"
    assert app.selectbox[0].value == "bispebjerg"
    assert "Bispebjerg" in [s.value for s in app.subheader]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Utrygge i nabolaget 2017"] == "18\u00a0%"
    assert metrics["Ændring siden 2016"] == "+6\u00a0procentpoint"
    # The ranked bars plus one chart per measure published for the district.
    assert len(app.get("vega_lite_chart")) == 1 + 4
    assert "Borgervendt kriminalitet: intet offentliggjort tal for Bispebjerg" in text_of(app)


def test_choosing_another_district_after_a_click_is_not_undone_by_the_map():
    app = open_map(indikator="utrygge_nabolag", aar="2017")
    click(app, "bispebjerg")
    app.selectbox[0].set_value("valby").run()
    assert app.query_params["bydel"] == "valby"
    click(app, "bispebjerg", count=2)  # the same district clicked again
    assert app.query_params["bydel"] == "bispebjerg"


def test_deep_link_with_a_district_restores_the_panel():
    app = open_map(indikator="trygge_nabolag", aar="2025", bydel="ydre-noerrebro")
    assert not app.warning
    assert app.selectbox[0].value == "ydre-noerrebro"
    assert "Ydre Nørrebro" in [s.value for s in app.subheader]
    assert dict(app.query_params) == {
        "indikator": "trygge_nabolag",
        "aar": "2025",
        "bydel": "ydre-noerrebro",
    }


def test_changing_measure_keeps_a_valid_year_and_updates_the_url():
    app = open_map(indikator="utrygge_nabolag", aar="2017")
    app.button_group[0].set_value("trygge_aften_nat").run()
    assert not app.exception
    assert dict(app.query_params) == {"indikator": "trygge_aften_nat", "aar": "2025"}
    assert "under tærsklen på 75\u00a0% i 2025" in text_of(app)
    app.button_group[1].set_value(2024).run()
    assert app.query_params["aar"] == "2024"


def test_a_measure_without_threshold_says_so():
    app = open_map(indikator="borgervendt")
    assert "Strategien har ingen tærskel for borgervendt kriminalitet" in text_of(app)


def test_the_selected_district_links_to_its_own_page():
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()  # as in the browser: the entry script has set up the pages before any link
    app.query_params.update({"indikator": "utrygge_nabolag", "aar": "2017"})
    app.switch_page(PAGE)
    app.run()
    assert not app.get("page_link")
    click(app, "bispebjerg")
    (link,) = app.get("page_link")
    assert (link.proto.page, link.proto.query_string) == ("bydele", "bydel=bispebjerg")
    assert link.proto.label.startswith("Åbn bydelens side")
