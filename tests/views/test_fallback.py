"""The texts shown instead of a page: the error page's id."""

from sikkerby.views import fallback


def test_the_error_text_says_nothing_changed_and_gives_the_id():
    text = fallback.error_text("0a1b2c3d")
    assert "Ingen data er ændret." in text and "fejlkoden 0a1b2c3d," in text
