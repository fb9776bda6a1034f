"""Who is logged in: Streamlit's own st.login (OpenID Connect) and the list of editors in the
secrets. Without an [auth] section in .streamlit/secrets.toml there is no login at all.

    [auth]
    redirect_uri = "https://sikkerby.kk.dk/oauth2callback"
    cookie_secret = "…"  # python -c "import secrets; print(secrets.token_hex(32))"
    client_id = "…"
    client_secret = "…"
    server_metadata_url = "https://login.kk.dk/.well-known/openid-configuration"

    [sikkerby]
    editors = ["anna@kk.dk", "bo@kk.dk"]
    # Only if the provider sends no email_verified claim but its addresses cannot be set by
    # the users themselves (the city's own directory):
    # trust_unverified_email = true

With an [auth] section whose cookie_secret is missing, weak or an example (such as the "…"
above; the rule is in `sikkerby.views.identity`), login is refused: the update page says so and
offers nothing, and the server's log says why, once. An entry in `editors` that is no e-mail
address is left out, and the log says so, once.
"""

import logging
import threading

import streamlit as st

from sikkerby.views import identity, update
from sikkerby.views.update import Access, AccessKind

SECRETS_SECTION = "sikkerby"
EDITORS_KEY = "editors"
TRUST_KEY = "trust_unverified_email"


def _secrets(section: str) -> dict:
    try:
        return dict(st.secrets.get(section) or {})
    except FileNotFoundError:  # no secrets file at all (Streamlit's own error is one)
        return {}


def access() -> Access:
    auth = _secrets("auth")
    if auth:
        problem = identity.cookie_secret_problem(auth.get("cookie_secret"))
        if problem:
            _log_once(problem)
            return Access(AccessKind.REFUSED, update.LOGIN_REFUSED)
    configured = bool(auth.get("redirect_uri"))
    logged_in = configured and st.user.get("is_logged_in") is True
    email = st.user.get("email") if logged_in else None
    settings = _secrets(SECRETS_SECTION)
    editors, invalid = identity.editors(settings.get(EDITORS_KEY))
    for entry in invalid:
        _log_once(
            f"[{SECRETS_SECTION}] {EDITORS_KEY} i .streamlit/secrets.toml: {entry} er ikke en "
            "gyldig e-mailadresse og giver ikke adgang."
        )
    verified = settings.get(TRUST_KEY) is True or (logged_in and st.user.get("email_verified"))
    return update.access(configured, logged_in, email, editors, verified)


_logged: set[str] = set()
_logged_lock = threading.Lock()


def _log_once(message: str) -> None:
    """`message` in the server's log, once per process (access runs at every page view)."""
    with _logged_lock:
        if message in _logged:
            return
        _logged.add(message)
    logging.getLogger(__name__).error(message)
