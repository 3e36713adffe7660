"""A real editor's LSP client: Neovim (Debian's package), headless, with its built-in client.

Neovim starts ``notelint server``, shows its diagnostics for a notes file, applies the preferred
quick fix of the double space and saves: the file on disk is fixed. Skipped, saying why, where
Neovim is not installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.server.test_server import NOTES

NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(
    NVIM is None, reason="Neovim is not installed (apt-get install neovim)"
)
CLIENT = Path(__file__).with_name("nvim_client.lua")


def test_neovim_shows_diagnostics_and_applies_a_quick_fix(tmp_path: Path) -> None:
    root = tmp_path / "notes-repo"
    (root / "notes").mkdir(parents=True)
    (root / "notelint.toml").write_text('paths = ["notes"]\n', encoding="utf-8")
    notes = root / "notes" / "a.md"
    notes.write_text(NOTES, encoding="utf-8")
    result = tmp_path / "result.txt"
    assignments = (
        f"lua _G.arg_python={sys.executable!r}; _G.arg_root={str(root)!r}; "
        f"_G.arg_file={str(notes)!r}; _G.arg_result={str(result)!r}"
    )
    done = subprocess.run(
        [str(NVIM), "--headless", "--clean", "-c", assignments, "-c", f"luafile {CLIENT}"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = result.read_text(encoding="utf-8") if result.exists() else ""
    assert "diagnostic NL203 6 17" in report, (report, done.stdout, done.stderr)
    assert "applied use one space (NL203)" in report, report
    assert notes.read_text(encoding="utf-8") == NOTES.replace("  `HKU`", " `HKU`")
