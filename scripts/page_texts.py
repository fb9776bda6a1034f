"""Every text each page shows, for a set of URLs: a before/after record for changing the code.

Runs each URL with AppTest and writes one line per element (its type and its text: headings,
paragraphs, captions, notices, large numbers with their help, tables as CSV, choices, links,
the map's legend) under a heading naming the URL. Run it before and after a change and compare:

    .venv/bin/python scripts/page_texts.py > before.txt
    ... change the code ...
    .venv/bin/python scripts/page_texts.py > after.txt
    diff before.txt after.txt

`--charts` adds each chart's Vega-Lite spec and data.
"""

import re
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pyarrow as pa
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sikkerby import queries  # noqa: E402
from sikkerby.ingest import publish  # noqa: E402
from sikkerby.ingest.publish import default_store  # noqa: E402
from sikkerby.render import links  # noqa: E402

PAGES = {f"/{p.url_path}": p.file for p in links.PAGES}
# With --charts, each chart's Vega-Lite spec and data are written too.
CHARTS = "--charts" in sys.argv


def urls() -> list[str]:
    """Every page with its parameters: each period, each map measure and year (and a district),
    every area, and some strange values."""
    publish.ensure()
    store = default_store()
    reg = queries.registry_of(store)
    found = [links.overview(p.period).url for p in reg.periods]
    found += ["/", "/?periode=1999"]
    district_ids = [d.area_id for d in reg.districts]
    for m in reg.map_measures:
        years = store.year_counts(m.indicator, district_ids)
        found += [links.district_map(m.map_key, y).url for y in years]
    found += [
        "/kort",
        "/kort?indikator=utrygge_nabolag&aar=2017&bydel=bispebjerg",
        "/kort?indikator=trygge_nabolag&aar=2025&bydel=ydre-noerrebro",
        "/kort?indikator=trygge_aften_nat&aar=2022&bydel=christianshavn",
        "/kort?indikator=borgervendt&aar=2017&bydel=vesterbro",
        "/kort?indikator=ukendt&aar=1999&bydel=atlantis",
    ]
    found += [links.area(a.area_id, "").url for a in reg.page_areas]
    found += ["/bydele", "/bydele?bydel=atlantis", links.youth("Unge").url]
    return found


# A backslash before ASCII punctuation (and a word joiner after "http"): how the pages escape
# text for Markdown; the text a visitor reads has none of them.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def shown(value: str) -> str:
    return _ESCAPED.sub(r"\1", value).replace("\u2060", "")


def texts(node) -> list[str]:
    """(type: text) lines for an element and everything inside it, in page order."""
    kind = getattr(node, "type", "")
    children = getattr(node, "children", None)
    if children:
        values = children.values() if isinstance(children, dict) else children
        lines = [f"{kind}: {shown(node.label)}"] if kind == "expander" else []
        for child in values:
            lines += texts(child)
        return lines
    proto = getattr(node, "proto", None)
    if kind == "metric":
        return [f"metric: {shown(node.label)} = {node.value} | {shown(proto.help)}"]
    if kind in ("dataframe", "table"):
        return [f"{kind}:\n{shown(node.value.to_csv(index=False))}"]
    if kind in ("selectbox", "button_group"):
        options = [shown(o) for o in node.options]
        return [f"{kind}: {shown(node.label)} = {node.value} of {options}"]
    if kind == "page_link":
        return [f"page_link: {shown(proto.label)} -> {proto.page}?{proto.query_string}"]
    if kind == "download_button":
        return [f"download_button: {proto.label}"]
    if kind == "html":
        return [f"html: {proto.body}"]
    if kind == "vega_lite_chart" and CHARTS:
        return [f"vega_lite_chart: {proto.spec}", *(f"dataset: {d}" for d in chart_data(proto))]
    value = getattr(node, "value", None)
    if isinstance(value, str):
        return [f"{kind}: {shown(value)}"]
    return [kind] if kind else []


def chart_data(proto) -> list[str]:
    """A chart's datasets as CSV (Streamlit sends them as Arrow beside the spec)."""
    return [
        pa.ipc.open_stream(d.data.data).read_all().to_pandas().to_csv(index=False)
        for d in proto.datasets
    ]


def page_texts(url: str) -> list[str]:
    parts = urlsplit(url)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update(dict(parse_qsl(parts.query)))
    app.switch_page(PAGES[parts.path])
    app.run()
    lines = [f"exception: {e.value}" for e in app.exception]
    return lines + texts(app._tree) + [f"url: {dict(app.query_params)}"]


def main() -> None:
    for url in urls():
        print(f"===== {url}")
        print("\n".join(page_texts(url)))


if __name__ == "__main__":
    main()
