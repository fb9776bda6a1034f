#!/usr/bin/env bash
# The project's one test command: set-up (with chromium), ruff, import-linter, then pytest with its
# arguments, and in CI the container check.
# Fails when pytest ran no tests, so a wrong -k/-m or path cannot pass silently.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh --browser
# Debian's HAProxy for tests/ui/test_replicas.py (scripts/serve-replicas.sh installs it the same way).
if ! command -v haproxy >/dev/null 2>&1; then
  echo "[test] Installerer Debians haproxy"
  sudo=()
  [[ "$(id -u)" -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy >/dev/null
fi

echo "[test] ruff check"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "[test] lint-imports (the layers in pyproject.toml)"
.venv/bin/lint-imports --no-logo --no-cache

echo "[test] pytest"
junit=test-artifacts/junit.xml
mkdir -p test-artifacts
rm -f "$junit"  # a stale file from an earlier run must not count as tests run now
status=0
# Two workers: the browser tests run in one of them against one server (xdist_group "browser"),
# everything else in the other.
.venv/bin/python -m pytest -n 2 --dist loadgroup --junitxml="$junit" "$@" || status=$?

# Exit 5 means "no tests collected"; the other non-zero codes are passed through as they are.
if [[ "$status" -ne 0 && "$status" -ne 5 ]]; then
  exit "$status"
fi

executed=$(
  .venv/bin/python - "$junit" <<'PY'
import sys
import xml.etree.ElementTree as ET

try:
    root = ET.parse(sys.argv[1]).getroot()
except (OSError, ET.ParseError):
    print(0)
    raise SystemExit
suites = [root] if root.tag == "testsuite" else root.iter("testsuite")
print(sum(int(s.get("tests", 0)) - int(s.get("skipped", 0)) for s in suites))
PY
)
if [[ "$status" -eq 5 || "$executed" -le 0 ]]; then
  echo "[test] FEJL: ingen tests blev kørt (tjek stier, -k og -m)" >&2
  exit 1
fi
echo "[test] OK: $executed tests kørt"

# The container check (scripts/container-check.sh: the image, the compose stack with 2 replicas
# and a browser through its proxy; a few minutes, root or sudo): in CI (.ci/run and CI=true) or
# with SIKKERBY_CONTAINER_CHECK=1; SIKKERBY_CONTAINER_CHECK=0 leaves it out.
container_check="${SIKKERBY_CONTAINER_CHECK:-}"
if [[ -z "$container_check" ]]; then
  [[ "${CI:-}" == true ]] && container_check=1 || container_check=0
fi
if [[ "$container_check" == 1 ]]; then
  echo "[test] container-tjek (scripts/container-check.sh)"
  bash scripts/container-check.sh
  echo "[test] OK: $executed tests og container-tjekket"
else
  echo "[test] Container-tjekket blev ikke kørt: SIKKERBY_CONTAINER_CHECK=1 bash scripts/test.sh" \
    "eller bash scripts/container-check.sh kører det (det gør CI altid)"
fi
