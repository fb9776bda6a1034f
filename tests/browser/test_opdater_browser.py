"""The update page in chromium, logged in for real: Streamlit's st.login against a local OpenID
provider (oidc-provider-mock, started here), an editor who uploads, sees what changes,
publishes and rolls back, and someone logged in who is not on the list of editors.

The app runs on its own server here, with its own published store and secrets."""

import contextlib
import json
import re
import secrets
import warnings
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from harness import OFF_THE_MACHINE, READY, READY_TIMEOUT_MS, app_over, free_port
from helpers import current_figures, private_store
from playwright.sync_api import Browser, Page, expect
from streamlit.web.server.starlette.starlette_app_utils import create_signed_value

from sikkerby import versions

# The local provider runs on Authlib APIs that Authlib has deprecated, and Authlib turns its own
# warnings on for good when it is imported: imported here with them off.
with warnings.catch_warnings():
    import authlib.deprecate

    warnings.simplefilter("ignore", DeprecationWarning)
    import authlib.integrations.httpx_client  # noqa: F401
    import oidc_provider_mock
    import oidc_provider_mock._app

OWN_SERVER = True  # its own app server and store (see conftest.py)
ISSUER_PAGE = "http://localhost:"  # the provider; the app is served at 127.0.0.1
EDITOR, OUTSIDER = "anna@kk.dk", "eve@example.org"
LOOK_ALIKE = "anna@\u212a\u212a.dk"  # Kelvin signs, which lower-case to "k": not the editor
LISTED = "liste"  # a user whose email claim is a list holding the editor's address
HEADER = "indicator,area,year,value,unit,quality,source_title,source_url,note"
# Synthetic, for this test's private store only: its source says what it is.
NEW_FIGURE = "trygge_nabolag_pct,Bispebjerg,2027,83,%,secondary,SYNTETISK TESTDATA (test),,"


@contextlib.contextmanager
def app_with_login(store: Path, folder: Path):
    """The app over `store` with [auth] pointing at a local OpenID provider that knows EDITOR,
    OUTSIDER, LOOK_ALIKE and LISTED, and EDITOR on its list of editors; yields its base URL."""
    with oidc_provider_mock.run_server_in_thread(port=0) as provider:
        issuer = f"http://localhost:{provider.server_port}"
        users = {email: email for email in (EDITOR, OUTSIDER, LOOK_ALIKE)}
        for sub, email in {**users, LISTED: [EDITOR]}.items():
            claims = {"email": email, "email_verified": True}
            answer = httpx.put(f"{issuer}/users/{quote(sub)}", json=claims)
            assert answer.status_code == 204
        port = free_port()
        settings = folder / "secrets.toml"
        settings.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(32)}"\n'
            'client_id = "sikkerby"\n'
            'client_secret = "test"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
            "[sikkerby]\n"
            'editors = ["Anna@kk.dk"]\n',  # matched without regard to case
            encoding="utf-8",
        )
        with app_over(store, folder, secrets=settings, port=port) as base:
            yield base


@pytest.fixture(scope="module")
def login_app(tmp_path_factory):
    """(base URL, store): the app with [auth] pointing at a local OpenID provider."""
    folder = tmp_path_factory.mktemp("login")
    store = private_store(folder)
    with app_with_login(store, folder) as base:
        yield base, store


