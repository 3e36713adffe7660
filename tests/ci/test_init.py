"""``notelint init``: a starter configuration and a vocabulary inferred from existing notes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from notelint.config.settings import load_settings
from notelint.vocabulary.tags import load_toml, load_vocabulary

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


# -- conventions and evidence ---------------------------------------------------------------


def _repo(root: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def _entries(*tag_lists: str) -> str:
    return "# Notes\n\n" + "".join(
        f"* Paper number {i} {tags}\n  > A summary of it.\n\n" for i, tags in enumerate(tag_lists)
    )


def _check(run_cli: Run) -> list[str]:
    code, out, err = run_cli("check", "--output-format", "concise", "--no-cache")
    assert code in (0, 1), err
    return out.splitlines()


def test_the_repositorys_own_spelling_is_canonical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    notes = _entries("`UK` `Oxford`", "`UK`", "`UK` `DeepMind`", "`GB`", "`China`", "`CN`", "`CN`")
    root = _repo(tmp_path, monkeypatch, {"a.md": notes})
    assert run_cli("init")[0] == 0
    data = _vocabulary(root)
    assert data["country"]["UK"]["name"] == "United Kingdom"
    assert "GB" in data["country"]["UK"]["aliases"]
    lines = _check(run_cli)
    alias = [line for line in lines if "NL302" in line]
    assert any("`GB` is an alias of `UK`" in line for line in alias)
    assert any("`China` is an alias of `CN`" in line for line in alias)
    assert not any("`UK` is an alias" in line for line in alias)


def test_two_organisations_in_one_tag_are_not_a_spelling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    root = _repo(tmp_path, monkeypatch, {"a.md": _entries("`Google/DeepMind`", "`DeepMind`")})
    assert run_cli("init")[0] == 0
    assert "Google/DeepMind" in _vocabulary(root)["label"]
    assert not [line for line in _check(run_cli) if "NL302" in line]


def test_former_names_are_not_aliases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    notes = _entries("`NIPS` `Facebook`", "`NIPS`", "`NIPS` `Meta`", "`NeurIPS` `Meta`")
    root = _repo(tmp_path, monkeypatch, {"a.md": notes})
    assert run_cli("init")[0] == 0
    text = (root / "rules" / "tags.toml").read_text(encoding="utf-8")
    assert "NIPS: former name, kept as written" in text
    assert '"NIPS"' not in text and '"Facebook"' not in text
    assert not [line for line in _check(run_cli) if "NL302" in line or "NL301" in line]


def test_near_misses_become_aliases_or_stay_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    notes = _entries(
        "`Microsoft`", "`Microsoft`", "`Micosoft`", "`Zorblab`", "`Zorblab`", "`Zorblab`",
        "`Zorbalb`", "`Faceboook`", "`Transformer`", "`Transformers`", "`Transformers`",
        "`Transformers`",
    )  # fmt: skip
    root = _repo(tmp_path, monkeypatch, {"a.md": notes})
    code, out, _ = run_cli("init")
    assert code == 0
    data = _vocabulary(root)
    assert data["organisation"]["Microsoft"] == {"aliases": ["Micosoft"]}
    assert data["label"]["Zorblab"] == {"aliases": ["Zorbalb"]}
    assert "Transformer" in data["label"]  # a plural is not a misspelling
    assert "Faceboook" not in data.get("label", {})
    assert "Faceboook ×1: looks like a misspelling of the former name Facebook" in out
    assert "Micosoft: Micosoft ×1 read as a misspelling of Microsoft" in out
    lines = _check(run_cli)
    assert any("NL302" in line and "`Micosoft`" in line for line in lines)
    assert any("NL301" in line and "Faceboook" in line for line in lines)


def test_two_letter_codes_need_evidence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    notes = _entries(
        "`ML` `Oxford`", "`ML`", "`GE` `Bosch`", "`GE` `Siemens`", "`GE` `Bosch`",
        "`FR` `Inria`", "`FR`", "`CV` `US` `Google`",
    )  # fmt: skip
    root = _repo(tmp_path, monkeypatch, {"a.md": notes})
    code, out, _ = run_cli("init")
    assert code == 0
    data = _vocabulary(root)
    assert "ML" in data["label"] and "GE" in data["label"]
    assert data["label"]["ML"] == {}  # not "Mali"
    assert "FR" in data["country"]
    assert "GE: GE is the ISO code of Georgia, but its entries' organisations are in DE" in out
    text = (root / "rules" / "tags.toml").read_text(encoding="utf-8")
    assert "UNSURE: ML is the ISO code of Mali" in text
    assert "NL301" not in "\n".join(_check(run_cli))


def test_files_that_are_not_notes_are_checked_as_prose_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    paragraph = ("A long paragraph about models and their training data. " * 10).rstrip()
    review = f"# Review\n\n{paragraph}\n"
    files = {"notes/a.md": _entries("`US`"), "docs/review.md": review}
    root = _repo(tmp_path, monkeypatch, files)
    code, out, _ = run_cli("init")
    assert code == 0
    assert "docs/review.md: it has no paper entries, only prose" in out
    settings = load_settings()
    assert settings.prose_files == ["docs/review.md"]
    config = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert '"docs/review.md",  # it has no paper entries, only prose' in config
    assert not [line for line in _check(run_cli) if "review.md" in line]
    # Checked as prose: a typo and trailing spaces are found; nothing about entries or NL003.
    (root / "docs" / "review.md").write_text(review + "A sentense with a typo.   \n", "utf-8")
    found = [line for line in _check(run_cli) if "review.md" in line]
    assert {line.split(" ")[2] for line in found} == {"NL201", "NL501"}, found


def test_glued_tags_never_break_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    notes = _entries("`arXiv``Transformers`", "`NIPS``Google`", "`Transformers`")
    root = _repo(tmp_path, monkeypatch, {"a.md": notes})
    assert run_cli("init")[0] == 0
    data = _vocabulary(root)
    assert "Transformers" in data["label"]
    lines = _check(run_cli)
    assert any("NL309" in line for line in lines)


def test_init_learns_the_repositorys_own_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    summaries = [  # a term one letter from "timeline", used again and again: a word here
        "Train until tireline of the task.",
        "Show tireline with a stride.",
        "Delay tireline at random.",
        "It works signficantly better.",
        "Still signficantly better.",
        "And signficantly cheaper.",
        "One typo: segmentatin.",
    ]
    notes = "# Notes\n\n" + "".join(
        f"* Paper {i} `US`\n  > {s}\n\n" for i, s in enumerate(summaries)
    )
    root = _repo(tmp_path, monkeypatch, {"a.md": notes})
    code, out, _ = run_cli("init")
    assert code == 0
    words = (root / "rules" / "words.txt").read_text(encoding="utf-8")
    assert "tireline" in words.splitlines()
    assert "signficantly" not in words  # one edit from a dictionary word: a repeated typo
    assert "words.txt: 1 word(s)" in out
    flagged = [line for line in _check(run_cli) if "NL501" in line]
    assert len(flagged) == 4 and not any("tireline" in line for line in flagged)


def test_init_does_not_learn_a_lowercase_word_with_a_letter_too_many(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    summaries = [  # "inferenece" three times is a typo; "Tracktor" three times is a name
        "Fast inferenece on a phone.",
        "Cheap inferenece again.",
        "More inferenece tricks.",
        "Tracktor tracks by regression.",
        "Tracktor needs no training.",
        "Tracktor is fast.",
    ]
    notes = "# Notes\n\n" + "".join(
        f"* Paper {i} `US`\n  > {s}\n\n" for i, s in enumerate(summaries)
    )
    root = _repo(tmp_path, monkeypatch, {"a.md": notes})
    assert run_cli("init")[0] == 0
    words = (root / "rules" / "words.txt").read_text(encoding="utf-8").splitlines()
    assert "Tracktor" in words and "inferenece" not in words
    flagged = [line for line in _check(run_cli) if "NL501" in line]
    assert len(flagged) == 3 and all("inferenece" in line for line in flagged)
