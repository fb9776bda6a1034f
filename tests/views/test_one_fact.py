"""One number per fact, everywhere: where two sources disagree, the store's one rule (a primary
source before a secondary one, then the least favourable value) decides what every screen shows,
and every screen says that the sources disagree: the goal card, the slides, the report's summary
and its appendix »Hvilke tal findes?«. Tested for every goal, period and status edition of both
sites (Copenhagen's and Eksempelby's), not only for goal 2 of 2022-2025 (6 or 7 districts in
2022)."""

from datetime import date

import pytest

from sikkerby import queries
from sikkerby.domain.status import StatusDate
from sikkerby.ingest.publish import default_store
from sikkerby.render import tables, text, verdict
from sikkerby.views import overview, presentation, report

TODAY = 2026
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def store():
    return default_store()


def _report_years(store):
    return [
        (p.period, year)
        for p in queries.registry_of(store).periods
        for year in overview.editions(store, p.period, TODAY)
    ]


def test_a_baseline_is_the_same_value_on_the_card_in_the_summary_and_in_the_appendix(each_site):
    store = each_site
    checked = 0
    for period, year in _report_years(store):
        made = report.build(store, period, year, TODAY)
        cards = {c.key: c for c in made.goals}
        rows = dict(zip([c.heading for c in made.goals], made.summary_rows, strict=True))
        coverage = made.coverage.frame
        for a in queries.assess_period(store, period, StatusDate(year, year)):
            goal = a.goal
            if goal.baseline_value is None or goal.baseline_year is None:
                continue
            chosen = a.series.at(goal.baseline_year)
            if chosen is None:
                continue
            measure = a.indicator.measure
            shown = text.shown(measure, chosen.value)
            baseline = cards[goal.goal_id].parts.baseline[0]
            # The card, the report's summary and the appendix show the rule's value ...
            assert baseline.value == shown, goal.goal_id
            assert rows[text.goal_heading(goal)][1].startswith(shown), goal.goal_id
            row = next(i for i in coverage.index if i.startswith(text.goal_heading(goal)))
            cell = coverage.loc[row, str(goal.baseline_year)]
            assert cell.startswith(shown), (goal.goal_id, cell)
            # ... and each says so where the sources disagree.
            found = text.disagreement(chosen, measure)
            if found:
                assert (
                    found in baseline.label
                    and found in rows[text.goal_heading(goal)][1]
                    and found in cell
                )
            else:
                assert "uenige" not in baseline.label and "uenige" not in cell
            checked += 1
    assert checked >= 4


def test_goal_2_of_2022_2025_shows_one_count_for_2022_and_says_the_sources_disagree(store):
    a = queries.assess(store, "2022-2", StatusDate(TODAY))
    assert a.baseline.disagreement == (6.0, 7.0)
    # Both counts are primary; fewer districts on the wrong side is better: 7 counts.
    assert a.goal.baseline_value == 7
    assert verdict.reason(a.status).startswith(
        "I 2022 var 7 bydele på den forkerte side af tærsklen"
    )
    card = {c.key: c for _, g in overview.build(store, "2022-2025", TODAY).groups for c in g}
    baseline = card["2022-2"].parts.baseline[0]
    assert (baseline.label, baseline.value) == (
        f"Bydele under tærsklen · 2022 · kilderne er uenige: 6 til 7{NBSP}bydele",
        f"7{NBSP}bydele",
    )
    assert "Kilderne er uenige" in baseline.help
    made = report.build(store, "2022-2025", 2025, TODAY)
    row = next(r for r in made.summary_rows if r[0] == card["2022-2"].heading)
    assert row[1].startswith(f"7{NBSP}bydele (Bydele under tærsklen · 2022 · kilderne er uenige")
    cell = made.coverage.frame.loc[
        next(i for i in made.coverage.frame.index if i.startswith("Mål 2:")), "2022"
    ]
    assert cell == f"7{NBSP}bydele (kilderne er uenige: 6 til 7{NBSP}bydele)"


