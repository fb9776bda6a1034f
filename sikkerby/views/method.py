"""Om data og metode: how a status is decided, the thresholds and their margins, the series
breaks, where the figures come from and how new the newest is.

URL: /metode. Everything a number says is taken from the registry and the published figures
(the thresholds, the breaks, the sources, the newest year), so the page cannot drift from what
the other pages compute; the words that explain the rules stand here, once, and the yearly
report prints the same sections.
"""

from dataclasses import dataclass

import pandas as pd

from sikkerby import fmt, queries, site
from sikkerby.domain import registry, series
from sikkerby.domain.margin import margin_points
from sikkerby.domain.status import StatusKind
from sikkerby.render import text
from sikkerby.render.verdict import LABELS
from sikkerby.store import Store, per_store
from sikkerby.views.blocks import Table, data_date

TITLE = "Om data og metode"

# What each status means, and how each kind of goal earns it (sikkerby.domain.status).
MEANINGS = {
    StatusKind.ACHIEVED: (
        "målet er nået ifølge de offentliggjorte tal (se herunder for hver slags mål)."
    ),
    StatusKind.PROVISIONAL: (
        "målet er nået, men tallet kommer fra en sekundær kilde (en afskrift). Statussen bliver "
        "»Nået«, når et primært tal bekræfter det."
    ),
    StatusKind.ON_TRACK: "målåret er ikke nået endnu, og udviklingen går den rigtige vej.",
    StatusKind.OFF_TRACK: "målåret er ikke nået endnu, og udviklingen går ikke den rigtige vej.",
    StatusKind.NOT_ACHIEVED: "tallet for målåret når ikke målet.",
    StatusKind.TOO_LITTLE_DATA: (
        "der er ikke offentliggjort tal nok efter basisåret til at sige noget, eller målåret er "
        "passeret uden et tal for målåret. Statussen siger, hvad der ville udfylde hullet."
    ),
}
GOAL_KINDS = (
    "Et mål med en målværdi (fx højst 5 % i 2021) er nået, når et tal når målværdien. Før "
    "målåret er det på vej, når tallet ligger på den gode side af den lige vej fra basis til mål.",
    "Et mål om at nærme sig et andet niveau (fx andre byers gennemsnit) er nået, når området "
    "er på højde med det eller bedre, eller når afstanden i målåret er mindre end ved start. Før "
    "målåret er det på vej, mens afstanden mindskes.",
    "Et mål om en stigning i hver bydel under tærsklen er nået, når alle de bydele, der var på "
    "den forkerte side i basisåret, har det bedre i målåret. Før målåret er det på vej, mens de "
    "alle har det bedre end i basisåret.",
    "Et mål om et fald uden en talværdi, eller om at holde niveauet, er nået, når tallet i "
    "målåret er bedre end basis (eller lig med, for at holde). Før målåret er det på vej, mens "
    "det er sådan.",
    "Hvor målet kræver en forbedring hvert år, er det ikke på vej, når det seneste tal ikke er "
    "bedre end tallet før.",
)


def status_rules(survey: str) -> tuple[str, ...]:
    """How a status is decided, and what »Status som ved« `survey` shows."""
    return (
        "Kun tal efter basisåret (eller fra periodens start, hvor basisåret ikke er oplyst) og "
        "til og med målåret tæller. En status afgøres af de offentliggjorte tal; den samme "
        "status står i Overblik, på bydelssiderne, i præsentationen og i afrapporteringen.",
        f"»Status som ved« i Overblik viser statusserne, som de stod, da en udgave af {survey} "
        "udkom: kun tal for de år, der var offentliggjort da, tæller (undersøgelsens tal til og "
        "med det år, politiets anmeldelsestal og Danmarks Statistiks tal til og med året før, "
        "fordi de offentliggøres året efter). For de år bruges de tal, dashboardet har i dag: et "
        "tal, der er rettet siden, tæller med sin rettelse.",
    )


THRESHOLD_WHY = (
    "Tærsklerne er strategiernes egne. Strategien 2018-2021 talte bydele med mere end 10 % "
    "utrygge. Strategien 2022-2025 formulerede efter udvalgets ønske målene som tryghed frem for "
    "utryghed og tæller bydele under en andel trygge. Et tal på tærsklen tæller på den gode "
    "side, som i strategiernes egne optællinger."
)
AROUND = (
    "»Omkring tærsklen« (stiplet kant på kortet) betyder, at tærsklen ligger inden for "
    "usikkerheden omkring bydelens tal: forskellen kan ikke skelnes fra ingen forskel. Bydelen "
    "tælles stadig efter det offentliggjorte tal, som strategien gør; usikkerheden står ved siden "
    "af."
)
MISSING = (
    "Et tal, der ikke er offentliggjort her, vises som et hul og aldrig som et skøn. Hvor et tal "
    "mangler, står det, hvad der ville udfylde hullet."
)


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]
    table: Table | None = None


@dataclass(frozen=True)
class MethodView:
    title: str
    data_until: str  # "Data til og med 2026 …"
    sections: tuple[Section, ...]
    source: str


