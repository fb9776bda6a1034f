"""Report benchmark (not a test): how long the yearly report takes to make, cold and warm.

Cold: a new store, so every view, chart image and map image is made again; warm: the same
report again from the same store (what a second click on the overview's button costs).
Run with `.venv/bin/python bench/report.py [--runs 3]`.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from sikkerby import rapport  # noqa: E402 (the app's package is not installed)
from sikkerby.ingest import publish  # noqa: E402
from sikkerby.ingest.publish import default_store  # noqa: E402
from sikkerby.store import forget_stores  # noqa: E402

CASES = (("2018-2021", 2021), ("2022-2025", 2025))
TODAY = 2026


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    publish.ensure()
    for period, year in CASES:
        cold = []
        for _ in range(runs):
            forget_stores()
            store = default_store()
            start = time.perf_counter()
            data = rapport.document(store, period, year, TODAY)
            cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        rapport.document(store, period, year, TODAY)
        warm = time.perf_counter() - start
        print(
            f"{period} som ved {year}: kold {statistics.median(cold):.2f} s (median af {runs}), "
            f"varm {warm:.2f} s, {len(data) / 1024:.0f} KB"
        )


if __name__ == "__main__":
    main()