def test_the_slides_show_the_cards_numbers_and_labels(each_site):
    store = each_site
    checked = 0
    for period in [p.period for p in queries.registry_of(store).periods]:
        request = presentation.resolve(store, {"periode": period}, TODAY)
        deck = presentation.build(store, period, request.measure, request.year, TODAY)
        slides = {s.key: s.html for s in deck.slides}
        for _, group in overview.build(store, period, TODAY).groups:
            for card in group:
                html = slides[f"maal-{card.key}"]
                for f in card.figures:
                    assert f.value.replace(NBSP, " ") in html.replace(NBSP, " ").replace(
                        "&nbsp;", " "
                    ), (card.key, f.value)
                    checked += 1
    assert checked >= 10


def _points(spec) -> set[tuple[str, int]]:
    """(area, year) of every drawn point of a goal chart's series."""
    found = set()
    if isinstance(spec, dict):
        for row in spec.get("data", {}).get("values", []) if "data" in spec else []:
            if "Område" in row and "year" in row:
                found.add((row["Område"], int(row["year"])))
        for value in spec.values():
            found |= _points(value)
    elif isinstance(spec, list):
        for value in spec:
            found |= _points(value)
    return found


@pytest.mark.parametrize(
    ("period", "edition"),
    [(p, None) for p in ("2018-2021", "2022-2025")] + _report_years(default_store()),
)
def test_an_unjudged_district_goals_numbers_are_the_districts_its_chart_draws(
    store, period, edition
):
    """Goal 2 of 2022-2025 said »Bydelenes tal: ingen tal« beside a chart of 2025 district
    values: a district goal that cannot be judged shows what is missing and, as its large
    numbers, each drawn district's latest point, so the numbers and the chart agree."""
    view = overview.build(store, period, TODAY, edition)
    checked = 0
    for a in queries.assess_period(store, period, StatusDate(edition or TODAY, edition)):
        if a.threshold is None or a.status.judged:
            continue
        card = next(c for _, g in view.groups for c in g if c.key == a.goal.goal_id)
        (missing,) = card.parts.latest  # what the status lacks: the summary's »Seneste«
        shown = card.parts.drawn
        assert missing.value == "ingen tal" and missing.label.startswith("Bydelenes tal")
        drawn = _points(card.chart.spec) if card.chart.spec else set()
        latest = {}
        for area, year in drawn:
            if a.goal.baseline_year <= year <= a.goal.target_year:
                latest[area] = max(year, latest.get(area, year))
        assert sorted(f.label.split(" · kilderne")[0] for f in shown) == sorted(
            f"{area} · {year}" for area, year in latest.items()
        )
        checked += 1
    if period == "2022-2025" and edition is None:
        assert checked == 1  # goal 2


def test_the_download_says_which_row_every_screen_shows_and_that_the_sources_disagree(each_site):
    """Every published row is in the files; for each measure, area and year exactly one row
    is the one the screens show (the store's rule), and where the sources disagree every row
    of the year says so."""
    store = each_site
    figures = queries.published(store)
    table = overview.download(store, date(2026, 12, 3)).table
    assert len(table) == len(figures)
    groups: dict = {}
    for f, shown in zip(figures, table[tables.SHOWN], strict=True):
        if f.year is None:
            assert shown == ""
            continue
        groups.setdefault((f.indicator, f.area, f.year), []).append((f, shown))
    disagreeing = 0
    for (indicator, area, year), rows in groups.items():
        chosen = [f for f, shown in rows if shown.startswith("ja")]
        assert len(chosen) == 1, (indicator, area, year)
        assert chosen[0].value == queries.series_of(store, indicator, area).at(year).value
        values = {f.value for f, _ in rows}
        assert all(("kilderne er uenige" in shown) == (len(values) > 1) for _, shown in rows)
        disagreeing += len(values) > 1
    assert disagreeing >= 1  # each site has a year whose sources disagree


def test_the_download_keeps_the_strategy_s_own_count_marked_as_not_shown(store):
    """Goal 2 of 2022-2025, 2022: the strategy's 6 is in the files, marked as not shown."""
    figures = queries.published(store)
    table = overview.download(store, date(2026, 12, 3)).table
    count = [
        (f.value, shown)
        for f, shown in zip(figures, table[tables.SHOWN], strict=True)
        if (f.indicator, f.year) == ("bydele_under_75pct_trygge_aften_nat", 2022)
    ]
    assert count == [
        (
            6.0,
            f"nej (kilderne er uenige: 6 til 7{NBSP}bydele; dashboardet viser en anden kildes "
            "tal for året)",
        ),
        (7.0, f"ja (kilderne er uenige: 6 til 7{NBSP}bydele)"),
    ]
