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
    # Only if the provider sends no email_verified claim but its addresses cannot be set by
    # the users themselves (the city's own directory):
    # trust_unverified_email = true
"""

import streamlit as st

from sikkerby.views import update
from sikkerby.views.update import Access

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
    configured = bool(auth.get("redirect_uri") and auth.get("cookie_secret"))
    logged_in = configured and bool(st.user.get("is_logged_in"))
    email = st.user.get("email") if logged_in else None
    settings = _secrets(SECRETS_SECTION)
    editors = settings.get(EDITORS_KEY) or ()
    if isinstance(editors, str):
        editors = (editors,)
    verified = logged_in and (
        st.user.get("email_verified") is True or settings.get(TRUST_KEY) is True
    )
    return update.access(configured, logged_in, email, editors, verified)
