"""Sentences: the one place a "Kilde:" line, a change, a gap, a figure's caveats or a count of
districts becomes Danish text, so every screen says the same thing the same way.

Every function returns plain text (no Markdown, no HTML): text from the data files is shown as
it is written, and the page decides how to display it.
"""

from collections.abc import Sequence

from sikkerby import fmt
from sikkerby.domain import series
from sikkerby.domain.districts import District, DistrictYear
from sikkerby.domain.registry import Goal, Indicator, Measure, Side, Threshold
from sikkerby.domain.series import AreaSeries, Change, Figure, Gap
from sikkerby.domain.status import StatusKind
from sikkerby.schema import BadSide

# How a figure the project computed itself is marked in its source title.
OWN_CALCULATION = "Egne beregninger"
# At most this many sources are named in a "Kilde:" line; more are counted and the reader is sent
# to the table on the same screen that lists every one.
NAMED_SOURCES = 3

# A status's badge: the icon's shape carries the meaning, not the colour alone.
STATUS_BADGES = {
    StatusKind.ACHIEVED: (":material/check_circle:", "green"),
    StatusKind.PROVISIONAL: (":material/check_circle_outline:", "green"),
    StatusKind.ON_TRACK: (":material/trending_flat:", "blue"),
    StatusKind.OFF_TRACK: (":material/trending_down:", "orange"),
    StatusKind.NOT_ACHIEVED: (":material/cancel:", "red"),
    StatusKind.TOO_LITTLE_DATA: (":material/help:", "gray"),
}

# The same statuses as symbols, for where Streamlit's icons are not drawn (a slide, a report).
STATUS_SYMBOLS = {
    StatusKind.ACHIEVED: "✓",
    StatusKind.PROVISIONAL: "✓",
    StatusKind.ON_TRACK: "→",
    StatusKind.OFF_TRACK: "↘",
    StatusKind.NOT_ACHIEVED: "✗",
    StatusKind.TOO_LITTLE_DATA: "?",
}

HOW_TO_READ = (
    "Sådan læses graferne: ◆ basis · ✚ mål · stiplet linje: den lige vej fra basis til mål · "
    "hult punkt: tal fra en sekundær kilde · hul i linjen: intet offentliggjort tal det år · "
    "lodret prikket linje: brud i opgørelsen."
)
MISSING = "mangler"
# A source's kind, as the tables and tooltips name it.
QUALITY = {"primary": "primær", "secondary": "sekundær"}
NO_DATA = "ingen data"


def goal_heading(goal: Goal) -> str:
    """'Mål 5: Færre bandemedlemmer', or the title alone for a goal without a number."""
    return f"Mål {goal.number}: {goal.title}" if goal.number else goal.title


def side_word(threshold: Threshold) -> str:
    """Where the wrong side of a threshold is, as a sentence says it: 'over' or 'under' (the
    data's own words for it, `schema.BadSide`, are Danish)."""
    return str(threshold.bad_side)


def shown(measure: Measure, value: float) -> str:
    """A value as its measure shows it: '9 %', '82,7 pr. 1.000 indb.', '1 bydel'."""
    return fmt.value(value, measure.unit, measure.decimals)


def source_line(
    figures: Sequence[Figure],
    fallback: str,
    *,
    table: str | None = None,
    hollow: bool = False,
    extra: str = "",
    where: str = "nedenfor",
) -> str:
    """'Kilde: a; b.' for the figures behind a chart or a number.

    Each source is named once; with more than `NAMED_SOURCES` and a `table` listing every row
    (`where`: below on the same screen, or on a page named there), the line counts them
    instead. `fallback` (the measure's publisher) is
    named when there are no figures or the sources are counted. Figures from secondary sources
    (drawn hollow when `hollow`) and the project's own calculations are said to be so.
    """
    titles = series.source_titles(figures)
    if not titles:
        return f"Kilde: {fallback}. Der er ingen offentliggjorte tal her endnu." + _extra(extra)
    n = len(figures)
    if table and len(titles) > NAMED_SOURCES:
        text = (
            f"Kilde: {fallback}. {fmt.count(n, 'tal', 'tal')} fra "
            f"{fmt.count(len(titles), 'kilde', 'kilder')} – se »{table}« {where}."
        )
    else:
        text = f"Kilde: {'; '.join(titles)}."
    secondary = sum(f.secondary for f in figures)
    if secondary:
        marked = " (hule punkter)" if hollow else ""
        if n == 1:
            which = "Tallet er"
        elif secondary == n:
            which = f"Alle {fmt.number(n)} tal er"
        else:
            which = f"{fmt.number(secondary)} af de {fmt.number(n)} tal er"
        text += f" {which} fra en sekundær kilde{marked}."
    own = sum(f.source_title.startswith(OWN_CALCULATION) for f in figures)
    if own:
        text += f" {fmt.count(own, 'tal er en egen beregning', 'tal er egne beregninger')}."
    return text + _extra(extra)


