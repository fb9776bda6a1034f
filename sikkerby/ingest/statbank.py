"""A small client for Danmarks Statistik's open StatBank API (api.statbank.dk, no key needed).

It owns the two calls this project needs, `tableinfo` (a table's variables and their values) and
`data` (the numbers as semicolon CSV), sent as POST with a UTF-8 JSON body as the API recommends;
`resolve`, which turns a wish list written with codes or texts into the table's own codes; and
`StatbankError`, the one error with a Danish message for everything that can go wrong on the way
(offline, timeout, a rejected request, an unreadable answer). It knows nothing about the project.

Only the standard library talks to the network, and `fetch` takes the opener and the pause as
arguments so that tests never touch the network or wait.
"""

import csv
import http.client
import json
import math
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from sikkerby.errors import StatbankError

API = "https://api.statbank.dk/v1"
HOST = "api.statbank.dk"
# Seconds to wait for each answer; a data call for a few thousand cells takes about a second.
TIMEOUT_S = 30.0
# One more try after a network failure or a server error (5xx): a rejected request (4xx) would
# only be rejected again.
RETRIES = 1
# Seconds between tries: long enough for a short hiccup, short enough for someone waiting.
RETRY_PAUSE_S = 3.0
# How the API writes a missing cell ("..": not available or confidential). Never read as 0.
MISSING = frozenset({"", "..", "-"})
VALUE_COLUMN = "INDHOLD"
TIME_COLUMN = "TID"

UNREADABLE = "Svaret fra Danmarks Statistik kunne ikke læses"


@dataclass(frozen=True)
class Request:
    """One POST to the API: `endpoint` ("tableinfo" or "data") and its JSON body."""

    endpoint: str
    body: Mapping[str, object]

    @property
    def url(self) -> str:
        return f"{API}/{self.endpoint}"

    @property
    def data(self) -> bytes:
        # ensure_ascii=False keeps OMRÅDE readable; the bytes are UTF-8 either way.
        return json.dumps(self.body, ensure_ascii=False).encode("utf-8")

    @property
    def table(self) -> str:
        return str(self.body.get("table", "?"))


def tableinfo_request(table: str) -> Request:
    return Request("tableinfo", {"table": table, "format": "JSON", "lang": "da"})


def data_request(table: str, variables: Mapping[str, Sequence[str]]) -> Request:
    """The numbers of `table` for the given variable ids and value ids, as semicolon CSV.

    Codes rather than texts (`valuePresentation: Code`), so that the answer can be matched to
    the request whatever DST calls a value this year.
    """
    return Request(
        "data",
        {
            "table": table,
            "format": "CSV",
            "lang": "da",
            "valuePresentation": "Code",
            "delimiter": "Semicolon",
            "variables": [
                {"code": code, "values": list(values)} for code, values in variables.items()
            ],
        },
    )


# urllib.request.urlopen or a stand-in: (request, timeout=...) -> a response to `read()`.
Opener = Callable[..., Any]


