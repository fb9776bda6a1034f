"""The site's boundary files as GeoJSON: its survey districts (`geo/bydele.geojson`) and the
footprints its other areas are drawn with (`site.Site.footprints`), each read once per process.

The drawings (`sikkerby.render`) ask this module and never open a file themselves.
"""

import json
from functools import lru_cache
from pathlib import Path

from sikkerby import site
from sikkerby.schema import AreaKind


@lru_cache(maxsize=8)
def collection(path: Path) -> dict:
    """A GeoJSON file, read once per process."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def districts(path: Path | None = None) -> dict:
    """The survey's districts (the site's `geo/bydele.geojson` unless `path`)."""
    return collection(Path(path or site.current().districts))


def footprints(path: Path | None = None) -> dict | None:
    """The footprints of the site's partnerships and local areas (unless `path`); None when
    the file is not built yet (the districts still work without it)."""
    found = Path(path or site.current().footprints)
    return collection(found) if found.is_file() else None


def attribution(kind: str) -> str:
    """The source of the outline an area of `kind` is drawn with, as its file says."""
    shapes = districts() if kind == AreaKind.DISTRICT else footprints()
    return shapes["attribution"] if shapes else ""
