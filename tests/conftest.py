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


# The sites the repository holds: Copenhagen's (the bundled data) and the fictional Eksempelby.
SITES = {"koebenhavn": None, "eksempelby": "tests/fixtures/eksempelby"}


@pytest.fixture(scope="session")
def _site_stores(tmp_path_factory) -> dict:
    return {}


@pytest.fixture(params=list(SITES))
def each_site(request, monkeypatch, _site_stores):
    """A published store of each site, with that site as the process's site during the test:
    a rule that must hold for any strategy (one number per fact, no staff words ...) is tested
    on both. Copenhagen's is the test process's own store; Eksempelby's is published once."""
    from sikkerby.ingest import publish
    from sikkerby.paths import ROOT
    from sikkerby.settings import SITE_ENV

    folder = SITES[request.param]
    if folder is None:
        return publish.default_store()
    monkeypatch.setenv(SITE_ENV, str(ROOT / folder))
    if request.param not in _site_stores:
        root = request.getfixturevalue("tmp_path_factory").mktemp(request.param) / "store"
        _site_stores[request.param] = publish.default_store(root)
    return _site_stores[request.param]
