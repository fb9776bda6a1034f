"""What the data-loading commands need to know of the registry, read from `data/*.csv`.

The facts are the registry's own rows (validated on reading), never written into the commands:
which area is the whole city, which cities the strategy compares it with and their
municipality codes (kommunekode), the comparison group's published average and its pooled
sums, and the age group of each indicator.
"""

from dataclasses import dataclass
from pathlib import Path

from sikkerby.errors import DataError, Problem
from sikkerby.ingest.validate import load_sources
from sikkerby.schema import AREAS, AreaKind, listed

# What each kind is to the youth figures' commands, as they say it when it is missing.
_NEEDED = {
    AreaKind.CITY: "hele kommunen",
    AreaKind.AVERAGE: "sammenligningsgruppens offentliggjorte gennemsnit",
    AreaKind.POOLED: "sammenligningsgruppens byer lagt sammen",
}


@dataclass(frozen=True)
class Places:
    """The city and the strategy's comparison cities, as `data/areas.csv` names them."""

    city: str  # area_id of the whole city (kind "by")
    average: str  # the comparison group's published average (kind "gennemsnit")
    pooled: str  # the comparison group added up (kind "samlet")
    members: tuple[str, ...]  # the comparison cities, in the file's order
    codes: dict[str, str]  # kommunekode -> area_id, for the city and the comparison cities
    names: dict[str, str]  # area_id -> name, for the city and the comparison cities

    @property
    def youth_areas(self) -> tuple[str, ...]:
        """The areas of the youth goals' figures: the city, the average, each city."""
        return (self.city, self.average, *self.members)


@dataclass(frozen=True)
class Registry:
    places: Places
    ages: dict[str, tuple[int, int]]  # indicator -> (first age, last age)
    units: dict[str, str]  # indicator -> unit
    youth_groups: dict[str, str]  # "15-17" -> the indicator of the goal compared with the average


def _the_one(areas, kind: AreaKind) -> str:
    """The one area of `kind`; a DataError, in Danish, when the site has none or several (a site
    without a comparison group has no youth figures to fetch or read)."""
    found = list(areas.loc[areas["kind"] == kind, "area_id"])
    if len(found) != 1:
        raise DataError(
            [
                Problem(
                    AREAS.file,
                    None,
                    "kind",
                    f"Der skal være præcis ét område af slagsen »{kind}« ({_NEEDED[kind]}) for "
                    f"at hente eller indlæse tal om unge; filen har {len(found)}.",
                )
            ]
        )
    return found[0]


def load(data_dir: Path) -> Registry:
    """The registry facts of `data_dir`; raises `DataError` when the sources are not valid, or
    lack the city or the comparison group the youth figures are counted for."""
    tables = load_sources(data_dir)
    areas, indicators, goals = tables["areas"], tables["indicators"], tables["goals"]
    city, average, pooled = (_the_one(areas, kind) for kind in _NEEDED)
    members = listed(areas.set_index("area_id").loc[average, "members"])
    coded = areas[areas["kommunekode"].notna() & areas["area_id"].isin([city, *members])]
    ages = {
        r.indicator: tuple(int(a) for a in r.ages.split("-"))
        for r in indicators.itertuples()
        if isinstance(r.ages, str)
    }
    compared = goals.loc[goals["compare_area"] == average, "indicator"]
    return Registry(
        places=Places(
            city=city,
            average=average,
            pooled=pooled,
            members=members,
            codes=dict(zip(coded["kommunekode"], coded["area_id"], strict=True)),
            names=dict(zip(coded["area_id"], coded["name"], strict=True)),
        ),
        ages=ages,
        units=dict(zip(indicators["indicator"], indicators["unit"], strict=True)),
        youth_groups={"-".join(map(str, ages[i])): i for i in dict.fromkeys(compared)},
    )
