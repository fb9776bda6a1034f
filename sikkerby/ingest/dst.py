"""The updater for Danmarks Statistik's figures: `sikkerby dst` (needs a network).

It fetches two tables through `sikkerby.ingest.statbank` for København (kommunekode 101) and the
strategy's four comparison cities, Aarhus (751), Odense (461), Aalborg (851) and Esbjerg (561):
- FOLK1A, the population on the 1st of each quarter by single age; the first quarter is the
  population on 1 January.
- STRAF44, strafferetlige afgørelser (court decisions, fines and other outcomes, acquittals
  included) by municipality, offence, type of decision, age and sex.
From them DuckDB derives population by age group, decision counts and decisions per 100 of the
age group, for each city and pooled for the four cities (`fire-byer-samlet`: sums, not the
strategy's average), and the rows replace every row of the updater's own indicators
(`INDICATORS`) in `data/figures.csv`.

No public table counts persons *charged* by municipality and age: the strategy's figures for
young people charged (sigtede) come from a special extract. STRAF44 is the closest public table,
but it counts decisions, not persons and not charges, so its figures are always labelled as a
different measure. Its ages are single years up to 24 and then 25-29, so the strategy's 18-25 is
18-24 here.

Everything is fetched before anything is written; an offline run, a refusal from Danmarks
Statistik or an answer that fails validation changes nothing.
"""

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from sikkerby import fmt
from sikkerby.errors import SikkerByError, StatbankError
from sikkerby.ingest import cli, publish, registry, statbank

Fetcher = Callable[[statbank.Request], bytes]

POPULATION_TABLE = "FOLK1A"
DECISIONS_TABLE = "STRAF44"
# Our short name of an offence group -> its text in STRAF44 (the code of violence is not fixed
# here: the text is looked up in the table's information on every run).
OFFENCES = {"straffelov": "Straffelov i alt", "vold": "Voldsforbrydelser i alt"}
DECISION_KIND = "strafferetlige afgørelser (alle typer, også frifindelser), ikke sigtelser"


def _first_quarter(code: str, _text: str) -> bool:
    return code.endswith("K1")


def population_wanted(facts: registry.Registry) -> dict[str, statbank.Wanted]:
    """What is asked of FOLK1A, by variable id or text and value id or text (see
    `statbank.resolve`): the population on 1 January of the ages the registry's groups need.
    Sex "TOT" and the totals of the other variables: every person counts once."""
    first, last = _age_span(POPULATION_TABLE, facts)
    return {
        "OMRÅDE": list(facts.places.codes),
        "KØN": ["TOT"],
        "ALDER": [str(age) for age in range(first, last + 1)],
        "CIVILSTAND": ["TOT"],
        "Tid": _first_quarter,
    }


def decisions_wanted(facts: registry.Registry) -> dict[str, statbank.Wanted]:
    """What is asked of STRAF44: both offence groups, all types of decision, single ages."""
    first, last = _age_span(DECISIONS_TABLE, facts)
    return {
        "OMRÅDE": list(facts.places.codes),
        "OVERTRÆD": list(OFFENCES.values()),
        "afgørelsestype": ["Afgørelsestype i alt"],
        "ALDER": [str(age) for age in range(first, last + 1)],
        "KØN": ["TOT"],
        "Tid": ["*"],
    }


@dataclass(frozen=True)
class Measure:
    """One of the updater's indicators and how its rows are made; its age group and unit are the
    registry's (`ages` and `unit` in data/indicators.csv)."""

    indicator: str
    tables: str  # the DST tables it is computed from, as named in the source title
    offence: str | None = None  # a key of OFFENCES for decision counts and rates
    rate_of: tuple[str, str] | None = None  # (decisions, population) for a rate

    @property
    def decimals(self) -> int:
        return 4 if self.rate_of else 0


