"""Every test process reads its own published store, made from the bundled data at the start:
no test can read, or change, a store someone published to ($SIKKERBY_STORE or the default store,
`sikkerby.settings.default_store_dir`).
The browser tests' servers inherit it."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from sikkerby.settings import STORE_ENV

_STORE = tempfile.mkdtemp(prefix="sikkerby-test-store-")


def pytest_configure(config):
    os.environ[STORE_ENV] = _STORE
    from sikkerby.ingest import publish

    publish.ensure()


def pytest_unconfigure(config):
    shutil.rmtree(_STORE, ignore_errors=True)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A private store holding the bundled data as version 1, copied by each test that
    publishes (`store`)."""
    from helpers import private_store

    return private_store(tmp_path_factory.mktemp("pristine"))


@pytest.fixture
def store_copy(pristine: Path, tmp_path: Path) -> Path:
    """A test's own copy of the pristine store, to publish to and break."""
    return shutil.copytree(pristine, tmp_path / "store")
