"""»Om data og metode« and »Strategien«: what they say is computed from the registry and the
published figures (thresholds, breaks, sources, the newest year, the activity figures), every
figure has its source, and the national gang counts are labelled as national context."""

import pytest

from sikkerby import queries
from sikkerby.ingest.publish import default_store
from sikkerby.render.verdict import LABELS
from sikkerby.views import method, strategy

TODAY = 2026


@pytest.fixture(scope="module")
def store():
    return default_store()


def test_the_method_page_explains_every_status_threshold_and_break(store):
    view = method.build(store)
    reg = queries.registry_of(store)
    text = " ".join(p for s in view.sections for p in s.paragraphs)
    assert all(f"{label}:" in text for label in LABELS.values())
    assert all(t.label in text for t in reg.thresholds) and len(reg.thresholds) == 3
    assert all(b.description in text for b in reg.breaks)
    said = text.replace("\xa0", " ")
    assert "95 %-interval omkring 15 % på ±4 point" in said
    assert "2.999-4.880 svar om året" in said  # the published numbers of answers (tu_deltagere)
    assert "Omkring tærsklen" in text
    assert view.source.startswith("Kilde:")


def test_as_of_an_edition_the_method_counts_only_what_had_been_published(store):
    view = method.build(store, 2020)
    assert view.data_until.startswith("Data til og med 2020: nyeste udgave af ")
    (table,) = [s.table for s in view.sections if s.table is not None]
    assert all(y == "mangler" or int(y.replace(".", "")) <= 2020 for y in table.frame["Nyeste år"])


def test_the_newest_figure_and_the_sources_come_from_the_data(store):
    view = method.build(store)
    figures = queries.published(store)
    newest = max(f.year for f in figures if f.year is not None)
    assert view.data_until.startswith(f"Data til og med {newest}")
    (table,) = [s.table for s in view.sections if s.table is not None]
    assert table.frame["Tal"].sum() == len(figures)
    assert table.frame["Heraf fra sekundære kilder"].sum() == sum(f.secondary for f in figures)


def test_each_principle_shows_its_activity_figures_with_their_sources(store):
    view = strategy.build(store, TODAY)
    assert [p.heading.split(":")[0] for p in view.principles] == [
        f"Princip {n}" for n in range(1, 7)
    ]
    children = view.principles[2]
    assert [f.value.replace("\xa0", " ") for f in children.figures] == [
        "20 % af 14-18-årige (ca.)",
        "526 unge",
        "66 kommunale medarbejdere",
        "7 udsatte boligområder",
    ]
    for p in view.principles:
        assert all(f.help.startswith("Kilde: ") for f in p.figures)
        assert (p.source or "").startswith("Kilde:") if p.figures else p.missing
    places = view.principles[4].figures
    assert "54 steder" in [f.value.replace("\xa0", " ") for f in places]


def test_the_gang_goal_stands_beside_the_national_counts_labelled_as_such(store):
    view = strategy.build(store, TODAY)
    assert view.gang.heading == "Mål 5: Færre bandemedlemmer"
    assert "290" in view.gang.parts.baseline[0].value
    # The strategy's text only says "ved udgangen af 1. kvartal"; Ritzau dates the 290 to 2017.
    assert view.gang.parts.baseline[0].label == "Basis · 2017"
    assert "hele landet (ikke København)" in view.context_title
    assert set(view.context.frame["Område"]) == {"Danmark"}
    assert "ikke Københavns tal" in view.context_note
