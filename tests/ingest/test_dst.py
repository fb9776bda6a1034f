"""The StatBank client and the Danmarks Statistik updater, without any network.

A fake StatBank (`FakeStatbank`) answers `tableinfo` and `data` calls the way api.statbank.dk
does, from made-up figures that give round results: 1,000 persons of each single age in
København, 500/300/250/150 in Aarhus/Odense/Aalborg/Esbjerg, and decisions that grow each year.
"""

import email.message
import functools
import hashlib
import io
import itertools
import json
import ssl
import urllib.error
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from helpers import DATA_DIR, copy_project_data, current_figures, private_store, snapshot

from sikkerby import versions
from sikkerby.errors import StatbankError
from sikkerby.ingest import dst, registry, statbank

FETCHED = date(2026, 11, 25)


@pytest.fixture(autouse=True, scope="module")
def project_data_is_never_touched():
    """Every test here writes to tmp dirs only: the project's own figures stay as they were."""
    guarded = [DATA_DIR / "figures.csv"]
    before = {p: digest(p) for p in guarded}
    yield
    assert {p: digest(p) for p in guarded} == before, "a test changed the project's data"


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


# A fake StatBank ------------------------------------------------------------------------------

KOMMUNER = {
    "000": "Hele landet",
    "101": "København",
    "147": "Frederiksberg",
    "751": "Aarhus",
    "461": "Odense",
    "851": "Aalborg",
    "561": "Esbjerg",
}
PEOPLE_PER_AGE = {"101": 1000, "751": 500, "461": 300, "851": 250, "561": 150}
STRAFFELOV_PER_AGE = {"101": 10, "751": 5, "461": 3, "851": 2, "561": 1}
VOLD_PER_AGE = {"101": 2, "751": 1, "461": 1, "851": 1, "561": 1}
VOLD_CODE = "12"  # not known to the updater: it looks the text up


def variable(id_, text, values, *, time=False, elimination=True) -> dict:
    return {
        "id": id_,
        "text": text,
        "elimination": elimination,
        "time": time,
        "values": [{"id": k, "text": v} for k, v in values.items()],
    }


def ages(first: int, last: int) -> dict[str, str]:
    return {str(a): f"{a} år" for a in range(first, last + 1)}


TABLEINFO = {
    "FOLK1A": {
        "id": "FOLK1A",
        "text": "Befolkningen den 1. i kvartalet",
        "updated": "2026-11-11T08:00:00",
        "variables": [
            variable("OMRÅDE", "område", KOMMUNER),
            variable("KØN", "køn", {"TOT": "I alt", "1": "Mænd", "2": "Kvinder"}),
            variable("ALDER", "alder", {"IALT": "Alder i alt", **ages(0, 30)}),
            variable("CIVILSTAND", "civilstand", {"TOT": "I alt", "U": "Ugift"}),
            variable(
                "Tid",
                "tid",
                {q: q for q in ("2020K1", "2020K2", "2021K1", "2021K2", "2022K1")},
                time=True,
                elimination=False,
            ),
        ],
    },
    "STRAF44": {
        "id": "STRAF44",
        "text": "Strafferetlige afgørelser efter område, overtrædelsens art, afgørelsestype, ...",
        "updated": "2026-03-20T08:00:00",
        "variables": [
            variable("OMRÅDE", "område", {"0": "Hele landet", **KOMMUNER}),
            variable(
                "OVERTRÆD",
                "overtrædelsens art",
                {
                    "TOT": "Overtrædelsens art i alt",
                    "1": "Straffelov i alt",
                    "11": "Seksualforbrydelser i alt",
                    VOLD_CODE: "Voldsforbrydelser i alt",
                },
            ),
            variable(
                "AFGØRELSE",
                "afgørelsestype",
                {"000": "Afgørelsestype i alt", "514": "514 Frifindelse"},
            ),
            variable("ALDER", "alder", {"TOT": "Alder i alt", **ages(15, 24), "25-29": "25-29 år"}),
            variable("KØN", "køn", {"TOT": "I alt", "M": "Mænd", "K": "Kvinder"}),
            variable(
                "Tid",
                "tid",
                {y: y for y in ("2020", "2021", "2022", "2023")},
                time=True,
                elimination=False,
            ),
        ],
    },
}

Cell = dict[str, str]


def people(cell: Cell) -> float | None:
    return PEOPLE_PER_AGE[cell["OMRÅDE"]]


