"""Danish formatting and every URL of the app, with the notices for values it does not know."""

import pandas as pd
import pytest

from sikkerby import fmt
from sikkerby.domain.registry import Measure
from sikkerby.paths import ROOT
from sikkerby.render import links, text

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (82.7, None, "82,7"),
        (3596, None, "3.596"),
        (9.0, None, "9"),
        (2.25, 1, "2,3"),  # half up, not half to even
        (0.97, 2, "0,97"),
        (1234567.5, 0, "1.234.568"),
        (None, None, "–"),
    ],
)
def test_number_is_danish(value, decimals, expected):
    assert fmt.number(value, decimals) == expected


def test_values_changes_and_words():
    assert fmt.value(9, "%") == f"9{NBSP}%"
    assert fmt.value(82.7, "pr. 1.000") == f"82,7{NBSP}pr. 1.000"
    assert fmt.change(-2.5, "%") == f"−2,5{NBSP}procentpoint"
    assert fmt.change(3, "bydele") == f"+3{NBSP}bydele"
    assert fmt.year(None) == "år ikke oplyst"
    assert fmt.listing(["a", "b", "c"]) == "a, b og c"
    assert fmt.count(1, "kilde", "kilder") == "1 kilde"
    assert fmt.count(9, "kilde", "kilder") == "9 kilder"


def test_choose_falls_back_with_a_safe_notice_naming_the_values():
    options = {"utrygge_nabolag": "Utrygge i nabolaget", "trygge_nabolag": "Trygge i nabolaget"}
    assert links.choose("trygge_nabolag", options, "utrygge_nabolag", "indikator") == (
        "trygge_nabolag",
        None,
    )
    assert links.choose(None, options, "utrygge_nabolag", "indikator")[1] is None
    value, notice = links.choose(
        "<script>alert(1)</script>", options, "trygge_nabolag", "indikator"
    )
    assert value == "trygge_nabolag"
    assert notice == (
        "Ukendt indikator »scriptalert1script« i adressen. Viser Trygge i nabolaget. "
        "Mulige: Utrygge i nabolaget, Trygge i nabolaget."
    )
    _, notice = links.choose("x", options, "", "bydel", shown_default="kortet uden en valgt bydel")
    assert "Viser kortet uden en valgt bydel." in notice


def test_an_empty_or_only_markup_value_is_not_quoted_as_nothing():
    options = {"a": "A"}
    for value in ("", "<>", "\u202e\u200b", "🙂"):
        _, notice = links.choose(value, options, "a", "indikator")
        assert notice == "Ukendt indikator i adressen. Viser A. Mulige: A."
    assert links.unknown("bydel", "Ørestad 🙂") == "Ukendt bydel »Ørestad« i adressen"
    assert links.unknown("år", "9" * 100) == f"Ukendt år »{'9' * 40}…« i adressen"


def test_links_are_built_in_one_place():
    assert links.overview("2022-2025").url == "/?periode=2022-2025"
    assert (
        links.district_map("utrygge_nabolag", 2017).url
        == "/kort?indikator=utrygge_nabolag&aar=2017"
    )
    assert links.district_map("trygge_nabolag", 2025, "bispebjerg").url.endswith(
        "&bydel=bispebjerg"
    )
    assert links.district_map("trygge_nabolag").url == "/kort?indikator=trygge_nabolag"
    area = links.area("tingbjerg-husum", "Se alle tal for Tingbjerg-Husum")
    assert (area.url, area.page.file, area.label) == (
        "/bydele?bydel=tingbjerg-husum",
        "pages/bydele_side.py",
        "Se alle tal for Tingbjerg-Husum",
    )
    assert links.youth("Se byerne").url == "/unge"
    assert [(p.url_path, p.title) for p in links.PAGES] == [
        ("", "Overblik"),
        ("kort", "Kort"),
        ("bydele", "Bydele"),
        ("unge", "Unge"),
        ("strategien", "Strategien"),
        ("metode", "Om data og metode"),
        ("praesentation", "Præsentér"),
    ]
    assert (
        links.presentation("2022-2025", 3, "trygge_nabolag", 2025, auto=30).url
        == "/praesentation?periode=2022-2025&dias=3&indikator=trygge_nabolag&aar=2025&auto=30"
    )


@pytest.mark.parametrize(
    ("base_url", "root"),
    [(None, "/"), ("", "/"), ("sikkerby", "/sikkerby/"), ("/by/sikkerby/", "/by/sikkerby/")],
)
def test_the_apps_root_follows_streamlits_base_url_path(base_url, root):
    assert links.root(base_url) == root


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (1, "bydele", f"1{NBSP}bydel"),
        (1.2, "bydele", f"1,2{NBSP}bydele"),
        (0, "bydele", f"0{NBSP}bydele"),
        (2, "bydele", f"2{NBSP}bydele"),
        (1, "personer", f"1{NBSP}person"),
        (1, "bydele (af 13)", f"1{NBSP}bydel (af 13)"),  # a caveat after the unit is kept
        (1, "pr. 1.000", f"1{NBSP}pr. 1.000"),
        (1, "%", f"1{NBSP}%"),
    ],
)
def test_a_value_of_one_takes_the_singular_unit(value, unit, expected):
    assert fmt.value(value, unit, 1) == expected


@pytest.mark.parametrize("site", [ROOT, ROOT / "tests" / "fixtures" / "eksempelby"], ids=str)
def test_one_is_singular_and_other_values_plural_for_every_unit_in_the_data(site):
    """Every unit in Copenhagen's and the example site's indicators.csv."""
    frame = pd.read_csv(site / "data" / "indicators.csv", dtype=str)
    for indicator, unit in zip(frame["indicator"], frame["unit"], strict=True):
        measure = Measure(unit, 1, True)
        word = unit.split(" ")[0]
        # Every counted unit in the data has its singular (a rate or a share has none).
        assert word in fmt.SINGULAR_UNITS or word in ("%", "pr."), unit
        one, two = text.shown(measure, 1), text.shown(measure, 2)
        assert not any(f"{NBSP}{plural}" in one.split(" (")[0] for plural in fmt.SINGULAR_UNITS)
        if not unit.startswith("%"):
            assert two == f"2{NBSP}{unit}", indicator


@pytest.mark.parametrize(
    ("delta", "decimals", "expected"),
    [
        (0, 0, "uændret"),
        (0.04, 1, "uændret"),  # rounds to zero on the shown decimal
        (-0.04, 1, "uændret"),
        (0.05, 1, f"+0,1{NBSP}procentpoint"),
        (-3, 0, f"−3{NBSP}procentpoint"),
    ],
)
def test_a_change_that_rounds_to_zero_is_unchanged(delta, decimals, expected):
    assert fmt.change(delta, "%", decimals) == expected


def test_an_amount_keeps_its_sign_and_unit_at_zero():
    """A gap between two figures is an amount, not a change: zero is said as such."""
    assert fmt.amount(0, "%", 1) == f"±0{NBSP}procentpoint"
    assert fmt.amount(-1, "bydele", 0) == f"−1{NBSP}bydel"
    assert fmt.difference(0.01, "%", 1, "byen") is None
    assert fmt.difference(1, "bydele", 0, "målet") == f"1{NBSP}bydel over målet"
