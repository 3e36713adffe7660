from __future__ import annotations

from pathlib import Path

import pytest

from notelint.config.settings import Settings

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def bare_settings(tmp_path: Path) -> Settings:
    """Default settings rooted in an empty folder: built-in vocabulary only."""
    return Settings(root=tmp_path)


@pytest.fixture(autouse=True)
def _test_plugins_live_outside_the_projects(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test plugins are in ``tests/``, outside every ``tmp_path`` project: allowed as a
    user would allow them, from the environment. The refusal itself is tested with the
    variable removed (tests/test_untrusted_inputs.py)."""
    monkeypatch.setenv("NOTELINT_ALLOW_PLUGINS_OUTSIDE_ROOT", "1")
