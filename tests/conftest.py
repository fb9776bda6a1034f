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


# The sites the repository holds: Copenhagen's (the bundled data, the test process's own store)
# and the fictional Eksempelby, on which the domain's rules are tested (tests/domain): a test
# reads its own numbers and not today's Copenhagen figures, which are tested in one place of
# their own (tests/test_copenhagen.py).
SITES = {"koebenhavn": None, "eksempelby": "tests/fixtures/eksempelby"}


@pytest.fixture(scope="session")
def _site_stores() -> dict:
    return {}


def _site_store(name: str, monkeypatch, stores: dict, tmp_path_factory):
    """The published store of site `name`, with that site as the process's site for this test
    only (monkeypatch): a cached query never mixes two sites' words or survey designs."""
    from sikkerby.ingest import publish
    from sikkerby.paths import ROOT
    from sikkerby.settings import SITE_ENV

    folder = SITES[name]
    if folder is None:
        monkeypatch.delenv(SITE_ENV, raising=False)
        return publish.default_store()
    monkeypatch.setenv(SITE_ENV, str(ROOT / folder))
    if name not in stores:
        stores[name] = publish.default_store(tmp_path_factory.mktemp(name) / "store")
    return stores[name]


@pytest.fixture
def example(monkeypatch, _site_stores, tmp_path_factory):
    """Eksempelby's published store, with Eksempelby as the site during the test."""
    return _site_store("eksempelby", monkeypatch, _site_stores, tmp_path_factory)


@pytest.fixture(params=list(SITES))
def each_site(request, monkeypatch, _site_stores, tmp_path_factory):
    """A published store of each site, with that site as the process's site during the test:
    a rule that must hold for any strategy (one number per fact, no staff words ...) is tested
    on both."""
    return _site_store(request.param, monkeypatch, _site_stores, tmp_path_factory)
