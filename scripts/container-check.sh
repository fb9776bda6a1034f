#!/usr/bin/env bash
# The container check (README, "Container"): builds the app's image and the proxy's, starts the
# compose stack with 2 replicas, and checks it through the proxy (scripts/container_check.py):
# health, the replicas and their cookie, the update page closed, a deep link to the map drawn in
# headless chromium on each replica, a publish in one replica seen by every replica. Then it
# checks the image itself (no test tools, no geopandas, a non-root user, healthy) and prints a
# summary with the image's size and the times.
#
#   bash scripts/container-check.sh
#
# On a fresh Debian 12 machine it installs what it needs with apt-get (Debian's docker.io and
# docker-compose; debootstrap when needed), starts dockerd when no Docker daemon answers and
# stops it at the end. The base image is $BASE_IMAGE, else debian:bookworm-slim from a
# registry, else local/debian:bookworm made here from Debian's own packages with debootstrap
# (kept for the next run). A TLS-inspecting proxy: the build trusts $SIKKERBY_CA_BUNDLE, by
# default this machine's CA bundle. Removes the containers, network and volume it made; keeps
# the images (tag "check") and Docker's build cache, so a second run builds in seconds.
# Every step has a time limit, and together they end within 25 minutes (BUDGET_S): a step gets
# at most what is left of it. Cleaning up has its own 3 minutes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

started=$(date +%s)
BUDGET_S=1500
replicas=2
project=sikkerby-check
tag=check
app_image="sikkerby:$tag"
proxy_image="sikkerby-proxy:$tag"
work=$(mktemp -d -t sikkerby-container-check-XXXXXX)
# The logs of the builds and the stack, kept for a failed run in CI.
logs=test-artifacts/container
mkdir -p "$logs"
dockerd_pid=""
stack_up=false

log() { echo "[container-check] $*"; }
fail() { echo "[container-check] FEJL: $*" >&2; exit 1; }
seconds_since() { echo $(($(date +%s) - $1)); }
# The time limit of a step: its own (seconds), or what is left of the check's budget if less.
limit() {
  local left=$((started + BUDGET_S - $(date +%s)))
  ((left > 0)) || fail "tjekket har brugt sine $BUDGET_S s"
  echo $(($1 < left ? $1 : left))
}

as_root=()
if [[ "$(id -u)" -ne 0 ]]; then
  command -v sudo >/dev/null || fail "kør som root eller installer sudo (apt-get, dockerd)"
  as_root=(sudo)
fi

# --- What the check needs: Debian's docker.io (its client builds with BuildKit without the
# buildx plugin), Compose (v2 if the machine has it, else Debian's docker-compose 1.29), and
# chromium with Playwright in .venv.
missing=()
[[ -x /usr/bin/docker && -x /usr/sbin/dockerd ]] || missing+=(docker.io)
if ! /usr/bin/docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null; then
  missing+=(docker-compose)
fi
if [[ ${#missing[@]} -gt 0 ]]; then
  log "Installerer ${missing[*]} (apt-get)"
  timeout "$(limit 120)" "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  timeout "$(limit 600)" "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}" >"$logs/apt.log" 2>&1 \
    || { tail -20 "$logs/apt.log"; fail "apt-get install ${missing[*]}"; }
fi
bash scripts/setup.sh --browser >/dev/null

# The user may not reach the daemon's socket: then through sudo, keeping the environment (the
# build's DOCKER_BUILDKIT, the settings compose.yaml reads).
via=()
if [[ "$(id -u)" -ne 0 ]] && ! id -nG | grep -qw docker; then via=(sudo -E); fi
docker_cmd=("${via[@]}" /usr/bin/docker)
docker() { "${docker_cmd[@]}" "$@"; }
if /usr/bin/docker compose version >/dev/null 2>&1; then
  compose=("${docker_cmd[@]}" compose)
else
  compose=("${via[@]}" docker-compose)
fi

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ "$stack_up" == true ]]; then
    if [[ "$status" -ne 0 ]]; then
      timeout 60 "${compose[@]}" -p "$project" logs --no-color >"$logs/stack.log" 2>&1 || true
      log "Stakkens log (sidste linjer; hele loggen i $logs/stack.log):"
      tail -40 "$logs/stack.log" >&2
    fi
    timeout 120 "${compose[@]}" -p "$project" down -v --remove-orphans >/dev/null 2>&1 || true
  fi
  if [[ -n "$dockerd_pid" ]]; then
    log "Stopper dockerd, som tjekket startede"
    "${as_root[@]}" kill "$dockerd_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do "${as_root[@]}" kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 1; done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT INT TERM

