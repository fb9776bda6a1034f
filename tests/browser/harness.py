"""Starting the app's server and Debian's chromium: shared by the browser tests and the benchmark.

`bench/startup.py` imports this file too, so both measure and test the same way of starting.
"""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]
READY = (
    '[data-testid="stApp"][data-test-script-state="notRunning"]'
    '[data-test-connection-state="CONNECTED"]'
)
# Every URL whose host is not the machine itself (data: and blob: URLs never leave it).
OFF_THE_MACHINE = re.compile(
    r"^(?!(https?|wss?)://(127\.0\.0\.1|localhost|\[::1\])[:/]|data:|blob:)"
)
# The map's frame, under streamlit-folium's name until the app's translator names it in Danish
# (sikkerby.ui.danish.MAP_FRAME_TITLE).
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"], iframe[title="Kort over bydelene"]'
STARTUP_TIMEOUT_S = 30
READY_TIMEOUT_MS = 30_000
# Without the background-networking flags chromium tries to reach Google at every start.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# No proxy for the health check: a proxy from the environment must not see 127.0.0.1.
_local_http = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def offline_context(browser, width: int, height: int):
    """A fresh browser context (da-DK, `width`×`height`) that lets only loopback requests
    through, and the list of the addresses it blocked (a test asserts it is empty)."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="da-DK")
    external: list[str] = []

    def block(route):
        external.append(route.request.url)
        route.abort()

    # Matched by the browser's driver: only requests that leave the machine reach Python.
    context.route(OFF_THE_MACHINE, block)
    return context, external


def chromium_path() -> str:
    """Debian's chromium (Playwright's own browser download is not available here)."""
    return shutil.which("chromium") or "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_streamlit(
    script: str | Path,
    port: int,
    log: IO,
    *,
    secrets: Path | None = None,
    env: dict[str, str] | None = None,
    prefix: str = "",
    code: Path = ROOT,
) -> subprocess.Popen:
    """`streamlit run script` on 127.0.0.1:port, its output to `log` (a file: a pipe can fill),
    with `secrets` as its only secrets file and `env` added to the environment; with a `prefix`
    ("/sikkerby") the app is served under that path, as a reverse proxy serves it.

    The dashboard itself (`code`/app.py: the project, or a copy of its code) starts as users
    start it, through `sikkerby serve` (here as its alias `python -m sikkerby.ui.serve`, which
    runs the code in `code` whatever is installed).
    """
    if Path(script).resolve() == code.resolve() / "app.py":
        start = [sys.executable, "-m", "sikkerby.ui.serve"]
    else:
        start = [sys.executable, "-m", "streamlit", "run", str(script)]
    cmd = [
        *start,
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    if secrets is not None:
        cmd += ["--secrets.files", str(secrets)]
    if prefix:
        cmd += ["--server.baseUrlPath", prefix.strip("/")]
    return subprocess.Popen(
        cmd,
        cwd=code,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
        env={**os.environ, **(env or {})},
    )


def wait_healthy(
    proc: subprocess.Popen, port: int, timeout_s: float, poll_s: float = 0.1, prefix: str = ""
) -> None:
    """Returns once the server answers its health check (under the path `prefix`, "/sikkerby",
    if it serves the app there); raises RuntimeError if it never does."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            url = f"http://127.0.0.1:{port}{prefix}/_stcore/health"
            with _local_http.open(url, timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            pass
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not answer within {timeout_s:g} s")
        time.sleep(poll_s)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def app_over(
    store: Path | None,
    log_dir: Path,
    *,
    secrets: Path | None = None,
    port: int | None = None,
    prefix: str = "",
    code: Path = ROOT,
    env: dict[str, str] | None = None,
):
    """The dashboard (`code`/app.py) served over the published store `store` (None: the store's
    default), its log in `log_dir`, with `secrets` as its secrets file, under the path `prefix`
    ("/sikkerby") if one is given, `env` added to its environment; yields its base URL, the
    prefix included."""
    port = port or free_port()
    env = {**(env or {}), "SIKKERBY_STORE": str(store or "")}  # empty: not set
    with (log_dir / "server.log").open("w") as log:
        proc = start_streamlit(
            code / "app.py", port, log, secrets=secrets, env=env, prefix=prefix, code=code
        )
        try:
            wait_healthy(proc, port, STARTUP_TIMEOUT_S, prefix=prefix)
            yield f"http://127.0.0.1:{port}{prefix}"
        finally:
            stop(proc)
