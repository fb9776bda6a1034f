"""One area against the whole city: what the /bydele page shows for a district or partnership.

An *område* is a survey district of Tryghedsundersøgelsen (kind `bydel` in data/areas.csv), a
local safety partnership (`partnerskab`) or a local area within one (`lokalomraade`); its slug
is its `area_id`. For one area this module gathers every measure with a published figure there,
next to the city's figures: the latest value with its change and survey margin, the gap to the
city and whether it narrowed, the threshold (districts) and series breaks, the goals that
concern the area, which (measure, year) figures exist, and the table offered for download.
"""

from dataclasses import dataclass

import pandas as pd

from sikkerby import fmt
from sikkerby.domain import goals
from sikkerby.domain.districts import CITY, Threshold, map_measures, threshold_for
from sikkerby.domain.goals import Assessment, Indicator, _clean
from sikkerby.domain.margin import change_margin_points, district_answers, margin_points
from sikkerby.render.tables import QUALITY
from sikkerby.store import Store

PAGE_KINDS = ("bydel", "partnerskab", "lokalomraade")
KIND_LABELS = {
    "bydel": "bydel i Tryghedsundersøgelsen",
    "partnerskab": "tryghedspartnerskab",
    "lokalomraade": "lokalområde",
}
MISSING = "mangler"


@dataclass(frozen=True)
class Area:
    area_id: str
    name: str
    kind: str
    parent: str | None  # the survey district it lies in
    note: str | None
    footprint: str | None  # names of the city's deprived-area polygons that are its footprint

    @property
    def label(self) -> str:
        """'Folehaven (tryghedspartnerskab)' for a list of areas."""
        return f"{self.name} ({KIND_LABELS[self.kind]})"


def related(all_areas: list[Area], area: Area) -> list[Area]:
    """The district an area lies in and the other areas in that district (for a district: the
    partnership and local areas in it), so a coordinator finds the figures published nearby."""
    district = area.name if area.kind == "bydel" else area.parent
    return [
        a
        for a in all_areas
        if a.area_id != area.area_id
        and (a.name == district if a.kind == "bydel" else a.parent == district)
    ]


def locator_caption(area: Area) -> str:
    """What the locator map shows, and where its outline comes from."""
    if area.kind == "bydel":
        return "Bydelens afgrænsning. Kilde: Københavns Kommune, roder (opendata.dk), CC BY 4.0."
    names = fmt.listing([f"»{n}«" for n in (area.footprint or "").split("|") if n])
    return (
        f"Mørkt: kommunens udsatte byområde {names}, den nærmeste offentliggjorte afgrænsning "
        f"– ikke {area.name}s præcise grænse. Kilde: Københavns Kommune, Udsatte byområder "
        "(opendata.dk), CC BY 4.0."
    )


def areas(store: Store) -> list[Area]:
    """Every district and partnership area, districts first, each group in file order."""
    frame = store.areas()
    found = [
        Area(r.area_id, r.name, r.kind, _clean(r.parent), _clean(r.note), _clean(r.footprint))
        for r in frame.itertuples()
        if r.kind in PAGE_KINDS
    ]
    return sorted(found, key=lambda a: PAGE_KINDS.index(a.kind))


@dataclass(frozen=True)
class Gap:
    """The area against the city in one year: above 0 means the area's value is higher."""

    year: int
    area: float
    city: float

    @property
    def points(self) -> float:
        return self.area - self.city


