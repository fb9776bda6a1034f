"""Charts and the district map made ready as PNG images, offline, for a document (the yearly
report).

The same Vega-Lite specs the pages draw, sized for a page (`png_spec`), and the presentation's
district map SVG with each district's name over its figure (`map_svg`); vl-convert draws both
(it bundles Vega and needs no browser or network) in a child process, `sikkerby.drawing`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

import shapely

from sikkerby.domain.districts import DistrictYear
from sikkerby.render import charts, locator, slides, text
from sikkerby.render.scale import ColourScale

if TYPE_CHECKING:
    from sikkerby.boundaries import Boundaries

SCALE = 2  # pixels per unit: sharp when printed at the width a Word page gives it
CHART_SIZE = (620, 240)  # the chart's own units, as a Word page's width holds it
# The map's labels, in its units (600 wide; 13 cm on the page: a unit is 0,21 mm), so a name
# prints at 9 pt and a figure at 10 pt (at 16 and 18 units a label no longer fits in Ydre
# Nørrebro on three of the maps).
NAME_PX = 15
VALUE_PX = 17
# Text widths per character in ems, a little over DejaVu Sans's (the widest sans-serif the
# drawing may fall back to), so an estimated box holds the drawn text.
EM_REGULAR, EM_BOLD = 0.62, 0.72
GAP = 3  # between two labels' boxes, in map units
HALO = 4  # the white edge around a label's letters, so it reads on any fill and outline
_POINT = re.compile(r"(-?[\d.]+),(-?[\d.]+)")


def png_spec(spec: dict, width: int, height: int) -> dict:
    """A chart's Vega-Lite spec made to draw at `width`×`height` (`sikkerby.drawing.chart_png`
    draws it)."""
    # The notes above a chart's plot are part of its size (a slide's box, a page's width).
    spec["width"], spec["height"] = width, height - charts.notes_height(spec.get("layer", []))
    spec["padding"] = {"left": 12, "right": 24, "top": 8, "bottom": 8}
    spec.setdefault("config", {})["background"] = "#ffffff"
    return spec


@dataclass(frozen=True)
class Label:
    """A district's name over its figure, its box (map units) and the point it belongs to."""

    name: str
    value: str
    x: float  # the box's centre
    y: float
    width: float
    height: float
    anchor: tuple[float, float]  # the district's label point
    home: bool = True  # the box's centre is in its own district (else a line leads to it)

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom)."""
        return (
            self.x - self.width / 2,
            self.y - self.height / 2,
            self.x + self.width / 2,
            self.y + self.height / 2,
        )


def _bold(value: str) -> bool:
    """A figure in bold; "ingen data" in the names' weight, so the figures stand out."""
    return value != text.NO_DATA


def _size(name: str, value: str) -> tuple[float, float]:
    em = EM_BOLD if _bold(value) else EM_REGULAR
    width = max(len(name) * NAME_PX * EM_REGULAR, len(value) * VALUE_PX * em)
    return width + 2 * HALO, NAME_PX + VALUE_PX + 2 * HALO


def _polygon(path_data: str):
    """A district's outline from its SVG path data (one or more closed rings)."""
    rings = []
    for part in path_data.split("M")[1:]:
        points = [(float(x), float(y)) for x, y in _POINT.findall(part)]
        if len(points) >= 3:
            rings.append(shapely.Polygon(points))
    return shapely.union_all(rings).buffer(0)


def _overlaps(a, b) -> bool:
    return not (
        a[2] + GAP <= b[0] or b[2] + GAP <= a[0] or a[3] + GAP <= b[1] or b[3] + GAP <= a[1]
    )


def _candidates(x: float, y: float):
    """Places for a label's centre, nearest its point first: the point, then rings around it."""
    yield x, y
    for radius in range(6, 240, 6):
        steps = max(8, radius // 3)
        for k in range(steps):
            angle = 2 * math.pi * k / steps
            yield x + radius * math.cos(angle), y + radius * math.sin(angle)


def place_labels(data: DistrictYear, shapes: Boundaries) -> tuple[tuple[Label, ...], int, int]:
    """Every district's label placed so that no two boxes meet and each stays on the map:
    at its district's label point where that is free, else the nearest free place inside its
    district, else the nearest free place at all (with a line to its point). Districts with a
    figure are placed first, so a figure never yields to "ingen data". Returns the labels and
    the map's width and height."""
    height, layout = locator.district_layout(slides.MAP_WIDTH, shapes)
    width = slides.MAP_WIDTH
    by_slug = {d.slug: d for d in data.districts}
    todo = []
    for slug, name, path_data, anchor in layout:
        district = by_slug[slug]
        value = slides.district_value(data, district)
        todo.append((district.figure is None, name, value, anchor, _polygon(path_data)))
    placed: list[Label] = []
    for _, name, value, anchor, outline in sorted(todo, key=lambda t: t[0]):
        w, h = _size(name, value)

        def free(cx: float, cy: float, w=w, h=h) -> bool:
            box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            inside = box[0] >= -6 and box[1] >= -6 and box[2] <= width + 6 and box[3] <= height + 6
            return inside and not any(_overlaps(box, other.box) for other in placed)

        spots = list(_candidates(*anchor))
        inside = (p for p in spots if free(*p) and outline.contains(shapely.Point(p)))
        spot = next(inside, None) or next((p for p in spots if free(*p)), anchor)
        home = bool(outline.contains(shapely.Point(spot)))
        placed.append(Label(name, value, spot[0], spot[1], w, h, anchor, home))
    order = {name: n for n, (_, name, *_) in enumerate(layout)}
    return tuple(sorted(placed, key=lambda lab: order[lab.name])), width, height


def _label_svg(labels: tuple[Label, ...]) -> str:
    halo = f'stroke="#ffffff" stroke-width="{HALO}" stroke-linejoin="round" paint-order="stroke"'
    drawn = []
    for lab in labels:
        if not lab.home:
            # From the district's point to the nearest edge of the label's box.
            left, top, right, bottom = lab.box
            ex = min(max(lab.anchor[0], left), right)
            ey = min(max(lab.anchor[1], top), bottom)
            drawn.append(
                f'<line class="henvisning" x1="{lab.anchor[0]:.0f}" y1="{lab.anchor[1]:.0f}" '
                f'x2="{ex:.0f}" '
                f'y2="{ey:.0f}" stroke="#1a1a1a" stroke-width="1.5"/>'
                f'<circle cx="{lab.anchor[0]:.0f}" cy="{lab.anchor[1]:.0f}" r="3" '
                'fill="#1a1a1a"/>'
            )
        top = lab.y - lab.height / 2 + HALO
        weight = ' font-weight="bold"' if _bold(lab.value) else ""
        drawn.append(
            f'<text x="{lab.x:.0f}" y="{top + NAME_PX * 0.8:.0f}" text-anchor="middle" '
            f'font-size="{NAME_PX}" {halo}>{escape(lab.name)}</text>'
            f'<text x="{lab.x:.0f}" y="{top + NAME_PX + VALUE_PX * 0.8:.0f}" '
            f'text-anchor="middle" font-size="{VALUE_PX}"{weight} {halo}>'
            f"{escape(lab.value)}</text>"
        )
    return "".join(drawn)


def map_svg(data: DistrictYear, scale: ColourScale, name: str, shapes: Boundaries) -> str:
    """The district map of one measure and year as SVG with its own size: the presentation's
    map with each district's name over its figure."""
    labels, _, _ = place_labels(data, shapes)
    return slides.district_svg(data, scale, name, shapes, size=True, label_svg=_label_svg(labels))
