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
]


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_text_renders_as_itself(text: str):
    rendered = MarkdownIt("commonmark").render(plain(text)).strip()
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    inner = rendered[len("<p>") : -len("</p>")]
    assert not re.search(r"<(?!/?p>)", inner)  # no tag but the paragraph: no img, a, strong, …
    assert html.unescape(inner).replace(WORD_JOINER, "") == text


def test_links_in_data_are_not_turned_into_links():
    escaped = plain("se http://198.51.100.7/ og www.kk.dk eller post@kk.dk")
    assert "http" + WORD_JOINER in escaped and "www" + WORD_JOINER in escaped
    assert "@" + WORD_JOINER in escaped
