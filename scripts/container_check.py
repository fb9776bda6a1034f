"""Checks a running compose stack (compose.yaml) through its proxy, the way visitors reach it:
the health endpoint, that the replicas are distinct and each keeps its visitors (the proxy's
cookie), that the update page is closed at the proxy, a deep link to the map drawn in headless
chromium on every replica, every page of the navigation shown without the error page, and a
publish in one replica seen by every replica.

    .venv/bin/python scripts/container_check.py --url http://127.0.0.1:8080 --replicas 2 \
        --publish-in CONTAINER [--docker /usr/bin/docker]

`scripts/container-check.sh` builds the images, starts the stack and runs this; it is not a
test module of its own (pytest does not collect it). Exits 1 with the reason on the first
failed check.
"""

import argparse
import re
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import Error as BrowserError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT))
from harness import (  # noqa: E402 (the shared harness lives beside the browser tests)
    CHROMIUM_ARGS,
    OFF_THE_MACHINE,
    READY,
    chromium_path,
)

from sikkerby.render import links  # noqa: E402
from sikkerby.views.fallback import ERROR_TITLE, NOT_FOUND_TITLE  # noqa: E402

COOKIE = "SIKKERBY_APP"  # the proxy's cookie (container/proxy/haproxy.cfg)
MAP_LINK = "/kort?indikator=utrygge_nabolag&aar=2017"
# The map's frame, under streamlit-folium's name until the app's translator names it in Danish.
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"], iframe[title="Kort over bydelene"]'
DISTRICT = "path.leaflet-interactive"
DISTRICTS = 13
VERSION = re.compile(r"Data: version (\d+)")
TIMEOUT_MS = 60_000
# No proxy from the environment for the stack on this machine.
_http = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class CheckFailed(Exception):
    pass


def say(text: str) -> None:
    print(f"[container-check] {text}", flush=True)