# --- The Docker daemon: the machine's own, else one started here (and stopped at the end).
if ! timeout 20 "${docker_cmd[@]}" info >/dev/null 2>&1; then
  log "Starter dockerd"
  "${as_root[@]}" /usr/sbin/dockerd >"$logs/dockerd.log" 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 1 60); do
    timeout 5 "${docker_cmd[@]}" info >/dev/null 2>&1 && break
    kill -0 "$dockerd_pid" 2>/dev/null || { tail -20 "$logs/dockerd.log"; fail "dockerd stoppede"; }
    sleep 1
  done
  timeout 5 "${docker_cmd[@]}" info >/dev/null 2>&1 || fail "dockerd svarede ikke inden for 60 s"
fi

# --- The base image: Debian 12 from a registry, or made here from Debian's packages.
debootstrap_base() {
  local image=local/debian:bookworm mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
  local root="$work/rootfs"
  if ! command -v debootstrap >/dev/null; then
    log "Installerer debootstrap (apt-get)"
    timeout "$(limit 120)" "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    timeout "$(limit 300)" "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -q --no-install-recommends debootstrap >/dev/null
  fi
  log "Laver $image med debootstrap fra $mirror (ingen registry kan nås)"
  timeout "$(limit 900)" "${as_root[@]}" debootstrap --variant=minbase bookworm "$root" "$mirror" \
    >"$logs/debootstrap.log" 2>&1 || { tail -20 "$logs/debootstrap.log"; fail "debootstrap"; }
  # As Docker's official debian:bookworm-slim: the security and point-release updates, no
  # package lists, caches, manuals or translations in the image.
  "${as_root[@]}" sh -c "
    printf '%s\n' 'deb $mirror bookworm main' 'deb $mirror bookworm-updates main' \
      'deb http://deb.debian.org/debian-security bookworm-security main' \
      >'$root/etc/apt/sources.list'
    printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
      'path-exclude /usr/share/man/*' 'path-exclude /usr/share/info/*' \
      'path-exclude /usr/share/locale/*' 'path-include /usr/share/locale/locale.alias' \
      >'$root/etc/dpkg/dpkg.cfg.d/slim'
    rm -rf '$root'/var/lib/apt/lists/* '$root'/var/cache/apt/* '$root'/var/log/* \
      '$root'/usr/share/man/* '$root'/usr/share/info/* '$root'/usr/share/locale/*
    find '$root/usr/share/doc' -mindepth 1 ! -name copyright ! -type d -delete
  "
  "${as_root[@]}" tar -C "$root" -c . | docker import - "$image" >/dev/null
  "${as_root[@]}" rm -rf "$root"
  base="$image"
}

base="${BASE_IMAGE:-}"
if [[ -z "$base" ]]; then
  if docker image inspect debian:bookworm-slim >/dev/null 2>&1 \
    || timeout "$(limit 120)" "${docker_cmd[@]}" pull -q debian:bookworm-slim >/dev/null 2>&1; then
    base=debian:bookworm-slim
  elif docker image inspect local/debian:bookworm >/dev/null 2>&1; then
    base=local/debian:bookworm
  else
    t=$(date +%s)
    debootstrap_base
    log "Basisbilledet lavet på $(seconds_since "$t") s"
  fi
fi
log "Basisbillede / base image: $base"

# --- The images. A TLS-inspecting proxy between this machine and PyPI: its CA is in this
# machine's bundle, which the build then trusts too (the Dockerfile's build secret `ca`).
ca="${SIKKERBY_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}"
secret=()
[[ -s "$ca" ]] && secret=(--secret "id=ca,src=$ca")
t=$(date +%s)
DOCKER_BUILDKIT=1 timeout "$(limit 1200)" "${docker_cmd[@]}" build --progress=plain \
  --build-arg "BASE_IMAGE=$base" "${secret[@]}" -t "$app_image" . >"$logs/build-app.log" 2>&1 \
  || { tail -40 "$logs/build-app.log"; fail "docker build (app)"; }
build_app_s=$(seconds_since "$t")
t=$(date +%s)
DOCKER_BUILDKIT=1 timeout "$(limit 600)" "${docker_cmd[@]}" build --progress=plain \
  --build-arg "BASE_IMAGE=$base" -t "$proxy_image" container/proxy >"$logs/build-proxy.log" 2>&1 \
  || { tail -40 "$logs/build-proxy.log"; fail "docker build (proxy)"; }
build_proxy_s=$(seconds_since "$t")
log "Bygget / built: $app_image på $build_app_s s, $proxy_image på $build_proxy_s s"

# --- The image itself: only the app's packages, a non-root user.
found=$(timeout "$(limit 120)" "${docker_cmd[@]}" run --rm --read-only "$app_image" python -c '
import importlib.util
tools = ["pytest", "playwright", "geopandas", "pyproj", "pyogrio", "ruff", "pip"]
print(" ".join(t for t in tools if importlib.util.find_spec(t)))')
[[ -z "$found" ]] || fail "billedet indeholder $found"
user=$(docker image inspect -f '{{.Config.User}}' "$app_image")
[[ -n "$user" && "$user" != root && "$user" != 0 ]] || fail "billedet kører som root"
log "OK  billedet har ingen pytest, playwright, geopandas, pyproj, pyogrio, ruff eller pip; bruger $user"

# --- The stack: 2 replicas behind the proxy on a free port of this machine.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
STREAMLIT_SERVER_COOKIE_SECRET=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
export STREAMLIT_SERVER_COOKIE_SECRET SIKKERBY_PORT="$port" SIKKERBY_TAG="$tag" BASE_IMAGE="$base"
t=$(date +%s)
stack_up=true
timeout "$(limit 180)" "${compose[@]}" -p "$project" up -d --no-build --scale "app=$replicas" \
  >"$logs/up.log" 2>&1 || { cat "$logs/up.log"; fail "compose up"; }
mapfile -t apps < <(docker ps -q --filter "label=com.docker.compose.project=$project" \
  --filter "label=com.docker.compose.service=app")
[[ ${#apps[@]} -eq $replicas ]] || fail "${#apps[@]} app-containere kører, ventede $replicas"
timeout "$(limit 600)" .venv/bin/python scripts/container_check.py --url "http://127.0.0.1:$port" \
  --replicas "$replicas" --publish-in "${apps[0]}" --docker "${docker_cmd[*]}"

# Docker's own health check (the image's HEALTHCHECK) has passed on every replica.
for _ in $(seq 1 60); do
  healthy=0
  for c in "${apps[@]}"; do
    [[ "$(docker inspect -f '{{.State.Health.Status}}' "$c")" == healthy ]] && healthy=$((healthy + 1))
  done
  [[ $healthy -eq $replicas ]] && break
  sleep 2
done
[[ $healthy -eq $replicas ]] || fail "$healthy af $replicas replikaer er 'healthy' efter 2 min"
log "OK  HEALTHCHECK: alle $replicas replikaer er healthy"
stack_s=$(seconds_since "$t")

mb() { docker image inspect -f '{{.Size}}' "$1" | awk '{printf "%.0f MB", $1 / 1e6}'; }
log "Resumé / summary:"
log "  billede / image $app_image: $(mb "$app_image") (proxy $proxy_image: $(mb "$proxy_image"))"
log "  basis / base: $base ($(mb "$base"))"
log "  byggetid / build: app $build_app_s s, proxy $build_proxy_s s"
log "  stak op og tjekket / stack up and checked: $stack_s s"
log "  i alt / total: $(seconds_since "$started") s"
log "OK"