MEASURES = (
    Measure("befolkning_15_17", POPULATION_TABLE),
    Measure("befolkning_18_24", POPULATION_TABLE),
    Measure("befolkning_18_25", POPULATION_TABLE),
    Measure("afgoerelser_15_17_antal", DECISIONS_TABLE, "straffelov"),
    Measure("afgoerelser_18_24_vold_antal", DECISIONS_TABLE, "vold"),
    Measure(
        "afgoerelser_15_17_per_100",
        f"{DECISIONS_TABLE} og {POPULATION_TABLE}",
        "straffelov",
        ("afgoerelser_15_17_antal", "befolkning_15_17"),
    ),
    Measure(
        "afgoerelser_18_24_vold_per_100",
        f"{DECISIONS_TABLE} og {POPULATION_TABLE}",
        "vold",
        ("afgoerelser_18_24_vold_antal", "befolkning_18_24"),
    ),
)
# Every row of these indicators in data/figures.csv belongs to this updater.
INDICATORS = tuple(m.indicator for m in MEASURES)
_MEASURE = {m.indicator: m for m in MEASURES}
# STRAF44's single ages stop at 24 (then 25-29): an 18-25 group cannot be formed from it.
STRAF44_LAST_SINGLE_AGE = 24


def _age_span(table: str, facts: registry.Registry) -> tuple[int, int]:
    """The youngest and oldest single age the registry's groups need from `table`."""
    spans = [facts.ages[m.indicator] for m in MEASURES if m.tables == table]
    return min(a for a, _ in spans), max(b for _, b in spans)


# Fetching --------------------------------------------------------------------------------------


def fetch_table(
    table: str, wanted: Mapping[str, statbank.Wanted], fetcher: Fetcher
) -> tuple[statbank.TableInfo, pd.DataFrame]:
    """The table's information and its data for `wanted`: the table is asked what it holds
    first, so that a wish list in texts becomes the codes the data call needs."""
    info = statbank.parse_tableinfo(fetcher(statbank.tableinfo_request(table)))
    variables = statbank.resolve(info, wanted)
    return info, statbank.parse_data(fetcher(statbank.data_request(table, variables)))


def _columns(
    table: str, info: statbank.TableInfo, frame: pd.DataFrame, names: Mapping[str, str]
) -> pd.DataFrame:
    """The columns of `frame` for the variables in `names` (variable -> our name), and `value`."""
    out: dict[str, pd.Series] = {}
    for variable_name, ours in names.items():
        variable = info.variable(variable_name)
        header = statbank.TIME_COLUMN if variable.time else variable.id
        found = [c for c in frame.columns if c.casefold() == header.casefold()]
        if not found:
            raise StatbankError(
                f"{statbank.UNREADABLE}: svaret for tabel {table} har ingen kolonne {header}."
            )
        out[ours] = frame[found[0]]
    out["value"] = frame[statbank.VALUE_COLUMN]
    return pd.DataFrame(out)


def fetch_population(fetcher: Fetcher, facts: registry.Registry | None = None) -> pd.DataFrame:
    """FOLK1A as columns omraade, alder, tid, value (for the registry's municipalities)."""
    facts = facts or _facts()
    wanted = population_wanted(facts)
    info, frame = fetch_table(POPULATION_TABLE, wanted, fetcher)
    names = {"OMRÅDE": "omraade", "ALDER": "alder", "Tid": "tid"}
    return _columns(POPULATION_TABLE, info, frame, names)


def fetch_decisions(fetcher: Fetcher, facts: registry.Registry | None = None) -> pd.DataFrame:
    """STRAF44 as columns omraade, overtraed (a key of OFFENCES), alder, tid, value."""
    facts = facts or _facts()
    wanted = decisions_wanted(facts)
    info, frame = fetch_table(DECISIONS_TABLE, wanted, fetcher)
    names = {"OMRÅDE": "omraade", "OVERTRÆD": "overtraed", "ALDER": "alder", "Tid": "tid"}
    decisions = _columns(DECISIONS_TABLE, info, frame, names)
    by_code = {info.value_ids("OVERTRÆD", [text])[0]: key for key, text in OFFENCES.items()}
    decisions["overtraed"] = decisions["overtraed"].map(by_code).astype("string")
    return decisions


# Deriving --------------------------------------------------------------------------------------

