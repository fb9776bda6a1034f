"""`python -m sikkerby …` is the `sikkerby` command (sikkerby.command)."""

import sys

from sikkerby.command import main

if __name__ == "__main__":
    sys.exit(main())
