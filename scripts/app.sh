#!/usr/bin/env bash
# Starts the dashboard locally: set-up without browser, then `streamlit run app.py` with any
# extra arguments. Settings come from .streamlit/config.toml.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
exec .venv/bin/streamlit run app.py "$@"
