#!/usr/bin/env bash
# Idempotent set-up for development (a fresh Debian 12 machine, or macOS, with Python 3.11 or
# newer): .venv with the pinned packages of requirements-dev.txt (the app, the building
# boundaries' geo stack, tests and lint) and the project itself, so `.venv/bin/sikkerby` exists;
# with --browser also Debian's chromium for the browser tests. A server installs only
# requirements.txt and the wheel (README, "Installing on a server").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

with_browser=false
for arg in "$@"; do
  case "$arg" in
    --browser) with_browser=true ;;
    *) echo "[setup] Ukendt argument: $arg (kun --browser)" >&2; exit 2 ;;
  esac
done

# Python first, before anything is made: which one is missing or too old, said in Danish.
minimum="3.11"  # requires-python in pyproject.toml
install_hint="Debian: sudo apt-get install python3 python3-venv; macOS: brew install python@3.11"
python=python3
[[ -x .venv/bin/python ]] && python=.venv/bin/python
if ! command -v "$python" >/dev/null 2>&1; then
  echo "[setup] FEJL: Python 3 findes ikke (kommandoen python3). Dashboardet kræver Python" \
    "$minimum eller nyere ($install_hint)." >&2
  exit 1
fi
said=$("$python" --version 2>&1 || true)
if ! [[ "$said" =~ ^Python\ ([0-9]+)\.([0-9]+) ]]; then
  echo "[setup] FEJL: $python svarer ikke som Python (\"$said\")." >&2
  exit 1
fi
major="${BASH_REMATCH[1]}"
minor="${BASH_REMATCH[2]}"
if ((major < ${minimum%%.*} || (major == ${minimum%%.*} && minor < ${minimum#*.}))); then
  echo "[setup] FEJL: $python er Python $major.$minor; dashboardet kræver Python $minimum eller" \
    "nyere ($install_hint)." >&2
  exit 1
fi
if [[ ! -x .venv/bin/python ]]; then
  if ! "$python" -c "import ensurepip, venv" >/dev/null 2>&1; then
    echo "[setup] FEJL: Python $major.$minor mangler modulet venv (eller ensurepip), som laver" \
      ".venv ($install_hint)." >&2
    exit 1
  fi
  echo "[setup] Opretter .venv (Python $major.$minor)"
  "$python" -m venv .venv
fi

if [[ ! -x .venv/bin/uv ]]; then
  echo "[setup] Installerer uv i .venv"
  # A venv made by uv itself has no pip; ensurepip adds it offline from the bundled wheel.
  .venv/bin/python -m pip --version >/dev/null 2>&1 || .venv/bin/python -m ensurepip >/dev/null
  .venv/bin/python -m pip install -q --disable-pip-version-check uv
fi

echo "[setup] Installerer pakker fra requirements-dev.txt"
# --compile-bytecode: these machines set PYTHONDONTWRITEBYTECODE=1, and without .pyc files the
# stack imports about twice as slowly (every test server and app start pays for it).
.venv/bin/uv pip install -q --compile-bytecode -p .venv/bin/python -r requirements-dev.txt
# The project itself, editable (the code is read from this checkout): the `sikkerby` command.
.venv/bin/uv pip install -q --no-deps -p .venv/bin/python -e .

if [[ "$with_browser" == true ]]; then
  if command -v chromium >/dev/null 2>&1; then
    echo "[setup] Chromium findes allerede"
  else
    echo "[setup] Installerer Debians chromium (tager et halvt minut)"
    sudo=()
    if [[ "$(id -u)" -ne 0 ]]; then
      if command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
      else
        echo "[setup] Kan ikke installere chromium: kør som root eller installer sudo" >&2
        exit 1
      fi
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
  fi
fi

echo "[setup] Klar"
