"""The layout of the project's source files: one `Source` per CSV under `data/`.

Each column says its type, whether it may be empty, its allowed values and which registry it
refers to. Validation (`sikkerby.ingest.validate`) and the build (`sikkerby.ingest.build`) both
read this, so a new column is added here once.
"""

import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

Kind = Literal["text", "int", "number", "flag", "choice"]

# "ja"/"nej" in the files: the staff who edit them read Danish.
FLAG_VALUES = ("ja", "nej")
# Several values in one cell ("a|b"): an area's members, aliases and footprint, a principle's
# indicators.
SEPARATOR = "|"


def listed(cell: object) -> tuple[str, ...]:
    """The one split of a cell that holds several values: each stripped, empty ones dropped;
    () for an empty cell (None, NaN or "")."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return ()
    return tuple(v.strip() for v in str(cell).split(SEPARATOR) if v.strip())


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = "text"
    required: bool = True
    choices: tuple[str, ...] = ()
    # (source, column) this column must match, e.g. ("areas", "area_id").
    refers_to: tuple[str, str] | None = None
    # A value that stands for "every", allowed besides the referenced ones.
    wildcard: str | None = None
    # Several values in one cell, separated by this (each must match `refers_to`).
    separator: str | None = None


@dataclass(frozen=True)
class Source:
    name: str
    file: str
    columns: tuple[Column, ...]
    # Columns whose combination must be unique (empty: duplicates allowed).
    key: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


class AreaKind(StrEnum):
    """What an area is (the `kind` column of areas.csv, as written there)."""

    CITY = "by"  # the whole municipality
    DISTRICT = "bydel"  # a district of the survey (the map's)
    ADMINISTRATIVE_DISTRICT = "administrativ-bydel"
    PARTNERSHIP = "partnerskab"  # a safety partnership
    LOCAL_AREA = "lokalomraade"
    AVERAGE = "gennemsnit"  # a published average of the areas in its `members`
    POOLED = "samlet"  # the areas in its `members` added up: sums, and rates of sums
    MUNICIPALITY = "kommune"
    POLICE_DISTRICT = "politikreds"
    COUNTRY = "land"


class TargetKind(StrEnum):
    """What a goal asks for (the `target_kind` column of goals.csv, as written there)."""

    MAX_VALUE = "max_value"  # at most (or at least) a value by the target year
    APPROACH = "approach"  # approach the level of a comparison area
    NONE_ABOVE_THRESHOLD = "none_above_threshold"  # no district on the wrong side
    RISE_BELOW_THRESHOLD = "rise_below_threshold"  # a rise in every district on the wrong side
    FALL = "fall"  # a fall from the baseline, no value given
    HOLD = "hold"  # at least held at the baseline level


class BadSide(StrEnum):
    """Which side of a threshold is the wrong one (the `bad_side` column of thresholds.csv)."""

    OVER = "over"  # more than the threshold is wrong ("mere end 10 % utrygge")
    UNDER = "under"  # less than the threshold is wrong ("færre end 85 % trygge")


AREA_KINDS = tuple(AreaKind)
TARGET_KINDS = tuple(TargetKind)

AREAS = Source(
    "areas",
    "areas.csv",
    (
        Column("area_id"),
        Column("name"),
        # A shorter name for legends and large numbers; empty: the name.
        Column("short_name", required=False),
        Column("kind", "choice", choices=AREA_KINDS),
        Column("parent", required=False),
        Column("aliases", required=False),
        Column("note", required=False),
        # The `delomraade` names in the city's "udsatte byområder" polygons that are the closest
        # published footprint of the area, separated by `|`; empty: none published.
        Column("footprint", required=False),
        # Danmarks Statistik's kommunekode (101 København): how its tables name the area.
        Column("kommunekode", required=False),
        # The areas a "gennemsnit" or "samlet" area is made of, separated by `|`.
        Column("members", required=False, refers_to=("areas", "area_id"), separator=SEPARATOR),
    ),
    key=("area_id",),
)

INDICATORS = Source(
    "indicators",
    "indicators.csv",
    (
        Column("indicator"),
        Column("name"),
        Column("short_name"),
        Column("unit"),
        # The largest value a figure of the indicator can have (100 for a share, 13 districts);
        # a figure above it is refused as a typing error. Every figure must be 0 or more.
        Column("max_value", "number"),
        Column("decimals", "int"),
        Column("lower_is_better", "flag", required=False),
        Column("source"),
        Column("survey", "flag"),
        Column("target_of", required=False, refers_to=("indicators", "indicator")),
        Column("missing_hint", required=False),
        # The measure's name in the map's URL (`/kort?indikator=...`); empty: not on the map.
        Column("map_key", required=False),
        # The age group a figure is about, "15-17"; empty: all ages.
        Column("ages", required=False),
        # Public figures shown beside this indicator as context (a different measure).
        Column("context_of", required=False, refers_to=("indicators", "indicator")),
        # "ja": a year's figure is first published the year after (the police's reports in the
        # survey's next edition, Danmarks Statistik); empty: in its own year (a survey edition).
        Column("reported_next_year", "flag", required=False),
    ),
    key=("indicator",),
)

FIGURES = Source(
    "figures",
    "figures.csv",
    (
        Column("indicator", refers_to=("indicators", "indicator")),
        Column("area", refers_to=("areas", "area_id")),
        Column("year", "int", required=False),
        Column("value", "number"),
        Column("unit"),
        Column("quality", "choice", choices=("primary", "secondary")),
        Column("source_title"),
        Column("source_url", required=False),
        Column("note", required=False),
    ),
    # One figure per indicator, area, year and source: a second is a mistake or a correction.
    key=("indicator", "area", "year", "source_title"),
)
# Years a figure can be about: the strategies measure from the 2000s; next year at the latest
# (a target, or a figure published at the turn of the year).
FIRST_YEAR = 2000

PERIODS = Source(
    "periods",
    "periods.csv",
    (
        Column("period"),
        Column("title"),
        Column("start_year", "int"),
        Column("end_year", "int"),
        Column("default", "flag"),
        Column("note", required=False),
    ),
    key=("period",),
)

GOALS = Source(
    "goals",
    "goals.csv",
    (
        Column("period", refers_to=("periods", "period")),
        Column("goal_id"),
        Column("group"),
        Column("number", required=False),
        Column("title"),
        Column("description"),
        Column("indicator", refers_to=("indicators", "indicator")),
        Column("area", refers_to=("areas", "area_id")),
        Column("target_kind", "choice", choices=TARGET_KINDS),
        Column("baseline_value", "number", required=False),
        Column("baseline_year", "int", required=False),
        Column("target_value", "number", required=False),
        Column("target_year", "int"),
        Column("continuous", "flag"),
        Column("compare_area", required=False, refers_to=("areas", "area_id")),
        Column("compare_baseline_value", "number", required=False),
        Column("compare_baseline_year", "int", required=False),
        Column("district_indicator", required=False, refers_to=("indicators", "indicator")),
        Column("note", required=False),
    ),
    key=("goal_id",),
)

# The strategy's principles, each with the activity figures it reports (`indicators`).
PRINCIPLES = Source(
    "principles",
    "principles.csv",
    (
        Column("period", refers_to=("periods", "period")),
        Column("number", "int"),
        Column("title"),
        Column("description"),
        Column(
            "indicators",
            required=False,
            refers_to=("indicators", "indicator"),
            separator=SEPARATOR,
        ),
        Column("note", required=False),
    ),
    key=("period", "number"),
)

THRESHOLDS = Source(
    "thresholds",
    "thresholds.csv",
    (
        Column("period", refers_to=("periods", "period")),
        Column("indicator", refers_to=("indicators", "indicator")),
        Column("threshold", "number"),
        Column("bad_side", "choice", choices=tuple(BadSide)),
        Column("label"),
    ),
    key=("period", "indicator"),
)

SERIES_BREAKS = Source(
    "series_breaks",
    "series_breaks.csv",
    (
        Column("indicator", refers_to=("indicators", "indicator"), wildcard="*"),
        Column("area", refers_to=("areas", "area_id"), wildcard="*"),
        Column("year", "int"),
        Column("label"),
        Column("description"),
    ),
)

# In dependency order: a source only refers to sources before it.
SOURCES: tuple[Source, ...] = (
    AREAS,
    INDICATORS,
    PERIODS,
    FIGURES,
    GOALS,
    PRINCIPLES,
    THRESHOLDS,
    SERIES_BREAKS,
)
