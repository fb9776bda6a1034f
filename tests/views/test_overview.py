"""The overview's view: for each goal the status and, as its large numbers, the figures the
status was judged on, its links, its chart (or what is missing) and its sources."""

import pytest

from sikkerby import queries
from sikkerby.domain.status import StatusDate
from sikkerby.ingest.publish import default_store
from sikkerby.render import links
from sikkerby.views import overview

TODAY = 2026
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def store():
    return default_store()


def cards(store, period: str) -> dict[str, overview.GoalCard]:
    view = overview.build(store, period, TODAY)
    return {c.key: c for _, group in view.groups for c in group}


def figures(card: overview.GoalCard) -> list[tuple[str, str]]:
    return [(f.label, f.value.replace(NBSP, " ")) for f in card.figures]


def test_a_district_goals_large_numbers_are_the_districts_it_is_judged_on(store):
    """Goal 1 of 2022-2025 is judged on the three baseline districts, so those are its large
    numbers (not the count of districts in 2024, which the status does not judge)."""
    card = cards(store, "2022-2025")["2022-1"]
    assert figures(card) == [
        ("Bydele under tærsklen · 2022", "3 bydele"),
        ("Bispebjerg · 2025", "80 %"),
        ("Brønshøj-Husum · 2025", "81 %"),
        ("Ydre Nørrebro · 2025", "86 %"),
    ]
    assert [f.delta.replace(NBSP, " ") for f in card.figures[1:]] == [
        "+6 procentpoint siden 2022",
        "+10 procentpoint siden 2022",
        "+5 procentpoint siden 2022",
    ]
    assert all(f.higher_is_better for f in card.figures[1:])
    judged = queries.assess(store, "2022-1", StatusDate(TODAY)).status.judged
    assert [f"{j.name} · {j.figure.year}" for j in judged] == [f.label for f in card.figures[1:]]


def test_every_large_number_carries_its_source(store):
    for period in ("2018-2021", "2022-2025"):
        for card in cards(store, period).values():
            for f in card.figures:
                if f.value not in ("ikke oplyst", "ingen tal"):
                    assert "Kilde: " in f.help, (card.key, f.label)


def test_target_and_latest_of_a_city_goal(store):
    card = cards(store, "2018-2021")["2018-2"]
    assert figures(card) == [
        ("Basis · år ikke oplyst", "82,7 pr. 1.000"),
        # The sources disagree: said beside the value, not only in its help.
        ("Seneste · 2021 · kilderne er uenige: 34,5 til 35\xa0pr. 1.000", "35 pr. 1.000"),
        ("Mål · 2021", "højst 72 pr. 1.000"),
    ]
    assert "Kilderne er uenige (34,5" in card.figures[1].help


def test_statuses_of_a_finished_period_read_achieved_or_not(store):
    view = overview.build(store, "2018-2021", TODAY)
    assert [(c.label, c.count) for c in view.counts] == [
        ("Nået", 1),
        ("Ikke nået", 2),
        ("For få data", 3),
    ]
    assert view.total == "6 mål"
    assert cards(store, "2018-2021")["2018-1"].status.label == "Ikke nået"


def test_a_goal_with_nothing_to_draw_says_what_is_missing(store):
    card = cards(store, "2022-2025")["2022-amager-kriminalitet"]
    assert card.chart.spec is None
    assert card.chart.missing == "Der er ingen offentliggjorte tal at tegne for Amager Partnerskab."
    # What would fill it stands once, in the status block above.
    assert card.status.missing == "Politiets anmeldelsestal i Tryghedsundersøgelsens rapport"
    assert card.chart.source.startswith("Kilde: Københavns Politi")


def test_goals_link_to_the_map_the_youth_page_and_the_area_page(store):
    first = cards(store, "2018-2021")
    assert [(x.label, x.url) for x in first["2018-6"].links] == [
        ("Se bydelene på kortet", "/kort?indikator=utrygge_nabolag")
    ]
    assert [x.url for x in first["2018-3"].links] == ["/unge"]
    second = cards(store, "2022-2025")
    assert [x.url for x in second["2022-folehaven-tryghed"].links] == ["/bydele?bydel=folehaven"]


def test_the_rows_behind_a_card_carry_their_sources(store):
    card = cards(store, "2018-2021")["2018-1"]
    frame = card.rows.frame
    assert {"Kilde", "Link", "Kildetype", "Linje i tallenes fil"} <= set(frame.columns)
    assert frame["Kilde"].notna().all() and "9" in list(frame["Værdi"])
    assert card.chart.source.endswith("se »Tal og kilder bag målet« nedenfor.")


@pytest.mark.parametrize("bad", ["1999", "<script>x</script>", "2018-2021' OR 1=1"])
def test_an_unknown_period_falls_back_with_a_danish_notice(store, bad):
    request = overview.resolve(store, {links.PERIOD: bad}, 2026)
    assert request.period.value == "2018-2021"
    (notice,) = request.notices
    assert notice.startswith("Ukendt strategiperiode »") and "<" not in notice
    assert overview.resolve(store, {links.PERIOD: "2022-2025"}, 2026).notices == ()


def test_the_overview_offers_every_published_figure_with_its_source(store):
    from datetime import date

    import pandas as pd

    files = overview.download(store, date(2026, 12, 1))
    published = pd.read_csv("data/figures.csv")
    assert len(files.table) == len(published) > 300
    assert files.heading == "Alle tal og kilder"
    assert files.csv_name == "sikker-by-alle-tal-2026-12-01.csv"
    assert files.table["Kilde"].str.len().gt(0).all()
    # The margin and the threshold stand beside a district's survey figure, as on the map.
    row = files.table[
        (files.table["Område"] == "Bispebjerg")
        & (files.table["År"] == 2026)
        & (files.table["Mål"] == "Andel trygge i eget nabolag")
    ].iloc[0]
    assert row["Værdi"] == 80.0
    assert row["Usikkerhed (± point)"] == pytest.approx(4.5, abs=0.05)
    assert row["Tærskel"] == "Færre end 85 % trygge i nabolaget (2022-2025)"
    undated = files.shown[files.table["År"].isna()]
    assert (undated["År"] == "år ikke oplyst").all() and len(undated) > 0
