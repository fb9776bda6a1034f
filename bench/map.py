"""Map benchmark (not a test): what the map page /kort sends to the browser, and how fast it reruns.

Measured with Streamlit's AppTest (no server, no browser), on the entry app.py switched to
pages/kort_side.py:

1. Payload: for every measure and year the page offers, the bytes streamlit-folium's `st_folium`
   sends for the map (the component's JSON arguments, utf-8, plus any binary arguments), against
   the issue's limit of 120 KB (1 KB = 1000 bytes). The Leaflet files the map loads from the
   app's server (/leaflet/, sikkerby.render.leaflet) are reported beside it for information
   only: the browser caches them.
2. Server-side rerun time of a year change on /kort?indikator=utrygge_nabolag&aar=2017: the first
   run of the page, each other year visited once (cold: the views are built), then
   every year visited again (warm: cache hits). Each of the --runs runs starts with empty Streamlit
   caches; the Python imports are already paid by part 1, so "first run" leaves them out.

Run with `.venv/bin/python bench/map.py [--runs 5]`; prints tables and the medians, and writes
bench/results/map.json.
"""

import argparse
import json
import logging
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from sikkerby.ingest import publish  # noqa: E402 (the app's package is not installed)
from sikkerby.ingest.publish import default_store  # noqa: E402
from sikkerby.store import forget_stores  # noqa: E402
from sikkerby.ui import serve  # noqa: E402
from sikkerby.views import map as map_view  # noqa: E402

PAGE = "pages/kort_side.py"
LEAFLET_FILES = [serve.LEAFLET_FILES / name for name in ("leaflet.js", "leaflet.css")]
LIMIT_KB = 120
RERUN_MEASURE, RERUN_YEAR = "utrygge_nabolag", 2017
YEAR_CONTROL = 1  # app.button_group[0] is the measure, [1] the year
TIMEOUT_S = 60

RESULTS = ROOT / "bench" / "results" / "map.json"

# AppTest runs without a Streamlit server, and Streamlit warns about that on every run. A filter,
# because Streamlit resets its loggers' levels when it reads its config.
for _name in ("scriptrunner_utils.script_run_context", "caching.cache_data_api"):
    logging.getLogger(f"streamlit.runtime.{_name}").addFilter(
        lambda record: record.levelno >= logging.ERROR
    )


def kb(n_bytes: int) -> float:
    return n_bytes / 1000


def ms(seconds: float) -> float:
    return seconds * 1000


def checked(app: AppTest) -> AppTest:
    """The app, or an error naming the page's exceptions (other people edit the page meanwhile)."""
    if app.exception:
        messages = "; ".join(e.message for e in app.exception)
        raise RuntimeError(f"{PAGE} raised: {messages}")
    return app


def open_map(key: str, year: int) -> tuple[AppTest, float]:
    """Runs /kort?indikator=key&aar=year once; returns the app and the run's seconds."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    app.query_params.update({"indikator": key, "aar": str(year)})
    app.switch_page(PAGE)
    start = time.perf_counter()
    app.run()
    return checked(app), time.perf_counter() - start


def payload_bytes(app: AppTest) -> int:
    """What st_folium sends: the component's JSON arguments plus any binary ones."""
    proto = app.get("component_instance")[0].proto
    return len(proto.json_args.encode("utf-8")) + sum(a.ByteSize() for a in proto.special_args)


def measure_payloads() -> list[dict]:
    store = default_store()
    rows = []
    for key in map_view.measures(store):
        for year, label in map_view.year_options(store, key).items():
            app, _ = open_map(key, year)
            count = int(label.split("(")[1].rstrip(")"))
            row = {"measure": key, "year": year, "districts": count}
            rows.append({**row, "bytes": payload_bytes(app)})
    return rows


