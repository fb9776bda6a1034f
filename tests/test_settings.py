"""Safe defaults for every way the app is started: only this machine can connect, and viewers
never see an error's details."""

import tomllib

from sikkerby import settings, site
from sikkerby.paths import ROOT


def test_the_app_listens_on_this_machine_and_hides_error_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["client"]["showErrorDetails"] == "none"
    assert config["browser"]["gatherUsageStats"] is False


def test_the_upload_limit_is_the_imports_own():
    from sikkerby.ingest import userfile

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == userfile.MAX_BYTES


def test_no_secrets_are_in_the_repository():
    assert not (ROOT / ".streamlit" / "secrets.toml").exists()
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".streamlit/secrets.toml" in ignored and "data/published/" in ignored


def test_the_store_lives_outside_the_code_one_per_site_unless_sikkerby_store_says(
    monkeypatch, tmp_path
):
    monkeypatch.delenv(settings.STORE_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert site.current().store == tmp_path / "data" / "sikkerby" / "koebenhavn" / "store"
    assert (
        settings.store_dir("eksempelby") == tmp_path / "data" / "sikkerby" / "eksempelby" / "store"
    )
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    home = tmp_path / "home" / ".local" / "share" / "sikkerby" / "koebenhavn" / "store"
    assert site.current().store == home
    assert not site.current().store.is_relative_to(ROOT)
    monkeypatch.setenv(settings.STORE_ENV, str(tmp_path / "elsewhere"))
    assert site.current().store == tmp_path / "elsewhere"


def test_the_site_is_the_app_s_own_folder_unless_sikkerby_site_says(monkeypatch, tmp_path):
    monkeypatch.delenv(settings.SITE_ENV, raising=False)
    assert settings.site_dir() == ROOT and site.current().id == "koebenhavn"
    monkeypatch.setenv(settings.SITE_ENV, str(tmp_path))
    assert settings.site_dir() == tmp_path
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(settings.SITE_ENV, "by")
    assert settings.site_dir() == tmp_path / "by"  # relative to the working folder


def test_nothing_is_served_from_a_folder_beside_the_app():
    """The map's Leaflet comes from the installed package (sikkerby.ui.serve), not ./static."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableStaticServing"] is False
