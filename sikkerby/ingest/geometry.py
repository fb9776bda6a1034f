"""Boundaries for the maps: a site's survey districts and the published footprints of its
safety partnerships, built from the municipality's raw boundary files by the recipe beside them
(`geo/raw/build.toml`: which file, which column groups the raw features into districts, which
group is split by which column, the texts naming the source). The code names no municipality.

Owns how `geo/bydele.geojson` is built: repair the raw features, group them into districts,
clean the coverage and simplify all shared borders at once; each district's area_id (`slug`)
and parent come from data/areas.csv. Also owns `geo/partnerskaber.geojson`: the raw footprint
polygons that some area's `footprint` in data/areas.csv names, one feature per name.
For Copenhagen: its 399 "roder" grouped by lokaludvalg, Nørrebro split by quarter, and its
"udsatte byområder". Rebuild both with `sikkerby geometry`.
"""

from __future__ import annotations

import csv
import json
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from sikkerby import schema, site
from sikkerby.errors import GeometryError
from sikkerby.ingest import cli
from sikkerby.schema import AreaKind, listed

RECIPE = "build.toml"  # in the raw folder

WORK_CRS = "EPSG:25832"  # metric UTM 32N: areas and tolerances in metres
SIMPLIFY_TOLERANCE_M = 10.0
GAP_WIDTH_M = 1.0  # slivers between neighbouring roder are far narrower; canals are wider
DECIMALS = 5  # about 1 m in lon/lat, well below the simplification tolerance
LABEL_TOLERANCE_M = 10.0  # precision of the label point search


@dataclass(frozen=True)
class Recipe:
    """How a site's boundary files are built (`geo/raw/build.toml`)."""

    districts_file: str
    attribution: str
    description: str
    group_column: str
    groups: dict[str, str]  # a group's name -> its district ("": split by `split_column`)
    split_column: str | None
    split: dict[str, str]  # a value of `split_column` -> its district
    footprints_file: str
    footprint_column: str
    footprint_attribution: str
    footprint_description: str

    @property
    def districts(self) -> list[str]:
        return sorted({d for d in self.groups.values() if d} | set(self.split.values()))


