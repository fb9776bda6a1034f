"""The texts shown instead of a page: the error page's id, and the address that names no page,
repeated without markup and cut short, with every page of the navigation."""

from sikkerby.render import links
from sikkerby.views import fallback


def test_the_error_text_says_nothing_changed_and_gives_the_id():
    text = fallback.error_text("0a1b2c3d")
    assert "Ingen data er ændret." in text and "fejlkoden 0a1b2c3d," in text


def test_an_unknown_address_is_repeated_without_markup_and_cut_short():
    page = fallback.not_found("/opdater/<script>alert(1)</script>![x](http://198.51.100.7/x.png)")
    assert page.text.startswith("Adressen »/opdater/scriptalert1/scriptxhttp//198.51.100.7/x.png«")
    assert "<" not in page.text and "(" not in page.text
    assert fallback.not_found(None).text.startswith("Adressen findes ikke")
    long = fallback.not_found("/" + "æ" * 500).text
    assert long.split("«")[0].count("æ") == fallback.ASKED_LIMIT - 1 and "æ…«" in long
    assert [link.page for link in page.pages] == list(links.PAGES)
