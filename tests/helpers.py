"""Shared by the tests: a private copy of the project's data, and the data of a chart element.

A copy lets a test break or extend the CSV sources without touching data/; the chart data is
what Streamlit sends for a Vega-Lite chart (Altair's datasets, as Arrow).
"""

import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa

from sikkerby.paths import DATA_DIR
from sikkerby.schema import SOURCES


def copy_project_data(folder: Path) -> Path:
    """A private copy of the project's CSV sources in `folder/data`."""
    copy = folder / "data"
    copy.mkdir()
    for source in SOURCES:
        shutil.copy(DATA_DIR / source.file, copy / source.file)
    return copy


def chart_datasets(chart) -> list[pd.DataFrame]:
    """The datasets of an AppTest Vega-Lite chart element, as data frames."""
    return [
        pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
        for dataset in chart.proto.datasets
    ]
