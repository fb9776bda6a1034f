"""Boundaries for the maps: the 13 districts of Københavns Tryghedsundersøgelse and the
published footprints of the safety partnerships.

Owns how `geo/bydele.geojson` is built from Københavns Kommune's 399 "roder" (WFS layer
k101:rode, April 2023): repair, group by lokaludvalg, split Nørrebro by quarter, clean the
coverage and simplify all shared borders at once. Also owns `geo/partnerskaber.geojson`: the
city's "udsatte byområder" polygons (WFS layer k101:f_udsatte_byomraader, August 2023) that
some area's `footprint` in data/areas.csv names, one feature per `delomraade`.
Rebuild both with `sikkerby geometry`.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from sikkerby import schema, site
from sikkerby.errors import GeometryError
from sikkerby.ingest import cli

RODE_FILE = "kk_rode_2023-04.geojson"
UDSATTE_FILE = "kk_udsatte_byomraader_2023-08.geojson"
FOOTPRINT_SEPARATOR = "|"  # as in the `footprint` column of data/areas.csv

WORK_CRS = "EPSG:25832"  # metric UTM 32N: areas and tolerances in metres
SIMPLIFY_TOLERANCE_M = 10.0
GAP_WIDTH_M = 1.0  # slivers between neighbouring roder are far narrower; canals are wider
DECIMALS = 5  # about 1 m in lon/lat, well below the simplification tolerance
LABEL_TOLERANCE_M = 10.0  # precision of the label point search

ATTRIBUTION = "Kilde: Københavns Kommune (opendata.dk / kbhkort WFS), CC BY 4.0"
DESCRIPTION = (
    "De 13 tryghedsundersøgelses-bydele, bygget af Københavns Kommunes roder (2023-04): "
    "samlet efter lokaludvalg, Nørrebro delt i Indre og Ydre Nørrebro efter kvarter "
    "(grænse langs Jagtvej), forenklet med shapely.coverage_simplify (10 m, EPSG:25832). "
    "area_km2 er beregnet før forenkling."
)
FOOTPRINT_ATTRIBUTION = "Kilde: Københavns Kommune, Udsatte byområder (opendata.dk), CC BY 4.0"
FOOTPRINT_DESCRIPTION = (
    "Københavns Kommunes udsatte byområder (2023-08), som er det nærmeste offentliggjorte "
    "område for et tryghedspartnerskab: kun de delområder, som et område i data/areas.csv "
    "henviser til (kolonnen footprint), samlet pr. delområde og forenklet (10 m, EPSG:25832). "
    "Polygonerne følger ikke bydelsgrænserne."
)

# lokaludvalgnavn -> survey district; Nørrebro is split below by quarter.
LOKALUDVALG_TO_DISTRICT = {
    "Amager Vest": "Amager Vest",
    "Amager Øst": "Amager Øst",
    "Bispebjerg": "Bispebjerg",
    "Brønshøj-Husum": "Brønshøj-Husum",
    "Christianshavn": "Christianshavn",
    "Indre By": "Indre By",
    "Kongens Enghave": "Kgs. Enghave",  # the survey's spelling
    "Nørrebro": None,
    "Valby": "Valby",
    "Vanløse": "Vanløse",
    "Vesterbro": "Vesterbro",
    "Østerbro": "Østerbro",
}
# The border between these groups runs along Jagtvej, as in the survey's own description.
NOERREBRO_QUARTERS = {
    20401: "Indre Nørrebro",
    20402: "Indre Nørrebro",
    20403: "Ydre Nørrebro",
    20404: "Ydre Nørrebro",
    20405: "Ydre Nørrebro",
}
# Administrative bydel for the districts that are only part of one; the rest map 1:1.
PARENT_BYDEL = {
    "Christianshavn": "Indre By",
    "Indre Nørrebro": "Nørrebro",
    "Ydre Nørrebro": "Nørrebro",
    "Vesterbro": "Vesterbro-Kongens Enghave",
    "Kgs. Enghave": "Vesterbro-Kongens Enghave",
}
DISTRICTS = sorted(
    {d for d in LOKALUDVALG_TO_DISTRICT.values() if d} | set(NOERREBRO_QUARTERS.values())
)


def slugify(name: str) -> str:
    """'Amager Øst' -> 'amager-oest', the area_id spelling used in data/areas.csv."""
    s = name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def _district_names(roder: gpd.GeoDataFrame) -> list[str]:
    """Survey district of each rode; raises GeometryError on names we do not know."""
    lokaludvalg = roder["lokaludvalgnavn"].str.strip()  # the source has "Brønshøj-Husum "
    found, expected = set(lokaludvalg), set(LOKALUDVALG_TO_DISTRICT)
    if found != expected:
        raise GeometryError(
            "Uventede lokaludvalgsnavne i roderne. "
            f"Ukendte: {sorted(found - expected)}; mangler: {sorted(expected - found)}"
        )
    names = []
    for lu, kvarter in zip(lokaludvalg, roder["kvarternr"], strict=True):
        if lu == "Nørrebro":
            if kvarter not in NOERREBRO_QUARTERS:
                raise GeometryError(
                    f"Ukendt kvarternr {kvarter} i Nørrebro; kan ikke dele bydelen."
                )
            names.append(NOERREBRO_QUARTERS[kvarter])
        else:
            names.append(LOKALUDVALG_TO_DISTRICT[lu])
    return names


def _round_coords(geoms, decimals: int = DECIMALS):
    """Round to `decimals` and drop vertices that rounding made identical."""
    rounded = shapely.transform(geoms, lambda xy: np.round(xy, decimals))
    return shapely.remove_repeated_points(rounded)


def build_survey_districts(raw_dir: Path) -> gpd.GeoDataFrame:
    """The 13 survey districts in EPSG:4326, one row per district, sorted by name.

    Columns: name, slug, parent_bydel, area_km2 (before simplification), label (the map's
    label point [lon, lat]: the centre of the largest circle inside the district, so a label sits
    well inside even a curved district), geometry.
    """
    path = Path(raw_dir) / RODE_FILE
    if not path.is_file():
        raise GeometryError(f"Rådata mangler: {path} findes ikke. Angiv mappen med --raw.")
    roder = gpd.read_file(path).to_crs(WORK_CRS)
    district = _district_names(roder)

    # Two roder self-intersect; neighbours overlap by a few m² and leave sub-metre gaps.
    # Cleaning the roder (not the districts) makes every shared border identical, so the
    # union per district is again a clean coverage.
    geoms = np.array(roder.geometry, dtype=object)  # writable copy
    bad = ~shapely.is_valid(geoms)
    geoms[bad] = shapely.make_valid(geoms[bad], method="structure", keep_collapsed=False)
    clean = shapely.coverage_clean(geoms, gap_width=GAP_WIDTH_M)
    district = np.asarray(district)
    full = np.array([shapely.coverage_union_all(clean[district == d]) for d in DISTRICTS])
    if not shapely.coverage_is_valid(full):
        raise GeometryError("Bydelene danner ikke en ren dækning efter rensning af roderne.")

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
            "name": DISTRICTS,
            "slug": [slugify(d) for d in DISTRICTS],
            "parent_bydel": [PARENT_BYDEL.get(d, d) for d in DISTRICTS],
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


def to_geojson_text(gdf: gpd.GeoDataFrame) -> str:
    """The text of geo/bydele.geojson for the districts from `build_survey_districts`."""
    head = {"type": "FeatureCollection", "attribution": ATTRIBUTION, "description": DESCRIPTION}
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


def read_footprints(areas_csv: Path) -> dict[str, list[str]]:
    """Each `delomraade` named in the `footprint` column -> the area_ids naming it, in file order.

    Reads the CSV source directly: the map files are built from the sources, like the Parquet.
    """
    path = Path(areas_csv)
    if not path.is_file():
        raise GeometryError(f"Områdefilen mangler: {path} findes ikke. Angiv den med --areas.")
    users: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for name in (row.get("footprint") or "").split(FOOTPRINT_SEPARATOR):
                if name.strip():
                    users.setdefault(name.strip(), []).append(row["area_id"].strip())
    return users


def build_footprints(raw_dir: Path, footprints: dict[str, list[str]]) -> gpd.GeoDataFrame:
    """The referenced "udsatte byområder" in EPSG:4326, one row per `delomraade`, sorted by name.

    Columns: delomraade, areas (the area_ids whose footprint it is), geometry. Raises GeometryError
    when a referenced name is not in the raw file, so a typo in data/areas.csv is not silent.
    """
    path = Path(raw_dir) / UDSATTE_FILE
    if not path.is_file():
        raise GeometryError(f"Rådata mangler: {path} findes ikke. Angiv mappen med --raw.")
    raw = gpd.read_file(path).to_crs(WORK_CRS)
    unknown = sorted(set(footprints) - set(raw["delomraade"]))
    if unknown:
        raise GeometryError(
            f"data/areas.csv nævner delområder, som ikke findes i {UDSATTE_FILE}: {unknown}"
        )
    names = sorted(footprints)
    # Some delomraader come as several polygons (e.g. "Ved Jagtvej"); one feature each.
    geoms = np.array(raw.geometry, dtype=object)
    bad = ~shapely.is_valid(geoms)
    geoms[bad] = shapely.make_valid(geoms[bad], method="structure", keep_collapsed=False)
    dissolved = [shapely.union_all(geoms[raw["delomraade"].to_numpy() == n]) for n in names]
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


def footprints_geojson_text(gdf: gpd.GeoDataFrame) -> str:
    """The text of geo/partnerskaber.geojson for the rows from `build_footprints`."""
    head = {
        "type": "FeatureCollection",
        "attribution": FOOTPRINT_ATTRIBUTION,
        "description": FOOTPRINT_DESCRIPTION,
    }
    return _collection_text(
        head, gdf, lambda row: {"delomraade": row.delomraade, "areas": list(row.areas)}
    )


def _write_text(text: str, path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def write_geojson(gdf: gpd.GeoDataFrame, path: Path) -> None:
    _write_text(to_geojson_text(gdf), path)  # build fully first so a failure writes nothing


def main(argv: list[str] | None = None, prog: str = "python -m sikkerby.ingest.geometry") -> int:
    parser = cli.Parser(
        prog=prog,
        description=(
            "Bygger geo/bydele.geojson (13 tryghedsundersøgelses-bydele) af KK's roder og "
            "geo/partnerskaber.geojson (partnerskabernes udsatte byområder)."
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
        gdf = build_survey_districts(args.raw)
        footprints = build_footprints(args.raw, read_footprints(args.areas))
        # Both texts are built before either file is written, so a failure writes nothing.
        districts_text, footprints_text = to_geojson_text(gdf), footprints_geojson_text(footprints)
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
