"""The project's one error type, `SikkerByError`, and its kinds: bad data, the published store,
Danmarks Statistik, boundary files, a site's folder. Every error carries its problems in Danish,
each naming where it is (file, line and column) when it is in a file, so a message can be shown
to the member of staff as it is.
"""

import unicodedata
from dataclasses import dataclass

HIDDEN = ("Cc", "Cf", "Zl", "Zp")  # control and format characters, line and paragraph separators


def visible(text: str, keep: str = "") -> str:
    """`text` with each character no one sees written as <U+001B>, except those in `keep`: text
    from a file (a header, a cell, the file's name) shown in a message can then neither move or
    colour a terminal nor hide or reverse text on a page."""
    if text.isprintable():  # the usual case, at C speed
        return text
    return "".join(
        f"<U+{ord(c):04X}>" if c not in keep and unicodedata.category(c) in HIDDEN else c
        for c in text
    )


@dataclass(frozen=True)
class Problem:
    """A problem at a place in a file. Whatever it quotes from the file is shown escaped (see
    `visible`); a message keeps its own line breaks."""

    file: str | None
    line: int | None
    column: str | None
    message: str

    def __post_init__(self) -> None:
        if self.file is not None:
            object.__setattr__(self, "file", visible(self.file))
        if self.column is not None:
            object.__setattr__(self, "column", visible(self.column))
        object.__setattr__(self, "message", visible(self.message, keep="\n"))

    def __str__(self) -> str:
        where = [self.file] if self.file else []
        if self.line is not None:
            where.append(f"linje {self.line}")
        if self.column is not None:  # a file's column by name ('area'), or by number (a TOML file)
            where.append(
                f"kolonne {self.column}" if self.column.isdigit() else f"kolonne '{self.column}'"
            )
        return f"{', '.join(where)}: {self.message}" if where else self.message


class SikkerByError(Exception):
    """Anything the dashboard refuses or cannot do, with every problem found."""

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem(None, None, None, problems)]
        self.problems = problems
        super().__init__(self.describe())

    def describe(self) -> str:
        return " ".join(str(p) for p in self.problems)


# A message lists at most this many problems, then how many more there are: a 100 MB file with
# a mistake in every row must not print 800,000 lines.
SHOWN_PROBLEMS = 50


class DataError(SikkerByError):
    """Bad data in a file (the project's sources, or a file being imported)."""

    def describe(self) -> str:
        shown = self.problems[:SHOWN_PROBLEMS]
        lines = "\n".join(f"- {p}" for p in shown)
        more = len(self.problems) - len(shown)
        rest = f"\n… og {more} problem(er) mere." if more else ""
        return f"{len(self.problems)} problem(er) i datafilerne:\n{lines}{rest}"


class StoreError(SikkerByError):
    """The published store refused or cannot serve: a version that is not there, a broken store."""


class BusyError(StoreError):
    """Another update holds the store's lock: nothing was changed."""


class StatbankError(SikkerByError):
    """A call to Danmarks Statistik that failed: offline, a timeout, a refusal, an odd answer."""


class GeometryError(SikkerByError):
    """The city's boundary files could not be read or turned into the dashboard's districts."""


class SiteError(SikkerByError):
    """A site's folder that cannot be used: a missing, malformed or incomplete site.toml."""