def set_year(app: AppTest, year: int) -> float:
    """Seconds for the rerun after a click on `year` in the year control."""
    control = app.button_group[YEAR_CONTROL].set_value(year)
    start = time.perf_counter()
    control.run()
    elapsed = time.perf_counter() - start
    shown = checked(app).button_group[YEAR_CONTROL].value
    if shown != year:
        raise RuntimeError(f"asked for {year}, the page shows {shown}")
    return elapsed


def measure_reruns(years: list[int]) -> dict:
    """One run: the first run of the page, then every other year cold, then every year warm."""
    forget_stores()  # a new store: every view cached for the old one is built again
    st.cache_data.clear()
    st.cache_resource.clear()
    app, first = open_map(RERUN_MEASURE, RERUN_YEAR)
    others = [y for y in years if y != RERUN_YEAR]
    cold = [ms(set_year(app, y)) for y in others]
    # Start the warm round with the first year, so every click changes the year.
    warm = [ms(set_year(app, y)) for y in [RERUN_YEAR, *others]]
    return {"first_ms": ms(first), "cold_ms": cold, "warm_ms": warm}


def summary(values: list[float]) -> dict:
    return {"median": statistics.median(values), "max": max(values), "n": len(values)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    publish.ensure()  # a machine with no published store yet gets the bundled data

    # --- 1. Payload per measure and year. ---
    payloads = measure_payloads()
    print(f"{'mål':<20} {'år':>4} {'bydele':>6} {'payload':>10}")
    for row in payloads:
        print(
            f"{row['measure']:<20} {row['year']:>4} {row['districts']:>6}"
            f" {kb(row['bytes']):>7.1f} KB"
        )
    largest = max(payloads, key=lambda r: r["bytes"])
    max_kb = kb(largest["bytes"])
    within = max_kb <= LIMIT_KB
    leaflet_bytes = sum(path.stat().st_size for path in LEAFLET_FILES)
    print(
        f"max payload: {max_kb:.1f} KB ({largest['measure']} {largest['year']}): "
        f"{'within' if within else 'OVER'} the limit of {LIMIT_KB} KB"
    )
    print(f"Leaflet from /leaflet/ (cached, not payload): {kb(leaflet_bytes):.1f} KB")

    # --- 2. Rerun times of year changes. ---
    years = sorted(map_view.year_options(default_store(), RERUN_MEASURE))
    print()
    runs = []
    for run in range(1, args.runs + 1):
        row = {"run": run, **measure_reruns(years)}
        runs.append(row)
        print(
            f"run {run}: first run {row['first_ms']:.0f} ms"
            f" | year change cold median {statistics.median(row['cold_ms']):.0f} ms"
            f" | warm median {statistics.median(row['warm_ms']):.0f} ms",
            flush=True,
        )
    first = summary([r["first_ms"] for r in runs])
    cold = summary([t for r in runs for t in r["cold_ms"]])
    warm = summary([t for r in runs for t in r["warm_ms"]])
    print(f"\n{'':<28} {'median':>8} {'max':>8} {'n':>4}")
    for label, s in [
        ("first run of /kort", first),
        ("year change, cold (miss)", cold),
        ("year change, warm (hit)", warm),
    ]:
        print(f"{label:<28} {s['median']:>5.0f} ms {s['max']:>5.0f} ms {s['n']:>4}")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            **{p: version(p) for p in ("streamlit", "streamlit-folium", "folium")},
        },
        "payload": {
            "limit_kb": LIMIT_KB,
            "max_kb": max_kb,
            "max_at": {"measure": largest["measure"], "year": largest["year"]},
            "within_limit": within,
            "leaflet_static_kb": kb(leaflet_bytes),
            "per_view": [{**r, "kb": kb(r["bytes"])} for r in payloads],
        },
        "reruns": {
            "url": f"/kort?indikator={RERUN_MEASURE}&aar={RERUN_YEAR}",
            "years": years,
            "first_run_ms": first,
            "year_change_cold_ms": cold,
            "year_change_warm_ms": warm,
            "runs": runs,
        },
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
