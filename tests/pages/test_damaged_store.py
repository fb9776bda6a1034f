"""The pages over a store whose current version is damaged on disk (a file, or its version.json):
the figures come from the newest intact version, the logged-in editor is told at the top of
/opdater which version is damaged, which is shown and what to do, and a store with no intact
version gets a short Danish notice on every public page (the details go to the server's log and
to /opdater), never English, a traceback or the store's path. Nothing in the store changes."""

from pathlib import Path

import pytest
from helpers import open_tables, shown_texts, snapshot
from kill_writer import new_row
from streamlit.testing.v1 import AppTest

from sikkerby import queries, versions
from sikkerby.ingest import publish
from sikkerby.paths import ROOT
from sikkerby.render import links
from sikkerby.settings import STORE_ENV
from sikkerby.store import version_store
from sikkerby.views import fallback

APP = str(ROOT / "app.py")
EDITOR = "anna@kk.dk"
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    # As `secrets.token_hex(32)` makes one (a patterned secret may switch login off).
    "cookie_secret": "c69f2e3631098dac35cfc700f39c8bf95535d99a7e055951a2ca06048ef9dcc1",
    "client_id": "sikkerby",
    "client_secret": "test",
    "server_metadata_url": "http://localhost:9400/.well-known/openid-configuration",
}


def shown(value: str) -> str:
    """Text as a visitor reads it: without the escapes that keep data text plain."""
    return value.replace("\\", "").replace("\u2060", "").replace("\xa0", " ")


def run(page: links.Page, *, editor: bool = False, entry_first: bool = False) -> AppTest:
    """The app on `page`; `entry_first` opens the entry page first, as a browser does, so that
    another page is reached through the app's navigation (otherwise AppTest runs its file
    alone). The overview is the entry page's own first run either way."""
    app = AppTest.from_file(APP, default_timeout=30)
    if editor:
        app.secrets["auth"] = AUTH
        app.secrets["sikkerby"] = {"editors": [EDITOR]}
        app.user = {"is_logged_in": True, "email": EDITOR, "email_verified": True}
    if entry_first and page is not links.OVERVIEW:
        app.run()
    if page is not links.OVERVIEW:
        app.switch_page(page.file)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


# What no visitor may read: Python's and Streamlit's English, the store's files and commands.
ENGLISH = ("Expecting", "property name", "KeyError", "Traceback", "Error", "line 1 column")
INTERNALS = (
    "python -m",
    "sikkerby medfoelgende",
    "sikkerby tilbage",
    "SHA256SUMS",
    ".parquet",
    ".csv",
    "version.json",
    "sikkerby.",
)


def two_versions(store: Path) -> Path:
    """Version 2 adds a synthetic figure to the city's first goal, version 3 (current) another."""
    for tag in ("intakt", "skadet"):
        base = publish.current(store)
        row = {**new_row(tag), "area": "koebenhavn", "year": "2019"}
        publish.publish_figures([*publish.figures_of(base), row], "anna", base=base, store=store)
    return store