def figure_source(figure: Figure) -> str:
    """'Kilde: <title>.' for one figure shown on its own (a large number, a tooltip)."""
    return f"Kilde: {figure.source_title}."


def own_calculation_source(what: str, table: str) -> str:
    """The "Kilde:" line of a chart of the dashboard's own arithmetic on published figures."""
    return (
        f"Kilde: egne beregninger ({what}) på de offentliggjorte tal; tallenes kilder står "
        f"under »{table}«."
    )


def boundaries(attribution: str) -> str:
    """'Bydelsgrænser: Københavns Kommune (…), CC BY 4.0' from a boundary file's attribution."""
    return f"Bydelsgrænser: {attribution.removeprefix('Kilde: ')}"


def _extra(extra: str) -> str:
    return f" {extra}" if extra else ""


def measure_of(indicator_name: str, area_name: str) -> str:
    """'Andel utrygge i eget nabolag (København)': a measure and the area it is for, the area
    named once (a measure whose name already ends with it, 'Registrerede rockere og
    bandemedlemmer, Københavns Politikreds', is not followed by it again)."""
    if indicator_name.casefold().endswith(area_name.casefold()):
        return indicator_name
    return f"{indicator_name} ({area_name})"


def figure_text(figure: Figure | None, measure: Measure) -> str:
    """'9 % (±3,2 point)': a figure with its survey margin where one is known."""
    if figure is None:
        return NO_DATA
    text = shown(measure, figure.value)
    if figure.margin:
        text += f" ({fmt.margin(figure.margin)})"
    return text


def change_text(change: Change | None, measure: Measure) -> str:
    """'+2 procentpoint siden 2016 (inden for usikkerheden, ±4,5 point)', or why there is no
    change to give: no earlier figure, or a series break between them."""
    if change is None:
        return "intet tidligere offentliggjort tal"
    before = change.before.year
    if change.series_break is not None:
        label = change.series_break.label
        return f"kan ikke sammenlignes med {before}: brud i opgørelsen ({label})"
    text = change_amount(change, measure)
    if change.within_margin:
        text += f" (inden for usikkerheden, {fmt.margin(change.margin)})"
    return text


def change_amount(change: Change, measure: Measure) -> str:
    """'+2 procentpoint siden 2016': the change alone, where space is short."""
    return f"{fmt.change(change.points, measure.unit, measure.decimals)} siden {change.before.year}"


def disagreement(figure: Figure | None, measure: Measure) -> str | None:
    """'kilderne er uenige: 6 til 7 bydele' where the sources for a figure's year disagree
    (shown beside the value, which the store's one rule chose), else None."""
    if figure is None or figure.disagreement is None:
        return None
    low, high = figure.disagreement
    return f"kilderne er uenige: {fmt.number(low, measure.decimals)} til {shown(measure, high)}"


def source_notes(figure: Figure, measure: Measure) -> str:
    """What a reader should know about a figure's source: that it is secondary, or that the
    sources disagree (and which value is shown, by the store's rule)."""
    notes = []
    if figure.secondary:
        notes.append("Tallet er fra en sekundær kilde, ikke bekræftet mod kommunens rapport.")
    if figure.disagreement:
        low, high = figure.disagreement
        notes.append(
            f"Kilderne er uenige ({shown(measure, low)} til {shown(measure, high)}); vist er "
            "tallet fra den primære kilde og ellers det mindst gunstige."
        )
    return " ".join(notes)


def gap_phrase(gap: Gap, measure: Measure, than: str) -> str:
    """'1,25 procentpoint over gennemsnittet', judged on the shown decimals."""
    text = fmt.difference(gap.points, measure.unit, measure.decimals, than)
    return text or f"på samme niveau som {than} (inden for de viste decimaler)"


def gap_label(gap: Gap) -> str:
    """When a gap is: its year, or "Basis" for the strategy's two baselines."""
    return "Basis" if gap.baselines else fmt.year(gap.area.year)


def gap_text(s: AreaSeries, city_name: str) -> str:
    """'Bispebjerg ligger 3 procentpoint over byen i 2017; afstanden er blevet mindre siden
    2016.', or why the area is not set against the city."""
    if not s.comparable_with_city:
        return "Et antal kan ikke sættes op mod hele byens; se grafen for udviklingen."
    gaps = s.gaps
    if not gaps:
        return "Byen har intet offentliggjort tal for de samme år, så de kan ikke sammenlignes."
    last = gaps[-1]
    before = gap_label(gaps[-2]) if len(gaps) > 1 else None
    text = (
        f"{s.area.name} ligger {gap_phrase(last, s.indicator.measure, 'byen')} i {gap_label(last)}"
    )
    if s.closing is not None:
        text += f"; afstanden er blevet {'mindre' if s.closing else 'større'} siden {before}"
    elif s.lead_grew is not None:
        text += f"; forspringet er blevet {'større' if s.lead_grew else 'mindre'} siden {before}"
    elif len(gaps) > 1:
        found = s.break_between(gaps[-2].area.year, last.area.year)
        if found:
            text += f"; afstanden kan ikke sammenlignes med {before} (brud: {found.label})"
    return text + "."


