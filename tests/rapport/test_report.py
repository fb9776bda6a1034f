"""The yearly report: a Word document python-docx opens, whose summary is the overview page's
own statuses and numbers for the same status year, with an image per goal chart and per map,
every source the overview shows, the headed sections for the police's and SSP's assessments,
text from the data written as text, and a command line that says in Danish what is wrong."""

import io
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from helpers import bundled_figures, open_tables, store_with_figures
from streamlit.testing.v1 import AppTest

from sikkerby import rapport
from sikkerby.paths import ROOT
from sikkerby.rapport import __main__ as command
from sikkerby.views import report as report_view

TODAY = 2026
CASES = [("2018-2021", 2021), ("2022-2025", 2025)]


@pytest.fixture(scope="module", params=CASES, ids=[p for p, _ in CASES])
def made(request, store):
    period, year = request.param
    report = report_view.build(store, period, year, TODAY)
    return period, year, report, Document(io.BytesIO(rapport.write(report)))


def text_of(doc) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells).replace("\xa0", " ")


def page(period: str, year: int) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    app.query_params.update({"periode": period, "status_aar": str(year)})
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def shown(value: str) -> str:
    return value.replace("\\", "").replace("\u2060", "").replace("\xa0", " ")


BADGE = re.compile(r":\w+-badge\[:material/\w+: ([^\]:]+)\]")


def test_the_summary_is_the_overview_page_s_own_statuses_and_numbers(made):
    period, year, _, doc = made
    app = page(period, year)
    summary = doc.tables[0]
    headers = [c.text for c in summary.rows[0].cells]
    assert headers == ["Mål", "Basis", "Seneste", "Målværdi", "Status", "Kilde"]
    rows = [[c.text.replace("\xa0", " ") for c in row.cells] for row in summary.rows[1:]]
    # Row by row: the goals in the page's order, each with the status of its card's badge ...
    goals = [shown(h.value) for h in app.subheader][: len(rows)]
    assert [r[0] for r in rows] == goals
    badges = [m for v in app.markdown if (m := BADGE.fullmatch(v.value))]
    cards = [m.group(1) for m in badges if ":" not in m.group(0)[-4:] and m.group(1)][-len(rows) :]
    assert [r[4].split(" ", 1)[1] for r in rows] == cards
    # ... and the card's large numbers, in the card's order (baseline, latest, target), as
    # written there.
    numbers = []
    for r in rows:
        for column, cell in enumerate(r[1:4]):
            if column == 2 and cell == "ikke oplyst":
                continue  # no target value: no large number either
            numbers += [re.sub(r" \([^()]*\)$", "", part) for part in cell.split("; ")]
    # The page shows them all; an unjudged district goal's card also shows the districts its
    # chart draws (`GoalFigures.drawn`), which the summary leaves to the goal's own section.
    _, _, report, _ = made
    drawn = [f for c in report.goals for f in c.parts.drawn]
    on_page = [shown(m.value) for m in app.metric]
    assert [shown(f.value) for f in report.goals[0].figures] == on_page[
        : len(report.goals[0].figures)
    ]
    expected = list(on_page)
    for f in drawn:
        expected.remove(shown(f.value))
    assert numbers == expected
    assert len(on_page) == len(numbers) + len(drawn)
    assert f"Status som ved Tryghedsundersøgelsen {year}" in text_of(doc)


def test_the_gang_goal_s_baseline_is_2017_in_the_report_and_on_the_page(store):
    """The strategy says only "ved udgangen af 1. kvartal"; Ritzau dates the 290 to 2017
    (data/goals.csv). The report's summary and the overview's card say the same year."""
    doc = Document(io.BytesIO(rapport.write(report_view.build(store, "2018-2021", 2021, TODAY))))
    (row,) = [r for r in doc.tables[0].rows if r.cells[0].text == "Mål 5: Færre bandemedlemmer"]
    assert row.cells[1].text.replace("\xa0", " ") == "290 personer (Basis · 2017)"
    shown_on_page = [(shown(m.label), shown(m.value)) for m in page("2018-2021", 2021).metric]
    assert [label for label, value in shown_on_page if value == "290 personer"] == ["Basis · 2017"]


def test_every_source_on_the_overview_page_is_in_the_source_list(made):
    period, year, _, doc = made
    app = page(period, year)
    body = text_of(doc)
    listed = body[body.index("Bilag 3: Kilder") :]
    open_tables(app)  # the goals' tables of sources
    titles = {t for frame in app.dataframe if "Kilde" in frame.value for t in frame.value["Kilde"]}
    assert len(titles) >= 8
    for title in titles:
        assert title.replace("\xa0", " ") in listed, title
    captions = [shown(c.value) for c in app.caption if shown(c.value).startswith("Kilde:")]
    for line in captions:  # each chart's "Kilde:" line, as written under it on the page
        assert line in body, line


