"""First-screen benchmark (not a test): how long a visitor waits for the overview's numbers and
charts, against a plain Streamlit page with as many of them, and for the map on /kort.

One run starts the app (over a store of its own with the bundled data) and, beside it, a plain
Streamlit page generated in a temporary folder: the overview's own large numbers as st.metric
and its own Vega-Lite specs as st.vega_lite_chart, in the same order, nothing else. Each page is
first opened once unmeasured (the servers' first runs), then, alternately, the overview, the
plain page and /kort are opened N times each, every time in a fresh browser context (a new
visitor: nothing cached) in Debian's headless chromium. Inside the page a check on every frame
records, from the navigation's start (performance.now()):

- "script": the first time Streamlit says the script has finished (running -> notRunning);
- "content": every large number and every chart drawn (as many stMetricValue as the overview
  shows, as many Vega `.marks` with a size as it has charts) and no stSkeleton placeholder left;
  on /kort, the map's 13 district shapes drawn in its frame.

It prints each run, the five-run medians, the overview's ratio to the plain page (the target is
at most 1.3) and /kort's time from script end to map.

    flock /tmp/sikkerby-browser-b.lock .venv/bin/python bench/first_screen.py [--runs 5]

Hold a lock like that while measuring on a shared machine: the times are only comparable when
nothing else starts a browser or a server meanwhile. Writes bench/results/first_screen.json.
"""

import argparse
import json
import os
import platform
import signal
import statistics
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]
from harness import (  # noqa: E402 (the shared harness lives beside the browser tests)
    CHROMIUM_ARGS,
    chromium_path,
    free_port,
    start_streamlit,
    stop,
    wait_healthy,
)

from sikkerby.ingest import publish  # noqa: E402
from sikkerby.views import overview  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "first_screen.json"
TIMEOUT_MS = 60_000
VIEWPORT = {"width": 1280, "height": 720}
MAP_SHAPES = 13

# Runs in every page before its own scripts: a check on every frame that notes when the script
# first finished and when the content was first all there. Only in the top frame.
RECORDER = """(() => {
  if (window !== window.top) return;
  const want = %s;
  const seen = { script: null, content: null };
  window.__firstScreen = seen;
  let ran = false;
  const sized = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const mapShapes = () => {
    let n = 0;
    for (const f of document.querySelectorAll("iframe")) {
      try { n += f.contentDocument.querySelectorAll("path.leaflet-interactive").length; }
      catch (e) { /* not ours */ }
    }
    return n;
  };
  const check = () => {
    const t = performance.now();
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app && app.getAttribute("data-test-script-state");
    if (state === "running") ran = true;
    if (ran && state === "notRunning" && seen.script === null) seen.script = t;
    if (seen.content === null) {
      let done;
      if (want.map) {
        done = mapShapes() >= want.map;
      } else {
        const metrics = [...document.querySelectorAll('[data-testid="stMetricValue"]')]
          .filter(sized).length;
        const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"] .marks')]
          .filter(sized).length;
        const skeletons = document.querySelectorAll('[data-testid="stSkeleton"]').length;
        done = metrics >= want.metrics && charts >= want.charts && skeletons === 0;
      }
      if (done) seen.content = t;
    }
    if (seen.content === null || seen.script === null) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();"""


# What the page shows when it is not done in time, for the message.
STATE = """() => ({
  seen: window.__firstScreen,
  state: document.querySelector('[data-testid="stApp"]')?.getAttribute("data-test-script-state"),
  metrics: document.querySelectorAll('[data-testid="stMetricValue"]').length,
  charts: document.querySelectorAll('[data-testid="stVegaLiteChart"] .marks').length,
  skeletons: document.querySelectorAll('[data-testid="stSkeleton"]').length,
  iframes: document.querySelectorAll("iframe").length,
})"""


def overview_content(store_dir: Path) -> list[dict]:
    """The overview's goal cards as a bare link shows them: each card's large numbers and its
    chart's Vega-Lite spec (None when the card shows a sentence instead)."""
    store = publish.default_store(store_dir)
    year = date.today().year
    request = overview.resolve(store, {}, year)
    view = overview.build(store, request.period.value, year, request.edition)
    return [
        {
            "heading": card.heading,
            "figures": [
                {"label": f.label, "value": f.value, "delta": f.delta, "help": f.help}
                for f in card.figures
            ],
            "spec": card.chart.spec,
        }
        for _, cards in view.groups
        for card in cards
    ]


