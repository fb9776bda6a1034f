"""The package as a server installs it: `uv build` makes a wheel, which is installed with only
requirements.txt into a new virtual environment, and its `sikkerby` console script serves the
app with the bundled data, started from an empty folder elsewhere: the map is drawn, the
project's Streamlit settings apply, and nothing is written where it was started."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from harness import STARTUP_TIMEOUT_S, free_port, stop, wait_healthy
from test_kort_browser import wait_for_map

from sikkerby.paths import ROOT

OWN_SERVER = True  # a server of its own (tests/browser/conftest.py)
SITE = "sikkerby/_site/"
# What only developers need: none of it may be in the server's environment.
DEVELOPERS_ONLY = ("pytest", "playwright", "ruff", "geopandas", "pyproj", "pyogrio", "importlinter")


def uv() -> str:
    found = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    assert found, "uv is missing: run bash scripts/setup.sh"
    return found


def run(*cmd, **options) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, **options)
    assert done.returncode == 0, f"{cmd}: {done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def server_env(wheel, tmp_path_factory) -> Path:
    """A new virtual environment with requirements.txt and the wheel, nothing else."""
    venv = tmp_path_factory.mktemp("server") / "venv"
    run(uv(), "venv", "--quiet", "--python", sys.executable, str(venv))
    python = str(venv / "bin" / "python")
    run(uv(), "pip", "install", "--quiet", "-p", python, "-r", str(ROOT / "requirements.txt"))
    run(uv(), "pip", "install", "--quiet", "--no-deps", "-p", python, str(wheel))
    return venv


@pytest.fixture(scope="module")
def started_in(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("startmappe")


@pytest.fixture(scope="module")
def app_server(server_env, started_in, tmp_path_factory):
    """`sikkerby serve` of the installed package, started from an empty folder, over a store
    of its own; replaces the checkout's server for this module's `page`."""
    port = free_port()
    store = tmp_path_factory.mktemp("lager") / "published"
    log_path = tmp_path_factory.mktemp("log") / "server.log"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [str(server_env / "bin" / "sikkerby"), "serve", "--server.port", str(port)],
            cwd=started_in,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            env={**env, "SIKKERBY_STORE": str(store)},
        )
        try:
            wait_healthy(proc, port, STARTUP_TIMEOUT_S)
            yield f"http://127.0.0.1:{port}"
        except RuntimeError as error:
            pytest.fail(f"sikkerby serve: {error}\n{log_path.read_text()}", pytrace=False)
        finally:
            stop(proc)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel of the checkout, with a local store lying in data/published as on a
    developer's machine (git ignores it; the wheel must too)."""
    out = tmp_path_factory.mktemp("dist")
    local = ROOT / "data" / "published"
    probe = not local.exists()
    if probe:
        (local / "versions").mkdir(parents=True)
        (local / "CURRENT").write_text("0001\n")
    try:
        run(uv(), "build", "--wheel", "--quiet", "--out-dir", str(out), str(ROOT))
    finally:
        if probe:
            shutil.rmtree(local)
    (made,) = out.glob("sikkerby-*.whl")
    return made


def test_the_wheel_carries_the_site_and_nothing_private(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    site = {n.removeprefix(SITE) for n in names if n.startswith(SITE)}
    tracked = run("git", "ls-files", "data", "pages", cwd=ROOT).stdout.split()
    assert {n for n in site if n.startswith(("data/", "pages/"))} == set(tracked)
    assert {"app.py", "site.toml", ".streamlit/config.toml", "geo/bydele.geojson"} <= site
    assert "geo/partnerskaber.geojson" in site
    assert not [n for n in site if n.startswith("geo/raw")]
    assert not [n for n in names if "secrets" in n or n.startswith(("tests/", "bench/"))]
    assert "sikkerby-0.1.0.dist-info/licenses/LICENSE" in names


def test_the_server_has_no_developer_tools(server_env):
    code = (
        "import importlib.util as u\n"
        f"print([m for m in {DEVELOPERS_ONLY!r} if u.find_spec(m)])\n"
        "import sikkerby.paths as p\n"
        "print(p.ROOT.relative_to(p.PACKAGE_DIR))\n"
    )
    said = run(str(server_env / "bin" / "python"), "-c", code, cwd=server_env).stdout.split()
    assert said == ["[]", "_site"]


def test_the_installed_command_publishes_and_reads_the_store(server_env, tmp_path):
    env = {**os.environ, "SIKKERBY_STORE": str(tmp_path / "lager"), "USER": "test"}
    sikkerby = str(server_env / "bin" / "sikkerby")
    assert run(sikkerby, "--version", cwd=tmp_path).stdout == "sikkerby 0.1.0\n"
    published = run(sikkerby, "medfoelgende", cwd=tmp_path, env=env).stdout
    assert published.startswith("Version 1 er nu gældende (Medfølgende data; 309 nye")
    history = run(sikkerby, "historik", cwd=tmp_path, env=env).stdout
    assert history.startswith("Version 1 (gældende): ")


def test_the_installed_app_draws_the_map_with_the_projects_settings(page, started_in):
    page.page.set_viewport_size({"width": 1600, "height": 1200})
    page.goto("/kort?indikator=utrygge_nabolag&aar=2017")
    wait_for_map(page)
    assert page.page.locator("h1").first.inner_text() == "Kort over tryghed i bydelene"
    # theme.baseFontSize = 18 in the package's .streamlit/config.toml (Streamlit's own: 16).
    assert page.page.evaluate("getComputedStyle(document.documentElement).fontSize") == "18px"
    assert page.external_requests == []
    assert list(started_in.iterdir()) == []
