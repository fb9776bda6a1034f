"""The presentation's view: the deck of a period is the overview's, the map's and the youth
page's own results (the same numbers, statuses and sentences), every slide has its "Kilde:"
line, text from the data is escaped, and the URL's strange values fall back with notices."""

import html
import re

import pytest
from helpers import bundled_figures, store_with_figures

from sikkerby import fmt, queries
from sikkerby.ingest.publish import default_store
from sikkerby.render import text as render_text
from sikkerby.views import map as map_view
from sikkerby.views import overview, presentation, youth

TODAY = 2026
NBSP = "\u00a0"


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
    # København against the four cities only where the period has those goals (2018-2021's).
    cities = ["byer"] if any(c.key in queries.youth_goal_ids(store) for c in cards) else []
    assert keys == [
        "titel",
        "oversigt",
        *(f"maal-{c.key}" for c in cards),
        "kort",
        "rangering",
        *cities,
    ]
    assert cities == (["byer"] if period == "2018-2021" else [])
    summary = shown(made.slides[1].html)
    for card, slide in zip(cards, made.slides[2:], strict=False):
        text = shown(slide.html)
        assert slide.heading == card.heading
        assert card.status.label in text and card.status.reason in text
        for figure in card.figures:
            assert figure.label in text and figure.value in text
        # The summary: what each status rests on (not the districts drawn beside a chart).
        for figure in (*card.parts.baseline, *card.parts.latest):
            assert figure.value in summary
            assert "·" not in figure.label or figure.label in summary
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


@pytest.mark.parametrize("period", ["2018-2021", "2022-2025"])
def test_the_map_slides_say_what_the_map_page_says(store, period):
    request = map_view.resolve(store, {}, period)
    view = map_view.build(store, request.measure, request.year)
    made = deck(store, period)
    map_slide = made.slides[made.map_slide - 1]
    text = shown(map_slide.html)
    assert view.count_headline in text and fmt.sentence(view.count_text) in text
    assert view.goal_text in text
    assert map_slide.html.count("<path ") == 13
    for district in view.data.published:
        assert render_text.shown(view.data.indicator.measure, district.figure.value) in text
    assert text.strip().endswith(view.map_sources)
    ranking = made.slides[made.map_slide]
    assert shown(ranking.html).strip().endswith(view.ranking.source)
    assert made.years == tuple(map_view.year_options(store, request.measure, period))


@pytest.mark.parametrize("period", ["2018-2021", "2022-2025"])
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"indikator": "trygge_nabolag", "aar": "2026"},  # the 2018-2021 deck link
        {"indikator": "utrygge_nabolag", "aar": "2017"},
        {"indikator": "trygge_aften_nat", "aar": "2024"},
        {"indikator": "borgervendt", "aar": "2021"},
    ],
)
def test_a_decks_map_shows_its_own_periods_measures_years_and_threshold(store, period, params):
    """The 2018-2021 deck showed »Trygge i nabolaget, 2026« with 2022-2025's 85 % threshold:
    whatever the address asks, a deck's map is one of its period's own measures, in one of its
    period's own years, against that period's threshold (another value gets a notice)."""
    reg = queries.registry_of(store)
    p = reg.period(period)
    request = presentation.resolve(store, {"periode": period, **params}, TODAY)
    made = presentation.build(store, period, request.measure, request.year, TODAY)
    own = {t.indicator for t in reg.thresholds if t.period == period}
    info = map_view.measures(store)[made.measure]
    assert info.indicator in own
    assert all(p.start_year <= y <= p.end_year for y in made.years) and made.year in made.years
    view = map_view.build(store, made.measure, made.year)
    assert view.data.threshold.period == period
    heading = made.slides[made.map_slide - 1].heading
    assert heading == f"{info.short_name} i bydelene, {made.year}"
    asked = params.get("indikator")
    if asked is not None and asked != made.measure:
        assert any(n.startswith("Ukendt indikator") for n in request.notices)


def test_the_2018_2021_deck_no_longer_shows_2026s_safe_share(store):
    request = presentation.resolve(
        store, {"periode": "2018-2021", "indikator": "trygge_nabolag", "aar": "2026"}, TODAY
    )
    assert (request.measure, request.year) == ("utrygge_nabolag", 2020)
    made = presentation.build(store, "2018-2021", request.measure, request.year, TODAY)
    text = " ".join(shown(s.html) for s in made.slides)
    assert "Trygge i nabolaget" not in text and "85" + NBSP + "%" not in text
    assert "Utrygge i nabolaget i bydelene, 2020" in text


def test_the_2022_2025_deck_ends_with_its_own_goals(store):
    made = deck(store, "2022-2025")
    text = " ".join(shown(s.html) for s in made.slides)
    assert "Mål 3: Færre unge" not in text and "de fire store byer" not in text
    assert made.slides[-1].key == "rangering"


def test_the_cities_slide_is_the_youth_pages_numbers(store):
    view = youth.build(store, TODAY)
    last = deck(store, "2018-2021").slides[-1]
    assert last.key == "byer"
    text = shown(last.html)
    for card in view.cards:
        for figure in card.figures:
            assert figure.value in text
        assert card.gap_sentence in text


def test_a_slide_shows_text_from_the_data_as_written(tmp_path):
    hostile = "<img src=x onerror=alert(1)> **fed** :red[rød]"
    rows = bundled_figures()
    for row in rows:
        if (row["indicator"], row["year"], row["quality"]) == (
            "trygge_nabolag_pct",
            "2025",
            "secondary",
        ):
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
        ({"dias": "999"}, 1, None, "Mulige: 1 til 12"),
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
