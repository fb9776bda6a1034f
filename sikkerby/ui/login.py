"""Who is logged in: Streamlit's own st.login (OpenID Connect) and the list of editors in the
secrets. Without an [auth] section in .streamlit/secrets.toml there is no login at all.

    [auth]
    redirect_uri = "https://sikkerby.kk.dk/oauth2callback"
    cookie_secret = "…"
    client_id = "…"
    client_secret = "…"
    server_metadata_url = "https://login.kk.dk/.well-known/openid-configuration"

    [sikkerby]
    editors = ["anna@kk.dk", "bo@kk.dk"]
"""

import streamlit as st

from sikkerby.views import update
from sikkerby.views.update import Access

SECRETS_SECTION = "sikkerby"
EDITORS_KEY = "editors"


def _secrets(section: str) -> dict:
    try:
        return dict(st.secrets.get(section) or {})
    except FileNotFoundError:  # no secrets file at all (Streamlit's own error is one)
        return {}


def access() -> Access:
    auth = _secrets("auth")
    configured = bool(auth.get("redirect_uri") and auth.get("cookie_secret"))
    logged_in = configured and bool(st.user.get("is_logged_in"))
    email = st.user.get("email") if logged_in else None
    editors = _secrets(SECRETS_SECTION).get(EDITORS_KEY) or ()
    if isinstance(editors, str):
        editors = (editors,)
    return update.access(configured, logged_in, email, editors)
