"""The code names no municipality: Copenhagen's words (its name, its districts, its committee,
its police, its survey, its comparison group, its strategy's name) are in its site
(site.toml, data/, geo/), not in a string of `sikkerby/` (docstrings and comments may explain
with Copenhagen as the example)."""

import ast
import csv
from pathlib import Path

import pytest

from sikkerby.paths import ROOT

PACKAGE = ROOT / "sikkerby"
WORDS = (
    "københavn",
    "koebenhavn",
    "økonomiudvalg",
    "ssp ",
    "fire store byer",
    "fire byer",
    "tryghedsundersøgelse",
    "københavns politi",
    "sikker by",
    "borgerrepræsentation",
    "kk.dk",
)


def copenhagen_words() -> tuple[str, ...]:
    """The words above, and the names of Copenhagen's districts, partnerships and cities."""
    with (ROOT / "data" / "areas.csv").open(encoding="utf-8") as f:
        names = {row["name"].lower() for row in csv.DictReader(f)}
    return WORDS + tuple(sorted(names - {"danmark"}))  # Danmarks Statistik is everyone's


def docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        kinds = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        if isinstance(node, kinds) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def named(source: str, words: tuple[str, ...]) -> list[tuple[int, str]]:
    """Each string in `source` (not a docstring) naming one of `words`: (line, word)."""
    tree = ast.parse(source)
    skip = docstrings(tree)
    return [
        (node.lineno, word)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
        for word in words
        if word in node.value.lower()
    ]


def package_files() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if "_site" not in p.parts]


@pytest.mark.parametrize("path", package_files(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_string_in_the_package_names_copenhagen(path):
    assert named(path.read_text(encoding="utf-8"), copenhagen_words()) == []


def test_the_check_finds_a_name_in_a_string_and_passes_docstrings_and_comments():
    words = copenhagen_words()
    assert "valby" in words and "amager vest" in words and "aarhus" in words
    found = named(
        '"""About København."""\n'
        "# Økonomiudvalget\n"
        "def f():\n"
        '    """Valby."""\n'
        '    return "Udvalg: " + f"{x} mod de fire store byer i Valby"\n',
        words,
    )
    assert found == [(5, "fire store byer"), (5, "valby")]
