"""Where the app's own files live (the entry script, the pages, Streamlit's settings, and
Copenhagen's site beside them). A site's files are asked of `sikkerby.site`, settings of
`sikkerby.settings`.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# The app: app.py, pages/ and .streamlit/config.toml, with the default site (site.toml, data/,
# geo/). In a checkout (also an editable install) that is the folder the package lies in; an
# installed wheel carries a copy in the package itself (sikkerby/_site, see pyproject.toml).
SITE_DIR = PACKAGE_DIR / "_site"
ROOT = PACKAGE_DIR.parent if (PACKAGE_DIR.parent / "app.py").is_file() else SITE_DIR
