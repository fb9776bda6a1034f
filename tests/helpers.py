"""Shared by the tests: a private copy of the project's data, and checks of chart specs.

A copy lets a test break or extend the CSV sources without touching data/.
"""

import shutil
from pathlib import Path

import altair as alt

from sikkerby.paths import DATA_DIR
from sikkerby.schema import SOURCES


def copy_project_data(folder: Path) -> Path:
    """A private copy of the project's CSV sources in `folder/data`."""
    copy = folder / "data"
    copy.mkdir()
    for source in SOURCES:
        shutil.copy(DATA_DIR / source.file, copy / source.file)
    return copy


def assert_valid_vega_lite(spec: dict) -> None:
    """Raise unless `spec` is valid Vega-Lite (the app skips Altair's check; the tests do it)."""
    alt.LayerChart.from_dict(spec, validate=True)
