"""Sikker By dashboard: the entry point. Sets up the page and routes to the page scripts.

Page files are named differently from their URL paths on purpose: a deep link such as `/kort`
must go through this script (and `st.navigation`), not Streamlit's older `pages/` router.
"""

import streamlit as st

from sikkerby.errors import DataError
from sikkerby.store import default_store

# No page or page_icon icons: Streamlit fetches a Material icon favicon from Google's CDN,
# and the app must make no request off the machine.
st.set_page_config(page_title="Sikker By", layout="wide")

try:
    default_store()
except DataError as error:
    st.error("Data kan ikke indlæses. " + " ".join(str(p) for p in error.problems))
    st.stop()

pages = [
    st.Page(
        "pages/overblik_side.py",
        title="Overblik",
        url_path="overblik",
        default=True,
    ),
    st.Page("pages/kort_side.py", title="Kort", url_path="kort"),
    st.Page("pages/bydele_side.py", title="Bydele", url_path="bydele"),
    st.Page("pages/unge_side.py", title="Unge", url_path="unge"),
]
st.navigation(pages, position="top").run()
