"""The command lines in Danish: usage, help and every complaint about the arguments.

`Parser` is argparse with Danish headings and messages; a mistake in the arguments prints the
usage and a Danish line saying what is wrong, and exits with code 2 as argparse does.
"""

import argparse
import re
import sys

from sikkerby.errors import visible

# argparse's complaints (Python 3.11-3.13) and how to say them in Danish.
MESSAGES = (
    (r"the following arguments are required: (.+)", r"mangler: \1"),
    (r"unrecognized arguments: (.+)", r"ukendte argumenter: \1"),
    (
        r"argument (.+?): invalid choice: (.+?) \(choose from (.+)\)",
        r"\1: ukendt valg \2 (vælg \3)",
    ),
    (r"argument (.+?): invalid \w+ value: (.+)", r"\1: ugyldig værdi \2"),
    (r"argument (.+?): expected one argument", r"\1: mangler en værdi"),
    (r"argument (.+?): ignored explicit argument (.+)", r"\1: tager ingen værdi (fik \2)"),
    (r"argument (.+?): not allowed with argument (.+)", r"\1: kan ikke bruges sammen med \2"),
    (r"ambiguous option: (.+?) could match (.+)", r"tvetydigt tilvalg \1 (kan være \2)"),
)
UNKNOWN = "forkert brug af kommandoen"


def danish(message: str) -> str:
    for pattern, replacement in MESSAGES:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return UNKNOWN


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "Brug: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenter"
        self._optionals.title = "tilvalg"
        self.add_argument("-h", "--help", action="help", help="vis denne hjælp og afslut")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        said = visible(danish(message))  # an argument is shown escaped, as in every message
        self.exit(2, f"{self.prog}: fejl: {said}. Se '{self.prog} --help'.\n")
