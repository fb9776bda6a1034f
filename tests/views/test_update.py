"""The update page's view: who may see it, a file's problems as a table, what publishing would
change (rows, goal statuses, map years), publishing and rolling back, and the history."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from helpers import snapshot

from sikkerby import versions
from sikkerby.errors import Problem
from sikkerby.views import update
from sikkerby.views.update import AccessKind

HEADER = "indicator,area,year,value,unit,quality,source_title,source_url,note"
TODAY = date(2026, 12, 1)


@pytest.fixture
def store(store_copy: Path) -> Path:
    return store_copy


@pytest.mark.parametrize(
    ("configured", "logged_in", "email", "verified", "kind"),
    [
        (False, False, None, False, AccessKind.NOT_CONFIGURED),
        (False, True, "anna@kk.dk", True, AccessKind.NOT_CONFIGURED),
        (True, False, None, False, AccessKind.LOGIN),
        (True, True, "eve@example.org", True, AccessKind.DENIED),
        (True, True, None, True, AccessKind.DENIED),
        (True, True, "anna@kk.dk", False, AccessKind.DENIED),  # an address anyone could set
        (True, True, "ANNA@KK.dk", True, AccessKind.EDITOR),
    ],
)
def test_only_a_logged_in_editor_with_a_verified_address_gets_the_page(
    configured, logged_in, email, verified, kind
):
    assert update.access(configured, logged_in, email, ["anna@kk.dk"], verified).kind == kind
    if kind == AccessKind.DENIED and email == "anna@kk.dk":
        assert "har ikke bekræftet adressen" in update.access(True, True, email, [email]).message


KELVIN = "\u212a"  # KELVIN SIGN: "K".lower() is "k"


@pytest.mark.parametrize(
    "email",
    [
        f"anna@{KELVIN}{KELVIN}.dk",  # a look-alike of an editor's address
        "anna@kk.dk ",  # no provider sends spaces
        ["anna@kk.dk"],
        ["anna@kk.dk", "eve@example.org"],
        42,
        None,
        {"address": "anna@kk.dk"},
    ],
    ids=repr,
)
def test_an_email_claim_that_is_no_address_is_refused_in_danish(email):
    who = update.access(True, True, email, ["anna@kk.dk"], True)
    assert who.kind == AccessKind.DENIED and who.email is None
    assert who.message == update.NO_ADDRESS
    assert "ikke sendt en gyldig e-mailadresse" in who.message


@pytest.mark.parametrize("verified", ["true", "True", 1, [True], {"verified": True}, None])
def test_an_email_verified_claim_that_is_not_the_boolean_true_verifies_nothing(verified):
    who = update.access(True, True, "anna@kk.dk", ["anna@kk.dk"], verified)
    assert who.kind == AccessKind.DENIED
    assert "har ikke bekræftet adressen" in who.message


def test_a_look_alike_in_the_list_of_editors_admits_no_one():
    assert update.access(True, True, "anna@kk.dk", [f"anna@{KELVIN}k.dk"], True).kind == (
        AccessKind.DENIED
    )
    assert update.access(True, True, "anna@kk.dk", [" Anna@KK.dk "], True).kind == (
        AccessKind.EDITOR
    )


def test_without_login_the_page_says_how_to_enable_it():
    message = update.access(False, False, None, []).message
    assert "[auth]" in message and "editors" in message
    assert "sikkerby import FIL" in message


def test_problems_are_a_table_of_file_line_column_and_message_capped_at_fifty():
    found = [Problem("tal.csv", n, "value", f"'x{n}' er ikke et tal") for n in range(2, 130)]
    table = update.problems("tal.csv", found)
    assert table.title == "128 problemer i tal.csv: intet er ændret"
    assert list(table.table.columns) == ["Fil", "Linje", "Kolonne", "Problem"]
    assert len(table.table) == 50 and table.table.iloc[0].tolist() == [
        "tal.csv",
        "2",
        "value",
        "'x2' er ikke et tal",
    ]
    assert table.more == "… og 78 problemer mere."


def test_a_checked_file_shows_its_rows_and_what_changes_on_screen(store: Path):
    rows = "\n".join(
        f"trygge_nabolag_pct,{area},2027,{value},%,secondary,SYNTETISK TESTDATA,,"
        for area, value in (("Bispebjerg", 90), ("Amager Vest", 91))
    )
    data = f"{HEADER}\n{rows}\n".encode()
    result = update.check("tu2027.csv", data, False, TODAY.year, store)
    assert result.problems is None and result.error is None
    preview = result.preview
    assert (
        preview.summary == "2 nye, 0 ændrede og 0 fjernede tal i forhold til den gældende version 1"
    )
    assert preview.added["Område"].tolist() == ["Bispebjerg", "Amager Vest"]
    assert preview.added["Værdi"].tolist() == ["90", "91"]
    assert preview.added["Indikator"].iloc[0] == "Andel trygge i eget nabolag"
    assert "Kortet »Trygge i nabolaget« får 2027 med 2 bydele." in preview.on_screen
    assert [len(t) for _, t in preview.tables] == [2, 0, 0]
    assert versions.current(store).number == 1, "a check publishes nothing"


def test_a_correction_that_changes_a_goal_status_is_named(store: Path):
    """Both 2021 sources for the city's share feeling unsafe (9 %) corrected to 4 % would make
    goal 1 of 2018-2021 (at most 5 % in 2021) achieved: the preview says so before anything
    is published. (A synthetic correction, never published.)"""
    from helpers import current_figures

    rows = [
        {**r, "value": "4"}
        for r in current_figures(store)
        if (r["indicator"], r["area"], r["year"]) == ("utrygge_nabolag_pct", "koebenhavn", "2021")
    ]
    assert len(rows) == 2
    lines = "\n".join(",".join(f'"{r[c]}"' for c in HEADER.split(",")) for r in rows)
    result = update.check("rettelse.csv", f"{HEADER}\n{lines}\n".encode(), False, TODAY.year, store)
    preview = result.preview
    assert preview.summary.startswith("0 nye, 2 ændrede og 0 fjernede")
    assert preview.changed["Ændring"].tolist() == ["value: 9 → 4"] * 2
    assert "(2018-2021): status skifter fra »Ikke nået« til »Nået«." in " ".join(preview.on_screen)


def test_a_bad_file_gives_its_problems_and_publishes_nothing(store: Path):
    before = snapshot(store)
    data = f"{HEADER}\ntrygge_nabolag_pct,Atlantis,2027,250,procent,primary,X,,\n".encode()
    result = update.check("tal.csv", data, False, TODAY.year, store)
    assert result.preview is None and result.problems.table["Linje"].tolist() == ["2"]
    assert result.problems.table["Kolonne"].tolist() == ["area"]
    assert snapshot(store) == before


def test_a_file_that_changes_nothing_says_so(store: Path):
    from helpers import current_figures

    first = current_figures(store)[0]
    line = ",".join(f'"{first[c]}"' for c in HEADER.split(","))
    result = update.check("samme.csv", f"{HEADER}\n{line}\n".encode(), False, TODAY.year, store)
    assert (result.preview, result.problems, result.error) == (None, None, None)
    assert result.proposal.changes.empty


def test_publish_and_rollback_report_in_danish_and_keep_the_history(store: Path):
    data = f"{HEADER}\ntrygge_nabolag_pct,Valby,2026,88,%,secondary,SYNTETISK TESTDATA,,\n"
    result = update.check("valby.csv", data.encode(), False, TODAY.year, store)
    outcome = update.publish_checked(result.proposal, "anna@kk.dk", store)
    assert outcome.published
    assert outcome.message == (
        "Version 2 er offentliggjort og vises nu på alle sider "
        "(1 nye, 0 ændrede og 0 fjernede tal)."
    )
    again = update.publish_checked(result.proposal, "anna@kk.dk", store)
    assert not again.published and "Version 2 er offentliggjort, mens" in again.message
    stale = update.rollback(1, "bo@kk.dk", 1, store)  # the editor's page still showed 1
    assert not stale.published and "Version 2 er offentliggjort, mens" in stale.message
    back = update.rollback(1, "bo@kk.dk", 2, store)
    assert back.published and "Tilbagerulning til version 1: 0 nye, 0 ændrede og 1 fjernede" in (
        back.message
    )
    table = update.history(update.versions_of(store))
    assert table["Version"].tolist() == ["3 (gældende)", "2", "1"]
    assert table["Af"].tolist() == ["bo@kk.dk", "anna@kk.dk", "opsætning"]
    assert table["Fil"].tolist() == ["", "valby.csv", ""]
    assert table.loc[1, "sha256"] == result.proposal.file.sha256[:12]


def test_the_template_and_the_current_figures_are_files_in_the_upload_layout(store: Path):
    import io

    from sikkerby.store import version_store

    template = pd.read_excel(io.BytesIO(update.template_file()))
    assert list(template.columns) == HEADER.split(",") and template.empty
    name, data = update.current_file(version_store(versions.current(store)))
    assert name == "sikker-by-alle-tal-version-1.xlsx"
    back = update.check("alle.xlsx", data, True, TODAY.year, store)
    assert back.proposal is not None and back.proposal.changes.empty, "a round trip changes nothing"


def test_one_editor_given_as_a_string_is_one_address_not_its_letters():
    assert update.access(True, True, "anna@kk.dk", "anna@kk.dk", True).kind == AccessKind.EDITOR
    assert update.access(True, True, "a", "anna@kk.dk", True).kind == AccessKind.DENIED
