"""A site's site.toml: read into the site's words and facts, and refused with a Danish message
naming the file, line and column when it is malformed or incomplete."""

import shutil

import pytest

from sikkerby import site
from sikkerby.errors import SiteError
from sikkerby.paths import ROOT


def copenhagen_toml(folder):
    shutil.copy(ROOT / "site.toml", folder / "site.toml")
    return folder / "site.toml"


def test_copenhagen_s_site_is_the_app_s_own_folder():
    here = site.load(ROOT)
    assert (here.id, here.name, here.survey) == ("koebenhavn", "Sikker By", "Tryghedsundersøgelsen")
    assert here.assessments == ("Københavns Politi", "SSP København")
    assert here.strategy_page.period == "2018-2021" and here.strategy_page.gang_goal == "2018-5"
    assert here.district_answers == 300
    assert here.data == ROOT / "data" and here.districts == ROOT / "geo" / "bydele.geojson"
    assert here.districts.is_file() and (here.data / "goals.csv").is_file()


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("København", "Københavns"),
        ("de fire store byer", "de fire store byers"),
        ("Aarhus", "Aarhus'"),
    ],
)
def test_a_name_s_genitive(name, said):
    assert site.genitive(name) == said


def test_a_malformed_file_is_refused_with_its_line_and_column(tmp_path):
    path = copenhagen_toml(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("city = "))
    lines[at] = 'city = "København'  # the closing quote is missing
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SiteError) as error:
        site.load(tmp_path)
    (problem,) = error.value.problems
    assert (problem.file, problem.line) == (str(path), at + 1)
    assert problem.column is not None and "kan ikke læses som TOML" in problem.message
    assert str(problem).startswith(f"{path}, linje {at + 1}, kolonne ")


def test_missing_and_wrong_keys_are_each_named(tmp_path):
    path = copenhagen_toml(tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace('survey = "Tryghedsundersøgelsen"\n', "")
    text = text.replace('report_to = "Økonomiudvalget"', "report_to = 7")
    text = text.replace('assessments = ["Københavns Politi", "SSP København"]', "assessments = 3")
    text = text.replace("district_answers = 300", 'district_answers = "300"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SiteError) as error:
        site.load(tmp_path)
    named = {(p.column, p.message) for p in error.value.problems}
    assert named == {
        ("survey", "skal være en tekst"),
        ("report_to", "skal være en tekst"),
        ("assessments", "skal være en liste af tekster"),
        ("survey_design.district_answers", "skal være et helt tal over 0"),
    }


def test_a_folder_without_a_site_or_with_a_file_that_is_not_utf_8_is_refused(tmp_path):
    with pytest.raises(SiteError, match=r"site\.toml: filen findes ikke"):
        site.load(tmp_path)
    (tmp_path / "site.toml").write_bytes("name = 'Bøgeby'".encode("latin-1"))
    with pytest.raises(SiteError, match="filen er ikke UTF-8"):
        site.load(tmp_path)


@pytest.mark.parametrize(
    ("cell", "values"),
    [
        ("aarhus|odense", ("aarhus", "odense")),
        (" Ved Jagtvej | Nordvest |", ("Ved Jagtvej", "Nordvest")),
        ("", ()),
        (None, ()),
        (float("nan"), ()),
    ],
)
def test_a_cell_with_several_values_is_split_one_way(cell, values):
    from sikkerby.schema import listed

    assert listed(cell) == values
