"""The slides' charts and the report's images, drawn by vl-convert in a child process of its
own: Vega-Lite specs as SVG (a slide's chart) and PNG (the report's), and the map's SVG as PNG.

vl-convert embeds a JavaScript engine with Vega. Its first drawing in a process takes about a
second, and the engine then keeps about 100 MB in that process for good: in a page server that
was a quarter of its memory once anyone had opened the presentation. So the drawing is done by a
child process (`python -m sikkerby.drawing`), started by the first drawing, drawing one
thing at a time for every thread of the server, and ended after IDLE_S seconds without work.
What is drawn is prepared and finished by the drawings' own code (`sikkerby.render.slides`,
`sikkerby.render.images`: pure, they start no process), and cached here.

One request and one answer per line on the child's stdin and stdout, as JSON:
{"do": "vegalite_to_svg" | "vegalite_to_png" | "svg_to_png", "args": [...], "scale": …}
is answered by {"text": …} (SVG), {"base64": …} (PNG) or {"error": …}.
"""

import base64
import json
import select
import subprocess
import sys
import threading
from functools import lru_cache

from sikkerby import boundaries
from sikkerby.domain.districts import DistrictYear
from sikkerby.errors import SikkerByError
from sikkerby.paths import ROOT
from sikkerby.render import images, slides
from sikkerby.render.scale import ColourScale

IDLE_S = 60.0  # the child ends after this long without a drawing
ANSWER_S = 120.0  # one drawing that takes longer is an error (the child is then ended)
_DRAWINGS = ("vegalite_to_svg", "vegalite_to_png", "svg_to_png")


class _Child:
    """The drawing process: started when needed, one request at a time, ended when idle."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._idle: threading.Timer | None = None

    def ask(self, do: str, args: list, **options) -> dict:
        with self._lock:
            if self._idle is not None:
                self._idle.cancel()
            if self._process is None or self._process.poll() is not None:
                self._process = subprocess.Popen(
                    [sys.executable, "-m", "sikkerby.drawing"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    cwd=ROOT,
                )
            try:
                answer = self._exchange(self._process, {"do": do, "args": args, **options})
            except (OSError, ValueError) as error:
                self._end()
                raise SikkerByError(f"Grafen kunne ikke tegnes: {error}") from None
            self._idle = threading.Timer(IDLE_S, self.end)
            self._idle.daemon = True
            self._idle.start()
        if "error" in answer:
            raise SikkerByError(f"Grafen kunne ikke tegnes: {answer['error']}")
        return answer

    @staticmethod
    def _exchange(process: subprocess.Popen, request: dict) -> dict:
        process.stdin.write(json.dumps(request).encode() + b"\n")
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], ANSWER_S)
        line = process.stdout.readline() if ready else b""
        if not line:
            raise OSError("tegneprocessen svarede ikke")
        return json.loads(line)

    def _end(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None

    def end(self) -> None:
        with self._lock:
            self._end()

    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None


_child = _Child()


def vegalite_to_svg(spec: dict) -> str:
    return _child.ask("vegalite_to_svg", [spec])["text"]


def vegalite_to_png(spec: dict, scale: float) -> bytes:
    return base64.b64decode(_child.ask("vegalite_to_png", [spec], scale=scale)["base64"])


def svg_to_png(svg: str, scale: float) -> bytes:
    return base64.b64decode(_child.ask("svg_to_png", [svg], scale=scale)["base64"])


# What the slides and the report draw ------------------------------------------------------------


@lru_cache(maxsize=256)
def _slide_svg(spec_json: str, width: int, height: int) -> str:
    spec = slides.slide_spec(json.loads(spec_json), width, height)
    return slides.slide_svg(vegalite_to_svg(spec), spec)


def slide_chart(spec: dict | None, missing: str | None, width: int = 760, height: int = 300) -> str:
    """A chart on a slide (`slides.chart`), drawn for a wide screen and for a phone; what is
    missing instead when there is no chart."""
    if spec is None:
        return slides.paragraph(missing)
    spec_json = json.dumps(spec, sort_keys=True)
    return slides.chart(_slide_svg(spec_json, width, height), _slide_svg(spec_json, *slides.NARROW))


@lru_cache(maxsize=128)
def _chart_png(spec_json: str, width: int, height: int) -> bytes:
    spec = images.png_spec(json.loads(spec_json), width, height)
    return vegalite_to_png(spec, scale=images.SCALE)


def chart_png(
    spec: dict, width: int = images.CHART_SIZE[0], height: int = images.CHART_SIZE[1]
) -> bytes:
    """A chart's Vega-Lite spec drawn as a PNG (Danish numbers: the spec carries its locale)."""
    return _chart_png(json.dumps(spec, sort_keys=True), width, height)


def map_png(data: DistrictYear, scale: ColourScale, name: str) -> bytes:
    """The district map of one measure and year as a PNG, the districts named
    (`images.map_svg`)."""
    return svg_to_png(images.map_svg(data, scale, name, boundaries.of_site()), images.SCALE)


# The child ---------------------------------------------------------------------------------------


def _draw(request: dict) -> dict:
    import vl_convert

    if request.get("do") not in _DRAWINGS:
        return {"error": f"ukendt tegning: {request.get('do')!r}"}
    try:
        options = {"scale": request["scale"]} if "scale" in request else {}
        made = getattr(vl_convert, request["do"])(*request["args"], **options)
    except Exception as error:  # vl-convert's errors are plain exceptions with Vega's text
        return {"error": str(error)}
    if isinstance(made, str):
        return {"text": made}
    return {"base64": base64.b64encode(bytes(made)).decode()}


def main() -> None:
    """The child: draw each request read from stdin, answer each on its own line."""
    for line in sys.stdin.buffer:
        sys.stdout.write(json.dumps(_draw(json.loads(line))) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
