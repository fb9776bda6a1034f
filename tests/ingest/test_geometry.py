"""Checks of the committed geo/bydele.geojson (the 13 survey districts) and its build."""

import csv
import hashlib
import itertools
import json
import re

import geopandas as gpd
import numpy as np
import pytest
import shapely
from helpers import COPENHAGEN

from sikkerby.ingest import geometry
from sikkerby.paths import ROOT

GEOJSON = ROOT / "geo" / "bydele.geojson"
AREAS_CSV = ROOT / "data" / "areas.csv"
RAW_DIR = COPENHAGEN.raw_geo
SOURCES_MD = (RAW_DIR / "SOURCES.md").read_text(encoding="utf-8")

# Expected areas in km² as the delivery notes on the boundary files give them (not computed here).
README_AREAS_KM2 = {
    "Amager Vest": 19.4,
    "Østerbro": 9.9,
    "Amager Øst": 9.8,
    "Valby": 9.2,
    "Brønshøj-Husum": 8.7,
    "Bispebjerg": 6.8,
    "Vanløse": 6.7,
    "Indre By": 5.9,
    "Kgs. Enghave": 4.6,
    "Vesterbro": 3.8,
    "Christianshavn": 3.6,
    "Ydre Nørrebro": 2.1,
    "Indre Nørrebro": 2.0,
}
FREDERIKSBERG_KM2 = 8.7


@pytest.fixture(scope="module")
def collection() -> dict:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def districts() -> gpd.GeoDataFrame:
    return gpd.read_file(GEOJSON)


@pytest.fixture(scope="module")
def projected(districts) -> np.ndarray:
    return np.asarray(districts.to_crs(geometry.WORK_CRS).geometry)


def bydel_rows() -> list[dict]:
    with AREAS_CSV.open(encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f) if row["kind"] == "bydel"]


def test_file_is_small_enough():
    assert GEOJSON.stat().st_size <= 60_000


def test_feature_collection_with_attribution(collection):
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 13
    assert collection["attribution"] == geometry.read_recipe(RAW_DIR).attribution
    assert "Københavns Kommune" in collection["attribution"]
    assert "CC BY 4.0" in collection["attribution"]
    assert collection["description"]


def test_properties_are_exactly_the_agreed_ones(collection):
    for feature in collection["features"]:
        props = feature["properties"]
        assert list(props) == ["name", "slug", "parent_bydel", "area_km2", "label"]
        assert isinstance(props["area_km2"], float)
        assert props["area_km2"] == round(props["area_km2"], 1)


def test_label_points_lie_inside_their_district(collection):
    for feature in collection["features"]:
        shape = shapely.geometry.shape(feature["geometry"])
        point = shapely.Point(feature["properties"]["label"])
        name = feature["properties"]["name"]
        assert shape.contains(point), name
        # Well inside: at least about 100 m (0.0009 degrees) from the border.
        assert shape.boundary.distance(point) > 0.0009, name


def test_geometries_are_valid_polygons(districts):
    assert set(districts.geom_type) <= {"Polygon", "MultiPolygon"}
    assert districts.is_valid.all()
    assert not districts.is_empty.any()


def test_names_slugs_and_parents_match_areas_csv(districts):
    rows = bydel_rows()
    assert len(rows) == 13
    expected = sorted((r["area_id"], r["name"], r["parent"]) for r in rows)
    actual = sorted(
        zip(districts["slug"], districts["name"], districts["parent_bydel"], strict=True)
    )
    assert actual == expected


def test_shared_borders_form_a_clean_coverage(projected):
    assert shapely.coverage_is_valid(projected)
    for a, b in itertools.combinations(projected, 2):
        assert shapely.intersection(a, b).area < 1.0  # m²


def test_no_holes_except_frederiksberg(projected):
    union = shapely.coverage_union_all(projected)
    holes_km2 = [
        shapely.Polygon(ring).area / 1e6
        for part in shapely.get_parts(union)
        for ring in part.interiors
    ]
    big = [h for h in holes_km2 if h > 0.01]
    assert len(big) == 1
    assert big[0] == pytest.approx(FREDERIKSBERG_KM2, rel=0.03)


def test_areas_match_readme(districts, projected):
    assert set(districts["name"]) == set(README_AREAS_KM2)
    for name, stated, geom in zip(districts["name"], districts["area_km2"], projected, strict=True):
        expected = README_AREAS_KM2[name]
        assert stated == pytest.approx(expected, rel=0.03), name
        assert geom.area / 1e6 == pytest.approx(expected, rel=0.03), name


def test_the_raw_files_are_the_ones_their_sources_file_names():
    """geo/raw holds the city's files unchanged: each one's sha256 is the one SOURCES.md gives."""
    stated = dict(re.findall(r"\| `([\w.-]+\.geojson)` \|.*\| `([0-9a-f]{64})` \|", SOURCES_MD))
    recipe = geometry.read_recipe(RAW_DIR)
    assert set(stated) == {recipe.districts_file, recipe.footprints_file}
    for name, digest in stated.items():
        assert hashlib.sha256((RAW_DIR / name).read_bytes()).hexdigest() == digest, name


def test_rebuild_from_raw_gives_the_committed_file(tmp_path):
    out = tmp_path / "bydele.geojson"
    assert geometry.main(["--raw", str(RAW_DIR), "--out", str(out)]) == 0
    assert out.read_bytes() == GEOJSON.read_bytes()


def test_missing_raw_dir_writes_nothing(tmp_path, capsys):
    out = tmp_path / "bydele.geojson"
    assert geometry.main(["--raw", str(tmp_path / "findes-ikke"), "--out", str(out)]) == 1
    assert not out.exists()
    assert "Rådata mangler" in capsys.readouterr().err
