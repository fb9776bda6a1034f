"""Vega-Lite charts and SVG drawn by vl-convert, in a child process of their own.

vl-convert embeds a JavaScript engine with Vega. Its first drawing in a process takes about a
second, and the engine then keeps about 100 MB in that process for good: in a page server that
was a quarter of its memory once anyone had opened the presentation. So the drawing is done by a
child process (`python -m sikkerby.render.vega`), started by the first drawing, drawing one
thing at a time for every thread of the server, and ended after IDLE_S seconds without work.
The results are the bytes vl-convert gives; the slides and the report cache what they draw.

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

from sikkerby.errors import SikkerByError
from sikkerby.paths import ROOT

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
                    [sys.executable, "-m", "sikkerby.render.vega"],
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
