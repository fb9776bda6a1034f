"""The server's own log: an unexpected error's line (sikkerby.ui.fallback) reaches the server's
output with its time, level, id and traceback."""

import logging

from sikkerby.ui import fallback, serve


def test_an_error_s_id_and_traceback_reach_the_server_s_output(capsys):
    logger = logging.getLogger("sikkerby")
    before = (list(logger.handlers), logger.propagate)
    try:
        serve.log_to_stderr()
        try:
            raise KeyError("ingen sådan indikator")
        except KeyError as error:
            incident = fallback.report(error, "/kort")
    finally:
        logger.handlers[:], logger.propagate = before
    err = capsys.readouterr().err
    assert f"ERROR sikkerby.fejl: Uventet fejl {incident} på siden '/kort'" in err
    assert "Traceback (most recent call last)" in err and "ingen sådan indikator" in err
    assert err[:4].isdigit()  # the time first
