"""``notelint server``: the language server over stdio (``--tcp HOST:PORT`` for debugging)."""

from __future__ import annotations

import argparse

from notelint.errors import EXIT_CLEAN, UsageError


def run(args: argparse.Namespace) -> int:
    try:
        from notelint.server.app import server
    except ImportError as exc:  # pygls is a dependency; a partial install says so
        raise UsageError(f"the language server needs pygls ({exc})") from None
    if args.tcp:
        host, _, port = args.tcp.rpartition(":")
        if not host or not port.isdigit():
            raise UsageError(f"--tcp {args.tcp}: give HOST:PORT, e.g. 127.0.0.1:2087")
        server.start_tcp(host, int(port))
    else:
        server.start_io()
    return EXIT_CLEAN
