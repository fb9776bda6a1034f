"""The warm-up at server start: what the first visitor after a start would otherwise wait for.

While the first browser fetches Streamlit's own files (about 1.5 s on the benchmark machine),
the server has nothing to do. `start()` uses that time in a background thread: it imports what
the pages use (pandas, DuckDB, folium: about 0.6 s) and builds the landing page's view of the
published version into the same per-store caches the page reads. No page waits for it: a run
that comes first builds what it needs itself, and the results are the same.

It never imports streamlit-folium: a component declared before Streamlit's runtime exists is
never registered, and the map would get a 404 for its own files.
"""

import logging
import threading

from sikkerby.errors import SikkerByError


def warm_up() -> None:
    """Import the pages' modules and build the overview as a visitor with a bare link sees it."""
    from sikkerby.ui import components as ui
    from sikkerby.views import map as map_view  # noqa: F401 (folium)
    from sikkerby.views import overview

    store = ui.store()
    today = ui.today()
    request = overview.resolve(store, {}, today.year)
    overview.build(store, request.period.value, today.year, request.edition)
    overview.download(store, today)


def _warm_up_quietly() -> None:
    try:
        warm_up()
    except SikkerByError:  # no version to show: the first page view says so, and logs why once
        pass
    except Exception:  # the pages then do it themselves, and show any error where it belongs
        logging.getLogger(__name__).exception("Opvarmningen ved start mislykkedes")


def start() -> threading.Thread:
    thread = threading.Thread(target=_warm_up_quietly, name="sikkerby-opvarmning", daemon=True)
    thread.start()
    return thread
