"""``notelint init``: a starter configuration and a vocabulary inferred from existing notes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from notelint.config import load_settings
from notelint.vocabulary import load_toml, load_vocabulary

from .conftest import Run

NOTES_A = """\
# ICCV

* Paper One `ICCV` `US` `SnT`
  > A summary of it.
* Paper Two `ICCV` `USA` `SNT`
  > A summary of it.
"""
NOTES_B = """\
# Other

* Paper Three `NeurIPS` `SnT` `Zorblab`
  > A summary of it.
* Paper Four `Neurips` `S.N.T` `zorblab` `zorblab`
  > A summary of it.
"""


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "notes-repo"
    (root / "notes").mkdir(parents=True)
    (root / "notes" / "a.md").write_text(NOTES_A, encoding="utf-8")
    (root / "notes" / "b.md").write_text(NOTES_B, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def _vocabulary(root: Path) -> dict[str, dict[str, object]]:
    return tomllib.loads((root / "rules" / "tags.toml").read_text(encoding="utf-8"))


def test_init_writes_config_and_vocabulary(fresh: Path, run_cli: Run) -> None:
    code, out, err = run_cli("init", "notes")
    assert code == 0, err
    assert "Wrote [tool.notelint] in pyproject.toml." in out
    config = tomllib.loads((fresh / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["notelint"] == {"paths": ["notes"], "vocabulary": "rules"}
    settings = load_settings()
    assert settings.paths == ["notes"] and settings.config_path == fresh / "pyproject.toml"

    data = _vocabulary(fresh)
    # Built-in tags under their built-in category, case variants proposed as aliases.
    assert "US" in data["country"]  # USA is a built-in alias: nothing to propose
    assert data["country"]["US"] == {}
    assert data["venue"]["ICCV"] == {}
    assert data["venue"]["NeurIPS"] == {"aliases": ["Neurips"]}
    # Unknown tags under [label]: one tag per folded spelling, the most used one canonical.
    assert data["label"]["SnT"] == {"aliases": ["SNT", "S.N.T"]}
    assert data["label"]["zorblab"] == {"aliases": ["Zorblab"]}
    text = (fresh / "rules" / "tags.toml").read_text(encoding="utf-8")
    assert "SnT = { aliases = [" in text and "# 4 uses (SnT ×2, SNT ×1, S.N.T ×1)" in text
    assert "ICCV = {}  # 2 uses; built-in: " in text
    assert "US = {}  # 2 uses (US ×1, USA ×1); built-in" in text
    # The file is a valid vocabulary layer, and merges with the built-in one.
    load_toml(fresh / "rules" / "tags.toml")
    vocabulary = load_vocabulary(fresh / "rules")
    resolved = vocabulary.resolve("SNT")
    assert resolved is not None and resolved.canonical == "SnT"
    # And notelint runs with it.
    code, _, err = run_cli("check")
    assert code in (0, 1) and "error" not in err, err


def test_init_never_overwrites_without_force(fresh: Path, run_cli: Run) -> None:
    assert run_cli("init", "notes")[0] == 0
    (fresh / "rules" / "tags.toml").write_text("# mine\n", encoding="utf-8")
    before = (fresh / "pyproject.toml").read_text(encoding="utf-8")
    code, _, err = run_cli("init", "notes")
    assert code == 2
    assert "already has a [tool.notelint] table" in err and "rules/tags.toml exists" in err
    assert "--force" in err
    assert (fresh / "rules" / "tags.toml").read_text(encoding="utf-8") == "# mine\n"
    assert (fresh / "pyproject.toml").read_text(encoding="utf-8") == before

    code, _, _ = run_cli("init", "notes", "--force")
    assert code == 0
    assert "SnT" in _vocabulary(fresh)["label"]


def test_init_keeps_the_rest_of_pyproject(fresh: Path, run_cli: Run) -> None:
    (fresh / "pyproject.toml").write_text(
        '[project]\nname = "my-notes"\n\n[tool.notelint]\nselect = ["ALL"]\n\n'
        '[tool.notelint.spelling]\nlanguage = "en"\n\n[tool.other]\nkey = 1\n',
        encoding="utf-8",
    )
    code, _, err = run_cli("init", "--force")
    assert code == 0, err
    config = tomllib.loads((fresh / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"] == {"name": "my-notes"}
    assert config["tool"]["other"] == {"key": 1}
    assert config["tool"]["notelint"] == {"vocabulary": "rules"}  # no PATHS: whole repository


def test_init_appends_to_an_existing_pyproject(fresh: Path, run_cli: Run) -> None:
    (fresh / "pyproject.toml").write_text('[project]\nname = "my-notes"\n', encoding="utf-8")
    assert run_cli("init", "notes")[0] == 0
    config = tomllib.loads((fresh / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["name"] == "my-notes" and config["tool"]["notelint"]["paths"]


def test_init_uses_an_existing_notelint_toml(fresh: Path, run_cli: Run) -> None:
    (fresh / "notelint.toml").write_text('select = ["ALL"]\n', encoding="utf-8")
    code, _, err = run_cli("init", "notes")
    assert code == 2 and "notelint.toml exists" in err
    assert run_cli("init", "notes", "--force")[0] == 0
    data = tomllib.loads((fresh / "notelint.toml").read_text(encoding="utf-8"))
    assert data == {"paths": ["notes"], "vocabulary": "rules"}
    assert not (fresh / "pyproject.toml").exists()


def test_init_with_no_notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("init")
    assert code == 0
    assert "0 tags from 0 files" in out
    assert _vocabulary(tmp_path) == {}
