"""The site: one municipality's strategy as a folder of data, which the code reads and never
names. A site's folder holds

- `site.toml`: the words and facts that are the municipality's own (its name, its survey's, the
  committee the yearly report goes to, whose assessments the report carries, the group it
  compares itself with, which principles the strategy page shows);
- `data/`: the registries and the figures (`sikkerby.schema`), from which the first published
  version is made;
- `geo/`: the districts' boundaries (`bydele.geojson`) and, where there are any, the footprints
  of the local partnerships (`partnerskaber.geojson`).

Which folder is the site is a setting (`sikkerby.settings.site_dir`). `current()` is the site of
this process; a problem in `site.toml` is a `SiteError` naming the file, line and column.
"""

import re
import tomllib
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

from sikkerby import settings
from sikkerby.errors import Problem, SiteError

FILE = "site.toml"


@dataclass(frozen=True)
class StrategyPage:
    """What the page »Strategien« shows: the period whose principles are published, the goal
    its gang figures belong to, its introduction and the note on national figures."""

    period: str
    gang_goal: str | None
    intro: str
    context_note: str


@dataclass(frozen=True)
class Site:
    folder: Path
    id: str  # the site's short name: its store's folder, never shown
    name: str  # the strategy's (and the dashboard's) name: "Sikker By"
    municipality: str  # "Københavns Kommune"
    city: str  # the municipality's area in a sentence: "København"
    survey: str  # the survey whose districts the map shows: "Tryghedsundersøgelsen"
    comparison: str  # the group the youth goals compare with: "de fire store byer"
    report_to: str  # the committee the yearly report goes to: "Økonomiudvalget"
    assessments: tuple[str, ...]  # whose written assessments the report leaves room for
    description: str  # one sentence on the dashboard, for a browser without JavaScript
    district_answers: int  # the survey's assumed answers per district (its margins)
    strategy_page: StrategyPage

    @property
    def versus(self) -> str:
        """The youth goals' comparison as a heading: 'København mod de fire store byer'."""
        return f"{self.city} mod {self.comparison}"

    @property
    def dashboard(self) -> str:
        """The dashboard by its name: 'Sikker By-dashboardet'."""
        return f"{self.name}-dashboardet"

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def districts(self) -> Path:
        return self.folder / "geo" / "bydele.geojson"

    @property
    def footprints(self) -> Path:
        return self.folder / "geo" / "partnerskaber.geojson"

    @property
    def raw_geo(self) -> Path:
        """The municipality's raw boundary files the districts are built from (if any)."""
        return self.folder / "geo" / "raw"

    @property
    def source_figures(self) -> Path:
        """The file the bundled figures are published from (if the site keeps one)."""
        return self.folder / "data" / "source" / "published_figures.csv"

    @property
    def store(self) -> Path:
        """The site's published store (`sikkerby.settings.store_dir`)."""
        return settings.store_dir(self.id)


def genitive(name: str) -> str:
    """A Danish name's genitive: "Københavns", "de fire store byers", "Aarhus'"."""
    return f"{name}'" if name[-1:] in "sxz" else f"{name}s"


_TEXTS = {f.name for f in fields(Site)} - {
    "folder",
    "assessments",
    "strategy_page",
    "district_answers",
}
_PAGE_TEXTS = {f.name for f in fields(StrategyPage)} - {"gang_goal"}
_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def load(folder: Path) -> Site:
    """The site in `folder`. Raises SiteError with every problem found, in Danish."""
    path = folder / FILE
    label = str(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SiteError([Problem(label, None, None, "filen findes ikke")]) from None
    except UnicodeDecodeError:
        raise SiteError([Problem(label, None, None, "filen er ikke UTF-8")]) from None
    except tomllib.TOMLDecodeError as error:
        at = _AT.search(str(error))
        line, column = (int(at[1]), at[2]) if at else (None, None)
        # tomllib says what is wrong in English: the place, and what to look for, in Danish.
        message = "filen kan ikke læses som TOML (se efter anførselstegn, = og [afsnit] her)"
        raise SiteError([Problem(label, line, column, message)]) from None
    problems = []

    def text(table: dict, key: str, where: str) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(label, None, where + key, "skal være en tekst"))
            return ""
        return value.strip()

    page = raw.get("strategy_page")
    if not isinstance(page, dict):
        problems.append(Problem(label, None, "strategy_page", "afsnittet mangler"))
        page = {}
    assessments = raw.get("assessments", [])
    if not isinstance(assessments, list) or not all(isinstance(a, str) for a in assessments):
        problems.append(Problem(label, None, "assessments", "skal være en liste af tekster"))
        assessments = []
    design = raw.get("survey_design", {})
    answers = design.get("district_answers") if isinstance(design, dict) else None
    if not isinstance(answers, int) or isinstance(answers, bool) or answers < 1:
        problems.append(
            Problem(label, None, "survey_design.district_answers", "skal være et helt tal over 0")
        )
        answers = 1
    gang_goal = page.get("gang_goal")
    if gang_goal is not None and not isinstance(gang_goal, str):
        problems.append(Problem(label, None, "strategy_page.gang_goal", "skal være en tekst"))
    site = Site(
        folder=folder,
        assessments=tuple(assessments),
        district_answers=answers,
        strategy_page=StrategyPage(
            gang_goal=gang_goal if isinstance(gang_goal, str) else None,
            **{k: text(page, k, "strategy_page.") for k in sorted(_PAGE_TEXTS)},
        ),
        **{k: text(raw, k, "") for k in sorted(_TEXTS)},
    )
    if problems:
        raise SiteError(problems)
    return site


@cache
def _loaded(folder: Path) -> Site:
    return load(folder)


def current() -> Site:
    """The site of this process (`sikkerby.settings.site_dir`), read once per folder."""
    return _loaded(settings.site_dir())
