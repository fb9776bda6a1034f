"""The server's own log: an unexpected error's line (sikkerby.ui.fallback) reaches the server's
output with its time, level, id and traceback."""

import asyncio
import hashlib
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from streamlit import net_util
from streamlit.web.server import server_util
from streamlit.web.server.starlette import starlette_static_routes

from sikkerby.settings import SITE_ENV
from sikkerby.ui import danish, fallback, serve


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
    assert script.content == (serve.LEAFLET_FILES / "leaflet.js").read_bytes()
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


def test_streamlit_s_page_is_danish_from_its_first_byte(monkeypatch):
    """Every address that gets Streamlit's page (/, a page, an unknown one) gets it with
    lang="da", the site's title, a Danish note for a browser without JavaScript and the
    translator's script, also when the browser has Streamlit's own file in its cache."""
    monkeypatch.setattr(
        starlette_static_routes, "create_streamlit_static_handler", serve.static_files
    )
    app = Starlette(routes=serve.static_routes(None))
    index = Path(starlette_static_routes.__file__).parents[3] / "static" / "index.html"

    async def ask() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://sikkerby.test") as c:
            pages = [await c.get(path) for path in ("/", "/kort", "/ukendt", "/index.html")]
            # Streamlit's file as the browser may have cached it (Starlette's ETag for it).
            stat = index.stat()
            etag = hashlib.md5(f"{stat.st_mtime}-{stat.st_size}".encode()).hexdigest()
            cached = await c.get("/", headers={"If-None-Match": f'"{etag}"'})
            return [*pages, cached]

    with ThreadPoolExecutor(1) as thread:
        answers = thread.submit(asyncio.run, ask()).result()
    assert '<html lang="en">' in index.read_text()  # what Streamlit itself would send
    for page in answers:
        assert page.status_code == 200, page.request.url
        assert page.headers["content-type"] == "text/html; charset=utf-8"
        assert page.headers["cache-control"] == "no-cache"
        head = page.text[: page.text.index("<head>")]
        assert head.rstrip().endswith('<html lang="da">'), head
        assert "<title>Sikker By</title>" in page.text
        assert "slå JavaScript til" in page.text
        assert "You need to enable JavaScript" not in page.text and "AI" not in page.text
        assert "__sikkerByDansk" in page.text  # the translator, before the app's first run
        assert danish.CSS in page.text  # and its style (a dialog's terminal command hidden)
        assert page.text.index("__sikkerByDansk") > page.text.index('<div id="root">')


def test_a_changed_streamlit_page_is_refused_not_served_half_translated():
    with pytest.raises(ValueError):
        danish.index_page("<html><head></head><body></body></html>")


def test_a_site_that_cannot_be_read_stops_the_start_in_danish(monkeypatch, tmp_path, capsys):
    (tmp_path / "site.toml").write_text('name = "Tryg\n', encoding="utf-8")
    monkeypatch.setenv(SITE_ENV, str(tmp_path))
    with pytest.raises(SystemExit) as stopped:
        serve.main(["--server.port", "1"], prog="sikkerby serve")
    assert stopped.value.code == 2
    said = capsys.readouterr().err
    assert said.startswith(
        f"sikkerby serve: stedet kan ikke bruges. {tmp_path / 'site.toml'}, linje 1, kolonne "
    )
    assert "kan ikke læses som TOML" in said
