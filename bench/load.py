"""Load benchmark (not a test): many viewers, each speaking Streamlit's own websocket protocol.

First one session visits every page once (EVERY_PAGE), as the first visitors after a start do:
its runs are the pages' first runs over the websocket, and the memory after it is the memory
with every page visited. Then, for each configuration, each session is one websocket to
/_stcore/stream, as a browser tab is. It walks the overview, the map and a change of the map's
year, again and again, optionally with think time between runs. A run counts when the server
says it finished successfully and its deltas hold the text the page must show (the page really
rendered, not an error box). Sessions start spread over a ramp-up; only runs started after it,
within the measuring window, are counted, so the figures are steady state. It reports per
number of sessions: runs per second, p50/p95/max of a run's time from request to
`script_finished`, errors, and the server processes' CPU (cores) and memory.

    .venv/bin/python bench/load.py                      # starts its own server on loopback
    .venv/bin/python bench/load.py --sessions 1 10 50 --think 0 2 --duration 20
    .venv/bin/python bench/load.py --url ws://127.0.0.1:8080/_stcore/stream --pids 123 456

Loopback only; every step has a time-out, so a configuration ends within ramp + window + 60 s.
Writes bench/results/load.json. The client speaks Streamlit's own websocket protocol (the
BackMsg/ForwardMsg protobufs Streamlit ships, as the functions below use them); a browser's
st_folium reports back once more per map view, which a protocol client does not.
"""

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from harness import free_port, start_streamlit, stop, wait_healthy  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "load.json"
RUN_TIMEOUT_S = 60  # one run that takes longer is an error
LOOPBACK = ("127.0.0.1", "localhost", "::1")
SUCCESS = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN


@dataclass(frozen=True)
class Step:
    """One run of a session's walk: a page (its URL path, "" for the overview) with a query, or
    a change of a widget (its key and the option chosen), and a text the run must render."""

    name: str
    page: str
    query: str
    expected: str  # as the page sends it (escaped where Markdown would read it)
    widget_key: str | None = None
    option: str | None = None
    address: str | None = None  # what the page must then write in the address


# The walk: the overview, the map, and the map's year changed on the page.
WALK = (
    # As the page sends it: escaped only where Markdown would read it (sikkerby.ui.components).
    Step("overblik", "", "periode=2018-2021", "Sikker By – hvor står målene?"),
    Step("kort", "kort", "indikator=trygge_nabolag&aar=2026", "Bydelene rangeret"),
    Step(
        "kort-aar",
        "kort",
        "",
        "Bydelene rangeret",
        widget_key="kort_aar",
        option="2025",
        address="indikator=trygge_nabolag&aar=2025",
    ),
)
# Every page once, as the first visitors after a start: it warms the caches before the walks
# are measured, and the memory after it is the memory with every page visited.
EVERY_PAGE = (
    WALK[0],
    WALK[1],
    Step("bydele", "bydele", "", "Bydele og partnerskaber"),
    Step("unge", "unge", "", "Unge og kriminalitet"),
    Step("strategien", "strategien", "", "Strategien"),
    Step("metode", "metode", "", "Om data og metode"),
    Step("praesentation", "praesentation", "", "Hvor står målene"),
)


@dataclass
class Run:
    step: str
    started: float  # time.monotonic()
    seconds: float
    ok: bool
    error: str | None = None
    messages: int = 0
    bytes: int = 0