def decisions(cell: Cell) -> float | None:
    per_age = STRAFFELOV_PER_AGE if cell["OVERTRÆD"] == "1" else VOLD_PER_AGE
    return per_age[cell["OMRÅDE"]] * (int(cell["Tid"]) - 2019)


def csv_answer(header: list[str], rows: list[list[str]], *, bom: bool = True) -> bytes:
    """A data answer as the API writes it: semicolons, UTF-8, a BOM."""
    text = "\r\n".join(";".join(cells) for cells in [header, *rows]) + "\r\n"
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


class FakeStatbank:
    """A `fetcher` answering like api.statbank.dk: a cell for every requested combination."""

    def __init__(self, **values: Callable[[Cell], float | None]):
        self.values = {"FOLK1A": people, "STRAF44": decisions, **values}
        self.requests: list[statbank.Request] = []

    def __call__(self, request: statbank.Request) -> bytes:
        self.requests.append(request)
        body = json.loads(request.data.decode("utf-8"))
        table = body["table"]
        if request.endpoint == "tableinfo":
            return json.dumps(TABLEINFO[table], ensure_ascii=False).encode("utf-8")
        codes = [v["code"] for v in body["variables"]]
        header = ["TID" if c == "Tid" else c for c in codes] + ["INDHOLD"]
        rows = []
        for combination in itertools.product(*(v["values"] for v in body["variables"])):
            value = self.values[table](dict(zip(codes, combination, strict=True)))
            rows.append([*combination, ".." if value is None else f"{value:g}"])
        return csv_answer(header, rows)

    def data_body(self, table: str) -> dict:
        [request] = [r for r in self.requests if r.endpoint == "data" and r.table == table]
        return json.loads(request.data.decode("utf-8"))


def info(table: str) -> statbank.TableInfo:
    return statbank.parse_tableinfo(json.dumps(TABLEINFO[table]).encode("utf-8"))


# Requests --------------------------------------------------------------------------------------


def test_data_request_is_a_utf8_json_post_with_codes():
    request = statbank.data_request("FOLK1A", {"OMRÅDE": ["101", "751"], "Tid": ["2024K1"]})
    assert request.url == "https://api.statbank.dk/v1/data"
    assert "OMRÅDE".encode() in request.data  # UTF-8, not \u escapes
    assert json.loads(request.data.decode("utf-8")) == {
        "table": "FOLK1A",
        "format": "CSV",
        "lang": "da",
        "valuePresentation": "Code",
        "delimiter": "Semicolon",
        "variables": [
            {"code": "OMRÅDE", "values": ["101", "751"]},
            {"code": "Tid", "values": ["2024K1"]},
        ],
    }


def test_tableinfo_request():
    request = statbank.tableinfo_request("STRAF44")
    assert request.url == "https://api.statbank.dk/v1/tableinfo"
    assert json.loads(request.data) == {"table": "STRAF44", "format": "JSON", "lang": "da"}


# Parsing ---------------------------------------------------------------------------------------


def test_parse_data_reads_bom_missing_cells_and_decimal_comma():
    raw = csv_answer(
        ["OMRÅDE", "ALDER", "Tid", "INDHOLD"],
        [["101", "15", "2024", "5432"], ["751", "15", "2024", ".."], ["461", "15", "2024", "12,5"]],
    )
    frame = statbank.parse_data(raw)
    assert list(frame.columns) == ["OMRÅDE", "ALDER", "TID", "INDHOLD"]
    assert str(frame["INDHOLD"].dtype) == "Float64"
    assert frame["INDHOLD"][0] == 5432 and frame["INDHOLD"][2] == 12.5
    assert pd.isna(frame["INDHOLD"][1]), "'..' is missing, never 0"
    assert frame["OMRÅDE"].tolist() == ["101", "751", "461"]


@pytest.mark.parametrize("marker", ["..", "-", ""])
def test_every_missing_marker_is_missing(marker: str):
    frame = statbank.parse_data(csv_answer(["TID", "INDHOLD"], [["2024", marker]], bom=False))
    assert frame["INDHOLD"].isna().all()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (csv_answer(["OMRÅDE", "TID", "INDHOLD"], [["101", "2024"]]), "linje 2 har 2 felter"),
        (csv_answer(["OMRÅDE", "TID"], [["101", "2024"]]), "ingen kolonne INDHOLD"),
        ("OMRÅDE;INDHOLD\n101;5\n".encode("latin-1"), "ikke UTF-8"),
        (csv_answer(["TID", "INDHOLD"], [["2024", "mange"]]), "'mange' i linje 2 er ikke et tal"),
        (b"", "tomt"),
    ],
)
def test_parse_data_rejects_what_the_api_does_not_send(raw: bytes, expected: str):
    with pytest.raises(StatbankError) as caught:
        statbank.parse_data(raw)
    assert str(caught.value).startswith("Svaret fra Danmarks Statistik kunne ikke læses")
    assert expected in str(caught.value)


