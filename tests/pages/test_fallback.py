"""Danish pages instead of Streamlit's English ones, under AppTest: an unexpected error in a page,
a fragment or a callback shows a short Danish message with an id that the server's log has with
the traceback; Streamlit's own control flow passes through; an unknown address gets "Siden
findes ikke". What only a browser shows (Streamlit's client-side dialog, an address two levels
deep) is in tests/browser/test_fallback_browser.py."""

import logging
import re

import pytest
from streamlit.testing.v1 import AppTest

from sikkerby.paths import ROOT
from sikkerby.render import links, slides
from sikkerby.views import method

APP = str(ROOT / "app.py")
ID = re.compile(r"fejlkoden ([0-9a-f]{8}),")


# Every page through app.py's navigation, as the server runs it (conftest.py).
pytestmark = pytest.mark.usefixtures("entry_script_routes")


def open_page(page: links.Page, **params: str) -> AppTest:
    """The app opened on `page`: the entry page first, as a browser does, so that the page is
    found by the navigation's own address."""
    app = rerun(AppTest.from_file(APP, default_timeout=30))
    app.query_params.update(params)
    app.switch_page(page.file)
    app.run()
    return app


def rerun(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def shown(value: str) -> str:
    """Text as a visitor reads it: without the escapes that keep data text plain."""
    return value.replace("\\", "").replace("\u2060", "").replace("\xa0", " ")


def error_id(app: AppTest) -> str:
    """The id the Danish error page shows (and that it is the only thing on the page)."""
    assert not app.exception, [e.value for e in app.exception]  # no English error box
    assert [shown(t.value) for t in app.title] == ["Noget gik galt"]
    (message,) = app.error
    text = shown(message.value)
    assert "Ingen data er ændret." in text
    (found,) = ID.findall(text)
    assert not app.header and not app.subheader and not app.get("vega_lite_chart")
    return found


def logged(caplog, incident: str) -> logging.LogRecord:
    (record,) = [r for r in caplog.records if incident in r.getMessage()]
    assert record.levelno == logging.ERROR and record.exc_info is not None
    return record


def test_an_error_in_a_page_shows_a_danish_page_with_an_id_that_the_log_has(monkeypatch, caplog):
    def broken(*args):
        raise RuntimeError("Intern fejl i metodesiden")

    monkeypatch.setattr(method, "build", broken)
    app = open_page(links.METHOD)
    incident = error_id(app)
    record = logged(caplog, incident)
    assert "på siden '/metode?" in record.getMessage()
    trace = logging.Formatter().formatException(record.exc_info)
    assert "Intern fejl i metodesiden" in trace and "in broken" in trace
    assert "Intern fejl" not in " ".join(shown(e.value) for e in app.error)
    rerun(app)  # the next run shows the page again (and fails again, with a new id)
    assert error_id(app) != incident


def test_an_error_in_the_presentation_s_timed_part_shows_the_danish_page(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ValueError("dias kan ikke tegnes")

    monkeypatch.setattr(slides, "scene", broken)
    app = open_page(links.PRESENTATION, periode="2018-2021")
    logged(caplog, error_id(app))


def test_an_error_in_a_callback_shows_the_danish_page_instead_of_the_page(caplog):
    def script():
        import streamlit as st

        from sikkerby.ui import fallback

        def publish():
            raise OSError("disken er fuld")

        class Page:
            def run(self):
                st.button("Offentliggør", on_click=fallback.callback(publish))

        fallback.run_page(Page(), "/test")

    app = AppTest.from_function(script, default_timeout=30).run()
    app.button[0].click().run()
    record = logged(caplog, error_id(app))
    assert "publish" in record.getMessage()
    rerun(app)
    assert [b.label for b in app.button] == ["Offentliggør"] and not app.error


def test_streamlit_s_own_stop_and_page_switch_pass_through():
    app = rerun(open_page(links.UPDATE))  # st.stop() without login set up
    (info,) = app.info
    assert shown(info.value).startswith("Login er ikke sat op")
    assert not app.error and not app.title[0].value.startswith("Noget")

    def script():
        import streamlit as st

        from sikkerby.ui import fallback

        class Page:
            def run(self):
                st.write("før")
                if not st.session_state.get("igen"):
                    st.session_state["igen"] = True
                    st.rerun()
                st.write("efter")

        fallback.run_page(Page(), "/test")

    app = AppTest.from_function(script, default_timeout=30).run()
    assert [m.value for m in app.markdown] == ["før", "efter"] and not app.error


@pytest.mark.parametrize(
    ("module", "name", "where"),
    [
        ("sikkerby.ui.components", "store", "before st.navigation"),  # a store that cannot open
        ("sikkerby.ui.login", "access", "before st.navigation"),
        ("sikkerby.ui.style", "apply", "after st.navigation"),
    ],
)
def test_an_error_in_the_navigation_shows_the_danish_page(monkeypatch, caplog, module, name, where):
    def broken(*args):
        raise KeyError("version")

    monkeypatch.setattr(f"{module}.{name}", broken)
    app = AppTest.from_file(APP, default_timeout=30)
    app.query_params["periode"] = "2018-2021"
    app.run()
    record = logged(caplog, error_id(app))
    assert "på siden '/?periode=2018-2021'" in record.getMessage(), where
    assert "in broken" in logging.Formatter().formatException(record.exc_info)


def test_st_login_raising_in_its_button_shows_the_danish_page(monkeypatch, caplog):
    """st.login refuses a provider it cannot use with Streamlit's English StreamlitAuthError."""
    from streamlit.errors import StreamlitAuthError

    def refused(*args):
        raise StreamlitAuthError("Authentication credentials in `.streamlit/secrets.toml`")

    monkeypatch.setattr("streamlit.login", refused)
    app = AppTest.from_file(APP, default_timeout=30)
    app.secrets["auth"] = {
        "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
        "cookie_secret": "9c1f4e2b7a30d8c56e9f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f",
        "client_id": "sikkerby",
    }
    rerun(app)
    app.switch_page(links.UPDATE.file)
    rerun(app)
    (login,) = app.button
    login.click().run()
    record = logged(caplog, error_id(app))
    assert "StreamlitAuthError" in record.getMessage()
    rerun(app)  # the next run is the login page again
    assert [b.label for b in app.button] == [login.label]


def test_an_error_in_a_url_widget_s_on_change_shows_the_danish_page(monkeypatch, caplog):
    from sikkerby.ui import components

    def changed(page):
        def mark():
            raise RuntimeError(f"valget på {page} kan ikke huskes")

        return mark

    monkeypatch.setattr(components, "changed", changed)
    app = open_page(links.OVERVIEW, periode="2018-2021")
    app.segmented_control[0].set_value("2022-2025").run()
    record = logged(caplog, error_id(app))
    assert "changed.<locals>.mark" in record.getMessage()
    assert "kan ikke huskes" in logging.Formatter().formatException(record.exc_info)


def test_a_report_that_cannot_be_made_is_a_danish_word_file_with_the_id(monkeypatch, caplog):
    """The report is made when its button is clicked, outside any run of the page (Streamlit's
    server calls the button's data; AppTest has no server, so the test calls it as the server
    would): an error there would reach the visitor as Streamlit's English "Failed to generate
    file for download"."""
    import io

    import streamlit as st
    from docx import Document

    from sikkerby import rapport

    def broken(*args):
        raise RuntimeError("Word-filen kan ikke skrives")

    offered = []
    button = st.download_button

    def recorded(*args, **kwargs):
        offered.append(kwargs)
        return button(*args, **kwargs)

    monkeypatch.setattr(rapport, "document", broken)
    monkeypatch.setattr(st, "download_button", recorded)
    open_page(links.OVERVIEW, periode="2018-2021", status_aar="2021")
    *_, report = [k for k in offered if k["file_name"].endswith(".docx")]  # the last run's
    made = report["data"]()
    text = [p.text for p in Document(io.BytesIO(made)).paragraphs]
    assert text[0] == "Afrapporteringen kunne ikke laves"
    (incident,) = ID.findall(text[1])
    assert "dette dokument er ikke afrapporteringen" in text[1]
    assert "Word-filen" not in " ".join(text)
    record = logged(caplog, incident)
    assert (
        "på siden '/?periode=2018-2021&status_aar=2021, hent report_download."
        in record.getMessage()
    )
    assert "in broken" in logging.Formatter().formatException(record.exc_info)
