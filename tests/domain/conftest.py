"""The domain's rules are tested on Eksempelby (tests/fixtures/eksempelby): a small fictional
site written by hand, so a test reads its own numbers and not today's Copenhagen figures, which
are tested in one place of their own (tests/test_copenhagen.py)."""

import pytest

from sikkerby.ingest import publish
from sikkerby.paths import ROOT
from sikkerby.settings import SITE_ENV

EXAMPLE = ROOT / "tests" / "fixtures" / "eksempelby"


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """Eksempelby's published store, with Eksempelby as the process's site (its survey design,
    its words) while the module's tests run."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(SITE_ENV, str(EXAMPLE))
        yield publish.default_store(tmp_path_factory.mktemp("eksempelby") / "store")
