"""Streamlit's own dialog when the dashboard's server stops answering, in Danish: it says the
server does not answer and that the page tries again, without asking whether the viewer is on
the internet (the app runs offline) and without a terminal command. The page and the dialog
are read as a screen reader gets them (the accessibility tree) and as shown.

Each test runs a server of its own, stopped while the page is open."""

import pytest
from harness import READY, READY_TIMEOUT_MS, app_over, offline_context
from test_danish_browser import ENGLISH_WORDS, SAID, heard

from sikkerby.ui import danish

OWN_SERVER = True  # its own app server, stopped by the test (see conftest.py)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_stopped_server_gets_a_danish_dialog(browser, tmp_path, host):
    """Streamlit words the dialog by the address: "not responding … connected to the
    internet?" on an address, "Is Streamlit still running? … streamlit run" on localhost."""
    context, external = offline_context(browser, 1280, 720)
    try:
        page = context.new_page()
        with app_over(None, tmp_path) as base:
            page.goto(base.replace("127.0.0.1", host) + "/unge")
            page.wait_for_selector(READY, state="attached", timeout=READY_TIMEOUT_MS)
            page.get_by_test_id("stMain").locator("h1").first.wait_for(timeout=30_000)
        # The server has stopped: Streamlit's client tries again and shows its dialog.
        dialog = page.get_by_role("dialog")
        dialog.wait_for(timeout=60_000)
        page.wait_for_function(
            "t => document.querySelector('[role=dialog]').innerText.includes(t)",
            arg=danish.NO_ANSWER,
            timeout=10_000,
        )
        shown = dialog.inner_text()
        said = heard(page) + page.evaluate(SAID)
        code = dialog.locator("pre").evaluate_all(
            "els => els.filter(e => e.getBoundingClientRect().height > 0).length"
        )
    finally:
        context.close()
    assert "Ingen forbindelse" in shown and danish.NO_ANSWER in shown
    assert "internet" not in shown.lower() and "streamlit" not in shown.lower()
    assert code == 0  # no terminal command
    assert sorted({s for s in said if ENGLISH_WORDS.search(s)}) == []
    assert external == []
