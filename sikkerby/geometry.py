"""Boundaries for the map: the 13 districts of Københavns Tryghedsundersøgelse.

Owns how `geo/bydele.geojson` is built from Københavns Kommune's 399 "roder" (WFS layer
k101:rode, April 2023): repair, group by lokaludvalg, split Nørrebro by quarter, clean the
coverage and simplify all shared borders at once. Rebuild with `python -m sikkerby.geometry`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from sikkerby import paths

DEFAULT_RAW_DIR = paths.SHARED_DIR / "geo" / "raw"  # <project root>/../shared/geo/raw
DEFAULT_OUT = paths.DISTRICTS_GEOJSON
RODE_FILE = "kk_rode_2023-04.geojson"

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
    """Survey district of each rode; raises ValueError on names we do not know."""
    lokaludvalg = roder["lokaludvalgnavn"].str.strip()  # the source has "Brønshøj-Husum "
    found, expected = set(lokaludvalg), set(LOKALUDVALG_TO_DISTRICT)
    if found != expected:
        raise ValueError(
            "Uventede lokaludvalgsnavne i roderne. "
            f"Ukendte: {sorted(found - expected)}; mangler: {sorted(expected - found)}"
        )
    names = []
    for lu, kvarter in zip(lokaludvalg, roder["kvarternr"], strict=True):
        if lu == "Nørrebro":
            if kvarter not in NOERREBRO_QUARTERS:
                raise ValueError(f"Ukendt kvarternr {kvarter} i Nørrebro; kan ikke dele bydelen.")
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
        raise FileNotFoundError(f"Rådata mangler: {path} findes ikke. Angiv mappen med --raw.")
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
        raise ValueError("Bydelene danner ikke en ren dækning efter rensning af roderne.")

    # One simplification for all districts keeps neighbours' borders identical.
    simple = shapely.coverage_simplify(full, SIMPLIFY_TOLERANCE_M)
    wgs84 = np.asarray(gpd.GeoSeries(simple, crs=WORK_CRS).to_crs("EPSG:4326"))
    # Right-hand rule (exterior counter-clockwise), as RFC 7946 asks.
    geoms = shapely.orient_polygons(_round_coords(wgs84), exterior_cw=False)
    if not shapely.is_valid(geoms).all():
        raise ValueError("Forenklingen gav ugyldige geometrier; prøv en mindre tolerance.")
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


def to_geojson_text(gdf: gpd.GeoDataFrame) -> str:
    """Deterministic GeoJSON text: fixed key order, one feature per line, no NaN."""
    dump = {"ensure_ascii": False, "separators": (",", ":"), "allow_nan": False}
    features = []
    geoms = _round_coords(np.asarray(gdf.geometry))
    for row, geom in zip(gdf.itertuples(index=False), geoms, strict=True):
        props = {
            "name": row.name,
            "slug": row.slug,
            "parent_bydel": row.parent_bydel,
            "area_km2": float(row.area_km2),
            "label": [float(c) for c in row.label],
        }
        feature = {"type": "Feature", "properties": props, "geometry": geom.__geo_interface__}
        features.append(json.dumps(feature, **dump))
    head = {"type": "FeatureCollection", "attribution": ATTRIBUTION, "description": DESCRIPTION}
    return json.dumps(head, **dump)[:-1] + ',"features":[\n' + ",\n".join(features) + "\n]}\n"


def write_geojson(gdf: gpd.GeoDataFrame, path: Path) -> None:
    text = to_geojson_text(gdf)  # build fully first so a failure writes nothing
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sikkerby.geometry",
        description="Bygger geo/bydele.geojson (13 tryghedsundersøgelses-bydele) af KK's roder.",
    )
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW_DIR, help="mappe med rådata")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="GeoJSON-fil der skrives")
    args = parser.parse_args(argv)
    try:
        gdf = build_survey_districts(args.raw)
        write_geojson(gdf, args.out)
    except (OSError, ValueError) as err:
        print(f"Fejl: {err}", file=sys.stderr)
        return 1
    size_kb = args.out.stat().st_size / 1000
    print(f"Skrev {len(gdf)} bydele til {args.out} ({size_kb:.1f} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
