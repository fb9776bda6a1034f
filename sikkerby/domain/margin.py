"""Survey uncertainty: the margin of error of any figure of the site's survey, and of a change
between two of them. The one place a margin is computed.

The year's number of answers is used where it is published (indicator `tu_deltagere` for the
whole city); a district's share is the city's answers over the districts, or the site's assumed
answers per district (`site.toml`, `[survey_design] district_answers`) when the year's answers
are not published. Copenhagen's Tryghedsundersøgelse has about 3,000-4,900 answers a year, so one
of its districts has about 300: a 95 % interval of about ±4 points around 15 %. A partnership's
number of answers is not published, so its figures have no margin here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sikkerby.schema import AreaKind

if TYPE_CHECKING:  # the registry reads `within`; the sample only reads areas and indicators
    from sikkerby.domain.registry import Area, Indicator

# The indicator holding the survey's number of answers per edition, for the whole city.
RESPONDENTS = "tu_deltagere"
Z_95 = 1.96


def margin_points(share_pct: float, answers: int) -> float:
    """Half-width of the 95 % interval, in percentage points, for a share from `answers`."""
    p = min(max(share_pct / 100, 0.0), 1.0)
    return Z_95 * math.sqrt(p * (1 - p) / answers) * 100


@dataclass(frozen=True)
class Sample:
    """How many answered the survey: each edition's published answers for the whole city."""

    respondents: Mapping[int, int]  # edition -> answers, where published
    districts: int  # the survey's number of districts
    district_answers: int  # assumed answers per district when an edition's are not published

    def answers(self, area: Area, year: int) -> int | None:
        """Answers behind a figure of `area` in `year`, or None when they cannot be known."""
        if area.kind == AreaKind.CITY:
            return self.respondents.get(year)
        if area.kind == AreaKind.DISTRICT:
            city = self.respondents.get(year)
            return self.district_answers if city is None else max(1, round(city / self.districts))
        return None

    def margin(self, indicator: Indicator, area: Area, year: int, value: float) -> float | None:
        """± points of the 95 % interval around a survey figure; None: not a survey figure, or
        its number of answers is not known."""
        answers = self.answers(area, year) if indicator.survey else None
        return None if answers is None else margin_points(value, answers)


def within(difference: float, margin: float | None) -> bool:
    """Whether a difference (from a threshold, a target, an earlier figure) is within the
    survey's margin, so that it cannot be told from no difference at all."""
    return bool(margin) and abs(difference) <= margin


def change_margin(before: float | None, after: float | None) -> float | None:
    """± points of the 95 % interval of the change between two independent survey figures with
    the margins `before` and `after` (None when either is not known)."""
    if before is None or after is None:
        return None
    return math.hypot(before, after)
