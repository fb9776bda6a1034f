"""The site's boundary files as GeoJSON: its survey districts (`geo/bydele.geojson`) and the
footprints its other areas are drawn with (`site.Site.footprints`), read once per process.

The views hand them to the drawings (`sikkerby.render`), which never open a file themselves.
"""

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sikkerby import site
from sikkerby.schema import AreaKind


@dataclass(frozen=True)
class Boundaries:
    """A site's districts and footprints (None: that file is not built yet; the districts still
    work without it). Compared and hashed by their files, so a drawing made from them can be
    cached per site."""

    districts_path: Path
    footprints_path: Path
    districts: dict = field(compare=False, repr=False)
    footprints: dict | None = field(compare=False, repr=False)

    def attribution(self, kind: str) -> str:
        """The source of the outline an area of `kind` is drawn with, as its file says."""
        shapes = self.districts if kind == AreaKind.DISTRICT else self.footprints
        return shapes["attribution"] if shapes else ""


def of_site(districts_path: Path | None = None, footprints_path: Path | None = None) -> Boundaries:
    """The site's boundaries (other files where `districts_path` or `footprints_path` is
    given)."""
    here = site.current()
    return _read(Path(districts_path or here.districts), Path(footprints_path or here.footprints))


@lru_cache(maxsize=8)
def _read(districts_path: Path, footprints_path: Path) -> Boundaries:
    footprints = (
        json.loads(footprints_path.read_text(encoding="utf-8"))
        if footprints_path.is_file()
        else None
    )
    return Boundaries(
        districts_path,
        footprints_path,
        json.loads(districts_path.read_text(encoding="utf-8")),
        footprints,
    )