_DERIVE = """
WITH singles AS (
    -- the first quarter: the population on 1 January of the year
    SELECT 'population' AS kind, NULL AS overtraed, omraade, alder, tid, value
    FROM population WHERE tid LIKE '%K1'
    UNION ALL
    SELECT 'decisions', overtraed, omraade, alder, tid, value FROM decisions
),
counts AS (
    SELECT g.indicator, k.area, k.fire_byer, TRY_CAST(left(s.tid, 4) AS INTEGER) AS year,
           sum(s.value) AS value
    FROM singles s
    JOIN groups g
      ON g.kind = s.kind AND g.overtraed IS NOT DISTINCT FROM s.overtraed
     AND TRY_CAST(s.alder AS INTEGER) BETWEEN g.first_age AND g.last_age
    JOIN kommuner k ON k.code = s.omraade
    WHERE year IS NOT NULL
    GROUP BY g.indicator, g.first_age, g.last_age, k.area, k.fire_byer, year
    -- a sum only when every single age is there: a partial sum would look like a fall
    HAVING count(s.value) = g.last_age - g.first_age + 1
       AND count(*) = g.last_age - g.first_age + 1
       AND count(DISTINCT s.alder) = g.last_age - g.first_age + 1
),
pooled AS (
    -- the four cities together, only when all four have the figure
    SELECT indicator, $fire_byer AS area, year, sum(value) AS value
    FROM counts WHERE fire_byer
    GROUP BY indicator, year
    HAVING count(*) = $n_fire_byer
),
all_counts AS (
    SELECT indicator, area, year, value FROM counts
    UNION ALL
    SELECT indicator, area, year, value FROM pooled
)
SELECT indicator, area, year, value FROM all_counts
UNION ALL
-- a pooled rate is the four cities' decisions per 100 of their population, not a mean of rates
SELECT r.indicator, n.area, n.year, round(n.value / d.value * 100, 4)
FROM rates r
JOIN all_counts n ON n.indicator = r.numerator
JOIN all_counts d ON d.indicator = r.denominator AND d.area = n.area AND d.year = n.year
WHERE d.value > 0
"""


def derive(
    population: pd.DataFrame,
    decisions: pd.DataFrame,
    fetched: date,
    facts: registry.Registry | None = None,
) -> list[dict[str, str]]:
    """Rows in the layout of data/figures.csv from the frames of `fetch_population` and
    `fetch_decisions`, labelled with the tables and the date they were fetched."""
    facts = facts or _facts()
    places = facts.places
    groups = pd.DataFrame(
        [
            (
                m.indicator,
                "population" if m.tables == POPULATION_TABLE else "decisions",
                m.offence,
                *facts.ages[m.indicator],
            )
            for m in MEASURES
            if m.rate_of is None
        ],
        columns=["indicator", "kind", "overtraed", "first_age", "last_age"],
    ).astype({"overtraed": "string"})
    kommuner = pd.DataFrame(
        [(code, area, area in places.members) for code, area in places.codes.items()],
        columns=["code", "area", "fire_byer"],
    )
    rates = pd.DataFrame(
        [(m.indicator, *m.rate_of) for m in MEASURES if m.rate_of],
        columns=["indicator", "numerator", "denominator"],
    )
    con = duckdb.connect(":memory:")
    try:
        for name, frame in {
            "population": population,
            "decisions": decisions,
            "groups": groups,
            "kommuner": kommuner,
            "rates": rates,
        }.items():
            con.register(name, frame)
        result = con.execute(
            _DERIVE, {"fire_byer": places.pooled, "n_fire_byer": len(places.members)}
        ).fetchall()
    finally:
        con.close()
    order = (places.city, places.pooled, *places.members)
    result.sort(key=lambda r: (INDICATORS.index(r[0]), order.index(r[1]), r[2]))
    return [
        _row(_MEASURE[indicator], area, year, value, fetched, facts)
        for indicator, area, year, value in result
    ]


