"""Checks of the locator map (sikkerby.render.locator) and its data, geo/partnerskaber.geojson."""

import csv
import json
import re
import xml.etree.ElementTree as ET

import pytest
import shapely
from helpers import COPENHAGEN

from sikkerby import boundaries
from sikkerby.ingest import geometry
from sikkerby.paths import ROOT
from sikkerby.render import locator

AREAS_CSV = ROOT / "data" / "areas.csv"
FOOTPRINTS = ROOT / "geo" / "partnerskaber.geojson"
RAW_DIR = COPENHAGEN.raw_geo
MAX_BYTES = 25_000


def locator_svg(*args, footprints_path=None, **kwargs):
    shapes = boundaries.of_site(COPENHAGEN.districts, footprints_path)
    return locator.locator_svg(*args, city="København", shapes=shapes, **kwargs)


def area_rows() -> list[dict]:
    with AREAS_CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def footprint_of(row: dict) -> list[str]:
    return [n for n in row["footprint"].split("|") if n]


def svg_for(row: dict, **kwargs) -> str | None:
    return locator_svg(row["area_id"], row["kind"], footprint_of(row), **kwargs)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # no xmlns, so tags are plain names


def group(root: ET.Element, name: str) -> ET.Element:
    (found,) = [g for g in root.iter("g") if g.get("class") == name]
    return found


def test_paths_module_points_at_the_committed_file():
    assert COPENHAGEN.footprints == FOOTPRINTS


def test_district_has_thirteen_paths_and_one_highlighted():
    root = parse(locator_svg("bispebjerg", "bydel", None))
    assert len(list(root.iter("path"))) == 13
    assert len(group(root, "bydele").findall("path")) == 12
    assert len(group(root, "fokus").findall("path")) == 1
    assert group(root, "fokus").get("fill") == "#0B4F8C"
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Kort: Bispebjerg i København"
    assert root.find("title").text == "Kort: Bispebjerg i København"


def test_partnership_is_drawn_from_its_footprint_on_top_of_all_districts():
    svg = locator_svg("tingbjerg-husum", "partnerskab", ["Tingbjerg/Husum"])
    root = parse(svg)
    assert len(group(root, "bydele").findall("path")) == 13
    highlighted = group(root, "fokus").findall("path")
    assert len(highlighted) > 0
    assert all(p.get("d") for p in highlighted)
    assert root.find("title").text == "Kort: Tingbjerg/Husum (udsat byområde) i København"
    # The highlight is drawn after (on top of) the districts.
    assert svg.index('class="fokus"') > svg.index('class="bydele"')


def test_footprint_may_be_given_as_the_columns_text():
    as_text = locator_svg("nordvest", "partnerskab", "Nordvest|Urbanplanen mv.")
    as_list = locator_svg("nordvest", "partnerskab", ["Nordvest", "Urbanplanen mv."])
    assert as_text == as_list
    assert len(group(parse(as_text), "fokus").findall("path")) == 2
    assert "(udsatte byområder)" in as_text


def test_every_district_and_every_footprint_area_gets_a_map():
    rows = area_rows()
    for row in rows:
        svg = svg_for(row)
        if row["kind"] == "bydel" or row["footprint"]:
            assert svg is not None, row["area_id"]
            assert len(group(parse(svg), "fokus").findall("path")) >= 1, row["area_id"]
        else:
            assert svg is None, row["area_id"]


@pytest.mark.parametrize(
    ("area_id", "kind", "footprint"),
    [
        ("findes-ikke", "bydel", None),
        ("valby-partnerskab", "partnerskab", None),
        ("valby-partnerskab", "partnerskab", []),
        ("noget", "partnerskab", ["Intet sådant delområde"]),
        ("koebenhavn", "by", None),
    ],
)
def test_nothing_to_highlight_gives_none(area_id, kind, footprint):
    assert locator_svg(area_id, kind, footprint) is None


def test_output_is_self_contained_small_and_inside_its_box():
    for row in area_rows():
        svg = svg_for(row)
        if svg is None:
            continue
        assert "http" not in svg, row["area_id"]
        assert "<script" not in svg and "href" not in svg, row["area_id"]
        assert len(svg.encode("utf-8")) < MAX_BYTES, row["area_id"]
        root = parse(svg)
        width, height = float(root.get("width")), float(root.get("height"))
        assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
        for path in root.iter("path"):
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
            xs, ys = numbers[0::2], numbers[1::2]
            assert min(xs) >= 0 and max(xs) <= width, row["area_id"]
            assert min(ys) >= 0 and max(ys) <= height, row["area_id"]
            # One decimal at most keeps the SVG small.
            assert not re.search(r"\.\d\d", path.get("d"))