@pytest.fixture
def damaged(store_copy: Path, monkeypatch) -> Path:
    """`two_versions`, with bytes of version 3's figures' Parquet file flipped."""
    two_versions(store_copy)
    path = store_copy / versions.VERSIONS / "0003" / versions.PARQUET / "figures.parquet"
    data = bytearray(path.read_bytes())
    for i in range(len(data) // 2, len(data) // 2 + 16):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    monkeypatch.setenv(STORE_ENV, str(store_copy))
    return store_copy


@pytest.fixture
def garbled(store_copy: Path, monkeypatch) -> Path:
    """`two_versions`, with version 3's version.json no longer JSON (its files intact)."""
    two_versions(store_copy)
    (store_copy / versions.VERSIONS / "0003" / versions.RECORD).write_text("{garbled")
    monkeypatch.setenv(STORE_ENV, str(store_copy))
    return store_copy


def cards(store: Path, number: int) -> int:
    """The overview's headings over version `number`: a card per goal of the default period,
    and the files."""
    reg = queries.registry_of(version_store(versions.version(number, store)))
    return len(reg.goals_of(reg.default_period.period)) + 1


def synthetic(app: AppTest) -> set[str]:
    return {t for f in app.dataframe for t in f.value.to_numpy().ravel() if "SYNTETISK" in str(t)}


def test_the_overview_renders_the_newest_intact_version(damaged: Path):
    before = snapshot(damaged)
    app = run(links.OVERVIEW)
    assert len(app.subheader) == cards(damaged, 2)
    open_tables(app)  # the goals' tables of sources
    assert synthetic(app) == {"SYNTETISK TESTDATA intakt"}  # version 2's figure, not version 3's
    assert not app.warning and not app.error  # the public pages show no alarm
    method = run(links.METHOD)
    assert "Data: version 2, offentliggjort" in shown(method.info[0].value)
    assert snapshot(damaged) == before


def test_a_current_version_json_that_is_not_json_is_passed_over_in_danish(garbled: Path):
    before = snapshot(garbled)
    app = run(links.OVERVIEW)
    assert len(app.subheader) == cards(garbled, 2)
    open_tables(app)  # the goals' tables of sources
    assert synthetic(app) == {"SYNTETISK TESTDATA intakt"}  # version 2's figure
    assert not app.warning and not app.error
    for page in (app, run(links.METHOD)):
        for text in shown_texts(page):
            assert str(garbled) not in text and not any(word in text for word in ENGLISH), text
    editor = run(links.UPDATE, editor=True)
    assert shown(editor.error[0].value).startswith(
        "Version 3, den gældende, er beskadiget: version.json (kan ikke læses: ikke gyldig JSON). "
        "Dashboardet viser version 2, den nyeste hele version. Intet i lageret er ændret"
    )
    (history,) = editor.table
    rows = [shown(v) for v in history.value["Version"]]
    assert rows == ["3 (gældende, beskadiget)", "2 (vises)", "1"]
    assert shown(history.value["Hvad"][0]) == "version.json kan ikke læses: ikke gyldig JSON"
    for text in shown_texts(editor):
        assert not any(word in text for word in ENGLISH), text
    assert snapshot(garbled) == before


def test_the_update_page_tells_the_editor_at_the_top_and_rolls_back_from_the_intact_version(
    damaged: Path,
):
    before = snapshot(damaged)
    app = run(links.UPDATE, editor=True)
    notice = shown(app.error[0].value)
    assert notice.startswith(
        "Version 3, den gældende, er beskadiget: parquet/figures.parquet (kontrolsummen passer "
        "ikke: filen er ændret eller beskadiget). Dashboardet viser version 2, den nyeste hele "
        "version. Intet i lageret er ændret"
    )
    assert "gør version 2 gældende igen med knappen »Gør version 2 gældende igen«" in notice
    (history,) = app.table
    versions_shown = [shown(v) for v in history.value["Version"]]
    assert versions_shown == ["3 (gældende, beskadiget)", "2 (vises)", "1"]
    assert snapshot(damaged) == before

    rollback = next(b for b in app.button if b.label == "Gør version 2 gældende igen")
    app = rollback.click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error
    assert shown(app.success[0].value).startswith("Version 4 er offentliggjort")
    now = versions.current(damaged)
    assert (now.number, now.record.restores) == (4, 2) and versions.damage(now) == ()


def test_with_no_intact_version_the_public_pages_say_so_in_a_few_danish_words(
    damaged: Path, caplog
):
    for number in ("0001", "0002"):
        (damaged / versions.VERSIONS / number / versions.SOURCES / "goals.csv").write_text("x")
    versions.damage.cache_clear()  # as a process started now: these versions were checked
    before = snapshot(damaged)
    for page in (links.OVERVIEW, links.MAP, links.OVERVIEW):
        app = run(page, entry_first=True)
        (error,) = app.error
        assert shown(error.value) == fallback.UNAVAILABLE
        assert shown(error.value).startswith("Dashboardets data kan ikke vises lige nu.")
        assert not app.subheader and not app.dataframe
        for text in shown_texts(app):
            assert str(damaged) not in text, text
            assert not any(word in text for word in (*ENGLISH, *INTERNALS)), text
    # The server's log says why, once.
    logged = [r.getMessage() for r in caplog.records if r.name == "sikkerby.ui.navigation"]
    assert len(logged) == 1
    assert logged[0].startswith(f"Data kan ikke vises fra lageret {damaged}: Version 3, den ")
    assert "version 1 er beskadiget: sources/goals.csv" in logged[0]
    assert "sikkerby medfoelgende" in logged[0]
    assert snapshot(damaged) == before


def test_with_no_intact_version_the_editor_is_told_what_is_wrong_and_what_to_do(damaged: Path):
    for number in ("0001", "0002"):
        (damaged / versions.VERSIONS / number / versions.SOURCES / "goals.csv").write_text("x")
    versions.damage.cache_clear()
    before = snapshot(damaged)
    app = run(links.UPDATE, editor=True, entry_first=True)
    notice = shown(app.error[0].value)
    assert notice.startswith(
        "Dashboardet kan ikke vise nogen data: Version 3, den gældende, er beskadiget: "
        "parquet/figures.parquet (kontrolsummen passer ikke"
    )
    assert "Der er ingen hel version at vise." in notice
    assert "sikkerby medfoelgende" in notice
    (history,) = app.table
    rows = [shown(v) for v in history.value["Version"]]
    assert rows == ["3 (gældende, beskadiget)", "2 (beskadiget)", "1 (beskadiget)"]
    assert not app.get("file_uploader")  # nothing to build on
    assert snapshot(damaged) == before
    anonymous = run(links.UPDATE, entry_first=True)  # anyone else: the login, not the store
    assert not any("beskadiget" in text for text in shown_texts(anonymous))
