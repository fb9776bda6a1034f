"""The texts shown instead of a page: the error page's id, and the address that names no page,
repeated without markup and cut short, with every page of the navigation."""

import io

from docx import Document

from sikkerby.render import download, links
from sikkerby.views import fallback


def test_the_error_text_says_nothing_changed_and_gives_the_id():
    text = fallback.error_text("0a1b2c3d")
    assert "Ingen data er ændret." in text and "fejlkoden 0a1b2c3d," in text


def test_a_report_that_could_not_be_made_is_a_word_file_that_says_so_with_the_id():
    doc = Document(io.BytesIO(fallback.report_failed("0a1b2c3d")))
    title, text = (p.text for p in doc.paragraphs)
    assert title == "Afrapporteringen kunne ikke laves" and doc.paragraphs[0].runs[0].bold
    assert "Ingen data er ændret." in text and "fejlkoden 0a1b2c3d," in text
    # Written as text: markup characters are escaped in the document's XML.
    made = download.word_notice("<w:p> & ]]>", "a < b")
    assert [p.text for p in Document(io.BytesIO(made)).paragraphs] == ["<w:p> & ]]>", "a < b"]


def test_an_unknown_address_is_repeated_without_markup_and_cut_short():
    page = fallback.not_found("/opdater/<script>alert(1)</script>![x](http://198.51.100.7/x.png)")
    assert page.text.startswith("Adressen »/opdater/scriptalert1/scriptxhttp//198.51.100.7/x.png«")
    assert "<" not in page.text and "(" not in page.text
    assert fallback.not_found(None).text.startswith("Adressen findes ikke")
    long = fallback.not_found("/" + "æ" * 500).text
    assert long.split("«")[0].count("æ") == fallback.ASKED_LIMIT - 1 and "æ…«" in long
    assert [link.page for link in page.pages] == list(links.PAGES)
