"""The site check: can the dashboard run on this folder? Everything a site brings is checked,
and every problem named in Danish by its file (relative to the folder), line and column, as the
update page names a staff member's file:

- `site.toml`: readable, every word and fact there (`sikkerby.site`);
- `data/`: the registries and figures (`sikkerby.ingest.validate`, the checks a publish makes);
- the strategy page's period and gang goal are in the registries;
- `geo/bydele.geojson`: a GeoJSON collection naming its source, one valid polygon per survey
  district of `data/areas.csv` (the feature's `slug` is the district's area_id, its `name` the
  district's name, its `label` a point for the name);
- `geo/partnerskaber.geojson`, when an area names a footprint: a valid polygon for each.

Nothing is written. Run `sikkerby sted MAPPE` (or `python -m sikkerby.ingest.sitecheck MAPPE`).
"""

import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import shapely
from shapely.geometry import shape

from sikkerby import site
from sikkerby.errors import DataError, Problem, SiteError
from sikkerby.ingest import cli
from sikkerby.ingest.validate import load_sources
from sikkerby.schema import AreaKind, listed

DISTRICTS = "geo/bydele.geojson"
FOOTPRINTS = "geo/partnerskaber.geojson"


def check(folder: Path) -> list[Problem]:
    """Every problem of the site in `folder` (an empty list: the dashboard can run on it)."""
    return _checked(folder)[1]


def _checked(folder: Path) -> tuple[site.Site | None, list[Problem]]:
    """The site in `folder` (None: its site.toml cannot be used) and every problem of it."""
    problems: list[Problem] = []
    try:
        here = site.load(folder)
    except SiteError as error:  # named by the file in the folder, as the data files are
        problems += [replace(p, file=site.FILE) for p in error.problems]
        here = None
    try:
        tables = load_sources(folder / "data")
    except DataError as error:
        return here, [*problems, *error.problems]  # the rest is checked against the registries
    areas = tables["areas"]
    if here is not None:
        problems += _strategy_page(here, tables)
    districts = {r.area_id: r.name for r in areas.itertuples() if r.kind == AreaKind.DISTRICT}
    problems += list(_districts(folder / DISTRICTS, districts))
    named = {name for cell in areas["footprint"].dropna() for name in listed(cell)}
    if named:
        problems += list(_footprints(folder / FOOTPRINTS, named))
    return here, problems


def _strategy_page(here: site.Site, tables) -> list[Problem]:
    page = here.strategy_page
    found = []
    if page.period not in set(tables["periods"]["period"]):
        found.append(
            Problem(
                site.FILE,
                None,
                "strategy_page.period",
                f"perioden »{page.period}« findes ikke i data/periods.csv",
            )
        )
    if page.gang_goal is not None and page.gang_goal not in set(tables["goals"]["goal_id"]):
        found.append(
            Problem(
                site.FILE,
                None,
                "strategy_page.gang_goal",
                f"målet »{page.gang_goal}« findes ikke i data/goals.csv",
            )
        )
    return found


def _collection(path: Path, label: str) -> tuple[dict | None, list[Problem]]:
    """The GeoJSON collection in `path`, or None and why not."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [Problem(label, None, None, "filen findes ikke")]
    except UnicodeDecodeError:
        return None, [Problem(label, None, None, "filen er ikke gemt som UTF-8")]
    except json.JSONDecodeError as error:
        message = f"filen kan ikke læses som JSON ({error.msg})"
        return None, [Problem(label, error.lineno, str(error.colno), message)]
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        return None, [Problem(label, None, None, "filen er ikke en GeoJSON FeatureCollection")]
    if not isinstance(data.get("attribution"), str) or not data["attribution"].strip():
        return data, [
            Problem(label, None, "attribution", "grænsernes kilde mangler (vises under kortet)")
        ]
    return data, []


def _polygon(feature: dict, label: str, where: str) -> Iterator[Problem]:
    try:
        geometry = shape(feature["geometry"])
    except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.GEOSException):
        yield Problem(label, None, where, "geometrien kan ikke læses")
        return
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        yield Problem(label, None, where, f"geometrien er {geometry.geom_type}, ikke en polygon")
    elif geometry.is_empty or not geometry.is_valid:
        yield Problem(label, None, where, "geometrien er tom eller ugyldig")


def _features(path: Path, label: str) -> tuple[list[tuple[str, dict, dict]], list[Problem]]:
    """Each feature of the collection in `path` as (where, feature, properties), a feature or
    its properties {} when they are not objects; and the collection's own problems."""
    data, problems = _collection(path, label)
    found = []
    for i, feature in enumerate(data["features"] if data is not None else []):
        feature = feature if isinstance(feature, dict) else {}
        props = feature.get("properties")
        found.append((f"features[{i}]", feature, props if isinstance(props, dict) else {}))
    return found, problems


def _districts(path: Path, districts: dict[str, str]) -> Iterator[Problem]:
    features, problems = _features(path, DISTRICTS)
    yield from problems
    if problems and not features:
        return
    seen = set()
    for where, feature, props in features:
        slug = props.get("slug")
        if slug not in districts:
            said = (
                "feltet mangler (bydelens area_id fra data/areas.csv)"
                if slug is None
                else f"»{slug}« er ikke en bydel i data/areas.csv (kind bydel)"
            )
            yield Problem(DISTRICTS, None, f"{where}.slug", said)
            continue
        seen.add(slug)
        if props.get("name") != districts[slug]:
            yield Problem(
                DISTRICTS,
                None,
                f"{where}.name",
                f"navnet »{props.get('name')}« er ikke »{districts[slug]}« som i data/areas.csv",
            )
        label = props.get("label")
        if not (
            isinstance(label, list)
            and len(label) == 2
            and all(isinstance(v, int | float) for v in label)
        ):
            yield Problem(DISTRICTS, None, f"{where}.label", "mangler et punkt til navnet [x, y]")
        yield from _polygon(feature, DISTRICTS, f"{where}.geometry")
    for slug in sorted(set(districts) - seen):
        yield Problem(
            DISTRICTS, None, None, f"bydelen »{slug}« fra data/areas.csv har ingen grænse"
        )


def _footprints(path: Path, named: set[str]) -> Iterator[Problem]:
    features, problems = _features(path, FOOTPRINTS)
    yield from problems
    if problems and not features:
        return
    found = set()
    for where, feature, props in features:
        found.add(props.get("delomraade"))
        yield from _polygon(feature, FOOTPRINTS, f"{where}.geometry")
    for name in sorted(named - found):
        yield Problem(
            FOOTPRINTS,
            None,
            None,
            f"området »{name}«, som kolonnen footprint i data/areas.csv nævner, findes ikke",
        )


def main(argv: list[str] | None = None, prog: str = "python -m sikkerby.ingest.sitecheck") -> int:
    parser = cli.Parser(
        prog=prog,
        description="Kontrollér et steds mappe (site.toml, data/ og geo/); skriver intet.",
    )
    parser.add_argument("mappe", type=Path, help="stedets mappe")
    args = parser.parse_args(argv)
    here, problems = _checked(args.mappe)
    if problems:
        lines = "\n".join(f"- {p}" for p in problems)
        print(f"Stedet i {args.mappe} har {len(problems)} problem(er):\n{lines}", file=sys.stderr)
        return 1
    print(f"Stedet i {args.mappe} er i orden: {here.name} ({here.municipality}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
