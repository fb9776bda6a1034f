"""Starts the app: `sikkerby serve [streamlit options]` runs `streamlit run app.py`.

`python -m sikkerby.ui.serve` is the same. Streamlit applies the `.streamlit/config.toml` beside
`app.py` (in the checkout, or in the installed package) over one in the folder the command is
started from, so the project's settings hold wherever it is started.

Streamlit still has its first, folder-based page router: while no session has called
`st.navigation`, a server whose entry script has a `pages/` folder beside it resolves a deep link
such as `/kort` against the file names in `pages/`, finds none, and shows the first visitor a
"page not found" dialog (the page itself then renders). `st.navigation` switches that router off
for the whole process, but only after the first run. Switching it off before the server starts
means even the first person to open a shared link after a restart sees the page cleanly.

An address two levels deep (`/kort/ekstra`) would get Streamlit's page, but that page names its
files relative to the address (`./static/js/…`): the browser asks for `/kort/static/js/…`, gets
the page again instead of its script and shows nothing, and Streamlit's own client looks for the
server under `/kort/ekstra` and `/kort` only. Here the server answers such an address with a
redirect to the app's "Siden findes ikke" page (`/siden-findes-ikke?adresse=/kort/ekstra`).

Leaflet's files, for the offline map, are answered at `<root>leaflet/` from the installed
package XStatic-Leaflet (`sikkerby.render.leaflet`), by a route added before Streamlit's own
files: nothing is copied into the code's folder, which may be read-only. `<root>` is the app's
address on its server, "/" or, with `--server.baseUrlPath sikkerby`, "/sikkerby/"
(`links.root`): the map's Leaflet and the not-found redirect follow it.

Before the server starts, the store gets its first version from the site's bundled data, or an
old version the registries it needs (`sikkerby.ingest.publish.ensure`): the one write at start.
The pages only read (`sikkerby.store.served`); when that fails (a damaged store), the server
still starts, the log says why and the pages say the data cannot be shown.

The warm-up (`sikkerby.ui.warm`) starts beside the server, so the first visitor's run finds the
pages' modules imported and the landing page built.
"""

import functools
import logging
import os
import sys
from pathlib import Path
from urllib.parse import urlencode

import xstatic.pkg.leaflet
from streamlit import net_util
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli as streamlit_cli
from streamlit.web.server.starlette import starlette_app, starlette_static_routes

from sikkerby import site
from sikkerby.errors import SikkerByError
from sikkerby.ingest import cli, publish
from sikkerby.paths import ROOT
from sikkerby.render import leaflet, links
from sikkerby.ui import danish, warm

# Leaflet's files as the package installed them: leaflet.js, leaflet.css and images/.
LEAFLET_FILES = Path(xstatic.pkg.leaflet.BASE_DIR)

_make_static_files = starlette_static_routes.create_streamlit_static_handler
_make_static_routes = starlette_app.create_streamlit_static_assets_routes


def static_routes(base_url: str | None) -> list:
    """Leaflet's files from the installed package at <root>leaflet/, then Streamlit's own
    files (the last route: it answers every address no other route takes)."""
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles

    files = StaticFiles(directory=LEAFLET_FILES)
    return [Mount(links.root(base_url) + leaflet.PATH, app=files), *_make_static_routes(base_url)]


@functools.cache
def danish_index(index: str) -> bytes:
    """Streamlit's page (`index`, its index.html) in Danish from the first byte (`lang="da"`,
    the Danish title and note, the translator's script: sikkerby.ui.danish.index_page)."""
    return danish.index_page(Path(index).read_text(encoding="utf-8")).encode()


def static_files(directory: str, base_url: str | None):
    """Streamlit's own files and page, the page in Danish; an address two levels deep that
    names no file is sent to the app's "Siden findes ikke" page."""
    files = _make_static_files(directory, base_url)
    index = os.path.join(directory, "index.html")
    root = links.root(base_url)
    answer = files.get_response

    async def get_response(path: str, scope):
        from starlette.responses import FileResponse, RedirectResponse, Response

        response = await answer(path, scope)
        asked = path.replace("\\", "/").strip("/")
        is_index = isinstance(response, FileResponse) and response.path == index
        if "/" in asked and is_index:
            query = urlencode({links.ASKED: "/" + asked})
            return RedirectResponse(
                f"{root}{links.NOT_FOUND_PATH}?{query}", headers={"Cache-Control": "no-cache"}
            )
        if is_index or (
            response.status_code == 304 and os.path.normpath(path) in (".", "index.html")
        ):
            # Streamlit's English page never reaches a browser: not even from its cache (a 304
            # for the file's own ETag is answered with the Danish page).
            return Response(
                danish_index(index),
                media_type="text/html; charset=utf-8",
                headers={"Cache-Control": "no-cache"},
            )
        return response

    files.get_response = get_response
    return files


def log_to_stderr() -> None:
    """The app's own log lines (an unexpected error's id and traceback, sikkerby.ui.fallback)
    with time and level beside Streamlit's, in the server's output."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("sikkerby")
    logger.addHandler(handler)
    logger.propagate = False


def read_arguments(argv: list[str], prog: str) -> list[str]:
    """The options for `streamlit run`; `-h`/`--help` prints the Danish help and exits."""
    parser = cli.Parser(
        prog=prog,
        usage="%(prog)s [-h] [STREAMLIT-TILVALG ...]",
        description="Start dashboardet (streamlit run app.py med projektets indstillinger fra "
        ".streamlit/config.toml, hvorfra kommandoen end startes).",
        epilog="Streamlits egne tilvalg gives videre, fx --server.port 8501 og --server.address "
        "0.0.0.0 (se README, »Serving«). Det offentliggjorte lager er mappen i $SIKKERBY_STORE.",
        allow_abbrev=False,
    )
    return parser.parse_known_args(argv)[1]


def no_requests_off_the_machine() -> None:
    """Streamlit asks a server on the internet (checkip.amazonaws.com) for this machine's
    address when it serves every interface (0.0.0.0, as in a container) to print it, and when a
    websocket's origin is not the address it was asked for. The app makes no request off the
    machine: the address is unknown, and such a websocket is refused (behind a proxy that passes
    the Host header, as the README asks, the origin matches)."""
    net_util.get_external_ip = lambda: None


def check_site(prog: str) -> None:
    """Stop, with the problems in Danish (file, line and column), when the site's folder
    ($SIKKERBY_SITE) cannot be read: a dashboard without its words must not start."""
    try:
        site.current()
    except SikkerByError as error:
        print(f"{prog}: stedet kan ikke bruges. {error.describe()}", file=sys.stderr)
        raise SystemExit(2) from None


def prepare_store() -> None:
    """The store's first version (the bundled data), or an old version upgraded: once, before
    any page is read. A store that cannot be prepared is logged; the pages then say so."""
    try:
        publish.ensure()
    except SikkerByError as error:
        logging.getLogger(__name__).error("Lageret kunne ikke gøres klar: %s", error.describe())


def main(argv: list[str], prog: str = "python -m sikkerby.ui.serve") -> None:
    argv = read_arguments(argv, prog)
    check_site(prog)
    log_to_stderr()
    no_requests_off_the_machine()
    # A class attribute Streamlit reads once per process; `st.navigation` sets it to False too.
    PagesManager.uses_pages_directory = False
    starlette_static_routes.create_streamlit_static_handler = static_files
    starlette_app.create_streamlit_static_assets_routes = static_routes
    prepare_store()
    warm.start()
    streamlit_cli.main(args=["run", str(ROOT / "app.py"), *argv], prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