def _margin_text(store: Store, reg: registry.Registry) -> str:
    assumed = site.current().district_answers
    around = fmt.margin(margin_points(15, assumed))
    survey = queries.sample(store)
    years = sorted(survey.respondents, key=survey.respondents.get)
    known = ""
    if years:
        low, high = years[0], years[-1]
        # A district's answers as the margins count them (`Sample.answers`).
        district = reg.districts[0]
        known = (
            f"Undersøgelsen har haft {fmt.number(survey.respondents[low])}-"
            f"{fmt.number(survey.respondents[high])} svar om året, hvor antallet er "
            f"offentliggjort, så hver af de {len(reg.districts)} bydele har omkring "
            f"{fmt.number(survey.answers(district, low))}-"
            f"{fmt.number(survey.answers(district, high))} svar. "
        )
    return (
        f"{site.genitive(site.current().survey)} tal er andele af dem, der svarede, og har en "
        "usikkerhed. "
        f"{known}Med {assumed} svar er et 95 %-interval omkring 15 % på "
        f"{around}. Usikkerheden regnes ud fra årets antal svar, hvor det er offentliggjort. En "
        "ændring mellem to år har sin egen, større usikkerhed."
    )


def _thresholds(reg: registry.Registry) -> tuple[str, ...]:
    return tuple(f"{t.period}: {t.label}." for t in reg.thresholds)


def _breaks(reg: registry.Registry) -> tuple[str, ...]:
    made = []
    for b in reg.breaks:
        what = "Alle tal" if b.indicator == "*" else reg.indicators[b.indicator].name
        where = "" if b.area == "*" else f" for {reg.areas[b.area].name}"
        made.append(f"{what}{where}, fra {b.year}: {b.label}. {b.description}")
    return tuple(made)


def _sources(figures: tuple[series.Figure, ...], reg: registry.Registry) -> Table:
    rows = []
    for publisher in dict.fromkeys(reg.indicators[f.indicator].source for f in figures):
        own = [f for f in figures if reg.indicators[f.indicator].source == publisher]
        years = [f.year for f in own if f.year is not None]
        rows.append(
            {
                "Udgiver": publisher,
                "Tal": len(own),
                "Heraf fra sekundære kilder": sum(f.secondary for f in own),
                "Nyeste år": fmt.year(max(years)) if years else text.MISSING,
            }
        )
    frame = pd.DataFrame(rows).sort_values("Tal", ascending=False, kind="stable")
    return Table("Tallene efter udgiver", frame.reset_index(drop=True))


def data_until(store: Store, edition: int | None = None) -> str:
    """'Data til og med 2026: …', the newest published figure's year and the newest edition of
    the survey (as of `edition`: what had been published by then), with the version the figures
    are from."""
    figures = queries.published(store, edition)
    years = [f.year for f in figures if f.year is not None]
    newest_edition = queries.newest_edition(store)
    if edition is not None and newest_edition is not None:
        newest_edition = min(edition, newest_edition)
    newest = f"Data til og med {max(years)}" if years else "Ingen daterede tal"
    survey = (
        f": nyeste udgave af {site.current().survey} er {newest_edition}" if newest_edition else ""
    )
    return (
        f"{newest}{survey}. Hver udgivers nyeste år står under »Hvor tallene kommer fra«. "
        f"{data_date(store)}"
    )


@per_store
def build(store: Store, edition: int | None = None) -> MethodView:
    """The page; with an `edition` (the yearly report), its figures are those published by
    then."""
    reg = queries.registry_of(store)
    here = site.current()
    figures = queries.published(store, edition)
    statuses = tuple(
        f"{text.STATUS_SYMBOLS[kind]} {LABELS[kind]}: {MEANINGS[kind]}" for kind in StatusKind
    )
    return MethodView(
        title=TITLE,
        data_until=data_until(store, edition),
        sections=(
            Section(
                "Sådan afgøres en status", (*status_rules(here.survey), *statuses, *GOAL_KINDS)
            ),
            Section(
                "Tærsklerne og usikkerheden",
                (THRESHOLD_WHY, *_thresholds(reg), _margin_text(store, reg), AROUND),
            ),
            Section(
                "Brud i opgørelserne",
                (
                    "Hvor en opgørelse er ændret, kan tal før og efter ikke sammenlignes: "
                    "graferne viser bruddet som en lodret prikket linje, og en ændring hen over "
                    "det regnes ikke ud.",
                    *_breaks(reg),
                ),
            ),
            Section(
                "Hvor tallene kommer fra",
                (
                    "Hvert tal har sin kilde med: titel, adresse og om kilden er primær eller "
                    "sekundær (en tredjeparts afskrift, vist som hult punkt i graferne). Hvor to "
                    "kilder er uenige, står begge tal.",
                    MISSING,
                ),
                _sources(figures, reg),
            ),
        ),
        source=f"Kilde: {here.name}-strategierne "
        f"{fmt.listing([p.period for p in reg.periods])} (mål og tærskler) og de "
        "offentliggjorte tal i dashboardets data (se »Hvor tallene kommer fra«).",
    )
