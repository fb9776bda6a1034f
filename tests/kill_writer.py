"""A writer for the kill tests: publishes one new figure into a store, optionally killing itself
with SIGKILL the moment the publish reaches a step (`sikkerby.versions.STEPS`), or publishing
its own figure N times in a row (the two-writers test).

    python tests/kill_writer.py STORE [--kill-at STEP] [--tag TAG] [--times N]
"""

import argparse
import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sikkerby.errors import BusyError
from sikkerby.ingest import publish


def new_row(tag: str) -> dict[str, str]:
    """A synthetic figure, never shown as real: its source says what it is."""
    return {
        "indicator": "utrygge_nabolag_pct",
        "area": "valby",
        "year": "2026",
        "value": "9",
        "unit": "%",
        "quality": "primary",
        "source_title": f"SYNTETISK TESTDATA {tag}",
        "source_url": "",
        "note": "",
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("--kill-at")
    parser.add_argument("--tag", default="kill")
    parser.add_argument("--times", type=int, default=1)
    args = parser.parse_args()

    def progress(step: str) -> None:
        if step == args.kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    published = 0
    for i in range(args.times):
        base = publish.current(args.store)
        rows = [*publish.figures_of(base), new_row(f"{args.tag}-{i}")]
        try:
            publish.publish_figures(rows, args.tag, base=base, store=args.store, progress=progress)
            published += 1
        except BusyError:
            print(f"busy {args.tag}-{i}", flush=True)
            continue
        print(f"published {args.tag}-{i}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
