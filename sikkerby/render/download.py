"""Downloads: the figures a page shows as files to take to a meeting.

CSV is written for Danish Excel (semicolons, decimal comma, UTF-8 with a byte order mark so
that æ, ø and å survive a double-click); the Excel file holds the same table with numbers as
numbers. Both are named after what they hold and the date they were made.

Text from the data files is never a formula in the files: a text cell that a spreadsheet would
read as one (it starts with =, +, -, @, a tab or a line break) gets a leading apostrophe in the
CSV file, and is stored as text in the Excel file.
"""

import io
import math
import re
import unicodedata
import zipfile
from datetime import date
from xml.sax.saxutils import escape

import pandas as pd
from openpyxl import Workbook

DANISH_LETTERS = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}


def file_name(area_name: str, made: date, extension: str) -> str:
    """'sikker-by-bispebjerg-2026-11-25.csv': ASCII, so every system keeps the name."""
    name = area_name
    for letter, spelled in DANISH_LETTERS.items():
        name = name.replace(letter, spelled)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return f"sikker-by-{slug}-{made.isoformat()}.{extension}"


# What makes a spreadsheet read a text cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralised(value):
    """A text cell a spreadsheet would read as a formula, prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_bytes(table: pd.DataFrame) -> bytes:
    safe = table.apply(lambda column: column.map(neutralised))
    # Windows line ends, as Excel writes them: a cell holding a bare \r is then quoted too.
    text = safe.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n")
    return text.encode("utf-8-sig")


def excel_bytes(table: pd.DataFrame, sheet: str = "Tal") -> bytes:
    """The table as an Excel file: numbers as numbers, every text cell as text (never a
    formula, whatever it starts with)."""
    workbook = Workbook()
    sheet_ = workbook.active
    sheet_.title = sheet[:31]
    sheet_.append([str(c) for c in table.columns])
    for row in table.itertuples(index=False):
        sheet_.append([None if _missing(v) else v for v in row])
    for cells in sheet_.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would store "=…" as a live formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


_WORD_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats'
        '.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
    ),
}
_WORD_RUN = (
    '<w:p><w:r><w:rPr>%s<w:lang w:val="da-DK"/></w:rPr><w:t xml:space="preserve">%s</w:t>'
    "</w:r></w:p>"
)


def word_notice(title: str, text: str) -> bytes:
    """A Word document of a bold title and a paragraph, written here without python-docx (the
    report's writer, which may be what failed): what a visitor gets instead of a report that
    could not be made."""
    body = _WORD_RUN % ('<w:b/><w:sz w:val="32"/>', escape(title)) + _WORD_RUN % ("", escape(text))
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, part in {**_WORD_PARTS, "word/document.xml": document}.items():
            package.writestr(name, part.encode("utf-8"))
    return buffer.getvalue()
