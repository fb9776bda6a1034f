"""Danish formatting, survey margins and deep-link parameters."""

import pytest

from sikkerby import fmt
from sikkerby.domain.margin import (
    Side,
    change_margin_points,
    classify,
    district_answers,
    margin_points,
)
from sikkerby.render import links

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


def test_margin_of_a_district_is_about_four_points():
    assert margin_points(15, 300) == pytest.approx(4.04, abs=0.01)
    assert margin_points(9, 3863) == pytest.approx(0.90, abs=0.01)
    assert change_margin_points(74, 80, 300, 300) > margin_points(74, 300)
    assert district_answers(None) == 300
    assert district_answers(3900) == 300
    assert district_answers(4880) == 375


@pytest.mark.parametrize(
    ("value", "bad_side", "margin", "expected"),
    [
        (18.0, "over", 4.0, Side.BAD),
        (11.0, "over", 4.0, Side.AROUND),  # 11 % is not clearly above 10 %
        (10.0, "over", 0.0, Side.GOOD),  # "more than 10 %": 10 % is not above
        (5.0, "over", 4.0, Side.GOOD),
        (None, "over", 4.0, Side.NO_DATA),
        (float("nan"), "over", 4.0, Side.NO_DATA),
    ],
)
def test_classify_against_the_2018_threshold(value, bad_side, margin, expected):
    assert classify(value, 10.0, bad_side, margin) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(71.0, Side.BAD), (83.0, Side.AROUND), (88.0, Side.AROUND), (95.0, Side.GOOD)],
)
def test_classify_against_the_2022_threshold(value, expected):
    assert classify(value, 85.0, "under", 4.0) == expected


def test_choose_falls_back_with_a_safe_notice():
    allowed = ["2018-2021", "2022-2025"]
    assert links.choose("2022-2025", allowed, "2018-2021", "periode") == ("2022-2025", None)
    assert links.choose(None, allowed, "2018-2021", "periode") == ("2018-2021", None)
    value, notice = links.choose("<script>alert(1)</script>", allowed, "2018-2021", "periode")
    assert value == "2018-2021"
    assert "<" not in notice and "(" not in notice.split("Viser")[0]
    assert "Ukendt periode" in notice


def test_overview_link():
    assert links.overview("2022-2025") == "/?periode=2022-2025"


def test_difference_names_the_side_and_is_none_when_it_rounds_to_zero():
    assert fmt.difference(8.0, "%", 1, "byen") == "8\xa0procentpoint over byen"
    assert fmt.difference(-0.7, "pr. 1.000", 1, "byen") == "0,7\xa0pr. 1.000 under byen"
    assert fmt.difference(0.004, "%", 2, "byen") is None
