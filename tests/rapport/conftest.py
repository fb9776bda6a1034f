"""What the report's tests share: the bundled data's store, read once per test module."""

import pytest

from sikkerby.ingest.publish import default_store


@pytest.fixture(scope="module")
def store():
    return default_store()