@dataclass(frozen=True)
class Comparison:
    """One measure for the area next to the city's figures."""

    indicator: Indicator
    area: pd.DataFrame  # `Store.yearly` rows for the area
    city: pd.DataFrame  # the same for the city
    threshold: Threshold | None  # districts: the strategy period's threshold nearest the latest
    breaks: pd.DataFrame
    margin: float  # ± points of the latest figure (0: not a survey, or answers not known)
    change_margin: float  # ± points of the change since the previous figure

    @property
    def latest(self) -> dict | None:
        return None if self.area.empty else self.area.iloc[-1].to_dict()

    @property
    def previous(self) -> dict | None:
        return None if len(self.area) < 2 else self.area.iloc[-2].to_dict()

    @property
    def change(self) -> float | None:
        if self.previous is None:
            return None
        return float(self.latest["value"]) - float(self.previous["value"])

    @property
    def comparable_with_city(self) -> bool:
        """A share or a rate can be set against the city's; a count (people, reports) cannot."""
        unit = self.indicator.unit
        return unit.startswith("%") or unit.startswith("pr.")

    def break_between(self, earlier: int, later: int) -> str | None:
        """The label of a series break after `earlier` and up to `later`, if there is one."""
        found = self.breaks[(self.breaks["year"] > earlier) & (self.breaks["year"] <= later)]
        return None if found.empty else str(found["label"].iloc[-1])

    @property
    def gaps(self) -> list[Gap]:
        """The area minus the city in every year both are published (shares and rates only)."""
        if not self.comparable_with_city:
            return []
        city = {int(r.year): float(r.value) for r in self.city.itertuples()}
        return [
            Gap(int(r.year), float(r.value), city[int(r.year)])
            for r in self.area.itertuples()
            if int(r.year) in city
        ]

    @property
    def closing(self) -> bool | None:
        """Whether the gap to the city narrowed between the last two years both are published,
        judged on the shown decimals (None: fewer than two such years, the same gap, or a series
        break between them)."""
        gaps = self.gaps
        if len(gaps) < 2 or self.break_between(gaps[-2].year, gaps[-1].year):
            return None
        decimals = self.indicator.decimals
        before, now = (round(abs(g.points), decimals) for g in gaps[-2:])
        return None if before == now else now < before


def comparisons(store: Store, area: Area) -> list[Comparison]:
    """Every measure with a published figure for the area, next to the city."""
    found = []
    for indicator_id in store.area_indicators(area.area_id):
        info = goals.indicator(store, indicator_id)
        series = store.yearly(indicator_id, area.area_id)
        latest_year = int(series["year"].iloc[-1])
        margin = change = 0.0
        # Only a district's number of answers can be estimated (the city's over 13 districts).
        if info.survey and area.kind == "bydel":
            answers = {
                int(y): district_answers(store.survey_respondents(int(y))) for y in series["year"]
            }
            values = dict(
                zip(series["year"].astype(int), series["value"].astype(float), strict=True)
            )
            margin = margin_points(values[latest_year], answers[latest_year])
            if len(series) > 1:
                before = int(series["year"].iloc[-2])
                change = change_margin_points(
                    values[before], values[latest_year], answers[before], answers[latest_year]
                )
        found.append(
            Comparison(
                indicator=info,
                area=series,
                city=store.yearly(indicator_id, CITY),
                threshold=threshold_for(store, indicator_id, latest_year)
                if area.kind == "bydel"
                else None,
                breaks=store.series_breaks(indicator_id, area.area_id),
                margin=margin,
                change_margin=change,
            )
        )
    return found


def area_goals(store: Store, area: Area) -> list[Assessment]:
    """The goals of any strategy period set for this area (the partnerships' goals)."""
    found = []
    for period in goals.periods(store):
        for goal in goals.goals(store, period.period):
            if goal.area == area.area_id:
                found.append(goals.assess(store, goal, period))
    return found


def latest_text(c: Comparison) -> str:
    """'9 % (±3,2 point)': the latest value with its margin where one is known."""
    info = c.indicator
    text = info.measure.show(float(c.latest["value"]))
    if c.margin:
        text += f" ({fmt.margin(c.margin)})"
    return text


def change_text(c: Comparison) -> str:
    """'+2 procentpoint siden 2016 (inden for usikkerheden, ±4,5 point)' or why there is none."""
    if c.change is None:
        return "intet tidligere offentliggjort tal"
    info = c.indicator
    before, now = int(c.previous["year"]), int(c.latest["year"])
    series_break = c.break_between(before, now)
    if series_break:
        return f"kan ikke sammenlignes med {before}: brud i opgørelsen ({series_break})"
    text = f"{fmt.change(c.change, info.unit, info.decimals)} siden {before}"
    if c.change_margin and abs(c.change) <= c.change_margin:
        text += f" (inden for usikkerheden, {fmt.margin(c.change_margin)})"
    return text


