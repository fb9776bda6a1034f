"""Nothing is written into the code's folder while the app serves, so it can run from a read-only
copy: a copy of the repository's files (with Python's compiled files made first, as installing
a wheel makes them) is served with no SIKKERBY_STORE, every page and a download are visited,
and afterwards the copy holds the same files with the same sizes and times. The store the app's
start publishes the bundled data to is the site's default one, in the user's data folder."""

import compileall
import shutil
import subprocess

from harness import OFF_THE_MACHINE, READY, READY_TIMEOUT_MS, ROOT, app_over
from test_kort_browser import MAP_FRAME, SHAPES

OWN_SERVER = True  # its own app server, from the copy (see conftest.py)
PAGES = [
    "/strategien",
    "/unge",
    "/metode",
    "/praesentation?dias=2",
    "/opdater",
    "/ukendt",
]


def copy_of_the_code(target):
    """The repository's files (those git knows), as a clone has them, compiled."""
    names = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, text=True
    ).stdout.split("\0")
    for name in filter(None, names):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    assert compileall.compile_dir(target, quiet=1)
    return target


def files(folder) -> dict[str, tuple[int, int] | None]:
    """Every file's size and modification time (None for a folder), by its path."""
    found = {}
    for path in sorted(folder.rglob("*")):
        stat = path.lstat()
        found[str(path.relative_to(folder))] = (
            None if path.is_dir() else (stat.st_size, stat.st_mtime_ns)
        )
    return found


def test_serving_every_page_writes_nothing_into_the_code(browser, tmp_path):
    code = copy_of_the_code(tmp_path / "code")
    before = files(code)
    data_home = tmp_path / "data-home"
    with app_over(None, tmp_path, code=code, env={"XDG_DATA_HOME": str(data_home)}) as url:
        context = browser.new_context(viewport={"width": 1600, "height": 1200}, locale="da-DK")
        external: list[str] = []

        def block(route) -> None:
            external.append(route.request.url)
            route.abort()

        context.route(OFF_THE_MACHINE, block)
        page = context.new_page()

        def visit(address: str) -> None:
            page.goto(url + address)
            page.wait_for_selector(READY, state="attached", timeout=READY_TIMEOUT_MS)

        try:
            visit("/")  # the first visit: the bundled data become version 1 of the store
            visit("/bydele?bydel=valby")
            page.get_by_text("Tallene i filerne").click()
            with page.expect_download(timeout=60_000) as event:
                page.get_by_text("Hent tallene som CSV").click()
            assert event.value.suggested_filename.startswith("sikker-by-valby-")
            visit("/kort?indikator=utrygge_nabolag&aar=2017")
            page.frame_locator(MAP_FRAME).locator(SHAPES).nth(12).wait_for(timeout=30_000)
            for address in PAGES:
                visit(address)
                page.get_by_test_id("stMain").locator("h1").first.wait_for(state="attached")
        finally:
            context.close()
    assert external == []
    assert files(code) == before
    assert (data_home / "sikkerby" / "koebenhavn" / "store" / "CURRENT").is_file()