def test_parse_tableinfo_reads_variables_and_values():
    folk = info("FOLK1A")
    assert (folk.id, folk.updated) == ("FOLK1A", "2026-11-11T08:00:00")
    tid = folk.variable("TID")
    assert tid.id == "Tid" and tid.time and not tid.elimination
    assert folk.variable("område").values["101"] == "København"


@pytest.mark.parametrize("raw", [b"<html>", b'{"id": "X"}', b'{"id": "X", "variables": [{}]}'])
def test_parse_tableinfo_rejects_other_answers(raw: bytes):
    with pytest.raises(StatbankError, match="kunne ikke læses"):
        statbank.parse_tableinfo(raw)


# Resolving a wish list -------------------------------------------------------------------------


def test_resolve_by_code_and_by_text():
    resolved = statbank.resolve(
        info("STRAF44"),
        {
            "omr\u00c5de": ["101", "aarhus"],
            "OVERTRÆD": ["1", "Voldsforbrydelser i alt"],
            "afgørelsestype": ["Afgørelsestype i alt"],
            "ALDER": ["15", "16 år"],
            "TID": ["*"],
        },
    )
    assert resolved == {
        "OMRÅDE": ["101", "751"],
        "OVERTRÆD": ["1", VOLD_CODE],
        "AFGØRELSE": ["000"],
        "ALDER": ["15", "16"],
        "Tid": ["2020", "2021", "2022", "2023"],
    }


def test_resolve_takes_a_test_of_the_values():
    resolved = statbank.resolve(info("FOLK1A"), {"Tid": lambda code, _text: code.endswith("K1")})
    assert resolved == {"Tid": ["2020K1", "2021K1", "2022K1"]}


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ({"OVERTRÆDELSE": ["1"], "Tid": ["*"]}, "Tabel STRAF44 har ingen variabel 'OVERTRÆDELSE'"),
        (
            {"OVERTRÆD": ["Røveri i alt"], "Tid": ["*"]},
            "ingen værdi 'Røveri i alt' i variablen OVERTRÆD (overtrædelsens art) i tabel STRAF44",
        ),
        ({"OVERTRÆD": ["1"]}, "Tabel STRAF44 kræver et valg af værdier for Tid"),
    ],
)
def test_resolve_names_what_is_not_in_the_table(wanted: dict, expected: str):
    with pytest.raises(StatbankError) as caught:
        statbank.resolve(info("STRAF44"), wanted)
    assert expected in str(caught.value)


def test_an_unknown_value_says_the_table_may_have_changed():
    with pytest.raises(StatbankError, match="tabellen kan være ændret hos Danmarks Statistik"):
        statbank.resolve(info("FOLK1A"), {"ALDER": ["15", "200"], "Tid": ["*"]})


# Fetching --------------------------------------------------------------------------------------


class Opener:
    """An `opener` that answers or raises from a list, recording each call."""

    def __init__(self, *outcomes):
        self.outcomes = list(outcomes)
        self.calls: list[tuple[object, float]] = []

    def __call__(self, request, timeout):
        self.calls.append((request, timeout))
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, BaseException):
            raise outcome
        return io.BytesIO(outcome)


def http_error(code: int, body: bytes) -> urllib.error.HTTPError:
    return urllib.error.HTTPError(
        "https://api.statbank.dk/v1/data", code, "fejl", email.message.Message(), io.BytesIO(body)
    )


def fetch(opener: Opener, pauses: list[float]) -> bytes:
    return statbank.fetch(statbank.tableinfo_request("FOLK1A"), opener=opener, sleep=pauses.append)


def test_fetch_posts_the_body_with_a_timeout():
    opener, pauses = Opener(b'{"id": "FOLK1A"}'), []
    assert fetch(opener, pauses) == b'{"id": "FOLK1A"}'
    [(request, timeout)] = opener.calls
    assert request.get_method() == "POST" and request.full_url.endswith("/v1/tableinfo")
    assert json.loads(request.data)["table"] == "FOLK1A"
    assert timeout == statbank.TIMEOUT_S and pauses == []


