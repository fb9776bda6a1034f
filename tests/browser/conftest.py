"""Fixtures for real-browser tests: a Streamlit server for the app and Debian's headless chromium.

Tests in tests/browser/ use `page` (see AppPage): every test gets a fresh browser context, so
deep links are opened the way a new visitor opens them, and every request that does not go to
the local server is aborted and recorded, which turns "works offline" into an assertion.
"""

import contextlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from harness import (
    CHROMIUM_ARGS,
    READY,
    READY_TIMEOUT_MS,
    ROOT,
    STARTUP_TIMEOUT_S,
    chromium_path,
    free_port,
    offline_context,
    start_streamlit,
    stop,
    wait_healthy,
)
from playwright.sync_api import Browser, Page, sync_playwright

ARTIFACTS = ROOT / "test-artifacts"
# Only for trying the fixtures on another script; the tests always run the real app.py.
APP = os.environ.get("SIKKERBY_APP", "app.py")

# Every large number and its label: cut text has a scroll width beyond its box.
CUT_METRICS = """Array.from(document.querySelectorAll(
    '[data-testid="stMetricValue"], [data-testid="stMetricLabel"]'))
  .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""


def pytest_collection_modifyitems(items):
    # Every test in this folder opens a browser, so `-m "not browser"` can leave them out.
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)
            # Under pytest-xdist, one worker runs every test against the shared server; a
            # module with a server of its own (login, hostile data) is a group of its own, so
            # the two workers share those out with the rest.
            own = getattr(item.module, "OWN_SERVER", False)
            item.add_marker(pytest.mark.xdist_group(item.module.__name__ if own else "browser"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test item so `page` can save a screenshot on failure.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="session")
def app_server():
    """Runs `streamlit run app.py` on a free loopback port; yields its base URL."""
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / "streamlit-server.log"
    with log_path.open("w") as log:
        proc = start_streamlit(APP, port, log)
        try:
            wait_healthy(proc, port, STARTUP_TIMEOUT_S)
        except RuntimeError as error:
            stop(proc)
            pytest.fail(
                f"Streamlit: {error}; {log_path} ends with:\n{_tail(log_path)}", pytrace=False
            )
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            stop(proc)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium via Playwright (Playwright's own browser download is not available)."""
    exe = chromium_path()
    if not Path(exe).exists():
        pytest.fail(
            "chromium not found: install it with `bash scripts/setup.sh --browser`", pytrace=False
        )
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class AppPage:
    """A test's browser page plus the URLs of every blocked external request."""

    page: Page
    base_url: str
    external_requests: list[str] = field(default_factory=list)

    def goto(self, path: str = "/") -> None:
        """Opens base_url + path and waits until the app is ready."""
        self.page.goto(self.base_url + path)
        self.wait_ready()

    def wait_ready(self) -> None:
        """Waits until the script has finished and the websocket is connected.

        The selector can match just before a rerun starts: callers wait for their own content.
        """
        self.page.wait_for_selector(READY, state="attached", timeout=READY_TIMEOUT_MS)

    def cut_metrics(self, width: int | None = None) -> list[str]:
        """The large numbers and labels whose text does not fit their box (at `width` px)."""
        if width is not None:
            self.page.set_viewport_size(
                {"width": width, "height": self.page.viewport_size["height"]}
            )
            self.page.wait_for_timeout(300)  # the layout settles after a resize
        return self.page.evaluate(CUT_METRICS)

    def screenshot(self, name: str) -> Path:
        """Saves a PNG to test-artifacts/screenshots/<name>.png and returns its path."""
        path = ARTIFACTS / "screenshots" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=path)
        return path


@pytest.fixture
def page(browser: Browser, app_server: str, request):
    """A fresh context per test (viewport 1600x1000, da-DK) that allows only loopback requests."""
    context, external = offline_context(browser, 1600, 1000)
    app_page = AppPage(page=context.new_page(), base_url=app_server, external_requests=external)
    try:
        yield app_page
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            # Best effort: a crashed page must not turn the test's failure into a teardown error.
            with contextlib.suppress(Exception):
                app_page.screenshot("FAILED-" + re.sub(r"[^\w.-]+", "_", request.node.name))
    finally:
        context.close()