# The map's districts ---------------------------------------------------------------------------


def side_text(district: District) -> str:
    """'på den forkerte side af tærsklen (inden for usikkerheden)' and the like."""
    if district.side == Side.NO_DATA:
        return NO_DATA
    text = {
        Side.WRONG: "på den forkerte side af tærsklen",
        Side.RIGHT: "på den rigtige side af tærsklen",
    }[district.side]
    return text + (" (inden for usikkerheden)" if district.uncertain else "")


def side_heading(side: Side, data: DistrictYear) -> str:
    """'Over tærsklen på 10 %' and the like, for the legend."""
    if side == Side.NO_DATA:
        return "Ingen data"
    if data.threshold is None:
        return "Med offentliggjort tal"
    t, info = data.threshold, data.indicator
    value = fmt.value(t.value, info.unit)
    if side == Side.WRONG:
        return f"{side_word(t).capitalize()} tærsklen på {value}"
    return f"{'Højst' if t.bad_side == BadSide.OVER else 'Mindst'} {value}"


def count_headline(data: DistrictYear) -> str:
    """'5 af 13 bydele', '2 af 3 bydele med tal': the headline count (`DistrictYear.headline`:
    the strategy's published count where there is one)."""
    h = data.headline
    of = fmt.count(h.total, "bydel", "bydele")
    return f"{fmt.number(h.count)} af {of}" + (" med tal" if h.with_figures else "")


def count_text(data: DistrictYear) -> str:
    """What follows the headline: the side and year; for a published count, that it is one
    (and whether its sources disagree) and how many of them the map has figures for; how many
    of the map's lie within the survey's margin; how many districts have no published figure."""
    info, year = data.indicator, data.year
    if data.threshold is None:
        return (
            f"har et offentliggjort tal for {year}. Strategien har ingen tærskel for "
            f"{info.short_name.lower()}; farven viser niveauet."
        )
    t, h = data.threshold, data.headline
    uncertain = sum(d.uncertain for d in data.wrong)
    within = f" (heraf {fmt.number(uncertain)} inden for usikkerheden)" if uncertain else ""
    missing = len(data.missing)
    gaps = (
        f" {fmt.count(missing, 'bydel har', 'bydele har')} intet offentliggjort tal her."
        if missing
        else ""
    )
    side = f"var {side_word(t)} tærsklen på {fmt.value(t.value, info.unit)} i {year}"
    if h.published is None:
        return f"{side}{within}.{gaps}"
    shown = len(data.wrong)
    disagree = _count_disagreement(data)
    published = f"{side} (offentliggjort{disagree})."
    if shown > h.count:
        on_map = (
            f" Kortet viser {fmt.number(shown)}{within}: bydelstallene og antallet kommer fra "
            "forskellige kilder."
        )
    elif shown == h.count:
        on_map = f" Kortet har tal for alle {fmt.number(shown)}{within}."
    else:
        which = fmt.number(shown) if shown else "ingen"
        on_map = f" Kortet har tal for {which} af dem{within}."
    return published + on_map + gaps


def _count_disagreement(data: DistrictYear) -> str:
    """'; kilderne er uenige: 6 til 7 bydele' when the sources of a published count disagree."""
    if data.count_indicator is None:
        return ""
    found = disagreement(data.published_count, data.count_indicator.measure)
    return f"; {found}" if found else ""


def published_count_text(data: DistrictYear) -> str | None:
    """The goal that counts the districts, and where the headline's count comes from: the
    published count's source (and, where its sources disagree, which one is shown), or that
    none is published for the year."""
    goal, t = data.goal, data.threshold
    if goal is None:
        return None
    head = f"{goal_heading(goal)} ({t.period})"
    count = data.published_count
    if count is None:
        which = (
            "overskriften tæller kun bydelene med et offentliggjort tal"
            if data.headline.with_figures
            else "overskriften tæller kortets bydele"
        )
        return f"{head}: intet offentliggjort antal for {data.year}; {which}."
    notes = source_notes(count, data.count_indicator.measure) if data.count_indicator else ""
    return f"Antallet er det offentliggjorte for {head}. {figure_source(count)}" + (
        f" {notes}" if notes else ""
    )


def measure_missing(info: Indicator, area_name: str) -> str:
    """'Borgervendt kriminalitet: intet offentliggjort tal for Bispebjerg. Det mangler: …'"""
    hint = f" Det mangler: {info.missing_hint}." if info.missing_hint else ""
    return f"{info.short_name}: intet offentliggjort tal for {area_name}.{hint}"
