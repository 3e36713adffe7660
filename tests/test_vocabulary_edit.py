"""Adding a tag to a person's vocabulary file: one line added, nothing else moved."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.vocabulary.edit import VocabularyEditError, add_tag
from notelint.vocabulary.tags import load_vocabulary


def test_the_tag_goes_after_its_tables_last_entry_and_comments_stay(tmp_path: Path) -> None:
    path = tmp_path / "tags.toml"
    path.write_text(
        "# mine\n[organisation]\nHKU = {}  # HK\n# trailing note\n\n[label]\nDepth = {}\n",
        encoding="utf-8",
    )
    assert add_tag(path, "Seoul Lab", "organisation")
    assert path.read_text(encoding="utf-8") == (
        '# mine\n[organisation]\nHKU = {}  # HK\n"Seoul Lab" = {}\n# trailing note\n\n'
        "[label]\nDepth = {}\n"
    )
    assert load_vocabulary(tmp_path).resolve("Seoul Lab") is not None


def test_a_missing_table_or_file_is_created(tmp_path: Path) -> None:
    path = tmp_path / "rules" / "tags.toml"
    assert add_tag(path, "Zorblab", "venue")
    assert path.read_text(encoding="utf-8").endswith("[venue]\nZorblab = {}\n")
    assert add_tag(path, "Ada Lovelace", "person")
    assert path.read_text(encoding="utf-8").endswith(
        '[venue]\nZorblab = {}\n\n[person]\n"Ada Lovelace" = {}\n'
    )
    assert not add_tag(path, "Zorblab", "venue")  # already there: nothing written


def test_a_broken_file_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "tags.toml"
    path.write_text("[organisation\nHKU = {}\n", encoding="utf-8")
    with pytest.raises(VocabularyEditError, match="not valid TOML"):
        add_tag(path, "Zorblab", "organisation")
    assert path.read_text(encoding="utf-8") == "[organisation\nHKU = {}\n"


@pytest.mark.parametrize(("tag", "category"), [("a`b", "label"), ("Zorblab", "planet")])
def test_bad_tags_and_categories_are_refused(tmp_path: Path, tag: str, category: str) -> None:
    with pytest.raises(VocabularyEditError):
        add_tag(tmp_path / "tags.toml", tag, category)
    assert not (tmp_path / "tags.toml").exists()