def test_offline_is_retried_once_then_named_in_danish():
    error = urllib.error.URLError("[Errno -3] Temporary failure in name resolution")
    opener, pauses = Opener(error, error), []
    with pytest.raises(StatbankError) as caught:
        fetch(opener, pauses)
    assert str(caught.value) == (
        "Kunne ikke nå Danmarks Statistik (api.statbank.dk): [Errno -3] Temporary failure in "
        "name resolution. Tjek netforbindelsen og prøv igen."
    )
    assert len(opener.calls) == 1 + statbank.RETRIES == 2
    assert pauses == [statbank.RETRY_PAUSE_S]


def test_a_broken_connection_while_reading_is_named_in_danish():
    error = ssl.SSLError("record layer failure")
    opener, pauses = Opener(error, error), []
    with pytest.raises(StatbankError, match=r"^Kunne ikke nå Danmarks Statistik"):
        fetch(opener, pauses)
    assert len(opener.calls) == 2


@pytest.mark.parametrize(
    "error", [TimeoutError("timed out"), urllib.error.URLError(TimeoutError())]
)
def test_a_timeout_says_how_long_was_waited(error: Exception):
    opener, pauses = Opener(error, error), []
    with pytest.raises(StatbankError, match="svarede ikke inden for 30 sekunder om tabel FOLK1A"):
        fetch(opener, pauses)
    assert len(opener.calls) == 2


def test_a_rejected_request_is_not_retried_and_says_why():
    body = json.dumps({"errorTypeCode": "EXTRACT-NOTFOUND", "message": "Ukendt tabel"}).encode()
    opener, pauses = Opener(http_error(400, body), b"never reached"), []
    with pytest.raises(StatbankError) as caught:
        fetch(opener, pauses)
    assert str(caught.value) == (
        "Danmarks Statistik afviste forespørgslen om tabel FOLK1A (HTTP 400): Ukendt tabel"
    )
    assert len(opener.calls) == 1 and pauses == []


def test_a_server_error_is_retried_and_the_second_answer_counts():
    opener, pauses = Opener(http_error(503, b"<html>busy</html>"), b"OMR\xc3\x85DE;INDHOLD\n"), []
    assert fetch(opener, pauses) == "OMRÅDE;INDHOLD\n".encode()
    assert len(opener.calls) == 2 and pauses == [statbank.RETRY_PAUSE_S]


def test_a_lasting_server_error_is_an_error():
    opener = Opener(http_error(500, b""), http_error(502, b""))
    with pytest.raises(StatbankError, match=r"svarede med en fejl om tabel FOLK1A \(HTTP 502\)"):
        fetch(opener, [])


# Deriving --------------------------------------------------------------------------------------


def derived(fake: FakeStatbank | None = None) -> dict[tuple[str, str, int], dict[str, str]]:
    fake = fake or FakeStatbank()
    rows = dst.derive(dst.fetch_population(fake), dst.fetch_decisions(fake), FETCHED)
    by_key = {(r["indicator"], r["area"], int(r["year"])): r for r in rows}
    assert len(by_key) == len(rows), "one row per indicator, area and year"
    return by_key


def values(rows: dict, indicator: str, area: str) -> dict[int, str]:
    return {y: r["value"] for (i, a, y), r in rows.items() if (i, a) == (indicator, area)}


def test_the_data_calls_ask_for_the_resolved_codes():
    fake = FakeStatbank()
    derived(fake)
    assert [(r.endpoint, r.table) for r in fake.requests] == [
        ("tableinfo", "FOLK1A"),
        ("data", "FOLK1A"),
        ("tableinfo", "STRAF44"),
        ("data", "STRAF44"),
    ]
    folk = {v["code"]: v["values"] for v in fake.data_body("FOLK1A")["variables"]}
    assert folk["Tid"] == ["2020K1", "2021K1", "2022K1"], "1 January only"
    assert folk["ALDER"] == [str(a) for a in range(15, 26)]
    assert sorted(folk["OMRÅDE"]) == ["101", "461", "561", "751", "851"]
    straf = {v["code"]: v["values"] for v in fake.data_body("STRAF44")["variables"]}
    assert straf["OVERTRÆD"] == ["1", VOLD_CODE]
    assert straf["AFGØRELSE"] == ["000"]
    assert straf["ALDER"] == [str(a) for a in range(15, 25)]


