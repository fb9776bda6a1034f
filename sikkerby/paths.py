"""Where the project's files live. Every other module asks here instead of building paths."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
# The Parquet files DuckDB reads; built from the CSV sources by `python -m sikkerby.ingest.build`.
PARQUET_DIR = DATA_DIR / "parquet"
GEO_DIR = ROOT / "geo"
DISTRICTS_GEOJSON = GEO_DIR / "bydele.geojson"
# The published footprints of the safety partnerships (`python -m sikkerby.ingest.geometry`).
FOOTPRINTS_GEOJSON = GEO_DIR / "partnerskaber.geojson"
# Read-only shared material beside the project (the published figures, raw boundaries).
SHARED_DIR = ROOT.parent / "shared"