class Session:
    """One viewer: a websocket to the app, and what a browser would remember between runs (the
    pages' script hashes, the address, cached messages, the widgets on the page)."""

    def __init__(self, url: str):
        self.url = url
        self.page_hashes: dict[str, str] = {}  # url path -> page_script_hash
        self.query = ""
        self.cache: dict[str, bytes] = {}  # a cacheable message's hash -> its bytes
        self.widgets: dict[str, tuple[str, list[str]]] = {}  # key -> (element id, options)
        self.ws = None

    async def __aenter__(self) -> "Session":
        self.ws = await connect(
            self.url, subprotocols=["streamlit"], max_size=None, proxy=None, open_timeout=30
        )
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    def _state(self, step: Step) -> ClientState:
        state = ClientState(
            query_string=step.query if step.widget_key is None else self.query,
            page_name=step.page,
            page_script_hash=self.page_hashes.get(step.page, ""),
            cached_message_hashes=list(self.cache),
        )
        if step.widget_key is not None:
            element_id, options = self.widgets[step.widget_key]
            # An option by its label as shown ("2025 (13)": the year and its districts).
            label = next((o for o in options if o.split(" ")[0] == step.option), None)
            if label is None:
                raise LookupError(f"{step.widget_key}: no option {step.option!r} in {options}")
            widget = WidgetState(id=element_id)
            widget.string_array_value.data.append(label)
            state.widget_states.CopyFrom(WidgetStates(widgets=[widget]))
        return state

    def _note(self, msg: ForwardMsg) -> None:
        if msg.HasField("navigation"):
            for page in msg.navigation.app_pages:
                self.page_hashes[page.url_pathname] = page.page_script_hash
        if msg.HasField("page_info_changed"):
            self.query = msg.page_info_changed.query_string
        if msg.HasField("delta") and msg.delta.HasField("new_element"):
            element = msg.delta.new_element
            if element.WhichOneof("type") == "button_group":
                group = element.button_group
                key = group.id.rsplit("-", 1)[-1]
                self.widgets[key] = (group.id, [o.content for o in group.options])

    async def run(self, step: Step) -> Run:
        """One run: ask, then read until the run has finished (a run that was cut short for a
        rerun is followed by the run that replaced it)."""
        started = time.monotonic()
        result = Run(step.name, started, 0.0, False)
        seen = bytearray()
        try:
            back = BackMsg(rerun_script=self._state(step))
            await self.ws.send(back.SerializeToString())
            if step.widget_key is None:
                self.query = step.query
            while True:
                raw = await asyncio.wait_for(self.ws.recv(), RUN_TIMEOUT_S)
                result.messages += 1
                result.bytes += len(raw)
                msg = ForwardMsg.FromString(raw)
                if msg.HasField("ref_hash"):
                    raw = self.cache.get(msg.ref_hash, b"")
                    msg = ForwardMsg.FromString(raw)
                elif msg.metadata.cacheable:
                    self.cache[msg.hash] = raw
                self._note(msg)
                if msg.HasField("delta"):
                    seen += raw
                if msg.HasField("script_finished"):
                    if msg.script_finished == EARLY:
                        seen.clear()
                        continue
                    found = step.expected.encode() in seen
                    if step.address is not None:
                        found = found and self.query == step.address
                    result.ok = msg.script_finished == SUCCESS and found
                    if not result.ok:
                        result.error = "ikke vist" if msg.script_finished == SUCCESS else "fejl"
                    break
        except Exception as error:  # a time-out, a closed socket, no such option
            result.error = f"{type(error).__name__}: {error}"
        result.seconds = time.monotonic() - started
        return result


async def visit_every_page(url: str) -> list[Run]:
    """One session visiting EVERY_PAGE once."""
    async with Session(url) as session:
        return [await session.run(step) for step in EVERY_PAGE]