def get(url: str, cookie: str | None = None) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(
        url, headers={"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
    )
    try:
        with _http.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def replica_cookie(headers: Message) -> str | None:
    found = re.search(rf"{COOKIE}=([^;]+)", headers.get("Set-Cookie") or "")
    return found[1] if found else None


def wait_healthy(url: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            status, _, body = get(f"{url}/_stcore/health")
            if status == 200 and body.strip() == b"ok":
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise CheckFailed(f"{url}/_stcore/health svarede ikke 'ok' inden for {timeout_s:g} s")
        time.sleep(1)


def replicas(url: str, expected: int, timeout_s: float) -> list[str]:
    """The proxy's cookie of every replica, from requests without one (round robin); waits until
    `expected` different replicas have answered (a replica joins once its health check passes)."""
    seen: set[str] = set()
    deadline = time.monotonic() + timeout_s
    while len(seen) < expected:
        status, headers, _ = get(f"{url}/")
        cookie = replica_cookie(headers)
        if status == 200 and cookie:
            seen.add(cookie)
        if time.monotonic() > deadline:
            raise CheckFailed(f"kun {len(seen)} af {expected} replikaer svarede bag proxyen")
        time.sleep(0.2)
    if len(seen) != expected:
        raise CheckFailed(f"{len(seen)} replikaer bag proxyen, ventede {expected}")
    for cookie in seen:
        # A valid cookie keeps the visitor where it is: the proxy sets no other.
        status, headers, _ = get(f"{url}/", cookie)
        if status != 200 or replica_cookie(headers) not in (None, cookie):
            raise CheckFailed(f"proxyen holdt ikke en besøgende på replikaen {cookie}")
    return sorted(seen)


def update_page_closed(url: str) -> None:
    for path in ("/opdater", "/auth/login", "/oauth2callback", "/_stcore/upload_file/x/y"):
        status, _, _ = get(url + path)
        if status != 403:
            raise CheckFailed(f"{path} gav {status} gennem proxyen, ventede 403 (lukket)")


def open_page(browser: Browser, url: str, cookie: str, path: str):
    """A fresh visitor pinned to one replica by its cookie, with every request off the machine
    aborted and counted."""
    context = browser.new_context(viewport={"width": 1600, "height": 1200}, locale="da-DK")
    context.add_cookies([{"name": COOKIE, "value": cookie, "url": url}])
    external: list[str] = []

    def block(route):
        external.append(route.request.url)
        route.abort()

    context.route(OFF_THE_MACHINE, block)
    page = context.new_page()
    page.goto(url + path, timeout=TIMEOUT_MS)
    page.wait_for_selector(READY, state="attached", timeout=TIMEOUT_MS)
    return context, page, external


def map_drawn(browser: Browser, url: str, cookie: str) -> int:
    context, page, external = open_page(browser, url, cookie, MAP_LINK)
    try:
        shapes = page.frame_locator(MAP_FRAME).locator(DISTRICT)
        shapes.nth(DISTRICTS - 1).wait_for(timeout=TIMEOUT_MS)
        drawn = shapes.count()
        if page.locator('[data-testid="stDialog"]').count():
            raise CheckFailed(f"{MAP_LINK} viste en dialog (replika {cookie})")
        if external:
            raise CheckFailed(f"kortet bad om adresser uden for maskinen: {external[:3]}")
    finally:
        context.close()
    if drawn != DISTRICTS:
        raise CheckFailed(f"kortet tegnede {drawn} bydele, ventede {DISTRICTS} (replika {cookie})")
    return drawn


def every_page_shown(browser: Browser, url: str, cookie: str) -> int:
    """Every page of the navigation opens with content and without the error page (a package
    missing from the image shows up here: the Bydele page's locator needs shapely)."""
    for page_link in links.PAGES:
        path = f"/{page_link.url_path}"
        context, page, external = open_page(browser, url, cookie, path)
        try:
            main = page.locator('[data-testid="stMain"]')
            main.get_by_role("heading").first.wait_for(timeout=TIMEOUT_MS)
            page.wait_for_timeout(500)  # an error in the rest of the page shows after its heading
            text = main.inner_text()
        finally:
            context.close()
        if ERROR_TITLE in text or NOT_FOUND_TITLE in text:
            raise CheckFailed(f"{path} viste fejlsiden (replika {cookie}): {text[:200]!r}")
        if external:
            raise CheckFailed(f"{path} bad om adresser uden for maskinen: {external[:3]}")
    return len(links.PAGES)


def version_shown(browser: Browser, url: str, cookie: str) -> int:
    """The version of the data the replica shows ("Data: version N, ..." on /metode)."""
    context, page, _ = open_page(browser, url, cookie, "/metode")
    try:
        line = page.get_by_text(VERSION).first
        line.wait_for(timeout=TIMEOUT_MS)
        return int(VERSION.search(line.inner_text())[1])
    finally:
        context.close()


def publish(docker: str, container: str) -> None:
    """The bundled data as a new version, published from inside one replica."""
    command = [*shlex.split(docker), "exec", container, "sikkerby", "medfoelgende"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise CheckFailed(f"offentliggørelsen i {container} fejlede:\n{done.stdout}{done.stderr}")


def check(url: str, expected: int, container: str, docker: str) -> None:
    started = time.monotonic()
    wait_healthy(url, 120)
    say("OK  sundhed / health: /_stcore/health svarer ok gennem proxyen")
    cookies = replicas(url, expected, 120)
    say(f"OK  {expected} replikaer / replicas bag proxyen, hver med sin cookie: {cookies}")
    update_page_closed(url)
    say("OK  /opdater, login og upload er lukket i proxyen (403) / update page closed")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            for cookie in cookies:
                drawn = map_drawn(browser, url, cookie)
                say(f"OK  {MAP_LINK}: kortet tegnet med {drawn} bydele (replika {cookie})")
            shown = every_page_shown(browser, url, cookies[0])
            say(f"OK  alle {shown} sider i navigationen vises uden fejlside (replika {cookies[0]})")
            before = {cookie: version_shown(browser, url, cookie) for cookie in cookies}
            publish(docker, container)
            after = {cookie: version_shown(browser, url, cookie) for cookie in cookies}
        finally:
            browser.close()
    if len(set(before.values())) != 1:
        raise CheckFailed(f"replikaerne viste forskellige versioner før: {before}")
    new = next(iter(before.values())) + 1
    if set(after.values()) != {new}:
        raise CheckFailed(f"efter offentliggørelsen ventede version {new} overalt, så {after}")
    say(
        f"OK  offentliggjort i én replika ({container[:12]}), set af alle / publish seen by "
        f"every replica: version {new - 1} -> {new}"
    )
    say(f"OK  alle tjek på {time.monotonic() - started:.0f} s / all checks passed")


def main() -> int:
    parser = argparse.ArgumentParser(description="Tjekker en kørende compose-stak gennem proxyen.")
    parser.add_argument("--url", required=True, help="proxyens adresse, fx http://127.0.0.1:8080")
    parser.add_argument("--replicas", type=int, default=2, help="antal replikaer (2)")
    parser.add_argument("--publish-in", required=True, help="containeren, der offentliggør")
    parser.add_argument("--docker", default="docker", help="docker-kommandoen, fx 'sudo docker'")
    args = parser.parse_args()
    try:
        check(args.url.rstrip("/"), args.replicas, args.publish_in, args.docker)
    except (CheckFailed, BrowserError, OSError, subprocess.TimeoutExpired) as failure:
        say(f"FEJL {failure}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
