"""Reading a file a member of staff gives us: CSV (also from Danish Excel) or Excel (.xlsx).

Whatever the file is, the answer is its rows or a `DataError` in Danish naming the file, line
and column: never a traceback, never a hang. What is refused:
- a path that is not a readable, ordinary file (missing, a folder, a FIFO, a device, a loop of
  links, no permission), or a file over `MAX_BYTES`;
- a file of more than `MAX_ROWS` rows, counted before anything is parsed;
- text that is not UTF-8 (UTF-16 and Windows-1252 are named as such, once), and control
  characters in a cell;
- a header with a column twice, an unknown column (with the nearest known name), or a required
  column missing;
- a row with more cells than the header (a stray delimiter or quote), a quote that is never
  closed (it would swallow the rows after it), a cell over `MAX_CELL` characters.

Line numbers are those an editor shows (Excel: the row number); blank lines are skipped.
"""

import csv
import difflib
import errno
import hashlib
import io
import itertools
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sikkerby import fmt
from sikkerby.errors import DataError, Problem
from sikkerby.ingest.validate import invisible
from sikkerby.versions import reason

MAX_BYTES = 20 * 1024 * 1024  # the largest figures file is about 100 KB
# Characters; the longest cell of the bundled figures (a note) has 453, the longest source title
# under 200. With `MAX_ROWS` it bounds what a file can make the dashboard hold and show.
MAX_CELL = 2_000
# Rows of figures in one file, counted before the file is parsed, and the most figures a version
# may hold (`publish.MAX_FIGURES`, the same number, so the download of all current figures can
# always be uploaded again as all figures). The bundled store holds about 300 figures for
# 2009-2026, its busiest year 62: a year's file is under a hundred rows, a file of all figures a
# few hundred. 10,000 is over 30 times the whole store and over 150 times a year, and a file
# that long is still checked and published in seconds (bench/upload.py). Above it, one editor's
# mistake (a file of 400,000 rows) would cost every viewer of the dashboard.
MAX_ROWS = 10_000
XLSX_MAGIC = b"PK\x03\x04"
# An .xlsx is a zip: what it unpacks to counts, not its size (the real figures unpack to under
# 1 MB); and a sheet is read at most this wide and long.
MAX_UNPACKED = 20 * 1024 * 1024
MAX_COLUMNS = 64
# Python's csv module stops at 131,072 characters a cell with an English error; the cap on the
# file's size bounds every cell, and `MAX_CELL` names the cell that is too long.
csv.field_size_limit(MAX_BYTES + 1)


@dataclass(frozen=True)
class UserFile:
    name: str  # as the member of staff knows it: the file's own name
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Table:
    """A staff member's table: the cells of each row by column, with the row's line."""

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]
    danish_excel: bool  # semicolons and decimal comma: numbers need `excel_number`