def test_population_is_the_sum_of_single_ages():
    rows = derived()
    assert values(rows, "befolkning_15_17", "koebenhavn") == {
        2020: "3000",
        2021: "3000",
        2022: "3000",
    }
    assert values(rows, "befolkning_18_24", "aarhus")[2021] == "3500"
    assert values(rows, "befolkning_18_25", "esbjerg")[2022] == "1200"
    # The four cities pooled: 3 ages x (500 + 300 + 250 + 150).
    assert values(rows, "befolkning_15_17", "fire-byer-samlet")[2020] == "3600"


def test_decisions_are_counted_per_offence_and_year():
    rows = derived()
    assert values(rows, "afgoerelser_15_17_antal", "koebenhavn") == {
        2020: "30",
        2021: "60",
        2022: "90",
        2023: "120",
    }
    assert values(rows, "afgoerelser_18_24_vold_antal", "koebenhavn")[2020] == "14"
    assert values(rows, "afgoerelser_15_17_antal", "fire-byer-samlet")[2020] == "33"


def test_rates_are_decisions_per_100_of_the_same_year():
    rows = derived()
    assert values(rows, "afgoerelser_15_17_per_100", "koebenhavn") == {
        2020: "1",
        2021: "2",
        2022: "3",
    }
    # 2023 has decisions but no population yet: no rate.
    assert values(rows, "afgoerelser_18_24_vold_per_100", "koebenhavn")[2020] == "0.2"
    # Pooled: 33 decisions per 3,600 young people, not the mean of four rates.
    assert values(rows, "afgoerelser_15_17_per_100", "fire-byer-samlet")[2020] == "0.9167"
    assert values(rows, "afgoerelser_18_24_vold_per_100", "fire-byer-samlet")[2021] == "0.6667"


def test_a_missing_age_leaves_the_group_missing_not_smaller():
    def odense_16_missing_2021(cell: Cell) -> float | None:
        if (cell["OMRÅDE"], cell["ALDER"], cell["Tid"]) == ("461", "16", "2021K1"):
            return None
        return people(cell)

    rows = derived(FakeStatbank(FOLK1A=odense_16_missing_2021))
    assert 2021 not in values(rows, "befolkning_15_17", "odense")
    assert 2021 not in values(rows, "afgoerelser_15_17_per_100", "odense")
    assert values(rows, "befolkning_18_24", "odense")[2021] == "2100", "other groups are whole"
    # Without Odense there is no pooled figure for the four cities that year.
    assert 2021 not in values(rows, "befolkning_15_17", "fire-byer-samlet")
    assert 2021 not in values(rows, "afgoerelser_15_17_per_100", "fire-byer-samlet")
    assert values(rows, "afgoerelser_15_17_per_100", "fire-byer-samlet")[2020] == "0.9167"
    assert values(rows, "afgoerelser_15_17_antal", "fire-byer-samlet")[2021] == "66"


def test_missing_decisions_of_one_city_leave_the_pooled_rate_missing():
    def esbjerg_vold_missing_2022(cell: Cell) -> float | None:
        if (cell["OMRÅDE"], cell["OVERTRÆD"], cell["Tid"]) == ("561", VOLD_CODE, "2022"):
            return None
        return decisions(cell)

    rows = derived(FakeStatbank(STRAF44=esbjerg_vold_missing_2022))
    assert 2022 not in values(rows, "afgoerelser_18_24_vold_antal", "esbjerg")
    assert 2022 not in values(rows, "afgoerelser_18_24_vold_per_100", "fire-byer-samlet")
    assert 2022 in values(rows, "afgoerelser_18_24_vold_per_100", "aarhus")
    assert 2022 in values(rows, "befolkning_18_24", "fire-byer-samlet")


def test_no_rate_without_people_of_that_age():
    def no_young_in_esbjerg_2020(cell: Cell) -> float | None:
        return 0 if (cell["OMRÅDE"], cell["Tid"]) == ("561", "2020K1") else people(cell)

    rows = derived(FakeStatbank(FOLK1A=no_young_in_esbjerg_2020))
    assert values(rows, "befolkning_15_17", "esbjerg")[2020] == "0"
    assert 2020 not in values(rows, "afgoerelser_15_17_per_100", "esbjerg")
    assert 2021 in values(rows, "afgoerelser_15_17_per_100", "esbjerg")


