"""The layout holds: page scripts only read the URL, ask a view and lay it out, so they import
Streamlit, the views and the shared page pieces and nothing else. (The layers inside the
package are import-linter's contracts in pyproject.toml, checked by scripts/test.sh.)"""

import ast
import re

import pytest

from sikkerby.paths import ROOT

SCRIPTS = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
ALLOWED = ("streamlit", "sikkerby.views", "sikkerby.ui")


def imported(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_page_scripts_import_only_streamlit_the_views_and_the_page_pieces(script):
    outside = {
        name for name in imported(script) if not name.startswith(ALLOWED) or name == "sikkerby"
    }
    assert outside == set(), outside


def test_nothing_reads_outside_the_repository():
    """The repository holds all it needs: no code, test, benchmark or script names the delivery
    folder beside the checkout (its files are copied in: data/source/, geo/raw/)."""
    code = [
        p
        for folder in ("sikkerby", "tests", "bench", "scripts", "pages", ".ci")
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and p.suffix in {".py", ".sh", ""} and "__pycache__" not in p.parts
    ]
    assert len(code) > 50
    outside = re.compile(r"\.\./shared|parents?\b[^\n]*[\"']shared[\"']")
    found = [str(p.relative_to(ROOT)) for p in code if outside.search(p.read_text("utf-8"))]
    assert found == []
