"""Opdater tal: the update page for the city's data staff, behind login.

URL: /opdater (not in the navigation). `access` decides what a visitor sees: how to enable login
where it is not set up, a login button, a refusal, or the page. `check` reads an uploaded file
through `sikkerby.ingest` and says what publishing it would do: the problems of the file as a
table, or the rows it would add, change and remove and what would change on screen (goal
statuses, map years). `publish` and `rollback` make the new version; `history` lists them all.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path

import pandas as pd

from sikkerby import fmt, queries, site, versions
from sikkerby.domain.status import StatusDate
from sikkerby.errors import SHOWN_PROBLEMS, DataError, Problem, SikkerByError, visible
from sikkerby.ingest import importer, publish
from sikkerby.ingest.userfile import UserFile
from sikkerby.render import download, text
from sikkerby.render.verdict import LABELS
from sikkerby.schema import FIGURES
from sikkerby.store import Store, per_store, version_store
from sikkerby.versions import Version
from sikkerby.views import identity

TITLE = "Opdater tal"
INTRO = (
    "Her lægger kommunens medarbejdere nye tal på dashboardet: hent skabelonen, udfyld den, "
    "upload filen, se hvad der ændrer sig, og offentliggør. Hver offentliggørelse er en ny "
    "version; en tidligere version kan altid gøres gældende igen."
)
NOT_CONFIGURED = (
    "Login er ikke sat op på denne server, så siden tilbyder intet. For at slå den til skal "
    "serverens .streamlit/secrets.toml have et [auth]-afsnit med kommunens OpenID Connect-login "
    "(redirect_uri, cookie_secret, client_id, client_secret, server_metadata_url) og en liste "
    'over de medarbejdere, der må opdatere: [sikkerby] editors = ["navn@kommune.dk"]. Se '
    "README, afsnittet »Opdatering af tal«. Med adgang til serveren kan tal også opdateres på "
    "kommandolinjen: sikkerby import FIL."
)
LOGIN_TEXT = "Siden er for de medarbejdere, der opdaterer dashboardets tal."
LOGIN_LABEL = "Log ind med kommunens login"
LOGOUT_LABEL = "Log ud"
DENIED = (
    "Du er logget ind som {email}, men er ikke på listen over medarbejdere, der må opdatere "
    "tal. Intet er vist og intet kan ændres herfra."
)
UNVERIFIED = (
    "Du er logget ind som {email}, men login-tjenesten har ikke bekræftet adressen, så den "
    "giver ikke adgang til at opdatere tal. Intet er vist og intet kan ændres herfra."
)
NO_ADDRESS = (
    "Du er logget ind, men login-tjenesten har ikke sendt en gyldig e-mailadresse, så login "
    "giver ikke adgang til at opdatere tal. Intet er vist og intet kan ændres herfra."
)
LOGIN_REFUSED = (
    "Login er slået fra på denne server, fordi serverens hemmelighed til login-cookien "
    "(cookie_secret) mangler eller ikke er sikker nok, så siden tilbyder intet. Serverens log "
    "siger hvorfor; README, afsnittet »Opdatering af tal«, siger hvordan en ny laves."
)
TEMPLATE_TITLE = "1. Hent skabelonen"
TEMPLATE_LABEL = "Hent skabelon (Excel)"
CURRENT_LABEL = "Hent alle nuværende tal (Excel)"
UPLOAD_TITLE = "2. Upload filen"
UPLOAD_LABEL = "CSV- eller Excel-fil (.csv, .xlsx; højst 20 MB)"
MODE_LABEL = "Filen rummer"
MODES = {
    "tilfoej": "nye eller rettede tal (de øvrige tal bevares)",
    "alle": "alle tal (tal, som filen ikke har, fjernes)",
}
PREVIEW_TITLE = "3. Se hvad der ændrer sig, og offentliggør"
PUBLISH_LABEL = "Offentliggør"
HISTORY_TITLE = "Versioner"
# What the pages politicians read only name as missing, and who publishes it; here, for staff:
# how it is loaded (README, "Updating the figures", says the same).
OTHER_SOURCES_TITLE = "Tal, der hentes eller lægges ind på serveren"


def template_text(store: Store) -> str:
    """How a file of figures is written (an area named by one of the site's districts)."""
    found = queries.registry_of(store).districts
    example = f", fx »{found[0].name}«" if found else ""
    return (
        "Én række pr. tal med kolonnerne indicator, area, year, value, unit, quality, "
        "source_title og gerne source_url og note, som i skabelonen. Decimaler med punktum "
        f"(eller komma i en fil fra dansk Excel). area er områdets navn{example}; quality er "
        "primary eller secondary. En række med samme indikator, område, år og kilde som et "
        "offentliggjort tal retter det tal."
    )


def other_sources() -> tuple[str, ...]:
    """How staff load what the pages name as missing and the update page does not take."""
    here = site.current()
    return (
        "Danmarks Statistiks tal til siden Unge (befolkningstal fra tabel FOLK1A og afgørelser "
        "fra tabel STRAF44): kør sikkerby dst på en maskine med adgang til serveren og "
        "netforbindelse; kommandoen henter tallene og offentliggør dem som en ny version.",
        "Kommunens særudtræk fra Danmarks Statistik med de årlige andele af sigtede unge for "
        f"{here.city} og {here.comparison}: læg filen ind med sikkerby ungetal FIL (filens "
        "format står i README, afsnittet »Updating the figures«).",
    )


ROLLBACK_LABEL = "Gør version {number} gældende igen"
NOTHING_CHANGES = "Filen ændrer intet: alle dens tal er allerede offentliggjort."
DAMAGED_ADVICE = (
    "Intet i lageret er ændret, og version {current} er stadig den gældende, indtil I retter det: "
    "gør version {served} gældende igen med knappen »Gør version {served} gældende igen« nederst "
    "på siden (det laver en ny, hel version med indholdet fra version {served}), eller få "
    "serverens ansvarlige til at genskabe de beskadigede filer fra sikkerhedskopien. En "
    "offentliggørelse herfra bygger på version {served}."
)


@dataclass(frozen=True)
class Check:
    """What an uploaded file would do: exactly one of `problems`, `error` and `preview` is
    set, unless the file changes nothing (all three None)."""

    proposal: importer.Proposal | None
    problems: "Problems | None" = None
    error: str | None = None
    preview: "Preview | None" = None


def check(
    name: str, data: bytes, replace_all: bool, as_of: int, store: Path | None = None
) -> Check:
    """Read an uploaded file against the current version and preview its publication (the
    last few checks are kept, per version: every click on the page reruns it)."""
    return _check(name, data, replace_all, as_of, store, versions.current_number(store) or 0)


@lru_cache(maxsize=4)
def _check(
    name: str, data: bytes, replace_all: bool, as_of: int, store: Path | None, version: int
) -> Check:
    file = UserFile(name, data)
    try:
        proposal = importer.propose(file, replace_all=replace_all, store=store)
        if proposal.changes.empty:
            return Check(proposal)
        with publish.trial(proposal.rows, proposal.base) as after:
            before = version_store(proposal.base)
            shown = preview(proposal.changes, proposal.base, before, after, as_of)
    except DataError as error:
        return Check(None, problems=problems(file.name, error.problems))
    except SikkerByError as error:
        return Check(None, error=error.describe())
    return Check(proposal, preview=shown)


@dataclass(frozen=True)
class Outcome:
    published: bool
    message: str  # Danish: what was published, or why nothing was


def publish_checked(proposal: importer.Proposal, by: str, store: Path | None = None) -> Outcome:
    """Publish a checked file (refused if another version was published since the check)."""
    try:
        return Outcome(True, published_message(importer.publish_proposal(proposal, by, store)))
    except SikkerByError as error:
        return Outcome(False, error.describe())


def rollback(number: int, by: str, base: int, store: Path | None = None) -> Outcome:
    """Make an earlier version current again, as a new version; `base` is the version the
    editor was shown (the current one, or the newest intact one when it is damaged): if
    another came since, nothing is done."""
    try:
        made = publish.rollback(number, by, store, base=base)
        return Outcome(True, published_message(made))
    except SikkerByError as error:
        return Outcome(False, error.describe())


class AccessKind(Enum):
    NOT_CONFIGURED = "not-configured"
    REFUSED = "refused"  # login is set up, but with a cookie secret that must not be used
    LOGIN = "login"
    DENIED = "denied"
    EDITOR = "editor"


@dataclass(frozen=True)
class Access:
    kind: AccessKind
    message: str
    email: str | None = None


def access(
    configured: bool,
    logged_in: bool,
    email: object,
    editors: Iterable[str] | str,
    verified: object = False,
) -> Access:
    """What a visitor may see: an editor is logged in with an e-mail address on the allowlist
    that the identity provider says is verified (`verified` is the boolean True), since an
    address a user can set on their own account proves nothing. Addresses are compared by
    `identity`'s rules: the claim must be an address a provider can issue, checked as sent, and
    is then compared after NFKC and casefold; a list entry that is no address is left out. A
    claim of the wrong type (a list, a number, none) is refused in Danish like any other."""
    if not configured:
        return Access(AccessKind.NOT_CONFIGURED, NOT_CONFIGURED)
    if not logged_in:
        return Access(AccessKind.LOGIN, LOGIN_TEXT)
    key = identity.editor_key(email)
    if key is None:
        return Access(AccessKind.DENIED, NO_ADDRESS)
    if key not in identity.editors(editors)[0]:  # one address, a list, or keys made already
        return Access(AccessKind.DENIED, DENIED.format(email=email), email)
    if verified is not True:
        return Access(AccessKind.DENIED, UNVERIFIED.format(email=email), email)
    return Access(AccessKind.EDITOR, f"Logget ind som {email}.", email)


@dataclass(frozen=True)
class Problems:
    title: str  # "3 problemer i tal.csv: intet er ændret"
    table: pd.DataFrame  # Fil, Linje, Kolonne, Problem: the first SHOWN_PROBLEMS
    more: str | None  # "… og 120 problemer mere"


def problems(name: str, found: Sequence[Problem]) -> Problems:
    name = visible(name)  # the upload's own name, as every problem shows what it quotes
    shown = found[:SHOWN_PROBLEMS]
    table = pd.DataFrame(
        {
            "Fil": [p.file or name for p in shown],
            "Linje": ["" if p.line is None else str(p.line) for p in shown],
            "Kolonne": [p.column or "" for p in shown],
            "Problem": [p.message for p in shown],
        }
    )
    rest = len(found) - len(shown)
    return Problems(
        title=f"{fmt.count(len(found), 'problem', 'problemer')} i {name}: intet er ændret",
        table=table,
        more=f"… og {fmt.count(rest, 'problem', 'problemer')} mere." if rest else None,
    )


@dataclass(frozen=True)
class Preview:
    summary: str  # "3 nye, 1 ændret og 0 fjernede tal mod version 4"
    added: pd.DataFrame
    changed: pd.DataFrame
    removed: pd.DataFrame
    on_screen: tuple[str, ...]  # sentences: goal statuses and map years that change

    @property
    def tables(self) -> tuple[tuple[str, pd.DataFrame], ...]:
        return (
            ("Nye tal", self.added),
            ("Ændrede tal", self.changed),
            ("Fjernede tal", self.removed),
        )


ROW_COLUMNS = {
    "indicator": "Indikator",
    "area": "Område",
    "year": "År",
    "value": "Værdi",
    "unit": "Enhed",
    "quality": "Kildetype",
    "source_title": "Kilde",
}


def preview(changes, base: Version, before: Store, after: Store, as_of: int) -> Preview:
    """What publishing `changes` (added, changed and removed rows of figures.csv, worked out from
    version `base`) would change: `before` serves `base`, `after` the proposed figures."""
    reg = queries.registry_of(before)
    added, changed, removed = changes.added, changes.changed, changes.removed
    summary = (
        f"{len(added)} nye, {len(changed)} ændrede og {len(removed)} fjernede tal i forhold til "
        f"den gældende version {base.number}"
    )
    return Preview(
        summary=summary,
        added=_rows(added, reg),
        changed=_changed(changed, reg),
        removed=_rows(removed, reg),
        on_screen=(*_status_changes(before, after, as_of), *_map_years(before, after)),
    )


def _rows(rows: Sequence[Mapping[str, str]], reg) -> pd.DataFrame:
    return pd.DataFrame(
        [{ROW_COLUMNS[c]: _cell(reg, c, r[c]) for c in ROW_COLUMNS} for r in rows],
        columns=list(ROW_COLUMNS.values()),
    )


def _changed(pairs, reg) -> pd.DataFrame:
    records = []
    for old, new in pairs:
        what = [c for c in ("value", "unit", "quality", "source_url", "note") if old[c] != new[c]]
        records.append(
            {
                "Indikator": _cell(reg, "indicator", new["indicator"]),
                "Område": _cell(reg, "area", new["area"]),
                "År": new["year"] or "år ikke oplyst",
                "Kilde": new["source_title"],
                "Ændring": "; ".join(f"{c}: {old[c] or '–'} → {new[c] or '–'}" for c in what),
            }
        )
    return pd.DataFrame(records, columns=["Indikator", "Område", "År", "Kilde", "Ændring"])


def _cell(reg, column: str, value: str) -> str:
    if column == "indicator" and value in reg.indicators:
        return reg.indicators[value].name
    if column == "area" and value in reg.areas:
        return reg.areas[value].name
    if column == "year":
        return value or "år ikke oplyst"
    if column == "quality":
        return {"primary": "primær", "secondary": "sekundær"}.get(value, value)
    if column == "value" and value:
        try:
            return fmt.number(float(value))
        except ValueError:
            return value
    return value


def _status_changes(before: Store, after: Store, as_of: int) -> list[str]:
    found = []
    for goal in queries.registry_of(before).goals:
        old = queries.assess(before, goal.goal_id, StatusDate(as_of)).status.kind
        new = queries.assess(after, goal.goal_id, StatusDate(as_of)).status.kind
        if old != new:
            found.append(
                f"{text.goal_heading(goal)} ({goal.period}): status skifter fra "
                f"»{LABELS[old]}« til »{LABELS[new]}«."
            )
    return found


def _map_years(before: Store, after: Store) -> list[str]:
    """The map's years that appear, change their number of districts, or go."""
    found = []
    for m in queries.registry_of(after).map_measures:
        old, new = (
            queries.district_years(before, m.indicator),
            queries.district_years(after, m.indicator),
        )
        name = m.short_name
        for year in sorted(set(new) - set(old)):
            found.append(f"Kortet »{name}« får {year} med {_districts(new[year])}.")
        for year in sorted(set(old) & set(new)):
            if old[year] != new[year]:
                found.append(
                    f"Kortet »{name}«, {year}: {_districts(old[year])} bliver til "
                    f"{_districts(new[year])}."
                )
        for year in sorted(set(old) - set(new)):
            found.append(f"Kortet »{name}« mister {year}.")
    return found


def _districts(n: int) -> str:
    return fmt.count(n, "bydel", "bydele")


def versions_of(store: Path | None = None) -> tuple[Version, ...]:
    """Every published version, newest first."""
    return versions.history(store)


# The page lists the newest versions (each with its rollback button), so years of weekly
# updates never make it a table of hundreds of rows; the command line lists them all.
HISTORY_SHOWN = 25


def older_versions(count: int) -> str:
    """What the page says of the versions it does not list."""
    return (
        f"… og {fmt.count(count, 'ældre version', 'ældre versioner')}. Med adgang til serveren "
        "viser sikkerby historik dem alle, og sikkerby tilbage N gør version N gældende "
        "igen."
    )


def serving(store: Path | None = None) -> versions.Serving | None:
    """Which version the dashboard shows, and the damaged ones passed over (`versions.serving`)."""
    return versions.serving(store)


def unavailable_notice(store: Path | None = None) -> str | None:
    """For an editor, when no version can be shown (every other page then says only that the
    data cannot be shown right now): what is wrong and what to do; None when one can."""
    try:
        publish.default_store(store)
    except SikkerByError as error:
        return f"Dashboardet kan ikke vise nogen data: {error.describe()}"
    return None


def listing(store: Path | None = None) -> tuple[tuple[Version, ...], versions.Serving | None]:
    """Every version (`versions_of`) and which is shown (`serving`); nothing when the store
    itself cannot be read (`unavailable_notice` says why)."""
    try:
        return versions.history(store), versions.serving(store)
    except SikkerByError:
        return (), None


def damage_notice(store: Path | None = None) -> str | None:
    """When the current version is damaged: which version and files, which version the
    dashboard shows instead, and what the editor can do (Danish); None otherwise."""
    seen = versions.serving(store)
    if seen is None or seen.message is None or seen.served is None:
        return None
    advice = DAMAGED_ADVICE.format(current=seen.current.number, served=seen.served.number)
    return f"{seen.message} {advice}"


def _marks(v: Version, i: int, seen: versions.Serving | None) -> str:
    marks = ["gældende"] if i == 0 else []
    if v.broken or (seen is not None and v.number in dict(seen.damaged)):
        marks.append("beskadiget")
    elif seen is not None and seen.damaged and seen.served and v.number == seen.served.number:
        marks.append("vises")
    return f" ({', '.join(marks)})" if marks else ""


def history(all_versions: Sequence[Version], seen: versions.Serving | None = None) -> pd.DataFrame:
    """Every version, newest first, as the history table shows it; with `seen`
    (`versions.serving()`), the damaged versions passed over and the one shown are marked."""
    frame = pd.DataFrame(
        [_row(v, _marks(v, i, seen)) for i, v in enumerate(all_versions)], columns=HISTORY_COLUMNS
    )
    # A version whose version.json cannot be read has no counts: empty cells, not "nan".
    counts = ["Nye", "Ændrede", "Fjernede", "Tal i alt"]
    frame[counts] = frame[counts].astype("Int64")
    text = [c for c in HISTORY_COLUMNS if c not in counts]
    frame[text] = frame[text].fillna("")
    return frame


HISTORY_COLUMNS = (
    "Version",
    "Tidspunkt (UTC)",
    "Hvad",
    "Af",
    "Fil",
    "sha256",
    "Nye",
    "Ændrede",
    "Fjernede",
    "Tal i alt",
)


def _row(v: Version, marks: str) -> dict:
    r = v.record
    if r is None:  # its version.json cannot be read: what is wrong with it, and no more
        return {"Version": f"{v.number}{marks}", "Hvad": f"{versions.RECORD} {v.broken}"}
    return {
        "Version": f"{v.number}{marks}",
        "Tidspunkt (UTC)": f"{v.created:%d.%m.%Y %H:%M}",
        "Hvad": r.label,
        "Af": visible(r.by),
        "Fil": visible(r.file_name or ""),
        "sha256": (r.sha256 or "")[:12],
        "Nye": r.added,
        "Ændrede": r.changed,
        "Fjernede": r.removed,
        "Tal i alt": r.figures,
    }


def can_roll_back_to(v: Version) -> bool:
    """Whether the history offers to make `v` current again (not when its version.json cannot
    be read: such a version is damaged, and `publish.rollback` refuses it)."""
    return v.broken is None


def published_message(made: Version) -> str:
    r = made.record
    what = (
        f"{r.label}: {r.added} nye, {r.changed} ændrede og {r.removed} fjernede tal"
        if r.action == versions.ROLLBACK
        else f"{r.added} nye, {r.changed} ændrede og {r.removed} fjernede tal"
    )
    return f"Version {made.number} er offentliggjort og vises nu på alle sider ({what})."


TEMPLATE_NAME = "sikker-by-skabelon.xlsx"


def template_file() -> bytes:
    """An Excel file with the columns of the upload and no rows."""
    return download.excel_bytes(pd.DataFrame(columns=FIGURES.column_names))


@per_store
def current_file(store: Store) -> tuple[str, bytes]:
    """Every figure of the version `store` serves, in the upload's layout: a file that, edited
    and uploaded as "alle tal", is the next version. Made once per version (the page offers it
    on every run; with the most figures a version may have it takes seconds)."""
    reg = queries.registry_of(store)
    frame = store.figures(list(reg.indicators), list(reg.areas)).sort_values("line")
    frame = frame[FIGURES.column_names]
    return f"sikker-by-alle-tal-version-{store.version}.xlsx", download.excel_bytes(frame)