async def walk(url: str, start_after: float, stop_at: float, think: float) -> list[Run]:
    """One session walking WALK until `stop_at` (monotonic), starting after `start_after` s."""
    await asyncio.sleep(start_after)
    runs: list[Run] = []
    try:
        async with Session(url) as session:
            while time.monotonic() < stop_at:
                for step in WALK:
                    runs.append(await session.run(step))
                    if time.monotonic() >= stop_at:
                        break
                    if think:
                        await asyncio.sleep(think)
    except Exception as error:
        runs.append(Run("forbind", time.monotonic(), 0.0, False, f"{type(error).__name__}"))
    return runs


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _memory_mb(pid: int) -> tuple[float, float]:
    """(resident now, peak resident) in MB."""
    status = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def measure(
    url: str, pids: list[int], sessions: int, think: float, ramp: float, window: float
) -> dict:
    """Sessions spread over `ramp` seconds, then a `window` of seconds counted."""
    begin = time.monotonic()
    counted_from, stop_at = begin + ramp, begin + ramp + window
    tasks = [walk(url, ramp * i / sessions, stop_at, think) for i in range(sessions)]
    cpu_start: dict[int, float] = {}

    async def mark_cpu() -> None:
        await asyncio.sleep(max(0.0, counted_from - time.monotonic()))
        cpu_start.update({pid: _cpu_seconds(pid) for pid in pids})

    *runs_each, _ = await asyncio.wait_for(
        asyncio.gather(*tasks, mark_cpu()), ramp + window + RUN_TIMEOUT_S
    )
    elapsed = time.monotonic() - counted_from
    cpu = sum(_cpu_seconds(pid) - cpu_start[pid] for pid in pids) / max(elapsed, 1e-9)
    runs = [r for each in runs_each for r in each if counted_from <= r.started < stop_at]
    good = [r.seconds for r in runs if r.ok]
    errors = [r for r in runs if not r.ok]
    memory = [_memory_mb(pid) for pid in pids]
    return {
        "sessions": sessions,
        "processes": len(pids),
        "think_s": think,
        "runs": len(runs),
        "runs_per_s": round(len(good) / window, 2),
        "p50_ms": round(1000 * statistics.median(good)) if good else None,
        "p95_ms": round(1000 * _percentile(good, 0.95)) if good else None,
        "max_ms": round(1000 * max(good)) if good else None,
        "errors": len(errors),
        "error_kinds": sorted({e.error or "" for e in errors}),
        "cpu_cores": round(cpu, 2),
        "rss_mb": [round(now) for now, _ in memory],
        "peak_rss_mb": [round(peak) for _, peak in memory],
        "kb_per_run": round(sum(r.bytes for r in runs) / max(len(runs), 1) / 1024, 1),
    }


def _loopback(url: str) -> str:
    host = urlparse(url).hostname or ""
    if host not in LOOPBACK:
        raise SystemExit(f"Kun denne maskine: {host} er ikke 127.0.0.1 eller localhost.")
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 10, 25, 50])
    parser.add_argument("--think", type=float, nargs="+", default=[0, 2])
    parser.add_argument("--ramp", type=float, default=5, help="seconds to start the sessions")
    parser.add_argument("--duration", type=float, default=20, help="seconds counted")
    parser.add_argument("--url", help="a running app's ws://127.0.0.1:PORT/_stcore/stream")
    parser.add_argument("--pids", type=int, nargs="*", default=[], help="its server processes")
    args = parser.parse_args()
    proc = log = None
    if args.url:
        url, pids = _loopback(args.url), args.pids
    else:
        port = free_port()
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        log = (RESULTS.parent / "load-server.log").open("w")
        proc = start_streamlit(ROOT / "app.py", port, log)
        wait_healthy(proc, port, 60)
        url, pids = f"ws://127.0.0.1:{port}/_stcore/stream", [proc.pid]
    results, first, memory = [], [], []
    try:
        first = asyncio.run(visit_every_page(url))
        memory = [round(_memory_mb(pid)[0]) for pid in pids]
        print("first visit of every page after the start (ms):")
        print("  " + ", ".join(f"{r.step} {r.seconds * 1000:.0f}" for r in first))
        print(f"  errors: {[r.step for r in first if not r.ok]}; MB per process after: {memory}")
        print("sessions  think  runs/s    p50     p95     max  errors  cores  MB per process")
        for think in args.think:
            for n in args.sessions:
                r = asyncio.run(measure(url, pids, n, think, args.ramp, args.duration))
                results.append(r)
                print(
                    f"{n:8d} {think:5.0f}s {r['runs_per_s']:7.1f} {r['p50_ms'] or 0:6d}ms "
                    f"{r['p95_ms'] or 0:6d}ms {r['max_ms'] or 0:6d}ms {r['errors']:7d} "
                    f"{r['cpu_cores']:6.2f}  {r['peak_rss_mb']}",
                    flush=True,
                )
    finally:
        if proc is not None:
            stop(proc)
            log.close()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": f"{platform.machine()}, {os.cpu_count()} cores",
                "walk": [asdict(s) for s in WALK],
                "first_visits_ms": {r.step: round(r.seconds * 1000) for r in first},
                "first_visit_errors": [r.step for r in first if not r.ok],
                "rss_mb_after_every_page": memory,
                "results": results,
            },
            indent=2,
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