def read_path(path: Path) -> UserFile:
    """The bytes of the file at `path`, refusing what is not an ordinary, readable file."""
    name = path.name or str(path)

    def refuse(message: str) -> DataError:
        return DataError([Problem(name, None, None, message)])

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the import
    except FileNotFoundError:
        raise refuse("filen findes ikke") from None
    except PermissionError:
        raise refuse("du har ikke adgang til at læse filen") from None
    except IsADirectoryError:
        raise refuse("er en mappe, ikke en fil") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise refuse("er en genvej, der peger i ring") from None
        raise refuse(f"filen kan ikke åbnes ({reason(error)})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise refuse("er en mappe, ikke en fil")
        if not stat.S_ISREG(info.st_mode):
            raise refuse("er ikke en almindelig fil (men fx en enhed eller en kanal)")
        if info.st_size > MAX_BYTES:
            raise refuse(_too_big(info.st_size))
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as error:
        raise refuse(f"filen kan ikke læses ({reason(error)})") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise refuse(_too_big(len(data)))
    return UserFile(name, data)


def _too_big(size: int) -> str:
    return f"filen er for stor ({size / 1024 / 1024:.1f} MB; højst {MAX_BYTES // 1024 // 1024} MB)"


def read_table(file: UserFile, required: tuple[str, ...], optional: tuple[str, ...]) -> Table:
    """The rows of a CSV or Excel file in a documented layout; raises `DataError`."""
    if len(file.data) > MAX_BYTES:
        raise DataError([Problem(file.name, None, None, _too_big(len(file.data)))])
    if file.data.startswith(XLSX_MAGIC) or file.name.lower().endswith(".xlsx"):
        lines, danish_excel = _excel_lines(file, (required, optional)), False
    else:
        _check_encoding(file)
        _check_rows(file)
        lines, danish_excel = _csv_lines(file)
    return _table(file.name, lines, required, optional, danish_excel)


SAVE_AS_UTF8 = "i Excel: Gem som »CSV UTF-8 (kommasepareret)«"


def too_many_rows() -> str:
    return (
        f"filen har flere end {fmt.number(MAX_ROWS)} rækker med tal; der må højst være "
        f"{fmt.number(MAX_ROWS)} i én fil (alle dashboardets tal fylder nogle hundrede rækker). "
        "Er det den rigtige fil?"
    )


def _check_encoding(file: UserFile) -> None:
    """Refuse, once for the whole file, text in an encoding other than UTF-8 that can be told by
    its bytes: UTF-16 or UTF-32 with or without a byte order mark (without one, ASCII text in
    UTF-16 is valid UTF-8 with a NUL after every letter)."""
    head = file.data[:4096]
    name = None
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        name = "UTF-32"
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        name = "UTF-16"
    elif head.count(0) * 4 >= len(head) > 0:  # a quarter or more of the bytes are NUL
        even, odd = head[0::2].count(0), head[1::2].count(0)
        name = "UTF-32" if head.count(0) * 3 >= len(head) * 2 else "UTF-16"
        if name == "UTF-16" and min(even, odd) * 4 > max(even, odd):
            name = None  # NULs on both sides: not text in UTF-16, named by the cell checks
    if name:
        raise DataError(
            [
                Problem(
                    file.name,
                    None,
                    None,
                    f"filen ser ud til at være gemt som {name}; gem den som UTF-8 ({SAVE_AS_UTF8})",
                )
            ]
        )


# A line with something on it, however the lines are ended (\n, \r\n or \r alone).
_FILLED_LINE = re.compile(rb"(?:^|\r)[ \t]*[^\s]", re.MULTILINE)


def _check_rows(file: UserFile) -> None:
    """Refuse a file with more than `MAX_ROWS` rows below its header before it is decoded or
    parsed: at most MAX_ROWS + 2 lines are looked at, whatever the file's length."""
    data = file.data
    if data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n") <= MAX_ROWS:
        return  # MAX_ROWS + 1 lines at most, counted at C speed: the usual file
    filled = _FILLED_LINE.finditer(data)
    over = next(itertools.islice(filled, MAX_ROWS + 1, None), None)  # the header is the first
    if over is not None:
        end = over.start() + 1  # past the \r that ends the line before, if it was one
        line = 1 + data.count(b"\n", 0, end) + data.count(b"\r", 0, end)
        line -= data.count(b"\r\n", 0, end)
        raise DataError([Problem(file.name, line, None, too_many_rows())])


def _csv_lines(file: UserFile) -> tuple[list[tuple[int, list[str]]], bool]:
    try:
        text = file.data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = file.data[: error.start].count(b"\n") + 1
        raise DataError(
            [Problem(file.name, line, None, _not_utf8(file.data, error.start))]
        ) from None
    first = text.split("\n", 1)[0]
    danish_excel = first.count(";") > first.count(",")
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=";" if danish_excel else ",", strict=True
    )
    lines: list[tuple[int, list[str]]] = []
    end = 0
    try:
        for fields in reader:
            lines.append((end + 1, fields))
            end = reader.line_num
    except csv.Error:
        raise DataError(
            [
                Problem(
                    file.name,
                    end + 1,
                    None,
                    'et citationstegn (") står forkert: en celle i anførselstegn skal slutte med '
                    "et anførselstegn lige før skilletegnet",
                )
            ]
        ) from None
    return lines, danish_excel


def _not_utf8(data: bytes, start: int) -> str:
    """The message for text that is not UTF-8, naming Windows-1252 (Excel's »CSV« in Denmark)
    when the bytes read as Danish letters in it."""
    message = f"filen er ikke gemt som UTF-8 ({SAVE_AS_UTF8})"
    try:
        near = data[max(0, start - 40) : start + 40].decode("cp1252")
    except UnicodeDecodeError:
        return message
    if any(c in near for c in "æøåÆØÅéü"):
        return (
            "filen er ikke gemt som UTF-8, men ser ud til at være Windows-1252 (»CSV« fra "
            f"Excel); gem den som UTF-8 ({SAVE_AS_UTF8})"
        )
    return message


