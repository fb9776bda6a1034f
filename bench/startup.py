"""Startup benchmark (not a test): seconds from `streamlit run` to a fully rendered page.

Measures the Sikker By app's overview against a one-line Streamlit app on the same machine, so
the ratio says how much the app itself adds. Run with `.venv/bin/python bench/startup.py
[--runs 5]`; prints each run and the medians, and writes bench/results/startup.json.
"""

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from harness import (  # noqa: E402 (the shared harness lives beside the browser tests)
    CHROMIUM_ARGS,
    READY,
    chromium_path,
    free_port,
    start_streamlit,
    stop,
    wait_healthy,
)

# --- What "fully rendered" means; change here when the overview changes. ---
GOAL_CARDS = '[class*="st-key-goal-"]'
MIN_GOAL_CARDS = 6
# Vega draws into an svg (Streamlit's default) or a canvas, both with class "marks".
DRAWN_CHARTS = '[data-testid="stVegaLiteChart"] .marks'
MIN_DRAWN_CHARTS = 6
ONE_LINER = 'import streamlit as st\nst.write("Hej")\n'
ONE_LINER_TEXT = "Hej"
RENDER_TIMEOUT_MS = 60_000

RESULTS = ROOT / "bench" / "results" / "startup.json"

# Counts visible goal cards and the visible, non-empty charts inside them, in one page round trip.
_OVERVIEW_RENDERED_JS = """([ready, cards, charts, minCards, minCharts]) => {
    if (!document.querySelector(ready)) return false;
    const shown = (el) => el.checkVisibility() && el.getBoundingClientRect().height > 0;
    const visibleCards = [...document.querySelectorAll(cards)].filter(shown);
    const drawn = visibleCards.flatMap((c) => [...c.querySelectorAll(charts)]).filter(shown);
    return visibleCards.length >= minCards && drawn.length >= minCharts;
}"""


def wait_overview_rendered(page: Page) -> None:
    args = [READY, GOAL_CARDS, DRAWN_CHARTS, MIN_GOAL_CARDS, MIN_DRAWN_CHARTS]
    page.wait_for_function(_OVERVIEW_RENDERED_JS, arg=args, timeout=RENDER_TIMEOUT_MS)


def wait_one_liner_rendered(page: Page) -> None:
    page.wait_for_selector(READY, state="attached", timeout=RENDER_TIMEOUT_MS)
    page.get_by_text(ONE_LINER_TEXT, exact=True).wait_for(timeout=RENDER_TIMEOUT_MS)


def measure(browser, script: Path, wait_rendered, servers: list, log_dir: Path) -> float:
    """Starts `streamlit run script`, returns seconds until wait_rendered(page) returns."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = log_dir / f"{script.stem}-{port}.log"
    with log_path.open("w") as log:
        start = time.perf_counter()
        proc = start_streamlit(script, port, log)
    servers.append(proc)
    try:
        # Poll tightly: the page can only be opened once the server answers.
        wait_healthy(proc, port, RENDER_TIMEOUT_MS / 1000, poll_s=0.02)
    except RuntimeError as error:
        tail = "\n".join(log_path.read_text(errors="replace").splitlines()[-20:])
        raise RuntimeError(f"server for {script.name}: {error}\n{tail}") from None
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="da-DK")
    try:
        page = context.new_page()
        page.goto(url)
        wait_rendered(page)
        elapsed = time.perf_counter() - start
    finally:
        context.close()
        stop(proc)  # before the next run, so two servers never compete for the CPU
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    # Another entry script only for trying the benchmark itself; the numbers that count use app.py.
    parser.add_argument("--app", type=Path, default=ROOT / "app.py")
    args = parser.parse_args()
    runs, app = args.runs, args.app.resolve()

    if not app.exists():
        print(f"{app} not found: measuring the one-liner only")
    # SIGTERM would otherwise end Python without running the finally block that stops servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    exe = chromium_path()
    servers: list[subprocess.Popen] = []
    results = []
    with tempfile.TemporaryDirectory(prefix="sikkerby-bench-") as tmp, sync_playwright() as pw:
        one_liner = Path(tmp) / "one_liner.py"
        one_liner.write_text(ONE_LINER)
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            for run in range(1, runs + 1):
                row = {"run": run, "sikkerby_s": None}
                row["one_liner_s"] = measure(
                    browser, one_liner, wait_one_liner_rendered, servers, Path(tmp)
                )
                if app.exists():
                    row["sikkerby_s"] = measure(
                        browser, app, wait_overview_rendered, servers, Path(tmp)
                    )
                results.append(row)
                sb = f"{row['sikkerby_s']:.2f} s" if row["sikkerby_s"] is not None else "-"
                one = f"{row['one_liner_s']:.2f} s"
                print(f"run {run}: start->overblik {sb} | start->one-liner {one}", flush=True)
        finally:
            for proc in servers:
                stop(proc)
            browser.close()

    one_med = statistics.median(r["one_liner_s"] for r in results)
    sb_times = [r["sikkerby_s"] for r in results if r["sikkerby_s"] is not None]
    sb_med = statistics.median(sb_times) if sb_times else None
    ratio = sb_med / one_med if sb_med is not None else None
    if sb_med is not None:
        print(
            f"median start->overblik: {sb_med:.2f} s | median start->one-liner: {one_med:.2f} s"
            f" | ratio {ratio:.2f}"
        )
    else:
        print(f"median start->one-liner: {one_med:.2f} s")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    summary = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "ready_conditions": {
            "goal_cards": GOAL_CARDS,
            "min_goal_cards": MIN_GOAL_CARDS,
            "drawn_charts": DRAWN_CHARTS,
            "min_drawn_charts": MIN_DRAWN_CHARTS,
        },
        "runs": results,
        "median_sikkerby_s": sb_med,
        "median_one_liner_s": one_med,
        "ratio": ratio,
    }
    RESULTS.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
