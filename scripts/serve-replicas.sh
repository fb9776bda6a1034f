#!/usr/bin/env bash
# Serves the dashboard from N app processes behind HAProxy (Debian's), on one address, and keeps
# them running:
#
#   bash scripts/serve-replicas.sh N [--port 8501] [--address 127.0.0.1]
#
# Sets up the venv, installs HAProxy with apt-get if it is missing, then runs
# `python -m sikkerby.ui.replicas` (see its docstring): each process on a port of its own
# (PORT+1 … PORT+N, loopback only), all with the same cookie secret (`[auth] cookie_secret` when
# login is set up, else $STREAMLIT_SERVER_COOKIE_SECRET or one made for this run); a process that
# dies is started again with a growing pause; the processes' ids are in $RUN_DIR/pids; Ctrl+C or
# SIGTERM stops everything.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
if ! command -v haproxy >/dev/null; then
  echo "[replicas] Installerer HAProxy (apt-get)"
  sudo_cmd=()
  [[ "$(id -u)" -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy >/dev/null
fi
exec .venv/bin/python -m sikkerby.ui.replicas "$@"