def test_only_the_first_quarter_counts_as_the_population_of_the_year():
    fake = FakeStatbank()
    population = dst.fetch_population(fake)
    # Should an answer hold other quarters too, they are not added to 1 January.
    later = population.assign(tid=population["tid"].str.replace("K1", "K2"), value=99999.0)
    later["value"] = later["value"].astype("Float64")
    rows = dst.derive(pd.concat([population, later]), dst.fetch_decisions(fake), FETCHED)
    kbh = [r for r in rows if (r["indicator"], r["area"]) == ("befolkning_15_17", "koebenhavn")]
    assert [(r["year"], r["value"]) for r in kbh] == [
        ("2020", "3000"),
        ("2021", "3000"),
        ("2022", "3000"),
    ]


def test_every_row_names_its_tables_and_the_date_it_was_fetched():
    rows = list(derived().values())
    assert {r["indicator"] for r in rows} == set(dst.INDICATORS)
    for row in rows:
        assert row["source_title"].startswith("Egne beregninger på Danmarks Statistik, tabel")
        assert "hentet 25.11.2026" in row["source_title"]
        assert "2026-11-25" in row["note"] and row["quality"] == "primary"
        if row["indicator"].endswith("_per_100"):
            assert row["source_title"].startswith(
                "Egne beregninger på Danmarks Statistik, tabel STRAF44 og FOLK1A"
            )
        if row["indicator"].startswith("befolkning"):
            assert "tabel FOLK1A (summen af enkeltår" in row["source_title"]
            assert row["source_url"] == "https://www.statistikbanken.dk/FOLK1A"
        if row["indicator"].startswith("afgoerelser"):
            assert "ikke sigtelser" in row["note"]
            assert row["source_url"] == "https://www.statistikbanken.dk/STRAF44"
        assert ("samlet for Aarhus, Odense, Aalborg og Esbjerg" in row["note"]) == (
            row["area"] == "fire-byer-samlet"
        )


def test_ages_and_municipalities_come_from_the_registry(tmp_path: Path):
    """The age groups (indicators.csv `ages`) and municipality codes (areas.csv `kommunekode`)
    are data: changing them changes what is asked of Danmarks Statistik."""
    facts = registry.load(DATA_DIR)
    assert facts.places.codes == {
        "101": "koebenhavn",
        "751": "aarhus",
        "461": "odense",
        "851": "aalborg",
        "561": "esbjerg",
    }
    assert all(i in facts.ages and i in facts.units for i in dst.INDICATORS)
    assert dst.population_wanted(facts)["ALDER"] == [str(a) for a in range(15, 26)]
    copy = copy_project_data(tmp_path)
    indicators = copy / "indicators.csv"
    indicators.write_text(
        indicators.read_text(encoding="utf-8").replace(
            ",18-25,sigtede_18_25", ",18-27,sigtede_18_25"
        ),
        encoding="utf-8",
    )
    changed = registry.load(copy)
    assert dst.population_wanted(changed)["ALDER"] == [str(a) for a in range(15, 28)]
    assert dst.decisions_wanted(changed)["OMRÅDE"] == list(facts.places.codes)


# Publishing the figures ------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A private published store with the bundled data."""
    return private_store(tmp_path)


def parquet_figures(store: Path) -> pd.DataFrame:
    sql = "SELECT * FROM read_parquet($1) ORDER BY line"
    path = versions.current(store).parquet / "figures.parquet"
    return duckdb.connect().execute(sql, [str(path)]).df()


def test_update_replaces_its_own_rows_and_keeps_the_others(store: Path):
    others = current_figures(store)
    counts = dst.update(store, fetcher=FakeStatbank(), today=FETCHED)
    assert counts["befolkning_15_17"] == 6 * 3 and counts["afgoerelser_15_17_antal"] == 6 * 4
    first = versions.current(store)
    assert first.number == 2 and first.record.added == sum(counts.values())
    assert first.record.file_name == "Danmarks Statistik: FOLK1A og STRAF44"
    again = dst.update(store, fetcher=FakeStatbank(), today=date(2026, 12, 1))
    assert again == counts
    record = versions.current(store).record  # the date of fetching is in the source title
    n = sum(counts.values())
    assert (record.added, record.changed, record.removed) == (n, 0, n)

    rows = current_figures(store)
    ours = [r for r in rows if r["indicator"] in dst.INDICATORS]
    assert len(ours) == sum(counts.values()), "a second run replaces, never duplicates"
    assert all("hentet 01.12.2026" in r["source_title"] for r in ours)
    assert [r for r in rows if r["indicator"] not in dst.INDICATORS] == others

    figures = parquet_figures(store)
    assert len(figures) == len(rows)
    kbh = figures[
        (figures["indicator"] == "afgoerelser_15_17_per_100")
        & (figures["area"] == "koebenhavn")
        & (figures["year"] == 2021)
    ]
    assert kbh["value"].tolist() == [2.0]


