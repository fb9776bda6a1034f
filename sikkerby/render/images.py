"""Charts and the district map as PNG images, offline, for a document (the yearly report).

The same Vega-Lite specs the pages draw, rendered by vl-convert (it bundles Vega and needs no
browser or network; it draws in a child process, `render/vega.py`), and the presentation's
district map SVG rasterised the same way.
"""

import json
from functools import lru_cache

from sikkerby.domain.districts import DistrictYear
from sikkerby.render import slides, vega
from sikkerby.render.scale import ColourScale

SCALE = 2  # pixels per unit: sharp when printed at the width a Word page gives it
CHART_SIZE = (620, 240)  # the chart's own units, as a Word page's width holds it


@lru_cache(maxsize=128)
def _chart(spec_json: str, width: int, height: int) -> bytes:
    spec = json.loads(spec_json)
    spec["width"], spec["height"] = width, height
    spec["padding"] = {"left": 12, "right": 24, "top": 8, "bottom": 8}
    spec.setdefault("config", {})["background"] = "#ffffff"
    return vega.vegalite_to_png(spec, scale=SCALE)


def chart_png(spec: dict, width: int = CHART_SIZE[0], height: int = CHART_SIZE[1]) -> bytes:
    """A chart's Vega-Lite spec drawn as a PNG (Danish numbers: the spec carries its locale)."""
    return _chart(json.dumps(spec, sort_keys=True), width, height)


def map_png(data: DistrictYear, scale: ColourScale, name: str) -> bytes:
    """The district map of one measure and year as a PNG (the presentation's map)."""
    return vega.svg_to_png(slides.district_svg(data, scale, name, size=True), SCALE)
