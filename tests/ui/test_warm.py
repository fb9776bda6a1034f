"""The warm-up at server start builds the landing page's view into the caches the page reads."""

from sikkerby.errors import StoreError
from sikkerby.ui import components as ui
from sikkerby.ui import warm
from sikkerby.views import overview


def test_the_warm_up_builds_the_overview_a_bare_link_shows():
    warm.warm_up()
    store = ui.store()
    request = overview.resolve(store, {}, ui.today().year)
    wanted = (request.period.value, ui.today().year, request.edition)
    built = [args for function, args, _ in store._memo if function is overview.build.__wrapped__]
    assert wanted in built


def test_a_failed_warm_up_leaves_the_server_running(monkeypatch, caplog):
    def broken():
        raise OSError("ingen data")

    monkeypatch.setattr(warm, "warm_up", broken)
    warm.start().join(timeout=10)
    assert "Opvarmningen ved start mislykkedes" in caplog.text


def test_a_store_with_nothing_to_show_is_left_to_the_pages_to_say_and_log(monkeypatch, caplog):
    def unavailable():
        raise StoreError("Version 1, den gældende, er beskadiget: sources/goals.csv (…).")

    monkeypatch.setattr(warm, "warm_up", unavailable)
    warm.start().join(timeout=10)
    assert "Opvarmningen" not in caplog.text and "beskadiget" not in caplog.text