@pytest.fixture
def visitor(browser: Browser, login_app):
    """A fresh browser that may reach only this machine; yields (page, base URL, external)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    external: list[str] = []

    def block(route) -> None:
        # The provider's own login form fetches a stylesheet from a CDN: not the dashboard's.
        if not route.request.frame.url.startswith(ISSUER_PAGE):
            external.append(route.request.url)
        route.abort()

    context.route(OFF_THE_MACHINE, block)
    try:
        yield context.new_page(), login_app[0], external
    finally:
        context.close()


def said(text: str) -> re.Pattern:
    """`text` as the page shows it: an e-mail address carries an invisible word joiner after
    its @, so that Markdown never makes a link of it."""
    return re.compile(re.escape(text).replace("@", "@\u2060?"))


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(READY, state="attached", timeout=READY_TIMEOUT_MS)


def log_in(page: Page, base: str, email: str) -> None:
    open_page(page, f"{base}/opdater")
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("Siden er for de medarbejdere, der opdaterer")
    expect(main.get_by_role("button", name="Log ind med kommunens login")).to_be_visible()
    expect(page.locator("input[type=file]")).to_have_count(0)
    main.get_by_role("button", name="Log ind med kommunens login").click()
    page.get_by_placeholder("sub").fill(email)  # the provider's own login form
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile(re.escape(base) + r"/?$"))  # st.login returns to the front
    open_page(page, f"{base}/opdater")


def test_an_editor_logs_in_publishes_a_file_and_rolls_it_back(visitor, login_app, tmp_path):
    page, base, external = visitor
    store = login_app[1]
    log_in(page, base, EDITOR)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text(said(f"Logget ind som {EDITOR}"), timeout=READY_TIMEOUT_MS)
    # The staff page is listed for an editor.
    expect(page.get_by_role("link", name="Opdater tal", exact=True)).to_be_visible()

    upload = tmp_path / "tu2027.csv"
    upload.write_text(f"{HEADER}\n{NEW_FIGURE}\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(upload)
    expect(main).to_contain_text(
        "1 nye, 0 ændrede og 0 fjernede tal i forhold til den gældende version 1",
        timeout=READY_TIMEOUT_MS,
    )
    expect(main).to_contain_text("Kortet »Trygge i nabolaget« får 2027 med 1 bydel.")
    assert versions.current(store).number == 1, "nothing is published before the button"

    main.get_by_role("button", name="Offentliggør").click()
    expect(main).to_contain_text(
        "Version 2 er offentliggjort og vises nu på alle sider (1 nye, 0 ændrede og 0 fjernede",
        timeout=READY_TIMEOUT_MS,
    )
    made = versions.current(store)
    assert (made.number, made.record.by, made.record.file_name) == (2, EDITOR, "tu2027.csv")
    assert current_figures(store)[-1]["source_title"] == "SYNTETISK TESTDATA (test)"

    # The running app serves the new version at once: the map offers 2027.
    open_page(page, f"{base}/kort?indikator=trygge_nabolag&aar=2027")
    expect(main.get_by_role("radio", name="2027 (1)")).to_be_checked(timeout=READY_TIMEOUT_MS)

    open_page(page, f"{base}/opdater")
    main.get_by_role("button", name="Gør version 1 gældende igen").click()
    expect(main).to_contain_text(
        "Version 3 er offentliggjort og vises nu på alle sider (Tilbagerulning til version 1: "
        "0 nye, 0 ændrede og 1 fjernede tal)",
        timeout=READY_TIMEOUT_MS,
    )
    assert versions.current(store).record.restores == 1
    assert not [r for r in current_figures(store) if r["year"] == "2027"]
    assert external == []


def test_someone_logged_in_but_not_an_editor_sees_nothing_of_the_page(visitor, login_app):
    page, base, external = visitor
    log_in(page, base, OUTSIDER)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text(
        said(f"Du er logget ind som {OUTSIDER}, men er ikke på listen"), timeout=READY_TIMEOUT_MS
    )
    expect(page.locator("input[type=file]")).to_have_count(0)
    expect(main.get_by_role("button", name="Offentliggør")).to_have_count(0)
    expect(main.get_by_text("Versioner")).to_have_count(0)
    expect(page.get_by_role("link", name="Opdater tal")).to_have_count(0)
    assert external == []


def test_a_visitor_never_sees_the_page_in_the_navigation(visitor):
    page, base, _ = visitor
    open_page(page, base)
    nav_link = page.get_by_role("link", name="Kort", exact=True)
    expect(nav_link).to_be_visible(timeout=READY_TIMEOUT_MS)
    expect(page.get_by_role("link", name="Opdater tal")).to_have_count(0)


@pytest.mark.parametrize("sub", [LOOK_ALIKE, LISTED], ids=["kelvin", "list"])
def test_a_look_alike_address_or_a_list_of_addresses_is_no_editor(visitor, sub):
    page, base, external = visitor
    log_in(page, base, sub)
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text(
        "Du er logget ind, men login-tjenesten har ikke sendt en gyldig e-mailadresse",
        timeout=READY_TIMEOUT_MS,
    )
    expect(page.locator("input[type=file]")).to_have_count(0)
    expect(main.get_by_text("Versioner")).to_have_count(0)
    expect(page.get_by_role("link", name="Opdater tal")).to_have_count(0)
    assert external == []


# Every text and label in the upload field (Material icons' names are drawn as symbols).
UPLOADER_SAID = """() => {
  const out = [], icon = "[data-testid='stIconMaterial']";
  for (const root of document.querySelectorAll('[data-testid="stFileUploader"]')) {
    for (const e of [root, ...root.querySelectorAll("*")]) {
      if (e.closest(icon)) continue;
      for (const a of ["aria-label", "title", "placeholder", "alt"]) {
        if (e.getAttribute(a)) out.push(a + ": " + e.getAttribute(a));
      }
    }
    const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n; (n = texts.nextNode()); ) {
      if (n.textContent.trim() && !n.parentElement.closest(icon)) out.push(n.textContent.trim());
    }
  }
  return out;
}"""
UPLOADER_ENGLISH = re.compile(
    r"\b(error|file|files|upload|browse|drag|drop|allowed|smaller|larger|limit|per|remove|"
    r"cancel|retry|click|must|only|please|failed|type)\b",
    re.I,
)


def test_the_upload_field_and_its_refusals_speak_danish(visitor, tmp_path):
    """What st.file_uploader writes itself: its button and limit line, and its refusals of a
    file too large and of a file of the wrong type (both at once, too), also in the file's
    tooltip."""
    page, base, external = visitor
    log_in(page, base, EDITOR)
    field = page.get_by_test_id("stFileUploader")
    expect(field).to_contain_text("Højst 20 MB pr. fil • CSV, XLSX", timeout=READY_TIMEOUT_MS)
    expect(field.get_by_role("button", name="Vælg fil")).to_be_visible()
    said = page.evaluate(UPLOADER_SAID)
    assert [s for s in said if UPLOADER_ENGLISH.search(s)] == [], said

    big = 21 * 1024 * 1024
    files = {
        "tal.csv": (big, "Fejl: Filen må højst fylde 20,0 MB."),
        "noter.txt": (10, "Fejl: Filtypen text/plain er ikke tilladt."),
        "noter-stor.txt": (
            big,
            "Fejl: Filtypen text/plain er ikke tilladt. Filen må højst fylde 20,0 MB.",
        ),
    }
    for name, (size, refusal) in files.items():
        path = tmp_path / name
        path.write_bytes(b"x" * size)
        page.locator("input[type=file]").set_input_files(path)
        expect(field.get_by_role("alert")).to_have_text(refusal, timeout=READY_TIMEOUT_MS)
        said = page.evaluate(UPLOADER_SAID)
        assert [s for s in said if UPLOADER_ENGLISH.search(s)] == [], said
        # The file's tooltip repeats the refusal.
        page.mouse.move(0, 0)
        field.get_by_test_id("stFileChip").hover()
        expect(page.get_by_test_id("stTooltipErrorContent")).to_have_text(
            refusal.removeprefix("Fejl: "), timeout=READY_TIMEOUT_MS
        )
        field.get_by_role("button", name=f"Fjern {name}").click()
        expect(field.get_by_role("alert")).to_have_count(0)
    assert external == []


README_EXAMPLE = "a long random string"  # the README's cookie_secret until issue 18


def test_with_the_readme_s_example_secret_a_forged_cookie_gets_nothing(browser, tmp_path):
    """Anyone who knows the cookie secret can sign a cookie that says an editor is logged in:
    with the README's old example, login is switched off, the page says so and offers nothing,
    the menu does not list it, and the server's log says why, once."""
    port = free_port()
    settings = tmp_path / "secrets.toml"
    settings.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{README_EXAMPLE}"\n'
        'client_id = "sikkerby"\n'
        'client_secret = "test"\n'
        'server_metadata_url = "http://localhost:9/.well-known/openid-configuration"\n'
        "[sikkerby]\n"
        f'editors = ["{EDITOR}"]\n',
        encoding="utf-8",
    )
    claims = {"email": EDITOR, "email_verified": True, "provider": "default"}
    forged = dict(claims, origin=f"http://127.0.0.1:{port}", is_logged_in=True)
    cookie = create_signed_value(README_EXAMPLE, "_streamlit_user", json.dumps(forged))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    context.add_cookies(
        [{"name": "_streamlit_user", "value": cookie.decode(), "url": f"http://127.0.0.1:{port}"}]
    )
    try:
        with app_over(private_store(tmp_path), tmp_path, secrets=settings, port=port) as base:
            page = context.new_page()
            open_page(page, f"{base}/opdater")
            main = page.get_by_test_id("stMain")
            expect(main).to_contain_text(
                "Login er slået fra på denne server", timeout=READY_TIMEOUT_MS
            )
            expect(main.get_by_role("button")).to_have_count(0)
            expect(page.locator("input[type=file]")).to_have_count(0)
            open_page(page, base)
            expect(page.get_by_role("link", name="Kort", exact=True)).to_be_visible(
                timeout=READY_TIMEOUT_MS
            )
            expect(page.get_by_role("link", name="Opdater tal")).to_have_count(0)
    finally:
        context.close()
    log = (tmp_path / "server.log").read_text(encoding="utf-8")
    refusal = (
        "Login er slået fra: [auth] cookie_secret i .streamlit/secrets.toml er et eksempel fra "
        "dokumentationen, ikke en hemmelighed."
    )
    assert log.count(refusal) == 1, log