def _excel_lines(
    file: UserFile, layout: tuple[tuple[str, ...], tuple[str, ...]]
) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    unreadable = DataError(
        [Problem(file.name, None, None, "er ikke en Excel-fil, der kan læses (.xlsx)")]
    )
    try:
        with zipfile.ZipFile(io.BytesIO(file.data)) as packed:
            unpacked = sum(i.file_size for i in packed.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise unreadable from None
    if unpacked > MAX_UNPACKED:
        raise DataError([Problem(file.name, None, None, _too_big(unpacked) + " udpakket")])
    # openpyxl raises many kinds of error on a damaged file (zip, XML, missing parts): whatever
    # it raises, the file is not an Excel file that can be read.
    try:
        book = load_workbook(io.BytesIO(file.data), read_only=True, data_only=True)
        try:
            rows = book.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS)
            lines, filled = [], 0
            for number, row in enumerate(rows, start=1):
                cells = [_excel_text(v) for v in row]
                lines.append((number, cells))
                has_cells = any(c.strip() for c in cells)
                filled += has_cells
                if has_cells and filled == 1:
                    _table(file.name, lines, *layout, False)  # a wrong file stops here, unread
                # The header and MAX_ROWS rows, and as many blank rows between them at most.
                if filled > MAX_ROWS + 1 or number > 2 * (MAX_ROWS + 1):
                    raise DataError([Problem(file.name, number, None, too_many_rows())])
            return lines
        finally:
            book.close()
    except DataError:
        raise
    except Exception:
        raise unreadable from None


def _excel_text(value) -> str:
    """A cell as text in the layout of the CSV files: 2019, 16.5 (a point for decimals)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _table(
    name: str,
    lines: list[tuple[int, list[str]]],
    required: tuple[str, ...],
    optional: tuple[str, ...],
    danish_excel: bool,
) -> Table:
    problems: list[Problem] = []
    lines = [(n, cells) for n, cells in lines if any(c.strip() for c in cells)]
    if not lines:
        raise DataError([Problem(name, 1, None, "filen er tom; der mangler en overskriftslinje")])
    header_line, raw_header = lines[0]
    while raw_header and not raw_header[-1].strip():  # Excel's empty columns at the end
        raw_header = raw_header[:-1]
    header = tuple(h.strip() for h in raw_header)
    known = (*required, *optional)
    seen: set[str] = set()
    for number, column in enumerate(header, start=1):
        if column in seen:
            problems.append(Problem(name, header_line, column, "kolonnen står to gange"))
        elif not column:
            problems.append(Problem(name, header_line, f"nr. {number}", "kolonnen har intet navn"))
        elif column not in known:
            near = difflib.get_close_matches(column, known, n=1)
            hint = f" – mente du '{near[0]}'?" if near else f" (kendte: {', '.join(known)})"
            problems.append(Problem(name, header_line, column[:40], f"ukendt kolonne{hint}"))
        seen.add(column)
    for column in required:
        if column not in header:
            problems.append(Problem(name, header_line, column, "kolonnen mangler i overskriften"))
    if problems:
        raise DataError(problems)
    rows = []
    for line, fields in lines[1:]:
        while len(fields) > len(header) and not fields[-1].strip():
            fields = fields[:-1]
        if len(fields) > len(header):
            problems.append(
                Problem(
                    name,
                    line,
                    f"nr. {len(header) + 1}",  # the first cell the header has no column for
                    f"rækken har {len(fields)} celler, overskriften {len(header)}: et skilletegn "
                    "eller et citationstegn for meget?",
                )
            )
            continue
        fields = [*fields, *[""] * (len(header) - len(fields))]
        cells = {}
        for column, value in zip(header, fields, strict=True):
            problem = _cell_problem(value)
            if problem:
                problems.append(Problem(name, line, column, problem))
            cells[column] = value.strip()
        rows.append((line, cells))
    if problems:
        raise DataError(problems)
    return Table(name, header, tuple(rows), danish_excel)


def _cell_problem(value: str) -> str | None:
    if len(value) > MAX_CELL:
        return f"cellen har {len(value):,} tegn (højst {MAX_CELL:,})".replace(",", ".")
    if "\n" in value or "\r" in value:
        return (
            'cellen går over flere linjer: mangler der et afsluttende citationstegn (")? '
            "Så er rækkerne efter den læst ind i cellen"
        )
    return invisible(value)


# Danish Excel writes 1.234,5 or 3,1; anything else is left for validation to refuse.
_EXCEL_NUMBER = re.compile(r"-?([1-9][0-9]{0,2}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def excel_number(text: str) -> str:
    """'1.234,5' (Danish Excel) -> '1234.5'; text in any other shape is returned unchanged."""
    if not _EXCEL_NUMBER.fullmatch(text):
        return text
    return text.replace(".", "").replace(",", ".")


def number(text: str, danish_excel: bool) -> float | None:
    """The number in a cell written with digits 0-9 (and a decimal point, or Danish Excel's
    comma), or None: not 1_5, １５, 1e308 or nan."""
    plain = excel_number(text) if danish_excel else text
    return float(plain) if _NUMBER.fullmatch(plain) else None
