"""The small locator map on an area page: where in København the area lies.

Owns one inline SVG per area: the 13 survey districts of `geo/bydele.geojson` in light grey for
orientation, and the area itself in dark on top: a survey district (bydel) by its slug, any
other area by the published footprint it names (`footprint` in data/areas.csv, drawn from
`geo/partnerskaber.geojson`). Plain SVG, so the page needs no JavaScript, tiles or network.
"""

from __future__ import annotations

import html
import math
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import shapely

from sikkerby.schema import AreaKind, listed

if TYPE_CHECKING:
    from sikkerby.boundaries import Boundaries

HIGHLIGHT_FILL = "#0B4F8C"
HIGHLIGHT_STROKE = "#062B4D"  # darker than the fill, so a small footprint keeps a clear edge
HIGHLIGHT_STROKE_WIDTH = 2
DISTRICT_FILL = "#D9DDE1"
DISTRICT_STROKE = "#FFFFFF"
DISTRICT_STROKE_WIDTH = 0.75
MARGIN = 4  # px around the city; more than half the highlight stroke, so no edge is cut off
DECIMALS = 1  # a tenth of a pixel: finer detail is invisible and only adds bytes
# Detail under half a pixel is invisible at this size; dropping it halves the SVG.
SIMPLIFY_PX = 0.5
# The sea forts (Middelgrundsfort, Flakfortet, Trekroner) belong to Indre By but are a few
# pixels at this size; fitting them in would shrink the city by a third.
MIN_PART_KM2 = 0.1
KM_PER_DEGREE = 111.32


def _without_small_parts(geom, min_km2: float):
    """`geom` without the parts under `min_km2` (approximate area, fine for a threshold)."""
    parts = shapely.get_parts(geom)
    lat = math.radians(shapely.centroid(geom).y)
    km2 = shapely.area(parts) * KM_PER_DEGREE**2 * math.cos(lat)
    kept = parts[km2 >= min_km2]
    return kept[0] if len(kept) == 1 else shapely.multipolygons(kept)


def _projection(geoms: np.ndarray, width: int):
    """(project, height): equirectangular, fitting `geoms` into `width` px with a margin.

    x is scaled by cos(mean latitude) so shapes keep their proportions at Copenhagen's latitude.
    """
    west, south, east, north = shapely.total_bounds(geoms)
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = (width - 2 * MARGIN) / ((east - west) * squeeze)
    height = math.ceil((north - south) * scale + 2 * MARGIN)

    def project(lonlat: np.ndarray) -> np.ndarray:
        x = MARGIN + (lonlat[:, 0] - west) * scale * squeeze
        y = MARGIN + (north - lonlat[:, 1]) * scale  # SVG's y axis points down
        return np.column_stack([x, y])

    return project, height


def _number(value: float) -> str:
    """Shortest SVG text for a rounded coordinate: 12.0 -> '12', -0.0 -> '0'."""
    text = f"{value:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _path_data(geom) -> str:
    """SVG path data for a projected (multi)polygon: one closed subpath per ring."""
    subpaths = []
    for polygon in shapely.get_parts(geom):
        for ring in (polygon.exterior, *polygon.interiors):
            points: list[tuple[float, float]] = []
            for x, y in np.round(np.asarray(ring.coords)[:-1], DECIMALS):  # Z closes the ring
                if not points or (x, y) != points[-1]:  # rounding merges near points
                    points.append((x, y))
            if len(points) >= 3:
                subpaths.append("M" + " ".join(f"{_number(x)},{_number(y)}" for x, y in points))
    return "Z".join(subpaths) + "Z" if subpaths else ""