def _row(
    measure: Measure, area: str, year: int, value: float, fetched: date, facts: registry.Registry
) -> dict[str, str]:
    summed = "" if measure.rate_of else "summen af enkeltår; "
    first, last = facts.ages[measure.indicator]
    note = [f"dst:{measure.tables} hentet {fetched.isoformat()}", f"alder {first}-{last}"]
    if measure.offence:
        note.append(OFFENCES[measure.offence])
        if last == STRAF44_LAST_SINGLE_AGE:
            note.append("18-25 år kan ikke dannes i STRAF44, der har enkeltår til og med 24")
        note.append(DECISION_KIND)
    if measure.rate_of:
        note.append("pr. 100 indbyggere i alderen pr. 1. januar samme år")
    places = facts.places
    if area == places.pooled:
        how = (
            "byernes afgørelser pr. 100 af deres samlede indbyggere"
            if measure.rate_of
            else "summen af byerne"
        )
        members = fmt.listing([places.names[m] for m in places.members])
        note.append(f"samlet for {members} ({how})")
    return {
        "indicator": measure.indicator,
        "area": area,
        "year": str(year),
        "value": _decimal(value, measure.decimals),
        "unit": facts.units[measure.indicator],
        "quality": "primary",
        "source_title": (
            f"Egne beregninger på Danmarks Statistik, tabel {measure.tables} "
            f"({summed}hentet {fetched:%d.%m.%Y})"
        ),
        "source_url": f"https://www.statistikbanken.dk/{measure.tables.split()[0]}",
        "note": "; ".join(note),
    }


def _decimal(value: float, decimals: int) -> str:
    """Plain decimal text with a point, no trailing zeros: 1.25, 5432."""
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# Writing ---------------------------------------------------------------------------------------


def _facts() -> registry.Registry:
    """The registry of the current published version."""
    return registry.load(publish.current().sources)


def update(
    store: Path | None = None,
    *,
    fetcher: Fetcher = statbank.fetch,
    today: date | None = None,
) -> dict[str, int]:
    """Fetch both tables, derive, and make the rows the only rows of `INDICATORS` in
    the figures, published as a new version (none if nothing changed). Returns the rows per
    indicator.

    Raises `StatbankError` (a fetch failed or gave no figures) or `DataError` (the result does
    not validate); either way nothing is changed.
    """
    fetched = today or date.today()
    facts = registry.load(publish.current(store).sources)
    population = fetch_population(fetcher, facts)
    decisions = fetch_decisions(fetcher, facts)
    rows = derive(population, decisions, fetched, facts)
    counts = dict.fromkeys(INDICATORS, 0)
    for row in rows:
        counts[row["indicator"]] += 1
    empty = [indicator for indicator, n in counts.items() if n == 0]
    if empty:
        # Replacing the rows with nothing would delete the figures we have.
        raise StatbankError(
            f"Danmarks Statistik gav ingen tal for {', '.join(empty)}; tabellerne kan være ændret."
        )
    now = publish.current(store)
    kept = [r for r in publish.figures_of(now) if r["indicator"] not in INDICATORS]
    if not publish.compare(publish.figures_of(now), kept + rows).empty:
        publish.publish_figures(
            kept + rows,
            publish.command_user(),
            base=now,
            file_name=f"Danmarks Statistik: {POPULATION_TABLE} og {DECISIONS_TABLE}",
            store=store,
        )
    return counts


def summary(counts: Mapping[str, int], fetched: date) -> str:
    """A Danish summary of an update: rows per table and the date of fetching."""
    lines = [f"Hentet fra Danmarks Statistik {fetched:%d.%m.%Y}:"]
    for tables in dict.fromkeys(m.tables for m in MEASURES):
        of_tables = [m.indicator for m in MEASURES if m.tables == tables]
        total = sum(counts.get(i, 0) for i in of_tables)
        detail = ", ".join(f"{i}: {counts.get(i, 0)}" for i in of_tables)
        lines.append(f"- tabel {tables}: {total} tal ({detail})")
    return "\n".join(lines)


def main(argv: list[str] | None = None, prog: str = "python -m sikkerby.ingest.dst") -> int:
    parser = cli.Parser(
        prog=prog,
        description="Hent befolkning (FOLK1A) og strafferetlige afgørelser (STRAF44) fra "
        "Danmarks Statistik og offentliggør dem som ny version. Kræver netforbindelse; uden "
        "forbindelse ændres intet.",
    )
    parser.add_argument("--store", type=Path, default=None, help="lagerets mappe")
    args = parser.parse_args(argv)
    fetched = date.today()
    try:
        counts = update(args.store, today=fetched)
    except SikkerByError as error:
        print(f"Intet er ændret. {error}", file=sys.stderr)
        return 1
    print(summary(counts, fetched))
    print(f"Version {publish.current(args.store).number} er den gældende.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
