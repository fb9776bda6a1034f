"""The pages under AppTest: each lays out its view without an exception, and keeps its state in
the URL: links open the view they name, widgets write their state back, and a changed URL (the
browser's Back and Forward) brings the page back to it. What the views hold is tested in
tests/views; what only a browser shows, in tests/browser."""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from sikkerby.paths import ROOT
from sikkerby.render import links
from sikkerby.views import overview

APP = str(ROOT / "app.py")


def open_page(page: links.Page, *, entry_first: bool = False, **params: str) -> AppTest:
    """The app opened on `page` with `params`; `entry_first` runs the entry page first, as a
    browser does, so that links name the pages by their URL paths."""
    app = AppTest.from_file(APP, default_timeout=30)
    if entry_first:
        rerun(app)
    app.query_params.update(params)
    if page is not links.OVERVIEW:
        app.switch_page(page.file)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def rerun(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def act(widget) -> AppTest:
    """Run the app after a visitor's change to `widget` (a `set_value(...)`)."""
    app = widget.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def params(app: AppTest) -> dict[str, str]:
    return {k: v[0] if isinstance(v, list) else v for k, v in app.query_params.items()}


def shown(value: str) -> str:
    """Text as a visitor reads it: without the escapes that keep data text plain."""
    return value.replace("\\", "").replace("\u2060", "").replace("\xa0", " ")


def text_of(app: AppTest) -> str:
    return shown(" ".join([m.value for m in app.markdown] + [c.value for c in app.caption]))


# Overblik ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("period", "cards"), [("2018-2021", 6), ("2022-2025", 8)])
def test_the_overview_lays_out_a_card_per_goal_with_its_sources(period: str, cards: int):
    app = open_page(links.OVERVIEW, periode=period)
    *goal_headings, files = [shown(h.value) for h in app.subheader]
    assert len(goal_headings) == cards and files == "Alle tal og kilder"
    assert len(app.get("download_button")) == 3  # the report, the CSV and the Excel file
    drawn = len(app.get("vega_lite_chart"))
    missing = [i for i in app.info if "ingen offentliggjorte tal at tegne" in shown(i.value)]
    assert drawn + len(missing) == cards
    # each card's chart has a "Kilde:" line, and so has each group of numbers with a source
    numbers = sum(any(help_sources(m) for m in metrics) for metrics, _ in groups(app))
    assert sum(shown(c.value).startswith("Kilde:") for c in app.caption) == cards + numbers
    assert len(app.expander) == cards + 1  # and the rows of the files
    assert not app.warning
    assert params(app) == {"periode": period}


def test_switching_period_updates_the_url_and_a_changed_url_switches_back():
    app = open_page(links.OVERVIEW)
    assert params(app) == {"periode": "2018-2021"}
    act(app.button_group[0].set_value("2022-2025"))
    assert params(app) == {"periode": "2022-2025"}
    assert shown(app.subheader[0].value) == "Mål 1: Flere trygge i de mindst trygge bydele"
    app.query_params["periode"] = "2018-2021"  # the browser's Back button
    rerun(app)
    assert app.button_group[0].value == "2018-2021"
    assert shown(app.subheader[0].value) == "Mål 1: Øget tryghed"


def test_an_unknown_period_gives_one_danish_notice():
    app = open_page(links.OVERVIEW, periode="<script>x</script>")
    (notice,) = app.warning
    assert shown(notice.value).startswith("Ukendt strategiperiode »scriptxscript«")
    assert len(app.subheader) == 6 + 1


def test_statuses_as_of_an_earlier_edition_are_said_to_be_so_and_follow_the_url():
    app = open_page(links.OVERVIEW, periode="2018-2021", status_aar="2020")
    # The note, and goal 4's sentence in place of a chart with no point in time.
    note, no_chart = app.info
    assert shown(note.value).startswith("Status som ved Tryghedsundersøgelsen 2020")
    assert "ingen offentliggjorte tal at tegne" in shown(no_chart.value)
    badges = shown(" ".join(m.value for m in app.markdown))
    assert "Ikke på vej: 2" in badges and "Nået: 1" in badges and "Ikke nået" not in badges
    assert app.button_group[1].value == 2020
    assert params(app) == {"periode": "2018-2021", "status_aar": "2020"}
    act(app.button_group[1].set_value(overview.TODAY))  # "I dag"
    assert params(app) == {"periode": "2018-2021"}
    assert [shown(i.value) for i in app.info] == [shown(no_chart.value)]  # the note is gone
    assert "Ikke nået: 2" in shown(" ".join(m.value for m in app.markdown))


def test_an_unknown_status_year_gives_a_danish_notice_and_today_s_statuses():
    app = open_page(links.OVERVIEW, periode="2022-2025", status_aar="2019")
    (notice,) = app.warning
    assert shown(notice.value).startswith("Ukendt statusår »2019« i adressen. Viser i dag")
    assert params(app) == {"periode": "2022-2025"}


def test_the_overview_links_to_the_map_the_youth_page_and_the_area_pages():
    app = open_page(links.OVERVIEW, periode="2022-2025")
    found = {
        (shown(p.proto.label), p.proto.page, p.proto.query_string) for p in app.get("page_link")
    }
    assert ("Se bydelene på kortet", "kort", "indikator=trygge_nabolag") in found
    assert ("Se alle tal for Folehaven", "bydele", "bydel=folehaven") in found


# Kort --------------------------------------------------------------------------------------------


def map_args(app: AppTest) -> dict:
    (component,) = app.get("component_instance")
    return json.loads(component.proto.json_args)


def click(app: AppTest, slug: str, count: int = 1) -> None:
    """Simulate a click on a district: the component reports the clicked feature (as
    streamlit-folium does in the browser) under its own key."""
    app.session_state[map_args(app)["key"]] = {
        "last_active_drawing": {"type": "Feature", "properties": {"slug": slug}},
        "last_object_clicked_count": count,
    }
    rerun(app)


def test_a_map_link_opens_its_view_offline():
    app = open_page(links.MAP, indikator="utrygge_nabolag", aar="2017")
    assert (app.button_group[0].value, app.button_group[1].value) == ("utrygge_nabolag", 2017)
    assert "5 af 13 bydele" in text_of(app)
    args = map_args(app)
    assert args["js_links"] == ["/leaflet/leaflet.js"]
    assert args["css_links"] == ["/leaflet/leaflet.css"]
    assert args["script"].count('"slug"') == 13
    assert len(app.get("vega_lite_chart")) == 1  # the ranked bars; no district selected
    assert params(app) == {"indikator": "utrygge_nabolag", "aar": "2017"}


def test_bad_map_parameters_give_danish_notices_and_a_clean_url():
    app = open_page(links.MAP, indikator="<b>ukendt</b>", aar="1999", bydel="Nørrebro'); DROP")
    notices = [shown(w.value) for w in app.warning]
    assert [n.split(" »")[0] for n in notices] == ["Ukendt indikator", "Ukendt år", "Ukendt bydel"]
    assert all("<" not in n for n in notices)
    assert params(app) == {"indikator": "trygge_nabolag", "aar": "2026"}
    act(app.button_group[1].set_value(2025))
    assert not app.warning  # the view is no longer the one the link asked for


def test_a_click_selects_the_district_and_the_list_can_choose_another():
    app = open_page(links.MAP, entry_first=True, indikator="utrygge_nabolag", aar="2017")
    click(app, "bispebjerg")
    assert params(app)["bydel"] == "bispebjerg"
    assert app.selectbox[0].value == "bispebjerg"
    assert len(app.get("vega_lite_chart")) == 1 + 4  # the bars and the district's measures
    (page_link,) = [p for p in app.get("page_link") if p.proto.page == "bydele"]
    assert page_link.proto.query_string == "bydel=bispebjerg"
    act(app.selectbox[0].set_value("valby"))
    assert params(app)["bydel"] == "valby"
    click(app, "bispebjerg", count=2)  # the same district clicked again
    assert params(app)["bydel"] == "bispebjerg"


def test_back_and_forward_walk_through_the_states_of_the_map():
    app = open_page(links.MAP, indikator="utrygge_nabolag", aar="2017")
    act(app.button_group[0].set_value("trygge_aften_nat"))
    assert params(app) == {"indikator": "trygge_aften_nat", "aar": "2025"}
    act(app.button_group[1].set_value(2024))
    assert params(app) == {"indikator": "trygge_aften_nat", "aar": "2024"}
    for state in (
        {"indikator": "trygge_aften_nat", "aar": "2025"},  # Back
        {"indikator": "utrygge_nabolag", "aar": "2017"},  # Back
        {"indikator": "trygge_aften_nat", "aar": "2025"},  # Forward
    ):
        app.query_params.clear()
        app.query_params.update(state)
        rerun(app)
        assert (app.button_group[0].value, str(app.button_group[1].value)) == (
            state["indikator"],
            state["aar"],
        )
        assert params(app) == state


# Bydele ------------------------------------------------------------------------------------------


def test_an_area_page_lays_out_its_measures_and_files():
    app = open_page(links.AREAS, bydel="bispebjerg")
    assert shown(app.header[0].value) == "Bispebjerg"
    assert app.selectbox[0].value == "bispebjerg"
    assert len(app.get("vega_lite_chart")) == 6
    # each chart's and the large numbers' "Kilde:" line
    assert sum(shown(c.value).startswith("Kilde:") for c in app.caption) == 6 + 1
    buttons = app.get("download_button")
    assert [b.proto.label for b in buttons] == ["Hent tallene som CSV", "Hent tallene som Excel"]
    assert any(m.value.startswith("<div><svg") for m in app.markdown)
    assert not app.warning


def test_choosing_another_area_updates_the_url_and_a_new_link_chooses_again():
    app = open_page(links.AREAS, bydel="bispebjerg")
    act(app.selectbox[0].set_value("folehaven"))
    assert shown(app.header[0].value) == "Folehaven"
    assert params(app) == {"bydel": "folehaven"}
    app.query_params["bydel"] = "valby"  # a link followed, or the browser's Back
    rerun(app)
    assert shown(app.header[0].value) == "Valby"


def test_coming_back_by_the_same_link_shows_that_area_again():
    app = open_page(links.AREAS, bydel="folehaven")
    app.switch_page(links.OVERVIEW.file)
    rerun(app)
    app.query_params["bydel"] = "folehaven"
    app.switch_page(links.AREAS.file)
    rerun(app)
    assert shown(app.header[0].value) == "Folehaven"
    assert not app.warning


def test_an_unknown_area_falls_back_with_a_notice():
    app = open_page(links.AREAS, bydel="atlantis")
    (notice,) = app.warning
    assert shown(notice.value).startswith("Ukendt bydel eller område »atlantis«")
    assert shown(app.header[0].value) == "Amager Vest"


# Unge --------------------------------------------------------------------------------------------


def test_the_youth_page_lays_out_both_goals():
    app = open_page(links.YOUTH)
    assert [shown(h.value) for h in app.subheader] == [
        "Mål 3: Færre unge 15-17 år begår kriminalitet",
        "Mål 4: Færre unge 18-25 år begår alvorlig kriminalitet",
    ]
    charts = len(app.get("vega_lite_chart"))
    # Level and gap for each goal (and the context once fetched); a level with no point to
    # draw (goal 4: only baselines without a year) is a sentence instead, with its "Kilde:".
    missing = [i for i in app.info if "ingen offentliggjorte tal at tegne" in shown(i.value)]
    assert charts + len(missing) >= 4
    # each chart's (or its sentence's) and each goal's large numbers' "Kilde:" line
    kilde = sum(shown(c.value).startswith("Kilde:") for c in app.caption)
    assert kilde == charts + len(missing) + 2
    assert len(app.metric) == 6


# Strategien og Om data og metode -----------------------------------------------------------------


def test_the_strategy_page_shows_the_principles_and_the_gang_goal():
    app = open_page(links.STRATEGY)
    headings = [shown(h.value) for h in app.subheader]
    assert headings[:6] == [
        "Princip 1: Bredt samarbejde",
        "Princip 2: Viden og effekt",
        "Princip 3: Børn og unge i risiko",
        "Princip 4: Bander",
        "Princip 5: Lokalområder med tryghedsudfordringer",
        "Princip 6: Ekstremisme",
    ]
    assert "hele landet (ikke København)" in headings[-1]
    assert [shown(h.value) for h in app.header] == ["Mål 5: Færre bandemedlemmer"]
    values = [shown(m.value) for m in app.metric]
    assert {"526 unge", "91 personer", "54 steder", "290 personer"} <= set(values)
    charts = len(app.get("vega_lite_chart"))
    # The gang goal's chart, and the national counts' on their own, each with its "Kilde:".
    assert charts == 2 and sum(shown(c.value).startswith("Kilde:") for c in app.caption) >= 5
    assert not app.warning


def test_the_method_page_says_how_new_the_data_are_and_how_a_status_is_decided():
    app = open_page(links.METHOD)
    (newest,) = app.info
    assert shown(newest.value).startswith("Data til og med 2026")
    assert [shown(h.value) for h in app.header] == [
        "Sådan afgøres en status",
        "Tærsklerne og usikkerheden",
        "Brud i opgørelserne",
        "Hvor tallene kommer fra",
    ]
    assert len(app.table) == 1 and shown(app.caption[-1].value).startswith("Kilde:")


def test_without_login_set_up_the_update_page_offers_nothing():
    app = open_page(links.UPDATE)
    (info,) = app.info
    assert shown(info.value).startswith("Login er ikke sat op på denne server")
    assert not app.button and not app.get("file_uploader") and not app.get("download_button")


# A secret as `secrets.token_hex(32)` makes one (fixed here so that runs compare).
GOOD_SECRET = "9c1f4e2b7a30d8c56e9f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f"
EDITOR = {"is_logged_in": True, "email": "anna@kk.dk", "email_verified": True}


def with_login(secret: object = GOOD_SECRET, user: dict | None = None, page=links.UPDATE):
    """The app on `page` with [auth] set up with `secret`, anna@kk.dk an editor, and `user`
    (as st.user) logged in; the entry page runs first, as in a browser, so that every page is
    reached through the navigation (which asks who is logged in)."""
    app = AppTest.from_file(APP, default_timeout=30)
    auth = {
        "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
        "client_id": "sikkerby",
        "client_secret": "test",
        "server_metadata_url": "http://localhost:9400/.well-known/openid-configuration",
    }
    app.secrets["auth"] = auth if secret is None else {**auth, "cookie_secret": secret}
    app.secrets["sikkerby"] = {"editors": ["anna@kk.dk"]}
    if user is not None:
        app.user = user
    rerun(app)
    if page is not links.OVERVIEW:
        app.switch_page(page.file)
        rerun(app)
    return app


def test_with_login_set_up_a_visitor_gets_only_a_login_button():
    app = with_login()
    assert [b.label for b in app.button] == ["Log ind med kommunens login"]
    assert not app.get("file_uploader") and not app.get("download_button")
    assert not app.dataframe  # no history, no figures


def test_with_a_good_cookie_secret_an_editor_gets_the_page():
    app = with_login(user=EDITOR)
    assert [b.label for b in app.button][:1] == ["Log ud"]
    assert len(app.get("file_uploader")) == 1 and len(app.get("download_button")) == 2


@pytest.mark.parametrize(
    ("secret", "why"),
    [
        ("a long random string", "er et eksempel fra dokumentationen"),  # the README's old one
        ("…", "er et eksempel fra dokumentationen"),  # login's docstring
        ("3f9a0c1b7d2e4f6a8b0c", "er for kort (20 tegn; mindst 64"),
        (None, "mangler"),
    ],
)
def test_a_weak_cookie_secret_refuses_login_on_the_page_and_once_in_the_log(
    secret, why, caplog, monkeypatch
):
    """Even with a cookie that says an editor is logged in (anyone who knows the secret can
    write one), the page offers nothing and the menu does not list it."""
    from sikkerby.ui import login

    monkeypatch.setattr(login, "_logged", set())  # what earlier tests logged, forgotten
    caplog.set_level("ERROR", logger=login.__name__)
    for page in (links.MAP, links.UPDATE):
        app = with_login(secret, EDITOR, page)
    (error,) = app.error
    assert shown(error.value).startswith("Login er slået fra på denne server")
    assert not app.button and not app.get("file_uploader") and not app.get("download_button")
    logged = [r.getMessage() for r in caplog.records if r.name == login.__name__]
    assert len(logged) == 1, logged
    assert logged[0].startswith("Login er slået fra: [auth] cookie_secret") and why in logged[0]


@pytest.mark.parametrize(
    "claims",
    [
        {"email": ["anna@kk.dk"], "email_verified": True},
        {"email": 42, "email_verified": True},
        {"email": "anna@\u212a\u212a.dk", "email_verified": True},  # Kelvin signs
        {"email_verified": True},
    ],
    ids=["list", "number", "kelvin", "none"],
)
@pytest.mark.parametrize("page", [links.OVERVIEW, links.MAP, links.UPDATE], ids=lambda p: p.title)
def test_an_email_claim_that_is_no_address_is_a_danish_refusal_not_a_crash(claims, page):
    app = with_login(user={"is_logged_in": True, **claims}, page=page)
    if page is links.UPDATE:
        (warning,) = app.warning
        assert shown(warning.value).startswith("Du er logget ind, men login-tjenesten har ikke")
        assert [b.label for b in app.button] == ["Log ud"] and not app.get("file_uploader")


def test_a_look_alike_in_the_editors_list_is_ignored_and_named_once_in_the_log(caplog, monkeypatch):
    from sikkerby.ui import login

    monkeypatch.setattr(login, "_logged", set())
    caplog.set_level("ERROR", logger=login.__name__)
    app = AppTest.from_file(APP, default_timeout=30)
    app.secrets["auth"] = {
        "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
        "cookie_secret": GOOD_SECRET,
    }
    app.secrets["sikkerby"] = {"editors": ["anna@\u212a\u212a.dk", "bo@kk.dk"]}
    app.user = EDITOR
    rerun(app)
    app.switch_page(links.UPDATE.file)
    rerun(app)
    (warning,) = app.warning
    assert "er ikke på listen" in shown(warning.value) and not app.get("file_uploader")
    logged = [r.getMessage() for r in caplog.records if r.name == login.__name__]
    assert logged == [
        "[sikkerby] editors i .streamlit/secrets.toml: 'anna@\\u212a\\u212a.dk' er ikke en "
        "gyldig e-mailadresse og giver ikke adgang."
    ]


@pytest.mark.parametrize("verified", ["true", 1, None])
def test_an_email_verified_claim_that_is_not_true_gives_no_access(verified):
    app = with_login(user={**EDITOR, "email_verified": verified})
    (warning,) = app.warning
    assert "har ikke bekræftet adressen" in shown(warning.value)
    assert not app.get("file_uploader")


def test_the_update_page_lists_the_newest_versions_and_says_how_many_are_older(
    store_copy, monkeypatch
):
    from sikkerby.ingest import publish
    from sikkerby.views import update

    monkeypatch.setenv("SIKKERBY_STORE", str(store_copy))
    publish.publish_bundled("test", store_copy)  # version 2
    publish.rollback(1, "test", store_copy)  # 3
    publish.rollback(2, "test", store_copy)  # 4
    monkeypatch.setattr(update, "HISTORY_SHOWN", 2)
    app = with_login(user=EDITOR)
    (table,) = app.table
    assert [shown(v) for v in table.value["Version"]] == ["4 (gældende)", "3"]
    assert any("… og 2 ældre versioner." in shown(c.value) for c in app.caption)
    rollbacks = [b.label for b in app.button if b.label.startswith("Gør version")]
    assert rollbacks == ["Gør version 3 gældende igen"]


# Sources under the large numbers ------------------------------------------------------------------
# A projector and a touch screen show no tooltip: each group of large numbers is followed by a
# "Kilde:" line that names the source of every number in the group whose help names one.


def in_order(app) -> list:
    """The page's elements in the order a reader meets them."""

    def walk(node):
        children = getattr(node, "children", None)
        if children:
            for key in sorted(children):
                yield from walk(children[key])
        else:
            yield node

    return list(walk(app._tree))


def groups(app) -> list[tuple[list, str | None]]:
    """Each run of large numbers, with the first caption after it (None: no caption follows
    before the next group)."""
    found, run = [], []
    for element in in_order(app):
        if element.type == "metric":
            run.append(element)
        elif run and element.type == "caption":
            found.append((run, shown(element.value)))
            run = []
    if run:
        found.append((run, None))
    return found


def help_sources(metric) -> list[str]:
    """The source titles a large number's help names ("Kilde: <title>.")."""
    return re.findall(r"Kilde: (.+?)\.(?: |$)", shown(metric.help or ""))


PAGES = [
    pytest.param(links.OVERVIEW, {"periode": "2018-2021"}, None, id="overblik-2018"),
    pytest.param(links.OVERVIEW, {"periode": "2022-2025"}, None, id="overblik-2022"),
    pytest.param(
        links.MAP, {"indikator": "utrygge_nabolag", "aar": "2017"}, "bispebjerg", id="kort"
    ),
    pytest.param(links.AREAS, {"bydel": "bispebjerg"}, None, id="bydele"),
    pytest.param(links.YOUTH, {}, None, id="unge"),
    pytest.param(links.STRATEGY, {}, None, id="strategien"),
]


@pytest.mark.parametrize(("page", "params", "district"), PAGES)
def test_every_group_of_large_numbers_says_its_sources_under_it(page, params, district):
    app = open_page(page, entry_first=district is not None, **params)
    if district:
        click(app, district)
    found = groups(app)
    assert found, "the page shows large numbers"
    sourced = 0
    for metrics, caption in found:
        titles = [t for m in metrics for t in help_sources(m)]
        if not titles:
            continue
        sourced += 1
        labels = [shown(m.label) for m in metrics]
        assert caption is not None and caption.startswith("Kilde: "), (labels, caption)
        for title in titles:
            assert title in caption, (labels, title, caption)
    assert sourced, "at least one group names a source"
