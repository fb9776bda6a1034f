#!/usr/bin/env bash
# Starts the dashboard locally: set-up without browser, then `sikkerby serve` (`streamlit run
# app.py` through sikkerby.ui.serve, see its docstring) with any extra arguments. Settings:
# .streamlit/config.toml.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
exec .venv/bin/sikkerby serve "$@"
