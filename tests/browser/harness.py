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
) -> subprocess.Popen:
    """`streamlit run script` on 127.0.0.1:port, its output to `log` (a file: a pipe can fill),
    with `secrets` as its only secrets file and `env` added to the environment.

    The dashboard itself starts as users start it, through `sikkerby serve` (here as its alias
    `python -m sikkerby.ui.serve`, which runs the checkout's code whatever is installed).
    """
    if Path(script).resolve() == ROOT / "app.py":
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
    return subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
        env={**os.environ, **(env or {})},
    )


def wait_healthy(proc: subprocess.Popen, port: int, timeout_s: float, poll_s: float = 0.1) -> None:
    """Returns once the server answers its health check; raises RuntimeError if it never does."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            url = f"http://127.0.0.1:{port}/_stcore/health"
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
def app_over(store: Path, log_dir: Path, *, secrets: Path | None = None, port: int | None = None):
    """The dashboard served over the published store `store` (its log in `log_dir`), with
    `secrets` as its secrets file; yields its base URL."""
    port = port or free_port()
    with (log_dir / "server.log").open("w") as log:
        proc = start_streamlit(
            ROOT / "app.py", port, log, secrets=secrets, env={"SIKKERBY_STORE": str(store)}
        )
        try:
            wait_healthy(proc, port, STARTUP_TIMEOUT_S)
            yield f"http://127.0.0.1:{port}"
        finally:
            stop(proc)
