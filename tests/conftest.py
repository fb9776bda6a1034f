"""Every test process reads its own published store, made from the bundled data at the start:
no test can read, or change, a store someone published to (data/published or $SIKKERBY_STORE).
The browser tests' servers inherit it."""

import os
import shutil
import tempfile

from sikkerby.paths import STORE_ENV

_STORE = tempfile.mkdtemp(prefix="sikkerby-test-store-")


def pytest_configure(config):
    os.environ[STORE_ENV] = _STORE
    from sikkerby.ingest import publish

    publish.ensure()


def pytest_unconfigure(config):
    shutil.rmtree(_STORE, ignore_errors=True)
