"""The one command, `sikkerby`: every command line of the project as a subcommand.

    sikkerby serve [Streamlit-tilvalg]      the app (sikkerby.ui.serve)
    sikkerby replikaer N [--port P]          N app processes behind HAProxy (sikkerby.ui.replicas)
    sikkerby import FIL [--erstat-alt]       figures from a staff member's file
    sikkerby historik | tilbage N | …        the published store (sikkerby.ingest.publish)
    sikkerby rapport --periode … --aar … --ud FIL.docx

Each subcommand hands the rest of the command line to its module's `main`, which owns its
arguments, help and messages; this module only chooses the module, and imports it only then, so
`sikkerby --help` is quick and no command but `serve` loads Streamlit. The old entry points
(`python -m sikkerby.ingest.importer …`) call the same functions.
"""

import importlib
import sys
from dataclasses import dataclass
from importlib import metadata

from sikkerby import site
from sikkerby.ingest import cli

PROG = "sikkerby"
GEO_MISSING = (
    "{prog}: kræver pakkerne til bydelsgrænserne (geopandas), som en server ikke har: "
    "installér dem med 'pip install sikkerby[geo]' eller brug udviklernes miljø "
    "(bash scripts/setup.sh)."
)


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    module: str
    # The publish commands are subcommands of sikkerby.ingest.publish: its parser is named
    # `sikkerby` and gets the command's own name first.
    passes_name: bool = False


COMMANDS = (
    Command("serve", "start dashboardet (tilvalg går videre til Streamlit)", "sikkerby.ui.serve"),
    Command(
        "replikaer",
        "start N processer af dashboardet bag HAProxy, og start en proces igen, når den dør",
        "sikkerby.ui.replicas",
    ),
    Command(
        "import",
        "offentliggør tal fra en CSV- eller Excel-fil (samme kolonner som figures.csv)",
        "sikkerby.ingest.importer",
    ),
    Command(
        "ungetal",
        "offentliggør kommunens årlige tal for unge sigtede (mål 3 og 4, 2018-2021)",
        "sikkerby.ingest.ungetal",
    ),
    Command(
        "dst",
        "hent Danmarks Statistiks tal (FOLK1A og STRAF44) og offentliggør dem; kræver net",
        "sikkerby.ingest.dst",
    ),
    Command("historik", "vis alle versioner, nyeste først", "sikkerby.ingest.publish", True),
    Command("tilbage", "gør en tidligere version gældende igen", "sikkerby.ingest.publish", True),
    Command(
        "medfoelgende",
        "offentliggør de medfølgende data som ny version",
        "sikkerby.ingest.publish",
        True,
    ),
    Command(
        "registre",
        "offentliggør de medfølgende registre ved siden af de gældende tal",
        "sikkerby.ingest.publish",
        True,
    ),
    Command(
        "rapport",
        "skriv afrapporteringen til udvalget som Word-dokument",
        "sikkerby.rapport.__main__",
    ),
    Command(
        "build", "kontrollér de medfølgende datafiler (skriver intet)", "sikkerby.ingest.build"
    ),
    Command(
        "sted",
        "kontrollér et steds mappe: site.toml, data/ og geo/ (skriver intet)",
        "sikkerby.ingest.sitecheck",
    ),
    Command(
        "geometry",
        "byg geo/*.geojson af kommunens rådata (kræver sikkerby[geo])",
        "sikkerby.ingest.geometry",
    ),
)


def _version() -> str:
    try:
        return metadata.version("sikkerby")
    except metadata.PackageNotFoundError:  # run from a checkout that is not installed
        return "(ikke installeret)"


def parser() -> cli.Parser:
    made = cli.Parser(
        prog=PROG,
        description=f"{site.current().dashboard}: start appen, opdater de offentliggjorte "
        "tal og skriv afrapporteringen. Se 'sikkerby KOMMANDO --help' for hver kommando.",
    )
    made.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {_version()}",
        help="vis versionen og afslut",
    )
    commands = made.add_subparsers(
        dest="command", required=True, title="kommandoer", metavar="KOMMANDO"
    )
    for command in COMMANDS:
        commands.add_parser(command.name, help=command.help)
    return made


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # Only the first word is the command's: the rest is its module's to read.
    chosen = parser().parse_args(argv[:1]).command
    command = next(c for c in COMMANDS if c.name == chosen)
    prog = f"{PROG} {command.name}"
    try:
        module = importlib.import_module(command.module)
    except ModuleNotFoundError as error:
        if command.name != "geometry" or error.name not in ("geopandas", "pyogrio", "pyproj"):
            raise
        print(GEO_MISSING.format(prog=prog), file=sys.stderr)
        return 1
    if command.passes_name:
        return module.main(argv, prog=PROG)
    return module.main(argv[1:], prog=prog)
