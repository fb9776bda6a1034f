"""Starts the app: `python -m sikkerby.ui.serve [streamlit options]` runs `streamlit run app.py`.

Streamlit still has its first, folder-based page router: while no session has called
`st.navigation`, a server whose entry script has a `pages/` folder beside it resolves a deep link
such as `/kort` against the file names in `pages/`, finds none, and shows the first visitor a
"page not found" dialog (the page itself then renders). `st.navigation` switches that router off
for the whole process, but only after the first run. Switching it off before the server starts
means even the first person to open a shared link after a restart sees the page cleanly.

The warm-up (`sikkerby.ui.warm`) starts beside the server, so the first visitor's run finds the
pages' modules imported and the landing page built.
"""

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from sikkerby.paths import ROOT
from sikkerby.ui import warm


def main(argv: list[str]) -> None:
    # A class attribute Streamlit reads once per process; `st.navigation` sets it to False too.
    PagesManager.uses_pages_directory = False
    warm.start()
    cli.main(args=["run", str(ROOT / "app.py"), *argv], prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