def read_recipe(raw_dir: Path) -> Recipe:
    """The recipe in `raw_dir`; GeometryError, in Danish, when it is missing or incomplete."""
    path = Path(raw_dir) / RECIPE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        districts, footprints = raw["districts"], raw["footprints"]
        return Recipe(
            districts_file=districts["file"],
            attribution=districts["attribution"],
            description=districts["description"],
            group_column=districts["group_column"],
            groups=dict(districts["groups"]),
            split_column=districts.get("split_column"),
            split={str(k): v for k, v in districts.get("split", {}).items()},
            footprints_file=footprints["file"],
            footprint_column=footprints["name_column"],
            footprint_attribution=footprints["attribution"],
            footprint_description=footprints["description"],
        )
    except FileNotFoundError:
        raise GeometryError(
            f"Rådata mangler: {path} findes ikke. Angiv mappen med --raw."
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        raise GeometryError(f"{path} kan ikke læses som TOML.") from None
    except (KeyError, TypeError, AttributeError) as error:
        raise GeometryError(f"{path}: {error} mangler eller har en forkert form.") from None


def _district_names(raw: gpd.GeoDataFrame, recipe: Recipe) -> list[str]:
    """The district of each raw feature; raises GeometryError on names the recipe does not know."""
    groups = raw[recipe.group_column].astype(str).str.strip()  # a source may end a name with " "
    found, expected = set(groups), set(recipe.groups)
    if found != expected:
        raise GeometryError(
            f"Uventede navne i kolonnen {recipe.group_column}. "
            f"Ukendte: {sorted(found - expected)}; mangler: {sorted(expected - found)}"
        )
    names = []
    split = raw[recipe.split_column] if recipe.split_column else [None] * len(raw)
    for group, value in zip(groups, split, strict=True):
        district = recipe.groups[group]
        if not district:
            district = recipe.split.get(str(value), "")
            if not district:
                raise GeometryError(
                    f"Ukendt {recipe.split_column} {value} i {group}; kan ikke dele området."
                )
        names.append(district)
    return names


def read_areas(areas_csv: Path) -> list[dict[str, str]]:
    """The rows of data/areas.csv, read once for both boundary files. Reads the CSV source
    directly: the map files are built from the sources, like the Parquet."""
    path = Path(areas_csv)
    if not path.is_file():
        raise GeometryError(f"Områdefilen mangler: {path} findes ikke. Angiv den med --areas.")
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def districts_of(areas: list[dict[str, str]]) -> dict[str, tuple[str, str]]:
    """Each survey district's name in data/areas.csv -> (area_id, parent)."""
    return {
        row["name"].strip(): (row["area_id"].strip(), (row.get("parent") or "").strip())
        for row in areas
        if row["kind"].strip() == AreaKind.DISTRICT
    }


def _round_coords(geoms, decimals: int = DECIMALS):
    """Round to `decimals` and drop vertices that rounding made identical."""
    rounded = shapely.transform(geoms, lambda xy: np.round(xy, decimals))
    return shapely.remove_repeated_points(rounded)


def build_survey_districts(
    raw_dir: Path, recipe: Recipe, areas: dict[str, tuple[str, str]]
) -> gpd.GeoDataFrame:
    """The survey districts in EPSG:4326, one row per district, sorted by name.

    Columns: name, slug (the area_id in `areas`), parent_bydel, area_km2 (before
    simplification), label (the map's label point [lon, lat]: the centre of the largest circle
    inside the district, so a label sits well inside even a curved district), geometry.
    """
    path = Path(raw_dir) / recipe.districts_file
    if not path.is_file():
        raise GeometryError(f"Rådata mangler: {path} findes ikke. Angiv mappen med --raw.")
    names = recipe.districts
    unknown = sorted(set(names) - set(areas))
    if unknown:
        raise GeometryError(f"Opskriftens bydele findes ikke i områdefilen: {unknown}")
    raw = gpd.read_file(path).to_crs(WORK_CRS)
    district = _district_names(raw, recipe)

    # Raw features may self-intersect (two of Copenhagen's roder do); neighbours overlap by a
    # few m² and leave sub-metre gaps. Cleaning the features (not the districts) makes every
    # shared border identical, so the union per district is again a clean coverage.
    geoms = np.array(raw.geometry, dtype=object)  # writable copy
    bad = ~shapely.is_valid(geoms)
    geoms[bad] = shapely.make_valid(geoms[bad], method="structure", keep_collapsed=False)
    clean = shapely.coverage_clean(geoms, gap_width=GAP_WIDTH_M)
    district = np.asarray(district)
    full = np.array([shapely.coverage_union_all(clean[district == d]) for d in names])
    if not shapely.coverage_is_valid(full):
        raise GeometryError("Bydelene danner ikke en ren dækning efter rensning af rådata.")

    # One simplification for all districts keeps neighbours' borders identical.
    simple = shapely.coverage_simplify(full, SIMPLIFY_TOLERANCE_M)
    wgs84 = np.asarray(gpd.GeoSeries(simple, crs=WORK_CRS).to_crs("EPSG:4326"))
    # Right-hand rule (exterior counter-clockwise), as RFC 7946 asks.
    geoms = shapely.orient_polygons(_round_coords(wgs84), exterior_cw=False)
    if not shapely.is_valid(geoms).all():
        raise GeometryError("Forenklingen gav ugyldige geometrier; prøv en mindre tolerance.")
    centres = shapely.get_point(
        shapely.maximum_inscribed_circle(simple, tolerance=LABEL_TOLERANCE_M), 0
    )
    labels = gpd.GeoSeries(centres, crs=WORK_CRS).to_crs("EPSG:4326")

    return gpd.GeoDataFrame(
        {
            "name": names,
            "slug": [areas[d][0] for d in names],
            "parent_bydel": [areas[d][1] or d for d in names],
            "area_km2": [round(float(a) / 1e6, 1) for a in shapely.area(full)],
            "label": [[round(p.x, DECIMALS), round(p.y, DECIMALS)] for p in labels],
        },
        geometry=geoms,
        crs="EPSG:4326",
    )


def _collection_text(head: dict, gdf: gpd.GeoDataFrame, properties) -> str:
    """Deterministic GeoJSON text: fixed key order, one feature per line, no NaN.

    `properties(row)` gives each feature's properties in the order they are written.
    """
    dump = {"ensure_ascii": False, "separators": (",", ":"), "allow_nan": False}
    features = []
    geoms = _round_coords(np.asarray(gdf.geometry))
    for row, geom in zip(gdf.itertuples(index=False), geoms, strict=True):
        feature = {
            "type": "Feature",
            "properties": properties(row),
            "geometry": geom.__geo_interface__,
        }
        features.append(json.dumps(feature, **dump))
    return json.dumps(head, **dump)[:-1] + ',"features":[\n' + ",\n".join(features) + "\n]}\n"


def to_geojson_text(gdf: gpd.GeoDataFrame, recipe: Recipe) -> str:
    """The text of geo/bydele.geojson for the districts from `build_survey_districts`."""
    head = {
        "type": "FeatureCollection",
        "attribution": recipe.attribution,
        "description": recipe.description,
    }
    return _collection_text(
        head,
        gdf,
        lambda row: {
            "name": row.name,
            "slug": row.slug,
            "parent_bydel": row.parent_bydel,
            "area_km2": float(row.area_km2),
            "label": [float(c) for c in row.label],
        },
    )


def footprints_of(areas: list[dict[str, str]]) -> dict[str, list[str]]:
    """Each `delomraade` named in the `footprint` column -> the area_ids naming it, in file
    order."""
    users: dict[str, list[str]] = {}
    for row in areas:
        for name in listed(row.get("footprint")):
            users.setdefault(name, []).append(row["area_id"].strip())
    return users


def build_footprints(
    raw_dir: Path, footprints: dict[str, list[str]], recipe: Recipe
) -> gpd.GeoDataFrame:
    """The referenced footprint polygons in EPSG:4326, one row per name, sorted by name.

    Columns: delomraade, areas (the area_ids whose footprint it is), geometry. Raises GeometryError
    when a referenced name is not in the raw file, so a typo in data/areas.csv is not silent.
    """
    path = Path(raw_dir) / recipe.footprints_file
    if not path.is_file():
        raise GeometryError(f"Rådata mangler: {path} findes ikke. Angiv mappen med --raw.")
    raw = gpd.read_file(path).to_crs(WORK_CRS)
    column = recipe.footprint_column
    unknown = sorted(set(footprints) - set(raw[column]))
    if unknown:
        raise GeometryError(
            f"data/areas.csv nævner delområder, som ikke findes i {recipe.footprints_file}: "
            f"{unknown}"
        )
    names = sorted(footprints)
    # A name may come as several polygons (Copenhagen's "Ved Jagtvej"); one feature each.
    geoms = np.array(raw.geometry, dtype=object)
    bad = ~shapely.is_valid(geoms)
    geoms[bad] = shapely.make_valid(geoms[bad], method="structure", keep_collapsed=False)
    dissolved = [shapely.union_all(geoms[raw[column].to_numpy() == n]) for n in names]
    # The footprints do not share borders with each other or the districts, so each is
    # simplified on its own, at the districts' tolerance.
    simple = shapely.simplify(np.array(dissolved, dtype=object), SIMPLIFY_TOLERANCE_M)
    wgs84 = np.asarray(gpd.GeoSeries(simple, crs=WORK_CRS).to_crs("EPSG:4326"))
    geoms = shapely.orient_polygons(_round_coords(wgs84), exterior_cw=False)
    if not shapely.is_valid(geoms).all() or shapely.is_empty(geoms).any():
        raise GeometryError("Forenklingen af delområderne gav ugyldige geometrier.")
    return gpd.GeoDataFrame(
        {"delomraade": names, "areas": [list(footprints[n]) for n in names]},
        geometry=geoms,
        crs="EPSG:4326",
    )


def footprints_geojson_text(gdf: gpd.GeoDataFrame, recipe: Recipe) -> str:
    """The text of geo/partnerskaber.geojson for the rows from `build_footprints`."""
    head = {
        "type": "FeatureCollection",
        "attribution": recipe.footprint_attribution,
        "description": recipe.footprint_description,
    }
    return _collection_text(
        head, gdf, lambda row: {"delomraade": row.delomraade, "areas": list(row.areas)}
    )


def _write_text(text: str, path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None, prog: str = "python -m sikkerby.ingest.geometry") -> int:
    parser = cli.Parser(
        prog=prog,
        description=(
            "Bygger geo/bydele.geojson (undersøgelsens bydele) og geo/partnerskaber.geojson "
            "(partnerskabernes områder) af kommunens rådata efter opskriften i geo/raw/build.toml."
        ),
    )
    here = site.current()  # geo/raw: the city's files, unchanged (SOURCES.md)
    parser.add_argument("--raw", type=Path, default=here.raw_geo, help="mappe med rådata")
    parser.add_argument("--out", type=Path, default=here.districts, help="GeoJSON-fil der skrives")
    parser.add_argument(
        "--areas",
        type=Path,
        default=here.data / schema.AREAS.file,
        help="områdefilen (kolonnen footprint)",
    )
    parser.add_argument(
        "--footprints-out",
        type=Path,
        default=None,
        help=f"partnerskabernes GeoJSON-fil (standard: {here.footprints.name} ved --out)",
    )
    args = parser.parse_args(argv)
    # Beside --out by default, so a build into a test folder never touches geo/.
    footprints_out = args.footprints_out or args.out.with_name(here.footprints.name)
    try:
        recipe = read_recipe(args.raw)
        areas = read_areas(args.areas)
        gdf = build_survey_districts(args.raw, recipe, districts_of(areas))
        footprints = build_footprints(args.raw, footprints_of(areas), recipe)
        # Both texts are built before either file is written, so a failure writes nothing.
        districts_text = to_geojson_text(gdf, recipe)
        footprints_text = footprints_geojson_text(footprints, recipe)
        _write_text(districts_text, args.out)
        _write_text(footprints_text, footprints_out)
    except (OSError, GeometryError) as err:
        print(f"Fejl: {err}", file=sys.stderr)
        return 1
    for n, what, out in (
        (len(gdf), "bydele", args.out),
        (len(footprints), "delområder", footprints_out),
    ):
        print(f"Skrev {n} {what} til {out} ({out.stat().st_size / 1000:.1f} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
