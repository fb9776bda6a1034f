"""What politicians read says what is missing and who publishes it, never how staff load it.

The brief: instructions for staff go on the update page (/opdater) and in the README, never on
the pages politicians read. Every view those pages, the slides and the report are made of is
walked whole (every text, table cell, column name and chart) for every period, area, map
measure and year, and so are the page scripts' own literals; the update page still says how.
"""

import ast
import dataclasses
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from sikkerby import queries
from sikkerby.boundaries import Boundaries
from sikkerby.ingest.publish import default_store
from sikkerby.paths import ROOT
from sikkerby.views import (
    area,
    map,
    method,
    overview,
    presentation,
    report,
    strategy,
    update,
    youth,
)

TODAY = date(2026, 6, 1)
# A command, a program, a file, the project itself, or the project's own copy of a text.
STAFF_WORDS = re.compile(
    r"sikkerby [a-zæøå]|python|\bKør\b|\.csv\b|\.xlsx\b|\bREADME\b|projektet|"
    r"kommandolinje|tilgængelige? (tekst|materiale|udskrift)|skåret af i",
    re.I,
)
# A secondary source cited as the file it was read in (a third party's repository): the
# source itself, as the data must show it, not an instruction.
CITATION = re.compile(r"GitHub [\w.-]+/[\w.-]+, [\w./-]+\.csv")


def texts(value, seen=None):
    """Every text in `value`: dataclass fields, sequences, mappings and DataFrames (cells,
    column names and index) all the way down."""
    seen = set() if seen is None else seen
    if isinstance(value, str):
        yield value
        return
    if id(value) in seen or isinstance(value, Boundaries):
        # The boundary files a view hands its drawings: shapes, of which only the attribution
        # is shown (and it is in the view's "Kilde:" line, walked as such).
        return
    seen.add(id(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from texts(getattr(value, f.name), seen)
        for name in ("handout",):  # the deck's printed slides
            if hasattr(type(value), name):
                yield from texts(getattr(value, name), seen)
    elif isinstance(value, pd.DataFrame):
        yield from (str(c) for c in value.columns)
        yield from (str(i) for i in value.index)
        if value.index.name:
            yield str(value.index.name)
        for column in value.columns:
            yield from texts(list(value[column]), seen)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from texts(k, seen)
            yield from texts(v, seen)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from texts(v, seen)


# A download's file name ("sikker-by-bispebjerg-2026-06-01.csv"): what the browser saves.
FILE_NAME = re.compile(r"[\w.-]+\.(csv|xlsx|docx|pdf|html)")


def staff_words(value) -> list[str]:
    return sorted(
        {
            t
            for t in texts(value)
            if not FILE_NAME.fullmatch(t) and STAFF_WORDS.search(CITATION.sub("", t))
        }
    )


@pytest.fixture(scope="module")
def store():
    return default_store()


def test_the_words_are_found_where_they_are(store):
    """The check finds a command in a view's text, in a table cell and in a column name."""
    frame = pd.DataFrame({"Linje i data/figures.csv": [1]})
    assert staff_words(("Kør sikkerby dst", frame, {"x": ["ok"]})) == [
        "Kør sikkerby dst",
        "Linje i data/figures.csv",
    ]
    cited = "aflæst i en gengivelse (GitHub a/b, data/external/x.csv), s. 2"
    assert staff_words([cited]) == []


def test_no_page_politicians_read_names_a_command_a_file_or_the_project(each_site):
    store = each_site
    reg = queries.registry_of(store)
    periods = [p.period for p in reg.periods]
    assert len(periods) >= 2
    views = [
        youth.build(store, TODAY.year),
        strategy.build(store, TODAY.year),
        method.build(store),
    ]
    for period in periods:
        views.append(overview.build(store, period, TODAY.year))
        views.append(presentation.build(store, period, None, None, TODAY.year))
        views.append(report.build(store, period, TODAY.year, TODAY.year))
    for area_id in area.choices(store):
        views.append(area.build(store, area_id, TODAY))
    for measure in map.measures(store):
        for year in map.year_options(store, measure):
            built = map.build(store, measure, year)
            views.append(built)
            for slug in map.district_names(store):
                views.append(map.panel(store, measure, year, slug))
    found = {word for view in views for word in staff_words(view)}
    assert sorted(found) == [], "\n".join(sorted(found))


def shown_literals(path: Path) -> list[str]:
    """The texts a page script writes itself (its docstring, for developers, left out)."""
    tree = ast.parse(path.read_text())
    doc = ast.get_docstring(tree, clean=False)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value != doc
    ]


def test_no_page_script_writes_one_either():
    pages = sorted((ROOT / "pages").glob("*.py"))
    assert len(pages) >= 8
    found = [
        (p.name, t)
        for p in pages
        if p.name != "opdater_side.py"
        for t in shown_literals(p)
        if STAFF_WORDS.search(t)
    ]
    assert found == []


def test_the_update_page_says_how_staff_load_what_the_pages_name_as_missing():
    said = " ".join(update.other_sources())
    assert "sikkerby dst" in said and "sikkerby ungetal FIL" in said
    assert "opdater_side.py" in {p.name for p in (ROOT / "pages").glob("*.py")}
    assert "update.other_sources()" in (ROOT / "pages" / "opdater_side.py").read_text()