def test_width_sets_the_size():
    root = parse(locator_svg("valby", "bydel", None, width=200))
    assert root.get("width") == "200"
    assert int(root.get("height")) > 100


def test_title_and_label_text_are_escaped(tmp_path):
    name = 'A & B <i>"x"</i>'
    feature = json.loads(FOOTPRINTS.read_text(encoding="utf-8"))["features"][0]
    feature["properties"] = {"delomraade": name, "areas": ["test"]}
    path = tmp_path / "partnerskaber.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    svg = locator_svg("test", "partnerskab", [name], footprints_path=path)
    assert "<i>" not in svg
    assert "A &amp; B &lt;i&gt;&quot;x&quot;&lt;/i&gt;" in svg
    root = parse(svg)
    assert root.find("title").text == f"Kort: {name} (udsat byområde) i København"
    assert root.get("aria-label") == root.find("title").text


# geo/partnerskaber.geojson


@pytest.fixture(scope="module")
def collection() -> dict:
    return json.loads(FOOTPRINTS.read_text(encoding="utf-8"))


def referenced() -> dict[str, list[str]]:
    users: dict[str, list[str]] = {}
    for row in area_rows():
        for name in footprint_of(row):
            users.setdefault(name, []).append(row["area_id"])
    return users


def test_footprints_are_exactly_the_referenced_delomraader(collection):
    features = collection["features"]
    names = [f["properties"]["delomraade"] for f in features]
    assert len(names) == len(set(names))  # dissolved: one feature per delomraade
    assert set(names) == set(referenced())
    for feature in features:
        props = feature["properties"]
        assert list(props) == ["delomraade", "areas"]
        assert props["areas"] == referenced()[props["delomraade"]]


def test_footprints_credit_the_source_and_stay_small(collection):
    assert (
        "Københavns Kommune, Udsatte byområder (opendata.dk), CC BY 4.0"
        in (collection["attribution"])
    )
    assert FOOTPRINTS.stat().st_size < 10_000


def test_footprint_geometries_are_valid_and_lie_in_the_city(collection):
    city = shapely.union_all(
        [
            shapely.geometry.shape(f["geometry"])
            for f in boundaries.of_site(COPENHAGEN.districts).districts["features"]
        ]
    )
    for feature in collection["features"]:
        shape = shapely.geometry.shape(feature["geometry"])
        assert shape.is_valid and not shape.is_empty
        assert shape.geom_type in {"Polygon", "MultiPolygon"}
        # Mostly inside the 13 districts; the polygons are drawn on their own, so not exactly.
        assert shape.intersection(city).area / shape.area > 0.9, feature["properties"]


def test_rebuild_from_raw_gives_the_committed_footprints(tmp_path):
    out = tmp_path / "bydele.geojson"
    assert geometry.main(["--raw", str(RAW_DIR), "--out", str(out)]) == 0
    assert (tmp_path / "partnerskaber.geojson").read_bytes() == FOOTPRINTS.read_bytes()
    recipe = geometry.read_recipe(RAW_DIR)
    built = geometry.build_footprints(
        RAW_DIR, geometry.footprints_of(geometry.read_areas(AREAS_CSV)), recipe
    )
    assert geometry.footprints_geojson_text(built, recipe) == FOOTPRINTS.read_text(encoding="utf-8")


def test_unknown_footprint_name_is_refused_and_nothing_written(tmp_path, capsys):
    areas = tmp_path / "areas.csv"
    areas.write_text(
        AREAS_CSV.read_text(encoding="utf-8").replace(",Ved Folehaven,", ",Ved Folehavn,"),
        encoding="utf-8",
    )
    out = tmp_path / "bydele.geojson"
    args = ["--raw", str(RAW_DIR), "--out", str(out), "--areas", str(areas)]
    assert geometry.main(args) == 1
    assert not out.exists() and not (tmp_path / "partnerskaber.geojson").exists()
    assert "Ved Folehavn" in capsys.readouterr().err
