"""sikkerby rapport --periode 2018-2021 --aar 2021 --ud FIL.docx (or python -m sikkerby.rapport)

Writes the yearly report to the committee from the current published version, with the
statuses as they stood when the survey edition --aar was published. The file is written whole
or not at all (a temporary file beside it, then renamed into place).
"""

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from sikkerby import queries, rapport, site, versions
from sikkerby.errors import SikkerByError
from sikkerby.ingest import cli, publish
from sikkerby.views import overview
from sikkerby.views import report as report_view


def _write_whole(path: Path, data: bytes) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    fd, scratch = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        os.fchmod(fd, 0o644)  # as an ordinary file (mkstemp makes it private)
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def main(
    argv: list[str] | None = None,
    today: date | None = None,
    prog: str = "python -m sikkerby.rapport",
) -> int:
    parser = cli.Parser(
        prog=prog,
        description=f"Skriv afrapporteringen til {site.current().report_to} som Word-dokument.",
    )
    parser.add_argument("--periode", required=True, help="strategiperioden, fx 2018-2021")
    parser.add_argument(
        "--aar",
        required=True,
        type=int,
        help=f"status som ved {site.current().survey} dette år",
    )
    parser.add_argument("--ud", required=True, type=Path, help="Word-filen, der skrives (.docx)")
    args = parser.parse_args(argv)
    this_year = (today or date.today()).year
    if args.ud.suffix.lower() != ".docx":
        print(f"{args.ud}: filen skal ende på .docx.", file=sys.stderr)
        return 2
    try:
        store = publish.default_store()
        periods = [p.period for p in queries.registry_of(store).periods]
        if args.periode not in periods:
            print(
                f"Ukendt strategiperiode »{args.periode}«. Mulige: {', '.join(periods)}.",
                file=sys.stderr,
            )
            return 2
        years = overview.editions(store, args.periode, this_year)
        if not years:
            print(f"{args.periode} kan ikke afrapporteres endnu.", file=sys.stderr)
            return 2
        if args.aar not in years:
            print(
                f"{args.periode} kan afrapporteres som ved {site.current().survey} "
                f"{years[0]} til {years[-1]}, ikke {args.aar}.",
                file=sys.stderr,
            )
            return 2
        made = report_view.build(store, args.periode, args.aar, this_year)
        _write_whole(args.ud, rapport.write(made))
    except SikkerByError as error:
        print(f"Afrapporteringen kunne ikke skrives. {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{args.ud}: filen kunne ikke skrives ({versions.reason(error)}).", file=sys.stderr)
        return 1
    print(f"Skrevet: {args.ud} ({report_view.describe(made)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