def assert_unchanged_after_main(store: Path, capsys) -> str:
    """Runs main on the store; returns stderr after checking that no file changed."""
    before = snapshot(store)
    assert dst.main(["--store", str(store)]) == 1
    assert snapshot(store) == before, "a failed run must change nothing"
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("Intet er ændret. ")
    return captured.err


def test_offline_changes_nothing(store: Path, monkeypatch, capsys):
    opener = Opener(*[urllib.error.URLError("Name or service not known")] * 2)
    pauses: list[float] = []
    offline = functools.partial(statbank.fetch, opener=opener, sleep=pauses.append)
    monkeypatch.setattr(dst, "update", functools.partial(dst.update, fetcher=offline))
    err = assert_unchanged_after_main(store, capsys)
    assert "Kunne ikke nå Danmarks Statistik (api.statbank.dk): Name or service not known" in err
    assert len(opener.calls) == 2 and len(pauses) == 1


def test_a_failure_in_the_last_call_writes_nothing(store: Path, monkeypatch, capsys):
    fake = FakeStatbank()

    def fails_on_straf44_data(request: statbank.Request) -> bytes:
        if request.endpoint == "data" and request.table == "STRAF44":
            raise StatbankError(
                "Danmarks Statistik afviste forespørgslen om tabel STRAF44 (HTTP 400)"
            )
        return fake(request)

    monkeypatch.setattr(dst, "update", functools.partial(dst.update, fetcher=fails_on_straf44_data))
    err = assert_unchanged_after_main(store, capsys)
    assert "tabel STRAF44 (HTTP 400)" in err
    assert len(fake.requests) == 3, "FOLK1A was fetched, STRAF44's data was not"


def test_figures_that_fail_validation_change_nothing(store: Path, monkeypatch, capsys):
    def negative(cell: Cell) -> float | None:
        return -decisions(cell)

    fake = FakeStatbank(STRAF44=negative)
    monkeypatch.setattr(dst, "update", functools.partial(dst.update, fetcher=fake))
    err = assert_unchanged_after_main(store, capsys)
    assert "data/figures.csv" in err and "er negativ" in err


def test_an_answer_without_figures_keeps_the_old_ones(store: Path, monkeypatch, capsys):
    fake = FakeStatbank(STRAF44=lambda cell: None)
    monkeypatch.setattr(dst, "update", functools.partial(dst.update, fetcher=fake))
    err = assert_unchanged_after_main(store, capsys)
    assert "gav ingen tal for afgoerelser_15_17_antal" in err


def test_main_reports_rows_per_table(store: Path, monkeypatch, capsys):
    monkeypatch.setattr(dst, "update", functools.partial(dst.update, fetcher=FakeStatbank()))
    assert dst.main(["--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert f"Hentet fra Danmarks Statistik {date.today():%d.%m.%Y}" in out
    assert "- tabel FOLK1A: 54 tal (befolkning_15_17: 18" in out
    assert "- tabel STRAF44: 48 tal" in out
    assert "- tabel STRAF44 og FOLK1A: 36 tal" in out
    assert "Version 2 er den gældende." in out


def test_a_site_without_a_pooled_comparison_group_is_told_so_in_danish():
    """Eksempelby publishes its neighbours' average but not their sums: the youth figures'
    commands cannot count for it, and say which row is missing instead of failing."""
    from sikkerby.errors import DataError
    from sikkerby.paths import ROOT

    with pytest.raises(DataError) as raised:
        registry.load(ROOT / "tests" / "fixtures" / "eksempelby" / "data")
    (problem,) = raised.value.problems
    assert problem.file == "areas.csv" and problem.column == "kind"
    assert "præcis ét område af slagsen »samlet«" in problem.message
    assert "filen har 0" in problem.message
