"""What the page tests share: running the app as the server does."""

import pytest
from streamlit.runtime.pages_manager import PagesManager


@pytest.fixture
def entry_script_routes(monkeypatch):
    """As the server runs (sikkerby.ui.serve): every page through app.py's navigation. AppTest
    would otherwise run a page file from pages/ on its own at each run, without app.py."""
    made = PagesManager.__init__

    def make(self, *args, **kwargs):
        made(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", make)