def gap_text(c: Comparison, area_name: str) -> str:
    """'Bispebjerg ligger 3 procentpoint over byen i 2017; afstanden er blevet mindre siden
    2016.' or that the city has no figure in the same year."""
    if not c.comparable_with_city:
        return "Et antal kan ikke sættes op mod hele byens; se grafen for udviklingen."
    gaps = c.gaps
    if not gaps:
        return "Byen har intet offentliggjort tal for de samme år, så de kan ikke sammenlignes."
    last, info = gaps[-1], c.indicator
    where = fmt.difference(last.points, info.unit, info.decimals, "byen") or "på byens niveau"
    text = f"{area_name} ligger {where} i {last.year}"
    if c.closing is not None:
        movement = "mindre" if c.closing else "større"
        text += f"; afstanden er blevet {movement} siden {gaps[-2].year}"
    elif len(gaps) > 1 and c.break_between(gaps[-2].year, last.year):
        label = c.break_between(gaps[-2].year, last.year)
        text += f"; afstanden kan ikke sammenlignes med {gaps[-2].year} (brud: {label})"
    return text + "."


def source_note(c: Comparison) -> str:
    """What the reader should know about the latest figure's source: a secondary source, or
    sources that disagree (and which value is shown, by the store's rule)."""
    latest, info = c.latest, c.indicator
    notes = []
    if latest["quality"] == "secondary":
        notes.append("Tallet er fra en sekundær kilde, ikke bekræftet mod kommunens rapport.")
    if latest["n_values"] > 1 and latest["min_value"] != latest["max_value"]:
        notes.append(
            f"Kilderne er uenige ({info.measure.show(latest['min_value'])} til "
            f"{info.measure.show(latest['max_value'])}); vist er tallet fra den primære kilde "
            "og ellers det mindst gunstige."
        )
    return " ".join(notes)


def coverage(store: Store, area: Area, shown: list[Comparison]) -> pd.DataFrame:
    """Which (measure, year) figures exist for the area: one row per measure (every measure
    with a figure here, and for districts every map measure), one column per year from the
    area's first figure, each cell the value or "mangler", and what would fill the gaps."""
    infos = [c.indicator for c in shown]
    if area.kind == "bydel":
        infos += [m for m in map_measures(store) if m not in infos]
    by_measure = {c.indicator.indicator: c.area for c in shown}
    years = [int(y) for c in shown for y in c.area["year"]]
    if not years:
        return pd.DataFrame()
    last = max(years + [int(y) for c in shown for y in c.city["year"]])
    table = {}
    for info in infos:
        series = by_measure.get(info.indicator)
        values = (
            {}
            if series is None
            else dict(zip(series["year"].astype(int), series["value"], strict=True))
        )
        row = {
            str(y): info.measure.show(float(values[y])) if y in values else MISSING
            for y in range(min(years), last + 1)
        }
        row["Hvad mangler"] = info.missing_hint or ""
        table[info.short_name] = row
    frame = pd.DataFrame.from_dict(table, orient="index")
    frame.index.name = "Mål"
    return frame


def figures_table(area: Area, shown: list[Comparison], city_name: str) -> pd.DataFrame:
    """The figures the page shows, area and city, one row per measure, place and year, with
    their sources: what is offered for download (numbers as numbers, not text)."""
    rows = []
    for c in shown:
        for name, series in ((area.name, c.area), (city_name, c.city)):
            for r in series.itertuples():
                rows.append(
                    {
                        "Område": name,
                        "Mål": c.indicator.name,
                        "År": int(r.year),
                        "Værdi": float(r.value),
                        "Enhed": r.unit,  # the source's own wording, caveats included
                        "Kildetype": QUALITY[r.quality],
                        "Kilde": r.source_title,
                        "Link": _clean(r.source_url) or "",
                        "Note": _clean(r.note) or "",
                    }
                )
    return pd.DataFrame(
        rows,
        columns=["Område", "Mål", "År", "Værdi", "Enhed", "Kildetype", "Kilde", "Link", "Note"],
    )
