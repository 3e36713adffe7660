"""``python -m notelint``."""

from __future__ import annotations

from notelint.cli import run

if __name__ == "__main__":
    run()
