"""Run ``notelint check`` for the GitHub Action with the user's ``args`` split as a shell would.

``args`` is one string in the workflow (``args: '"reading notes/" --select ALL'``); splitting it
with the shell's rules here, rather than leaving it unquoted in a bash step, keeps a path with
spaces one argument and never expands ``*`` or ``$``. Usage::

    python notelint_check.py NOTELINT [OPTION ...]

runs ``NOTELINT check OPTION ... ARGS...`` (``ARGS`` from the environment) and exits with its
exit code. Only the standard library: it runs before anything is installed in some steps.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: notelint_check.py NOTELINT [OPTION ...]", file=sys.stderr)
        return 2
    try:
        words = shlex.split(os.environ.get("ARGS", ""))
    except ValueError as error:  # an unclosed quote
        print(f"notelint action: cannot read the args input: {error}", file=sys.stderr)
        return 2
    return subprocess.call([argv[0], "check", *argv[1:], *words])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