def test_there_is_an_image_per_goal_chart_and_per_map(made):
    _, _, report, doc = made
    charts = sum(c.chart.spec is not None for c in report.goals)
    charts += sum(c.chart.spec is not None for c in report.cities)
    charts += report.strategy.context_chart is not None  # the national gang counts
    maps = sum(d.view is not None for d in report.districts)
    assert maps >= 1 and charts >= 4
    assert len(doc.inline_shapes) == charts + maps
    described = [s._inline.docPr.get("descr") for s in doc.inline_shapes]
    assert all(described) and sum(d.startswith("Kort: ") for d in described) == maps


def test_the_sections_staff_fill_in_and_the_principles_are_there(made):
    _, _, _, doc = made
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Faglig vurdering fra Københavns Politi" in headings
    assert "Faglig vurdering fra SSP København" in headings
    assert sum(h.startswith("Princip ") for h in headings) == 6
    assert {"Bilag 1: Hvilke tal findes?", "Bilag 2: Om data og metode", "Bilag 3: Kilder"} <= set(
        headings
    )
    body = text_of(doc)
    assert "526 unge" in body and "91 personer" in body and "54 steder" in body
    assert doc.core_properties.language == "da-DK"


def test_danish_numbers_and_statuses_as_of_the_year(store):
    doc = Document(io.BytesIO(rapport.document(store, "2018-2021", 2020, TODAY)))
    rows = {r.cells[0].text: r.cells[4].text for r in doc.tables[0].rows[1:]}
    # In 2020 the target year had not come: off track, not "not reached".
    assert rows["Mål 1: Øget tryghed"] == "↘ Ikke på vej"
    assert "82,7\xa0pr. 1.000" in doc.tables[0].rows[2].cells[1].text


def test_a_report_as_of_an_edition_holds_nothing_published_later(store):
    doc = Document(io.BytesIO(rapport.document(store, "2018-2021", 2020, TODAY)))
    body = text_of(doc)
    assert "Data til og med 2020" in body
    assert "(TU2021)" not in body  # the 2021 edition's figures (a source published later for an
    # earlier year's figure stays: the note says the figures for those years are today's)
    national = [t for t in doc.tables if t.rows[0].cells[0].text == "År"][-1]
    assert max(int(r.cells[0].text) for r in national.rows[1:] if r.cells[0].text.isdigit()) == 2020


def test_a_period_that_has_not_begun_offers_no_report(store, tmp_path, capsys):
    assert report_view.offer(store, "2022-2025", None, 2021) is None
    args = ["--periode", "2022-2025", "--aar", "2021", "--ud", str(tmp_path / "r.docx")]
    assert command.main(args, today=date(2021, 6, 1)) == 2
    assert "2022-2025 kan ikke afrapporteres endnu" in capsys.readouterr().err


def test_text_from_the_data_is_written_as_it_is(tmp_path: Path):
    hostile = '=HYPERLINK("http://198.51.100.7") **fed** <b>x</b> $a$ :red[y]'
    rows = bundled_figures()
    for n, row in enumerate(rows):
        if (row["indicator"], row["area"]) == ("utrygge_nabolag_pct", "koebenhavn"):
            row["source_title"] = f"{hostile} {n}"  # one title per row: a title is in the key
    doc = Document(
        io.BytesIO(rapport.document(store_with_figures(tmp_path, rows), "2018-2021", 2021, TODAY))
    )
    assert hostile in text_of(doc)


def test_the_command_writes_the_document_whole(tmp_path: Path, capsys):
    out = tmp_path / "rapport.docx"
    assert command.main(["--periode", "2018-2021", "--aar", "2021", "--ud", str(out)]) == 0
    assert "Skrevet:" in capsys.readouterr().out
    assert Document(out).tables[0].rows[1].cells[0].text == "Mål 1: Øget tryghed"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.docx"]  # no scratch file left


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--periode", "2010-2013", "--aar", "2021"], "Ukendt strategiperiode »2010-2013«"),
        (["--periode", "2018-2021", "--aar", "2030"], "kan afrapporteres som ved"),
        (["--periode", "2018-2021", "--aar", "2021", "--ud", "rapport.pdf"], "skal ende på .docx"),
        (["--periode", "2018-2021", "--aar", "2021", "--ud", "/proc/nej/r.docx"], "kunne ikke"),
    ],
)
def test_the_command_says_in_danish_what_is_wrong_and_writes_nothing(tmp_path, capsys, args, says):
    if "--ud" not in args:
        args = [*args, "--ud", str(tmp_path / "r.docx")]
    assert command.main(args) != 0
    assert says in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_python_m_sikkerby_rapport_speaks_danish_without_arguments():
    done = subprocess.run(
        [sys.executable, "-m", "sikkerby.rapport"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 2 and "mangler: --periode, --aar, --ud" in done.stderr
