"""Survey uncertainty: margins of error and which side of a threshold a figure is on.

Tryghedsundersøgelsen has about 3,000-4,900 answers a year, so one district has about 300:
a 95 % interval of about ±4 points around 15 %. Where the number of answers is published it is
used; a district's share is taken as the city's answers divided by the 13 districts.
"""

import math
from enum import Enum

DISTRICTS_IN_SURVEY = 13
# Assumed answers per district when the year's number of answers is not published.
DEFAULT_DISTRICT_ANSWERS = 300
Z_95 = 1.96


def margin_points(share_pct: float, answers: int) -> float:
    """Half-width of the 95 % interval, in percentage points, for a share from `answers`."""
    p = min(max(share_pct / 100, 0.0), 1.0)
    return Z_95 * math.sqrt(p * (1 - p) / answers) * 100


def change_margin_points(a_pct: float, b_pct: float, answers_a: int, answers_b: int) -> float:
    """Half-width of the 95 % interval for the change between two independent survey years."""
    return math.hypot(margin_points(a_pct, answers_a), margin_points(b_pct, answers_b))


def district_answers(city_answers: int | None) -> int:
    """Answers for one district: the city's spread over the districts, or the usual ~300."""
    if city_answers is None:
        return DEFAULT_DISTRICT_ANSWERS
    return max(1, round(city_answers / DISTRICTS_IN_SURVEY))


class Side(Enum):
    """A figure against a threshold, allowing for the survey's margin."""

    BAD = "bad"  # clearly on the wrong side
    AROUND = "around"  # within the margin of the threshold: cannot say which side
    GOOD = "good"  # clearly on the right side
    NO_DATA = "no_data"


def classify(value: float | None, threshold: float, bad_side: str, margin: float = 0.0) -> Side:
    """Where `value` lies against `threshold` ('over' or 'under' is bad), given `margin`."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Side.NO_DATA
    distance = value - threshold if bad_side == "over" else threshold - value
    if margin > 0 and abs(distance) <= margin:
        return Side.AROUND
    return Side.BAD if distance > 0 else Side.GOOD