def fetch(
    request: Request,
    *,
    opener: Opener = urllib.request.urlopen,
    sleep: Callable[[float], None] = time.sleep,
    timeout: float = TIMEOUT_S,
    retries: int = RETRIES,
) -> bytes:
    """The body of the API's answer to `request`; raises `StatbankError` with a Danish message."""
    http_request = urllib.request.Request(
        request.url,
        data=request.data,
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    failure: StatbankError | None = None
    for attempt in range(max(retries, 0) + 1):
        if attempt:
            sleep(RETRY_PAUSE_S)
        try:
            with opener(http_request, timeout=timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            message = _error_message(error)
            if error.code < 500:
                raise StatbankError(
                    f"Danmarks Statistik afviste forespørgslen om tabel {request.table} "
                    f"(HTTP {error.code}){message}"
                ) from None
            failure = StatbankError(
                f"Danmarks Statistik svarede med en fejl om tabel {request.table} "
                f"(HTTP {error.code}){message}. Prøv igen senere."
            )
        except (OSError, http.client.HTTPException) as error:
            # urlopen wraps a failure to connect (DNS, refused, timeout) in URLError; a failure
            # while reading the answer (a reset, a timeout, TLS) comes as a bare OSError.
            reason = error.reason if isinstance(error, urllib.error.URLError) else error
            if isinstance(reason, TimeoutError):
                failure = StatbankError(
                    f"Danmarks Statistik ({HOST}) svarede ikke inden for {timeout:g} sekunder "
                    f"om tabel {request.table}. Prøv igen senere."
                )
            else:
                failure = StatbankError(
                    f"Kunne ikke nå Danmarks Statistik ({HOST}): {reason or type(error).__name__}."
                    " Tjek netforbindelsen og prøv igen."
                )
    assert failure is not None
    raise failure


def _error_message(error: urllib.error.HTTPError) -> str:
    """': <message>' from the API's JSON error body, or '' when there is none to read."""
    try:
        body = error.read()
    except (OSError, http.client.HTTPException):
        return ""
    finally:
        error.close()
    try:
        message = json.loads(body.decode("utf-8-sig")).get("message")
    except (ValueError, AttributeError):
        message = None
    return f": {message}" if message else ""


# Table information -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Variable:
    id: str
    text: str
    time: bool
    # Value id -> value text, in the table's order.
    values: dict[str, str]
    # Whether the API may sum the variable away when a request leaves it out.
    elimination: bool = True


@dataclass(frozen=True)
class TableInfo:
    id: str
    text: str
    updated: str
    variables: list[Variable] = field(default_factory=list)

    def variable(self, name: str) -> Variable:
        """The variable whose id or text is `name`, ignoring case."""
        key = name.casefold()
        for variable in self.variables:
            if key in (variable.id.casefold(), variable.text.casefold()):
                return variable
        known = ", ".join(f"{v.id} ({v.text})" for v in self.variables)
        raise StatbankError(
            f"Tabel {self.id} har ingen variabel '{name}' (den har {known}); "
            "tabellen kan være ændret hos Danmarks Statistik."
        )

    def value_ids(self, name: str, values: "Wanted") -> list[str]:
        """The value ids of variable `name` for `values` (see `resolve`)."""
        return _resolve_values(self.id, self.variable(name), values)


def parse_tableinfo(raw: bytes) -> TableInfo:
    """The answer of a `tableinfo` call; raises `StatbankError` if it is not what the API sends."""
    try:
        info = json.loads(raw.decode("utf-8-sig"))
        variables = [
            Variable(
                id=str(v["id"]),
                text=str(v.get("text", "")),
                time=bool(v.get("time", False)),
                values={str(x["id"]): str(x.get("text", "")) for x in v["values"]},
                elimination=bool(v.get("elimination", True)),
            )
            for v in info["variables"]
        ]
        return TableInfo(
            id=str(info["id"]),
            text=str(info.get("text", "")),
            updated=str(info.get("updated", "")),
            variables=variables,
        )
    except UnicodeDecodeError:
        raise StatbankError(f"{UNREADABLE}: tabeloplysningerne er ikke UTF-8.") from None
    except json.JSONDecodeError as error:
        raise StatbankError(f"{UNREADABLE}: tabeloplysningerne er ikke JSON ({error}).") from None
    except (KeyError, TypeError, AttributeError) as error:
        raise StatbankError(
            f"{UNREADABLE}: tabeloplysningerne har ikke den ventede form ({error!r})."
        ) from None


# A wish for one variable: value ids or texts ("*" for every value), or a test of (id, text).
Wanted = Sequence[str] | Callable[[str, str], bool]


def resolve(info: TableInfo, wanted: Mapping[str, Wanted]) -> dict[str, list[str]]:
    """Variable ids -> value ids of `info` for a wish list written with ids or texts.

    A variable is found by id or text, a value by id or else by text, both ignoring case, so a
    wish list can say "Tid" or "afgørelsestype", "101" or "Voldsforbrydelser i alt". Raises
    `StatbankError` naming the table, variable and value when something is not in the table, and
    when a variable the API cannot sum away is left out.
    """
    resolved: dict[str, list[str]] = {}
    for name, values in wanted.items():
        resolved[info.variable(name).id] = info.value_ids(name, values)
    required = [v.id for v in info.variables if not v.elimination and v.id not in resolved]
    if required:
        raise StatbankError(
            f"Tabel {info.id} kræver et valg af værdier for {', '.join(required)}; "
            "tabellen kan være ændret hos Danmarks Statistik."
        )
    return resolved


def _resolve_values(table: str, variable: Variable, values: Wanted) -> list[str]:
    where = f"variablen {variable.id} ({variable.text}) i tabel {table}"
    changed = "tabellen kan være ændret hos Danmarks Statistik."
    if callable(values):
        ids = [i for i, text in variable.values.items() if values(i, text)]
        if not ids:
            raise StatbankError(f"Ingen værdier i {where} passer til udvalget; {changed}")
        return ids
    if isinstance(values, str):  # a lone "101" means ["101"], not ["1", "0", "1"]
        values = [values]
    ids: list[str] = []
    for value in values:
        if value == "*":
            ids.extend(variable.values)
            continue
        key = value.casefold()
        matches = [i for i in variable.values if i.casefold() == key] or [
            i for i, text in variable.values.items() if text.casefold() == key
        ]
        if not matches:
            raise StatbankError(f"Der er ingen værdi '{value}' i {where}; {changed}")
        if len(matches) > 1:
            raise StatbankError(
                f"'{value}' passer på flere værdier i {where} ({', '.join(matches)}); "
                "angiv koden i stedet."
            )
        ids.extend(matches)
    return list(dict.fromkeys(ids))


# Data -----------------------------------------------------------------------------------------


def parse_data(raw: bytes) -> pd.DataFrame:
    """The answer of a `data` call as a table: text columns named by variable id, plus INDHOLD.

    INDHOLD is a nullable float (`Float64`): a missing cell stays missing, never 0. The time
    column is called TID whatever the header says. Raises `StatbankError` when the answer is
    not the semicolon CSV the API sends.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StatbankError(f"{UNREADABLE}: teksten er ikke UTF-8.") from None
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        raise StatbankError(f"{UNREADABLE}: svaret er tomt.")
    header = [_column_name(h) for h in _cells(lines[0][1])]
    if VALUE_COLUMN not in header:
        raise StatbankError(
            f"{UNREADABLE}: der er ingen kolonne {VALUE_COLUMN} i overskriften "
            f"({';'.join(header)})."
        )
    value_at = header.index(VALUE_COLUMN)
    rows: list[list[str]] = []
    values: list[float | None] = []
    for number, line in lines[1:]:
        cells = _cells(line)
        if len(cells) != len(header):
            raise StatbankError(
                f"{UNREADABLE}: linje {number} har {len(cells)} felter, overskriften {len(header)}."
            )
        rows.append(cells)
        values.append(_number(cells[value_at], number))
    frame = pd.DataFrame(rows, columns=header, dtype="string")
    frame[VALUE_COLUMN] = pd.array(values, dtype="Float64")
    return frame


def _cells(line: str) -> list[str]:
    return [c.strip() for c in next(csv.reader([line], delimiter=";"))]


def _column_name(header: str) -> str:
    if header.casefold() == TIME_COLUMN.casefold():
        return TIME_COLUMN
    if header.casefold() == VALUE_COLUMN.casefold():
        return VALUE_COLUMN
    return header


def _number(text: str, line: int) -> float | None:
    if text in MISSING:
        return None
    # Codes come with a decimal point; a decimal comma is read too, in case DST changes that.
    candidate = text.replace(",", ".") if "," in text and "." not in text else text
    try:
        number = float(candidate)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise StatbankError(f"{UNREADABLE}: '{text}' i linje {line} er ikke et tal.")
    return number
