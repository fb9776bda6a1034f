"""The presentation's view: the deck of a period is the overview's, the map's and the youth
page's own results (the same numbers, statuses and sentences), every slide has its "Kilde:"
line, text from the data is escaped, and the URL's strange values fall back with notices."""

import html
import re

import pytest
from helpers import bundled_figures, store_with_figures

from sikkerby.ingest.publish import default_store
from sikkerby.views import map as map_view
from sikkerby.views import overview, presentation, youth

TODAY = 2026


@pytest.fixture(scope="module")
def store():
    return default_store()


def deck(store, period: str, **params) -> presentation.Deck:
    request = presentation.resolve(store, {"periode": period, **params}, TODAY)
    return presentation.build(store, request.period, request.measure, request.year, TODAY)


def shown(slide_html: str) -> str:
    """The slide's text as a reader sees it (tags out, entities read)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", slide_html))


@pytest.mark.parametrize("period", ["2018-2021", "2022-2025"])
def test_the_deck_is_the_overviews_goals_with_their_own_numbers_and_statuses(store, period):
    made = deck(store, period)
    view = overview.build(store, period, TODAY)
    cards = [c for _, group in view.groups for c in group]
    keys = [s.key for s in made.slides]
    assert keys == [
        "titel",
        "oversigt",
        *(f"maal-{c.key}" for c in cards),
        "kort",
        "rangering",
        "byer",
    ]
    summary = shown(made.slides[1].html)
    for card, slide in zip(cards, made.slides[2:], strict=False):
        text = shown(slide.html)
        assert slide.heading == card.heading
        assert card.status.label in text and card.status.reason in text
        for figure in card.figures:
            assert figure.label in text and figure.value in text
            assert figure.value in summary
        assert f"{card.status.symbol} {card.status.label}" in summary
    assert f"{view.total} (" in made.slides[1].heading


def test_every_slide_has_its_source_and_its_number(store):
    made = deck(store, "2022-2025")
    total = len(made.slides)
    for i, slide in enumerate(made.slides, start=1):
        text = shown(slide.html)
        assert re.search(r'<p class="kilde">Kilde: ', slide.html), slide.key
        assert f"{i}/{total}" in text
        assert f'aria-label="Dias {i} af {total}: ' in slide.html


def test_the_map_slides_say_what_the_map_page_says(store):
    request = map_view.resolve(store, {})
    view = map_view.build(store, request.measure, request.year)
    made = deck(store, "2022-2025")
    map_slide = made.slides[made.map_slide - 1]
    text = shown(map_slide.html)
    assert view.count_headline in text and view.count_text.capitalize() in text
    assert map_slide.html.count("<path ") == 13
    for district in view.data.published:
        assert view.data.indicator.measure.show(district.figure.value) in text
    assert text.strip().endswith(view.map_sources)
    ranking = made.slides[made.map_slide]
    assert shown(ranking.html).strip().endswith(view.ranking.source)
    assert made.years == tuple(map_view.year_options(store, request.measure))


def test_the_cities_slide_is_the_youth_pages_numbers(store):
    view = youth.build(store, TODAY)
    text = shown(deck(store, "2018-2021").slides[-1].html)
    for card in view.cards:
        for figure in card.figures:
            assert figure.value in text
        assert card.gap_sentence in text


def test_a_slide_shows_text_from_the_data_as_written(tmp_path):
    hostile = "<img src=x onerror=alert(1)> **fed** :red[rød]"
    rows = bundled_figures()
    for row in rows:
        if row["indicator"] == "trygge_nabolag_pct" and row["year"] == "2026":
            row["source_title"] = hostile
    store = store_with_figures(tmp_path, rows)
    made = deck(store, "2022-2025")
    map_slide = made.slides[made.map_slide - 1].html
    assert "<img" not in map_slide
    assert html.escape(hostile, quote=True) in map_slide


@pytest.mark.parametrize(
    ("params", "slide", "auto", "notice"),
    [
        ({"dias": "3"}, 3, None, None),
        ({"dias": "0"}, 1, None, "Ukendt dias »0«"),
        ({"dias": "999"}, 1, None, "Mulige: 1 til 13"),
        ({"dias": "<script>"}, 1, None, "Ukendt dias »script«"),
        ({"dias": "3", "auto": "30"}, 3, 30, None),
        ({"auto": "1"}, 1, None, "Ukendt auto »1«"),
        ({"auto": "1e9"}, 1, None, "Ukendt auto »1e9«"),
        ({"dias": "²"}, 1, None, "Ukendt dias »²«"),
        ({"dias": "٣"}, 1, None, "Ukendt dias »٣«"),
        ({"auto": "¹⁰"}, 1, None, "Ukendt auto »¹⁰«"),
        ({"aar": "bydel"}, 1, None, "Ukendt år »bydel«"),
        ({"bydel": "valby"}, 1, None, None),
    ],
)
def test_strange_addresses_fall_back_with_a_notice(store, params, slide, auto, notice):
    request = presentation.resolve(store, {"periode": "2022-2025", **params}, TODAY)
    assert (request.slide, request.auto) == (slide, auto)
    if notice is None:
        assert request.notices == ()
    else:
        assert any(notice in n for n in request.notices), request.notices


def test_the_address_names_the_slide_the_period_and_the_maps_year(store):
    assert presentation.url_params("2018-2021", 4, "trygge_nabolag", 2025, None) == {
        "periode": "2018-2021",
        "dias": "4",
        "indikator": "trygge_nabolag",
        "aar": "2025",
    }
