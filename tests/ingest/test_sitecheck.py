"""The site check (`sikkerby sted MAPPE`): both sites pass; a broken site gets every problem
named by its file, line and column, in Danish, and nothing is written."""

import json
import shutil

import pytest
from helpers import snapshot

from sikkerby import command
from sikkerby.ingest import sitecheck
from sikkerby.paths import ROOT

EXAMPLE = ROOT / "tests" / "fixtures" / "eksempelby"


@pytest.fixture
def example(tmp_path):
    """A copy of the example site to break."""
    return shutil.copytree(EXAMPLE, tmp_path / "eksempelby")


def said(problems) -> list[str]:
    return [str(p) for p in problems]


@pytest.mark.parametrize("folder", [ROOT, EXAMPLE], ids=["koebenhavn", "eksempelby"])
def test_both_sites_pass(folder):
    assert sitecheck.check(folder) == []


def test_the_command_says_a_site_is_in_order(capsys):
    assert command.main(["sted", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out == (
        f"Stedet i {EXAMPLE} er i orden: Tryg i Eksempelby (Eksempelby Kommune).\n"
    )


def test_districts_that_do_not_match_the_areas_are_named(example):
    path = example / "geo" / "bydele.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][0]["properties"]["name"] = "Nordbyen"
    data["features"][1]["properties"]["slug"] = "vestkvarteret"
    data["features"][2]["geometry"] = {"type": "Point", "coordinates": [10, 56]}
    ring = [[10, 56], [10.1, 56.1], [10.1, 56], [10, 56.1], [10, 56]]  # a bow tie
    data["features"][3]["geometry"] = {"type": "Polygon", "coordinates": [ring]}
    del data["features"][3]["properties"]["label"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert said(sitecheck.check(example)) == [
        "geo/bydele.geojson, kolonne 'features[0].name': navnet »Nordbyen« er ikke "
        "»Nordkvarteret« som i data/areas.csv",
        "geo/bydele.geojson, kolonne 'features[1].slug': »vestkvarteret« er ikke en bydel i "
        "data/areas.csv (kind bydel)",
        "geo/bydele.geojson, kolonne 'features[2].geometry': geometrien er Point, ikke en polygon",
        "geo/bydele.geojson, kolonne 'features[3].label': mangler et punkt til navnet [x, y]",
        "geo/bydele.geojson, kolonne 'features[3].geometry': geometrien er tom eller ugyldig",
        "geo/bydele.geojson: bydelen »havnekvarteret« fra data/areas.csv har ingen grænse",
    ]


def test_a_file_that_is_not_json_is_named_by_line_and_column(example):
    path = example / "geo" / "bydele.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [}', encoding="utf-8")
    (problem,) = sitecheck.check(example)
    assert (problem.file, problem.line, problem.column) == ("geo/bydele.geojson", 2, "15")
    assert problem.message.startswith("filen kan ikke læses som JSON")


def test_site_words_data_and_footprints_are_checked_together(example):
    toml = example / "site.toml"
    text = toml.read_text(encoding="utf-8").replace('period = "2020-2023"', 'period = "1999"')
    toml.write_text(text, encoding="utf-8")
    (example / "geo" / "partnerskaber.geojson").unlink()
    assert said(sitecheck.check(example)) == [
        "site.toml, kolonne 'strategy_page.period': perioden »1999« findes ikke i data/periods.csv",
        "geo/partnerskaber.geojson: filen findes ikke",
    ]


def test_bad_data_is_named_as_a_publish_names_it_and_nothing_is_written(example, capsys):
    goals = example / "data" / "goals.csv"
    goals.write_text(
        goals.read_text(encoding="utf-8").replace(
            ",eksempelby,max_value,12,", ",nowhere,max_value,12,"
        ),
        encoding="utf-8",
    )
    (example / "site.toml").write_text('name = "Tryg\n', encoding="utf-8")
    before = snapshot(example)
    assert command.main(["sted", str(example)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[:3] == [
        f"Stedet i {example} har 4 problem(er):",
        "- site.toml, linje 1, kolonne 13: filen kan ikke læses som TOML (se efter "
        "anførselstegn, = og [afsnit] her)",
        "- data/goals.csv, linje 2, kolonne 'area': 'nowhere' findes ikke i data/areas.csv",
    ]  # then the goal's baseline and target, which no figure of "nowhere" backs
    assert snapshot(example) == before


def test_features_that_are_not_objects_are_named_not_a_crash(example):
    path = example / "geo" / "bydele.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"] = [7, {"properties": "x"}, *data["features"][2:]]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert said(sitecheck.check(example)) == [
        "geo/bydele.geojson, kolonne 'features[0].slug': feltet mangler (bydelens area_id fra "
        "data/areas.csv)",
        "geo/bydele.geojson, kolonne 'features[1].slug': feltet mangler (bydelens area_id fra "
        "data/areas.csv)",
        "geo/bydele.geojson: bydelen »havnekvarteret« fra data/areas.csv har ingen grænse",
        "geo/bydele.geojson: bydelen »nordkvarteret« fra data/areas.csv har ingen grænse",
    ]
