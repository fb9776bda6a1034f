#!/usr/bin/env bash
# Serves the dashboard from N app processes behind HAProxy (Debian's), on one address:
#
#   bash scripts/serve-replicas.sh N [--port 8501] [--address 127.0.0.1]
#
# Each process is `python -m sikkerby.ui.serve` on a port of its own (PORT+1 … PORT+N, loopback
# only); they all read the same published store ($SIKKERBY_STORE, else the default in
# sikkerby/paths.py) and follow its CURRENT version, so a publish reaches every one of them. HAProxy listens on PORT, proxies
# the websocket, and keeps each browser on one process with a cookie (a Streamlit session lives
# in one process: its websocket, its uploads and its media must reach the same one); a client
# without the cookie, such as a load test's websocket, is spread round robin. The script installs
# HAProxy with apt-get if it is missing, prints the processes' ids, writes them to
# $RUN_DIR/pids, and stops everything on Ctrl+C or when it is killed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

replicas="${1:-}"
if ! [[ "$replicas" =~ ^[1-9][0-9]?$ ]]; then
  echo "Brug: bash scripts/serve-replicas.sh N [--port 8501] [--address 127.0.0.1] (N: 1-99)" >&2
  exit 2
fi
shift
port=8501
address=127.0.0.1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --address) address="$2"; shift 2 ;;
    *) echo "Ukendt tilvalg: $1" >&2; exit 2 ;;
  esac
done

bash scripts/setup.sh
if ! command -v haproxy >/dev/null; then
  echo "[replicas] Installerer HAProxy (apt-get)"
  sudo_cmd=""
  [[ "$(id -u)" -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get install -y -q haproxy >/dev/null
fi

RUN_DIR="${RUN_DIR:-$(mktemp -d -t sikkerby-replicas-XXXXXX)}"
mkdir -p "$RUN_DIR"
pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# The first process publishes the bundled data if the store has none yet; the others wait for it.
servers=""
for i in $(seq 1 "$replicas"); do
  p=$((port + i))
  .venv/bin/python -m sikkerby.ui.serve --server.port "$p" --server.address 127.0.0.1 \
    >"$RUN_DIR/app-$i.log" 2>&1 &
  pids+=("$!")
  servers+="    server app$i 127.0.0.1:$p check cookie app$i"$'\n'
done
for i in $(seq 1 "$replicas"); do
  p=$((port + i))
  for _ in $(seq 1 120); do
    if .venv/bin/python -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" \
      "http://127.0.0.1:$p/_stcore/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "${pids[$((i - 1))]}" 2>/dev/null; then
      echo "[replicas] Proces $i stoppede; se $RUN_DIR/app-$i.log" >&2
      exit 1
    fi
    sleep 0.5
  done
done

cat >"$RUN_DIR/haproxy.cfg" <<EOF
global
    maxconn 4096

defaults
    mode http
    option http-server-close
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h

frontend sikkerby
    bind $address:$port
    default_backend apps

backend apps
    balance roundrobin
    cookie SIKKERBY_APP insert indirect nocache httponly
    option httpchk GET /_stcore/health
$servers
EOF

haproxy -f "$RUN_DIR/haproxy.cfg" -db &
pids+=("$!")
printf '%s\n' "${pids[@]:0:$replicas}" >"$RUN_DIR/pids"
echo "[replicas] $replicas processer bag HAProxy på http://$address:$port (proces-id: ${pids[*]:0:$replicas}; $RUN_DIR/pids)"
wait "${pids[-1]}"
