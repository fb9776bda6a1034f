"""A status in Danish: every code the rules can give is said, as one sentence, with the values
the rule gives it (the rules' own tests check which code each case gets)."""

import pytest

from sikkerby.domain.registry import Measure, Point, SeriesBreak
from sikkerby.domain.status import Judged, Reason, Status, StatusKind, Why
from sikkerby.render import verdict

PCT = Measure("%", 1, True)
A, B = Point(2019, 12.0), Point(2021, 9.5)
CHANGES = (Judged(Point(2025, 80.0), "Nord", Point(2024, 78.0)),)
# One example of the values each code's rule gives it.
VALUES = {
    Why.NOTHING_COUNTED: {"first": 2020, "last": 2023},
    Why.TARGET_MET: {"measure": PCT, "latest": B, "target": Point(2023, 10.0)},
    Why.TARGET_MISSED: {"measure": PCT, "latest": B, "target": Point(2021, 8.0)},
    Why.NOT_EVERY_YEAR: {"measure": PCT, "previous": A, "latest": Point(2020, 12.5)},
    Why.NO_BASELINE_YEAR: {"measure": PCT, "latest": B},
    Why.ON_PATH: {"measure": PCT, "latest": B, "expected": 10.0, "good": True},
    Why.ONLY_BASELINES: {
        "measure": PCT,
        "baseline": A,
        "compare_baseline": Point(None, 2.0),
        "compare": "Nabobyerne",
        "first": 2020,
    },
    Why.NOTHING_TO_COMPARE: {"compare": "Nabobyerne", "first": 2020},
    Why.LEVEL_REACHED: {"measure": PCT, "latest": B, "other": B, "compare": "Nabobyerne"},
    Why.ONE_COMMON_YEAR: {"measure": PCT, "latest": B, "other": A, "compare": "Nabobyerne"},
    Why.BREAK: {
        "measure": PCT,
        "latest": B,
        "other": A,
        "compare": "Nabobyerne",
        "before": A,
        "found": SeriesBreak("*", "*", 2020, "Ny opgørelse", ""),
    },
    Why.AREA_NOT_EVERY_YEAR: {
        "measure": PCT,
        "latest": B,
        "other": A,
        "compare": "Nabobyerne",
        "before": Point(2020, 9.0),
    },
    Why.GAP_NARROWED: {"measure": PCT, "latest": B, "other": A, "compare": "Nabobyerne"},
    Why.GAP_NOT_NARROWED: {"measure": PCT, "latest": B, "other": A, "compare": "Nabobyerne"},
    Why.TOO_FEW_DISTRICTS: {"year": 2024, "wanted": 2, "known": ("Nord",)},
    Why.NOTHING_AFTER_BASELINE: {"year": 2024, "missing": ("Nord", "Syd")},
    Why.NOT_RISEN_IN: {"measure": PCT, "failing": ("Nord",), "changes": CHANGES},
    Why.RISEN_IN_ALL: {"measure": PCT, "changes": CHANGES},
    Why.WITHIN_MARGIN_IN: {"uncertain": (("Nord", 9.2),)},
    Why.MORE_DISTRICTS: {
        "measure": Measure("bydele", 0, True),
        "bad_side": "under",
        "count": Point(2024, 5.0),
        "baseline_value": 3.0,
        "baseline_year": 2022,
    },
    Why.NO_BASELINE: {"counted": 2, "after": 2023},
    Why.ONLY_BASELINE: {"measure": PCT, "baseline": A},
    Why.SINCE_BASELINE: {"measure": PCT, "latest": B, "baseline": A},
    Why.WITHIN_MARGIN: {"margin": 4.2},
    Why.SECONDARY: {"years": (2025,), "many": False},
    Why.UNTIL_CONFIRMED: {},
    Why.TARGET_YEAR_PASSED: {"year": 2023},
}


def test_every_code_has_an_example():
    assert set(VALUES) == set(Why)


@pytest.mark.parametrize("why", list(Why))
def test_every_code_is_said_as_one_danish_sentence(why):
    said = verdict.sentence(Reason(why, VALUES[why]))
    assert said[0].isupper() or said[0].isdigit(), said
    assert said.endswith("."), said
    assert "{" not in said and "None" not in said and "Why." not in said, said


def test_a_reason_s_sentences_follow_each_other():
    status = Status(
        StatusKind.PROVISIONAL,
        (
            Reason(Why.TARGET_MET, VALUES[Why.TARGET_MET]),
            Reason(Why.UNTIL_CONFIRMED, {}),
        ),
    )
    assert verdict.label(status) == "Foreløbig nået"
    assert verdict.reason(status) == (
        "9,5\xa0% i 2021: målet på 10\xa0% i 2023 er nået. "
        "Status bliver »Nået«, når et primært tal bekræfter det."
    )
