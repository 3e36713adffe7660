from __future__ import annotations

from pathlib import Path

import pytest

from notelint.config import Settings

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def bare_settings(tmp_path: Path) -> Settings:
    """Default settings rooted in an empty folder: built-in vocabulary only."""
    return Settings(root=tmp_path)
