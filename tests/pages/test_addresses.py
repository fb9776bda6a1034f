"""Every URL parameter of every page with a value it does not know, under AppTest: the page
renders with its default, and says so in one Danish notice that names the valid values (README:
"Unknown values fall back ... with a notice"). The value is repeated only as plain text (no
markup, cut short), and the notice stays on screen in the runs that follow, once the page has
written a clean address, until the visitor chooses another view.

Unge, Strategien and Om data og metode take no parameters: anything in their address is ignored.
"""

import pytest
from streamlit.testing.v1 import AppTest

from sikkerby.paths import ROOT
from sikkerby.render import links

APP = str(ROOT / "app.py")
TRACKER = "198.51.100.7"  # TEST-NET-2: never a real host
ODD = {
    "tom": "",
    "lang": "x" * 5000,
    "unicode": "Ørestad 🙂\u202e\u200b",
    "gentaget": ["2018-2021", "ukendt"],  # ?p=a&p=b: the last one counts, as in Streamlit
    "script": "<script>alert(1)</script>",
    "billede": f"![x](http://{TRACKER}/x.png)",
}
# (page, parameter, the notice's start, what the notice names among the valid values)
PARAMETERS = [
    (links.OVERVIEW, "periode", "Ukendt strategiperiode", "Mulige: 2018-2021, 2022-2025."),
    (links.OVERVIEW, "status_aar", "Ukendt statusår", "Mulige: 2018, 2019"),
    (links.MAP, "indikator", "Ukendt indikator", "Utrygge i nabolaget, Utrygge aften og nat"),
    (links.MAP, "aar", "Ukendt år", "Mulige: 2022, 2024, 2025, 2026."),
    (links.MAP, "bydel", "Ukendt bydel", "Amager Vest, Amager Øst, Bispebjerg"),
    (links.AREAS, "bydel", "Ukendt bydel eller område", "Bispebjerg, Brønshøj-Husum"),
    (links.PRESENTATION, "periode", "Ukendt strategiperiode", "Mulige: 2018-2021, 2022-2025."),
    (links.PRESENTATION, "dias", "Ukendt dias", "Mulige: 1 til"),
    (links.PRESENTATION, "indikator", "Ukendt indikator", "Utrygge i nabolaget"),
    # The default deck (2018-2021) offers its own period's years of its own measure.
    (links.PRESENTATION, "aar", "Ukendt år", "Mulige: 2018, 2019, 2020."),
    (links.PRESENTATION, "auto", "Ukendt auto", "Mulige: 5 til 3600 sekunder."),
]


# Every page through app.py's navigation, as the server runs it (conftest.py).
pytestmark = pytest.mark.usefixtures("entry_script_routes")


def rerun(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def shown(value: str) -> str:
    """Text as a visitor reads it: without the escapes that keep data text plain."""
    return value.replace("\\", "").replace("\u2060", "").replace("\xa0", " ")


def rendered(app: AppTest, page: links.Page) -> bool:
    if page is links.PRESENTATION:
        return any(m.value.startswith("Dias 1 af") for m in app.markdown)
    return bool(app.title) and not shown(app.title[0].value).startswith("Noget gik galt")


@pytest.mark.parametrize("odd", list(ODD))
@pytest.mark.parametrize(("page", "name", "start", "names"), PARAMETERS)
def test_an_unknown_value_gives_a_danish_notice_that_stays(page, name, start, names, odd):
    value = ODD[odd]
    app = rerun(AppTest.from_file(APP, default_timeout=60))
    app.query_params[name] = value
    app.switch_page(page.file)
    rerun(app)
    assert rendered(app, page)
    (notice,) = [shown(w.value) for w in app.warning]
    assert notice.startswith(start + " ") and names in notice, notice
    quoted = links.shown_safely(value[-1] if isinstance(value, list) else value).strip()
    assert notice.startswith(f"{start} »{quoted}« i adressen" if quoted else f"{start} i adressen")
    assert not any(c in notice.split("i adressen")[0] for c in "<>()[]!:/"), notice
    rerun(app)  # a run with the address the page wrote (the map reporting back, a rerun)
    assert [shown(w.value) for w in app.warning] == [notice]
    assert rendered(app, page)


def test_a_kept_notice_goes_when_the_visitor_leaves_the_page():
    app = rerun(AppTest.from_file(APP, default_timeout=60))
    app.query_params["indikator"] = "ukendt"
    app.switch_page(links.MAP.file)
    assert len(rerun(app).warning) == 1
    app.switch_page(links.OVERVIEW.file)
    assert not rerun(app).warning
    app.query_params.clear()
    app.switch_page(links.MAP.file)  # the navigation's link: /kort, the same view as before
    rerun(app)
    assert not app.warning and app.button_group[0].value == "trygge_nabolag"