PLAIN_PAGE = '''"""A plain Streamlit page with the overview's large numbers and charts."""
import json
from pathlib import Path

import streamlit as st

st.set_page_config(layout="wide")
st.title("Almindelig side")
for card in json.loads((Path(__file__).parent / "cards.json").read_text()):
    with st.container(border=True):
        st.subheader(card["heading"], anchor=False)
        with st.container(horizontal=True):
            for f in card["figures"]:
                st.metric(f["label"], f["value"], delta=f["delta"], help=f["help"])
        if card["spec"] is not None:
            st.vega_lite_chart(card["spec"], width="stretch")
'''


def plain_page(folder: Path, cards: list[dict]) -> Path:
    (folder / "cards.json").write_text(json.dumps(cards, ensure_ascii=False))
    script = folder / "plain.py"
    script.write_text(PLAIN_PAGE)
    return script


def visit(browser, url: str, want: dict) -> dict:
    """Opens `url` in a fresh context; the page's own times (ms from navigation start)."""
    context = browser.new_context(viewport=VIEWPORT, locale="da-DK")
    try:
        context.add_init_script(RECORDER % json.dumps(want))
        page = context.new_page()
        page.goto(url)
        try:
            page.wait_for_function(
                "() => window.__firstScreen && window.__firstScreen.content !== null"
                " && window.__firstScreen.script !== null",
                timeout=TIMEOUT_MS,
            )
        except PlaywrightTimeout:
            raise RuntimeError(f"{url}: {page.evaluate(STATE)}") from None
        seen = page.evaluate("() => window.__firstScreen")
    finally:
        context.close()
    return {"script_s": seen["script"] / 1000, "content_s": seen["content"] / 1000}


def serve(script: Path, log_dir: Path, servers: list, env: dict | None = None) -> str:
    port = free_port()
    with (log_dir / f"{script.stem}-{port}.log").open("w") as log:
        proc = start_streamlit(script, port, log, env=env)
    servers.append(proc)
    wait_healthy(proc, port, TIMEOUT_MS / 1000)
    return f"http://127.0.0.1:{port}"


def median(rows: list[dict], page: str, what: str) -> float:
    return statistics.median(r[page][what] for r in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    # SIGTERM would otherwise end Python without the finally block that stops the servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    servers: list = []
    rows = []
    with tempfile.TemporaryDirectory(prefix="sikkerby-first-screen-") as tmp:
        folder = Path(tmp)
        store = folder / "lager"
        cards = overview_content(store)
        metrics = sum(len(c["figures"]) for c in cards)
        charts = sum(c["spec"] is not None for c in cards)
        print(f"overblikket: {metrics} store tal, {charts} diagrammer", flush=True)
        pages = {
            "overblik": ("/", {"metrics": metrics, "charts": charts}),
            "almindelig": ("/", {"metrics": metrics, "charts": charts}),
            "kort": ("/kort", {"map": MAP_SHAPES}),
        }
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            try:
                app = serve(ROOT / "app.py", folder, servers, {"SIKKERBY_STORE": str(store)})
                plain = serve(plain_page(folder, cards), folder, servers)
                bases = {"overblik": app, "almindelig": plain, "kort": app}
                for name, (path, want) in pages.items():  # the servers' first runs
                    visit(browser, bases[name] + path, want)
                for run in range(1, args.runs + 1):
                    row = {"run": run}
                    for name, (path, want) in pages.items():
                        row[name] = visit(browser, bases[name] + path, want)
                    rows.append(row)
                    print(
                        f"run {run}: "
                        + " | ".join(
                            f"{name} script {row[name]['script_s']:.2f} s, "
                            f"indhold {row[name]['content_s']:.2f} s"
                            for name in pages
                        ),
                        flush=True,
                    )
            finally:
                for proc in servers:
                    stop(proc)
                browser.close()

    medians = {
        name: {what: median(rows, name, what) for what in ("script_s", "content_s")}
        for name in pages
    }
    ratio = medians["overblik"]["content_s"] / medians["almindelig"]["content_s"]
    kort_after_script = statistics.median(
        r["kort"]["content_s"] - r["kort"]["script_s"] for r in rows
    )
    for name, m in medians.items():
        print(f"median {name}: script færdig {m['script_s']:.2f} s, indhold {m['content_s']:.2f} s")
    print(f"overblik / almindelig side: {ratio:.2f} (mål: højst 1,3)")
    print(f"kort: kortet tegnet {kort_after_script:.2f} s efter scriptet (median)")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
                "viewport": VIEWPORT,
                "overview": {"metrics": metrics, "charts": charts},
                "runs": rows,
                "medians": medians,
                "ratio": ratio,
                "kort_map_after_script_s": kort_after_script,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"skrevet til {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
