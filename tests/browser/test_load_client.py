"""The load benchmark's client (bench/load.py) against the running app: it speaks Streamlit's
websocket protocol, and it counts a run only when the page really rendered. (No browser: the
server is the browser tests' own.)"""

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import load


def stream(base_url: str) -> str:
    return base_url.replace("http://", "ws://") + "/_stcore/stream"


def walk(base_url: str, steps) -> list:
    async def go():
        async with load.Session(stream(base_url)) as session:
            return [await session.run(step) for step in steps]

    # In a thread of its own: Playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, go()).result(timeout=300)


def test_a_walk_renders_the_overview_the_map_and_the_year_changed_on_the_page(app_server):
    runs = walk(app_server, load.WALK * 2)
    assert [(r.step, r.ok, r.error) for r in runs] == [(s.name, True, None) for s in load.WALK * 2]
    assert all(r.messages > 5 and r.bytes > 5_000 for r in runs)


def test_a_run_that_does_not_show_the_page_s_text_is_not_counted(app_server):
    overview, the_map, year = load.WALK
    wrong_text = replace(overview, expected="Denne tekst står ikke på siden")
    wrong_year = replace(year, address="indikator=trygge_nabolag&aar=2017")
    no_such_year = replace(year, option="1999")
    runs = walk(app_server, [wrong_text, the_map, wrong_year, no_such_year])
    assert [(r.ok, r.error) for r in runs] == [
        (False, "ikke vist"),
        (True, None),
        (False, "ikke vist"),  # the year changed, but not to the year expected
        (False, runs[3].error),
    ]
    assert runs[3].error.startswith("LookupError: kort_aar: no option '1999'")
