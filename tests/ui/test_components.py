"""Text from the data files is shown as written: `plain` escapes everything Markdown would read as
markup, so a source title can never become an image, a link, bold text or a formula."""

import html
import re

import pytest
from markdown_it import MarkdownIt

from sikkerby.ui.components import WORD_JOINER, plain

HOSTILE = [
    "![p](http://198.51.100.7/p.png) sporingspixel",
    "**fed** _kursiv_ `kode` ~~streg~~",
    "[link](http://198.51.100.7/) <b>html</b> <img src=x onerror=alert(1)>",
    "# Overskrift",
    "1. liste",
    "- punkt",
    "> citat",
    "| a | b |",
    "$x^2$ :red[rød] :material/home: :smile:",
    "Københavns Kommune: Tryghedsundersøgelsen 2025 (PDF); 3,5 % – 82,7 pr. 1.000",
    "back\\slash og \\*stjerne",
    "+ plus",
    "* stjerne",
    "2) parentes",
    "***",
    "=== ikke en overskrift",
    "    fire mellemrum",
    "&amp; &#58; <https://198.51.100.7/>",
    "~ enkelt ~ og ~~ dobbelt ~~",
    "1\\. undvegen",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_text_renders_as_itself(text: str):
    rendered = MarkdownIt("commonmark").render(plain(text)).strip()
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    inner = rendered[len("<p>") : -len("</p>")]
    assert not re.search(r"<(?!/?p>)", inner)  # no tag but the paragraph: no img, a, strong, …
    # (A paragraph never shows the spaces a text starts with.)
    assert html.unescape(inner).replace(WORD_JOINER, "") == text.lstrip()


def test_only_what_markdown_would_read_is_escaped():
    """Streamlit uses a label as written for Markdown as its name for screen readers: a
    district's or a widget's label has no backslash where Markdown reads nothing."""
    for text in (
        "Brønshøj-Husum · 2025",
        "Vælg en bydel (eller klik på kortet)",
        "18+-centre · 2017",
        "De fire byers gennemsnit, basis · år ikke oplyst",
        "Mål 1: Øget tryghed. Kilde: Tryghedsundersøgelsen 2025 (PDF); 3,5 % – 82,7 pr. 1.000",
    ):
        assert plain(text) == text
    assert plain("- punkt, 1. ikke") == "\\- punkt, 1. ikke"
    assert plain(":material/home:") == "\\:material\\/home:"


def test_links_in_data_are_not_turned_into_links():
    escaped = plain("se http://198.51.100.7/ og www.kk.dk eller post@kk.dk")
    assert "http" + WORD_JOINER in escaped and "www" + WORD_JOINER in escaped
    assert "@" + WORD_JOINER in escaped


def test_a_large_number_shows_its_value_change_and_help_as_written():
    """The value carries the figure's unit from the data: it is escaped as the label is. The
    change's arrow and colour follow its sign (a true minus, as fmt writes it), not the escaped
    text's first character."""
    from streamlit.proto.Metric_pb2 import Metric
    from streamlit.testing.v1 import AppTest

    def script():
        from sikkerby.ui import components as ui
        from sikkerby.views.blocks import KeyFigure

        tracker = "![u](http://198.51.100.7/u.png)"
        ui.key_figures(
            (
                KeyFigure("Utrygge **fed**", f"5 % {tracker}", f"Kilde: {tracker}", "−2 pp"),
                KeyFigure("Trygge", "80 %", None, "−2 pp", higher_is_better=False),
                KeyFigure("Trygge", "80 %", None, "+1 pp", higher_is_better=True),
                KeyFigure("Trygge", "80 %", None, "±0 pp"),
            )
        )

    app = AppTest.from_function(script).run()
    first, falling, rising, level = (m.proto for m in app.metric)
    tracker = "![u](http://198.51.100.7/u.png)"
    assert first.label == plain("Utrygge **fed**")
    assert first.body == plain(f"5 % {tracker}")
    assert first.help == plain(f"Kilde: {tracker}")
    assert first.delta == plain("−2 pp")
    assert (first.direction, first.color) == (Metric.DOWN, Metric.RED)
    assert (falling.direction, falling.color) == (Metric.DOWN, Metric.GREEN)
    assert (rising.direction, rising.color) == (Metric.UP, Metric.GREEN)
    assert (level.direction, level.color) == (Metric.NONE, Metric.GRAY)


def test_a_keyed_table_is_sent_only_once_its_expander_is_opened():
    """A closed expander's content would be sent and drawn with the page, out of sight, and keep
    the browser from drawing the first screen (bench/first_screen.py). A keyed table is made
    when its expander is opened (a run of its own), and only then; an unkeyed one always."""
    from streamlit.testing.v1 import AppTest

    def script():
        import pandas as pd

        from sikkerby.ui import components as ui
        from sikkerby.views.blocks import Table

        rows = Table("Tal og kilder", pd.DataFrame({"Kilde": ["Tryghedsundersøgelsen"]}))
        ui.table(rows, key="tal-1")
        ui.table(rows, key="tal-2")
        ui.table(Table("Altid med", rows.frame))

    app = AppTest.from_function(script, default_timeout=30).run()
    assert [e.label for e in app.expander] == ["Tal og kilder", "Tal og kilder", "Altid med"]
    assert len(app.dataframe) == 1  # the unkeyed table's, in its closed expander
    app.session_state["tal-2"] = True  # as a visitor opens the second
    app.run()
    assert not app.exception
    assert len(app.dataframe) == 2 and len(app.expander[1].dataframe) == 1
    assert list(app.expander[1].dataframe[0].value["Kilde"]) == ["Tryghedsundersøgelsen"]
    assert not app.expander[0].dataframe  # still closed: still not sent
