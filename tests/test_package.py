"""The package's pins and its set-up: the two locks agree with pyproject.toml (the app's lock
holds no test, lint or map-building tool) and with each other, and scripts/setup.sh says in
Danish which Python is missing before it makes anything."""

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from sikkerby.paths import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# What a server never needs: tests, lint, the browser driver and the map-building stack.
NOT_ON_A_SERVER = {
    *("pytest", "pytest-xdist", "playwright", "ruff", "import-linter", "oidc-provider-mock"),
    *("geopandas", "pyproj", "pyogrio"),
}
HEADERS = {
    "requirements.txt": "uv pip compile pyproject.toml -o requirements.txt --universal "
    "--python-version 3.11",
    "requirements-dev.txt": "uv pip compile pyproject.toml --extra geo --extra dev "
    "-o requirements-dev.txt --universal --python-version 3.11",
}


def name(requirement: str) -> str:
    """A requirement's distribution name, normalised (PEP 503)."""
    found = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement.strip())
    assert found, requirement
    return re.sub(r"[-_.]+", "-", found.group(0)).lower()


def pins(lock: str) -> dict[str, str]:
    """name -> version of every `name==version` line of a lock."""
    found = {}
    for line in (ROOT / lock).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            requirement = line.split(";")[0].strip()
            assert "==" in requirement, f"{lock}: {line} is not pinned"
            found[name(requirement)] = requirement.split("==")[1]
    return found


@pytest.mark.parametrize("lock", HEADERS)
def test_each_lock_says_how_it_was_made(lock):
    text = (ROOT / lock).read_text(encoding="utf-8")
    assert text.splitlines()[1] == "#    " + HEADERS[lock]


def test_the_app_lock_pins_every_dependency_and_no_tool():
    app = pins("requirements.txt")
    assert {name(r) for r in PROJECT["dependencies"]} <= app.keys()
    assert not NOT_ON_A_SERVER & app.keys()


def test_the_development_lock_pins_the_app_geo_and_dev_at_the_same_versions():
    app, dev = pins("requirements.txt"), pins("requirements-dev.txt")
    extras = PROJECT["optional-dependencies"]
    assert set(extras) == {"geo", "dev"}
    wanted = {name(r) for r in [*PROJECT["dependencies"], *extras["geo"], *extras["dev"]]}
    assert wanted <= dev.keys()
    assert dev.keys() >= NOT_ON_A_SERVER
    assert {p: dev.get(p) for p in app} == app  # one version of everything for both


def test_setup_installs_the_development_lock_and_the_project():
    script = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "-r requirements-dev.txt" in script
    assert "--no-deps -p .venv/bin/python -e ." in script


# scripts/setup.sh run in a copy of the project with a PATH that has only what it needs and the
# python3 a test gives it, so the real .venv is never touched.
def run_setup(tmp_path: Path, python3: str | None) -> subprocess.CompletedProcess:
    project = tmp_path / "projekt"
    (project / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "setup.sh", project / "scripts" / "setup.sh")
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("dirname",):
        (tools / tool).symlink_to(shutil.which(tool))
    if python3 is not None:
        (tools / "python3").write_text("#!/bin/bash\n" + python3)
        (tools / "python3").chmod(0o755)
    run = subprocess.run(
        ["/bin/bash", str(project / "scripts" / "setup.sh")],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": str(tools), "HOME": str(tmp_path)},
    )
    assert not (project / ".venv").exists()  # nothing made before Python is found good
    return run


def test_setup_without_python_says_so(tmp_path):
    run = run_setup(tmp_path, None)
    assert run.returncode == 1
    assert run.stderr.startswith("[setup] FEJL: Python 3 findes ikke (kommandoen python3).")
    assert "Python 3.11 eller nyere" in run.stderr


def test_setup_with_an_old_python_says_which_and_what_it_needs(tmp_path):
    run = run_setup(tmp_path, 'echo "Python 3.9.2"\n')
    assert run.returncode == 1
    assert run.stderr.startswith(
        "[setup] FEJL: python3 er Python 3.9; dashboardet kræver Python 3.11 eller nyere"
    )
    assert "apt-get install python3 python3-venv" in run.stderr


def test_setup_with_a_python_without_venv_says_so(tmp_path):
    # Debian's python3 without python3-venv: it runs, but cannot make a virtual environment.
    fake = (
        '[[ "$1" == --version ]] && { echo "Python 3.12.1"; exit 0; }\n'
        "echo \"ModuleNotFoundError: No module named 'ensurepip'\" >&2\nexit 1\n"
    )
    run = run_setup(tmp_path, fake)
    assert run.returncode == 1
    assert run.stderr.startswith("[setup] FEJL: Python 3.12 mangler modulet venv (eller ensurepip)")


def test_setup_with_something_else_called_python3_says_so(tmp_path):
    run = run_setup(tmp_path, 'echo "command not found"\nexit 127\n')
    assert run.returncode == 1
    assert run.stderr.startswith('[setup] FEJL: python3 svarer ikke som Python ("command')


def test_setup_asks_for_the_python_pyproject_requires():
    script = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    minimum = re.search(r'^minimum="([0-9.]+)"', script, re.MULTILINE).group(1)
    assert PROJECT["requires-python"] == f">={minimum}"


def test_a_good_python_makes_the_venv_with_itself(tmp_path):
    """A new-enough python3 with venv gets as far as making .venv with itself (here a fake that
    records what it is asked and stops there)."""
    asked = tmp_path / "asked.txt"
    fake = (
        f'echo "$@" >> {asked}\n'
        '[[ "$1" == --version ]] && { echo "Python 3.11.2"; exit 0; }\n'
        '[[ "$1" == -c ]] && exit 0\n'
        "exit 3\n"
    )
    run = run_setup(tmp_path, fake)
    assert run.returncode == 3
    assert "[setup] Opretter .venv (Python 3.11)" in run.stdout
    said = asked.read_text().splitlines()
    assert said == ["--version", "-c import ensurepip, venv", "-m venv .venv"]


def test_every_package_the_app_imports_is_a_dependency():
    """Each module the app's code imports from outside the standard library belongs to a
    distribution in `dependencies` (geometry.py's to the geo extra): a server's install has it."""
    owners = metadata.packages_distributions()
    declared = {"app": {name(r) for r in PROJECT["dependencies"]}}
    declared["geo"] = declared["app"] | {name(r) for r in PROJECT["optional-dependencies"]["geo"]}
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "sikkerby").rglob("*.py")]
    missing = set()
    for file in files:
        wanted = declared["geo" if file.name == "geometry.py" else "app"]
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                tops = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                tops = [node.module.split(".")[0]]
            else:
                continue
            for top in tops:
                if top in sys.stdlib_module_names or top == "sikkerby":
                    continue
                if not {name(d) for d in owners.get(top, [top])} & wanted:
                    missing.add(f"{file.relative_to(ROOT)}: {top}")
    assert not missing