@lru_cache(maxsize=8)
def _layers(width: int, shapes: Boundaries):
    """Projected path data, computed once per width.

    Returns (height, districts: tuple of (slug, name, d, label point), footprints:
    {delomraade: d}); a district's label point is its `label` property, projected.
    """
    districts = shapes.districts["features"]
    geoms = np.array(
        [
            _without_small_parts(shapely.geometry.shape(f["geometry"]), MIN_PART_KM2)
            for f in districts
        ],
        dtype=object,
    )
    project, height = _projection(geoms, width)
    # Simplified together, so neighbours keep one shared border and no slivers open up.
    simplified = shapely.coverage_simplify(shapely.transform(geoms, project), SIMPLIFY_PX)
    labels = project(np.array([f["properties"]["label"] for f in districts], dtype=float))
    district_paths = tuple(
        (f["properties"]["slug"], f["properties"]["name"], _path_data(shape), (float(x), float(y)))
        for f, shape, (x, y) in zip(districts, simplified, labels, strict=True)
    )
    footprint_paths = {}
    found = shapes.footprints  # None: not built yet; the districts still work
    for f in found["features"] if found else ():
        shape = shapely.transform(shapely.geometry.shape(f["geometry"]), project)
        footprint_paths[f["properties"]["delomraade"]] = _path_data(
            shapely.simplify(shape, SIMPLIFY_PX)
        )
    return height, district_paths, footprint_paths


def _svg(label: str, width: int, height: int, base: list[str], highlight: list[str]) -> str:
    """Grey districts in one group, the highlighted area in a second group drawn on top.

    No xmlns: the SVG is meant to be inlined in the page's HTML, where it is not needed, and the
    output then holds no URL at all.
    """
    text = html.escape(label, quote=True)
    grey = "".join(f'<path d="{d}"/>' for d in base)
    dark = "".join(f'<path d="{d}"/>' for d in highlight)
    return (
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{text}" style="max-width:100%;height:auto"><title>{text}</title>'
        f'<g class="bydele" fill="{DISTRICT_FILL}" stroke="{DISTRICT_STROKE}" '
        f'stroke-width="{DISTRICT_STROKE_WIDTH}" stroke-linejoin="round">{grey}</g>'
        f'<g class="fokus" fill="{HIGHLIGHT_FILL}" stroke="{HIGHLIGHT_STROKE}" '
        f'stroke-width="{HIGHLIGHT_STROKE_WIDTH}" stroke-linejoin="round" '
        f'fill-rule="evenodd">{dark}</g></svg>'
    )


def district_layout(
    width: int, shapes: Boundaries
) -> tuple[int, tuple[tuple[str, str, str, tuple[float, float]], ...]]:
    """The districts projected to `width` px: (height, (slug, name, path data, label point) per
    district), for a map drawn as SVG (the presentation's)."""
    height, districts, _ = _layers(width, shapes)
    return height, districts


def locator_svg(
    area_id: str,
    kind: str,
    footprint: list[str] | str | None = None,
    width: int = 320,
    *,
    city: str,
    shapes: Boundaries,
) -> str | None:
    """The locator map of one area as an `<svg>` string, or None when there is nothing to show.

    `kind` and `footprint` are the area's columns in data/areas.csv; `footprint` may be given
    as the column's text ("A|B") or already split into names.
    A survey district (kind "bydel") is found by its slug, which is its area_id; the other 12
    stay grey. Any other area is shown by the footprint polygons it names, on top of all 13;
    names missing from the footprint file are skipped (a test keeps the file in step with
    data/areas.csv). The height follows from `width` and the city's shape.
    """
    height, districts, footprints = _layers(width, shapes)

    if kind == AreaKind.DISTRICT:
        match = [i for i, (slug, *_) in enumerate(districts) if slug == area_id]
        if not match:
            return None
        (i,) = match
        base = [d for j, (_, _, d, _) in enumerate(districts) if j != i]
        # Drawn last, so its thick outline is not hidden under the neighbours' white borders.
        return _svg(f"Kort: {districts[i][1]} i {city}", width, height, base, [districts[i][2]])

    if isinstance(footprint, str):
        footprint = listed(footprint)
    shown = [n for n in dict.fromkeys(n.strip() for n in footprint or []) if n in footprints]
    if not shown:
        return None
    what = "udsat byområde" if len(shown) == 1 else "udsatte byområder"
    label = f"Kort: {' og '.join(shown)} ({what}) i {city}"
    base = [d for _, _, d, _ in districts]
    return _svg(label, width, height, base, [footprints[n] for n in shown])
