"""The one command, `sikkerby`: Danish help for it and every subcommand, a Danish complaint about
an unknown one, Streamlit loaded only by `serve`, and the same work as the old entry points.

The command is run as a process the way the console script runs it (`sikkerby.command:main`,
here through `python -m sikkerby`), from a folder outside the checkout;
tests/browser/test_installed_browser.py runs the installed console script itself.
"""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from sikkerby import command
from sikkerby.paths import ROOT

# What argparse says in English; none of it may reach a user.
ENGLISH = ("usage:", "positional arguments", "options:", "optional arguments", "show this help")


def sikkerby(*args: str, cwd: Path, env: dict[str, str] | None = None, module: str = "sikkerby"):
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )


def test_the_console_script_is_the_command():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"sikkerby": "sikkerby.command:main"}


def test_help_lists_every_subcommand_in_danish(tmp_path):
    run = sikkerby("--help", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Brug: sikkerby [-h] [--version] KOMMANDO ...")
    assert "kommandoer:" in run.stdout and "vis denne hjælp og afslut" in run.stdout
    listed = re.findall(r"^    (\S+)", run.stdout, re.MULTILINE)
    assert listed == [c.name for c in command.COMMANDS]
    assert set(listed) == {
        *("serve", "replikaer", "import", "ungetal", "dst", "historik", "tilbage", "medfoelgende"),
        *("registre", "rapport", "build", "sted", "geometry"),
    }
    assert not [word for word in ENGLISH if word in run.stdout.lower()]


@pytest.mark.parametrize("name", [c.name for c in command.COMMANDS])
def test_every_subcommand_has_danish_help(tmp_path, name):
    run = sikkerby(name, "--help", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"Brug: sikkerby {name} [-h]")
    assert "vis denne hjælp og afslut" in run.stdout
    assert not [word for word in ENGLISH if word in run.stdout.lower()]


def test_an_unknown_subcommand_is_refused_in_danish(tmp_path):
    run = sikkerby("offentliggoer", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.startswith("Brug: sikkerby [-h]")
    assert "sikkerby: fejl: KOMMANDO: ukendt valg 'offentliggoer' (vælg 'serve'," in run.stderr
    assert run.stderr.rstrip().endswith("Se 'sikkerby --help'.")
    assert not [word for word in ENGLISH if word in run.stderr.lower()]


def test_no_subcommand_is_refused_in_danish(tmp_path):
    run = sikkerby(cwd=tmp_path)
    assert run.returncode == 2
    assert "sikkerby: fejl: mangler: KOMMANDO." in run.stderr


def test_a_subcommand_complains_in_its_own_name(tmp_path):
    run = sikkerby("tilbage", cwd=tmp_path)
    assert run.returncode == 2
    assert "sikkerby tilbage: fejl: mangler: version. Se 'sikkerby tilbage --help'." in run.stderr


def test_only_serve_loads_streamlit(tmp_path):
    """The command's own module and a data command run without Streamlit (a quick --help; an
    update on a server that is not the web server)."""
    code = (
        "import sys\n"
        "from sikkerby import command\n"
        "assert command.main(['build']) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('streamlit', "
        "'streamlit_folium')))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == "[]"


def test_the_command_does_what_the_old_entry_points_do(tmp_path):
    """The bundled data published and the history read through `sikkerby` and through the old
    `python -m` module: the same outcome, word for word."""
    work = tmp_path / "work"
    work.mkdir()
    new_store, old_store = tmp_path / "ny", tmp_path / "gammel"
    said = {}
    for store, how in ((new_store, ("sikkerby",)), (old_store, ("sikkerby.ingest.publish",))):
        env = {"SIKKERBY_STORE": str(store), "USER": "test"}
        published = sikkerby("medfoelgende", cwd=work, env=env, module=how[0])
        assert published.returncode == 0, published.stderr
        history = sikkerby("historik", cwd=work, env=env, module=how[0])
        assert history.returncode == 0, history.stderr
        said[how] = (published.stdout, re.sub(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", "T", history.stdout))
    assert said[("sikkerby",)] == said[("sikkerby.ingest.publish",)]
    assert said[("sikkerby",)][0].startswith("Version 1 er nu gældende (Medfølgende data;")
    assert said[("sikkerby",)][1].startswith(
        "Version 1 (gældende): T UTC, Medfølgende data, af test"
    )
    assert list(work.iterdir()) == []  # nothing written where the command was started


def test_geometry_without_the_geo_packages_says_what_to_install(tmp_path):
    """A server's install has no geopandas: `sikkerby geometry` says so in Danish."""
    blocker = tmp_path / "uden_geo"
    blocker.mkdir()
    (blocker / "geopandas.py").write_text("raise ModuleNotFoundError(name='geopandas')\n")
    env = {"PYTHONPATH": os.pathsep.join([str(blocker), str(ROOT)])}
    run = sikkerby("geometry", "--out", str(tmp_path / "b.geojson"), cwd=tmp_path, env=env)
    assert run.returncode == 1
    assert run.stderr.startswith("sikkerby geometry: kræver pakkerne til bydelsgrænserne")
    assert "pip install sikkerby[geo]" in run.stderr
    assert not (tmp_path / "b.geojson").exists()
