"""The server's own log: an unexpected error's line (sikkerby.ui.fallback) reaches the server's
output with its time, level, id and traceback."""

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

import httpx
from starlette.applications import Starlette
from streamlit import net_util
from streamlit.web.server import server_util
from streamlit.web.server.starlette import starlette_static_routes

from sikkerby.render import leaflet
from sikkerby.ui import fallback, serve


def test_an_error_s_id_and_traceback_reach_the_server_s_output(capsys):
    logger = logging.getLogger("sikkerby")
    before = (list(logger.handlers), logger.propagate)
    try:
        serve.log_to_stderr()
        try:
            raise KeyError("ingen sådan indikator")
        except KeyError as error:
            incident = fallback.report(error, "/kort")
    finally:
        logger.handlers[:], logger.propagate = before
    err = capsys.readouterr().err
    assert f"ERROR sikkerby.fejl: Uventet fejl {incident} på siden '/kort'" in err
    assert "Traceback (most recent call last)" in err and "ingen sådan indikator" in err
    assert err[:4].isdigit()  # the time first


def test_leaflet_and_the_not_found_redirect_follow_the_path_prefix(monkeypatch):
    """The routes the server adds, under `--server.baseUrlPath sikkerby`: Leaflet's files from
    the installed package, Streamlit's own page, and an address two levels deep sent on."""
    monkeypatch.setattr(
        starlette_static_routes, "create_streamlit_static_handler", serve.static_files
    )
    app = Starlette(routes=serve.static_routes("sikkerby"))

    async def ask(*paths: str) -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://sikkerby.test") as c:
            return [await c.get(path) for path in paths]

    # In a thread of its own: a test before this one in the same worker may leave an event loop
    # running in this thread, where asyncio.run refuses to start another.
    with ThreadPoolExecutor(1) as thread:
        asked = thread.submit(
            asyncio.run,
            ask(
                "/sikkerby/leaflet/leaflet.js",
                "/sikkerby/leaflet/images/marker-icon.png",
                "/sikkerby/leaflet/ukendt.js",
                "/leaflet/leaflet.js",
                "/sikkerby/kort",
                "/sikkerby/kort/ekstra",
            ),
        )
        script, image, unknown, outside, page, deep = asked.result()
    assert script.content == (leaflet.FILES / "leaflet.js").read_bytes()
    assert image.status_code == 200
    assert (unknown.status_code, outside.status_code) == (404, 404)  # only under the prefix
    assert "<html" in page.text  # Streamlit's own page
    assert deep.status_code == 307
    assert deep.headers["location"] == "/sikkerby/siden-findes-ikke?adresse=%2Fkort%2Fekstra"


def test_streamlit_never_asks_the_internet_for_the_machine_s_address(monkeypatch):
    asked = []
    monkeypatch.setattr(net_util, "_make_blocking_http_get", lambda url, **kw: asked.append(url))
    monkeypatch.setattr(net_util, "_external_ip", None)
    monkeypatch.setattr(net_util, "get_external_ip", net_util.get_external_ip)
    net_util.get_external_ip()
    assert asked  # Streamlit's own function goes out to the internet ...
    asked.clear()
    serve.no_requests_off_the_machine()
    # ... the server's does not, for the banner at 0.0.0.0 or a websocket's origin.
    assert net_util.get_external_ip() is None
    assert not server_util.is_url_from_allowed_origins("http://203.0.113.9:8501")
    assert asked == []
