#!/usr/bin/env bash
# Idempotent set-up on a fresh Debian 12 machine (python3.11 + pip): .venv with the pinned
# requirements, and with --browser also Debian's chromium for the browser tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

with_browser=false
for arg in "$@"; do
  case "$arg" in
    --browser) with_browser=true ;;
    *) echo "[setup] Ukendt argument: $arg (kun --browser)" >&2; exit 2 ;;
  esac
done

if [[ ! -x .venv/bin/python ]]; then
  echo "[setup] Opretter .venv"
  python3 -m venv .venv
fi

if [[ ! -x .venv/bin/uv ]]; then
  echo "[setup] Installerer uv i .venv"
  # A venv made by uv itself has no pip; ensurepip adds it offline from the bundled wheel.
  .venv/bin/python -m pip --version >/dev/null 2>&1 || .venv/bin/python -m ensurepip >/dev/null
  .venv/bin/python -m pip install -q --disable-pip-version-check uv
fi

echo "[setup] Installerer pakker fra requirements.txt"
# --compile-bytecode: these machines set PYTHONDONTWRITEBYTECODE=1, and without .pyc files the
# stack imports about twice as slowly (every test server and app start pays for it).
.venv/bin/uv pip install -q --compile-bytecode -p .venv/bin/python -r requirements.txt

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
