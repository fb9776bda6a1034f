"""Downloads: the figures a page shows as files to take to a meeting.

CSV is written for Danish Excel (semicolons, decimal comma, UTF-8 with a byte order mark so
that æ, ø and å survive a double-click); the Excel file holds the same table with numbers as
numbers. Both are named after the area and the date they were made.
"""

import io
import re
import unicodedata
from datetime import date

import pandas as pd

DANISH_LETTERS = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}


def file_name(area_name: str, made: date, extension: str) -> str:
    """'sikker-by-bispebjerg-2026-11-25.csv': ASCII, so every system keeps the name."""
    name = area_name
    for letter, spelled in DANISH_LETTERS.items():
        name = name.replace(letter, spelled)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return f"sikker-by-{slug}-{made.isoformat()}.{extension}"


def csv_bytes(table: pd.DataFrame) -> bytes:
    return table.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def excel_bytes(table: pd.DataFrame, sheet: str = "Tal") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()
