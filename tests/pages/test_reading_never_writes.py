"""Reading never writes: the pages only read the published store. The bundled data become the
first version, and an old version gets the registries it needs, when the app starts
(`sikkerby.ui.serve.prepare_store`), never during a page view."""

import logging
import shutil

import pytest
from helpers import older_program_version, shown, snapshot
from streamlit.testing.v1 import AppTest

from sikkerby import versions
from sikkerby.errors import StoreError
from sikkerby.ingest import publish
from sikkerby.paths import ROOT
from sikkerby.render import links
from sikkerby.settings import STORE_ENV
from sikkerby.store import served
from sikkerby.ui import serve
from sikkerby.views import fallback

APP = str(ROOT / "app.py")
PAGES = (links.OVERVIEW, links.MAP, links.AREAS, links.YOUTH, links.STRATEGY, links.METHOD)


def every_page() -> list[str]:
    """What each public page says over the store in $SIKKERBY_STORE, each reached through the
    app's navigation as a browser reaches it (the entry page first)."""
    said = []
    for page in PAGES:
        app = AppTest.from_file(APP, default_timeout=30)
        app.run()
        if page is not links.OVERVIEW:
            app.switch_page(page.file)
            app.run()
        assert not app.exception, [e.value for e in app.exception]
        said += [shown(e.value) for e in app.error]
    return said


def test_an_empty_store_is_not_filled_by_a_page_view(monkeypatch, tmp_path, caplog):
    store = tmp_path / "lager"
    monkeypatch.setenv(STORE_ENV, str(store))
    with caplog.at_level(logging.ERROR):
        said = every_page()
    assert said == [fallback.UNAVAILABLE] * len(PAGES)
    assert not store.exists()  # not even the folder
    with pytest.raises(StoreError, match="Lageret har ingen version endnu"):
        served(store)


def test_the_start_publishes_the_bundled_data_once_and_the_pages_then_read(
    monkeypatch, tmp_path, caplog
):
    store = tmp_path / "lager"
    monkeypatch.setenv(STORE_ENV, str(store))
    serve.prepare_store()
    assert [v.number for v in versions.history(store)] == [1]
    before = snapshot(store)
    assert every_page() == []
    serve.prepare_store()  # a second start (another replica) finds the version there
    assert snapshot(store) == before


def test_an_old_version_is_upgraded_at_the_start_not_by_a_page(
    monkeypatch, pristine, tmp_path, caplog
):
    store = shutil.copytree(pristine, tmp_path / "lager")
    older_program_version(store)
    monkeypatch.setenv(STORE_ENV, str(store))
    before = snapshot(store)
    assert every_page() == [fallback.UNAVAILABLE] * len(PAGES)
    assert snapshot(store) == before
    serve.prepare_store()
    assert [v.number for v in versions.history(store)] == [2, 1]
    assert served(store).version == 2 and every_page() == []
    assert publish.default_store(store).version == 2
