"""Safe defaults for every way the app is started: only this machine can connect, and viewers
never see an error's details."""

import tomllib

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
