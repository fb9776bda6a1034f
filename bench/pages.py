"""Page benchmark (not a test): server-side run time of each page, cold and warm.

Measured with Streamlit's AppTest (no server, no browser) on the entry app.py switched to each
page: the first run with empty caches (cold: a new store, so the page builds its view, with its
assessments and chart specs) and a rerun straight after (warm: what a visitor waits for after
the first person has opened the page). The map page has its own benchmark, bench/map.py.

Run with `.venv/bin/python bench/pages.py [--runs 5]`; prints the medians and writes
bench/results/pages.json.
"""

import argparse
import json
import logging
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from sikkerby.ingest import publish  # noqa: E402 (the app's package is not installed)
from sikkerby.store import forget_stores  # noqa: E402

PAGES = {
    "Overblik": "pages/overblik_side.py",
    "Bydele": "pages/bydele_side.py",
    "Unge": "pages/unge_side.py",
    "Strategien": "pages/strategien_side.py",
    "Om data og metode": "pages/metode_side.py",
    "Præsentér": "pages/praesentation_side.py",
}
RESULTS = ROOT / "bench" / "results" / "pages.json"
TIMEOUT_S = 60

# AppTest runs without a server, and Streamlit warns about that on every run.
for _name in ("scriptrunner_utils.script_run_context", "caching.cache_data_api"):
    logging.getLogger(f"streamlit.runtime.{_name}").addFilter(
        lambda record: record.levelno >= logging.ERROR
    )


def empty_caches() -> None:
    """A new store, so every view and figure cached for the old one is built again."""
    forget_stores()
    st.cache_data.clear()
    st.cache_resource.clear()


def timed_runs(page: str) -> tuple[float, float]:
    """(cold, warm) seconds of one page's run after emptying the caches."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    app.run()  # the default page, which would fill the overview's cache
    app.switch_page(page)
    empty_caches()
    start = time.perf_counter()
    app.run()
    cold = time.perf_counter() - start
    start = time.perf_counter()
    app.run()
    warm = time.perf_counter() - start
    if app.exception:
        raise SystemExit(f"{page} failed: {app.exception[0].message}")
    return cold, warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    publish.ensure()  # a machine with no published store yet gets the bundled data
    results = {}
    print(f"{'page':10} {'cold ms':>8} {'warm ms':>8}  (median of {args.runs})")
    for name, page in PAGES.items():
        runs = [timed_runs(page) for _ in range(args.runs)]
        cold = statistics.median(c for c, _ in runs) * 1000
        warm = statistics.median(w for _, w in runs) * 1000
        results[name] = {"cold_ms": round(cold), "warm_ms": round(warm), "runs": args.runs}
        print(f"{name:10} {cold:8.0f} {warm:8.0f}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": platform.platform(),
                "pages": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
