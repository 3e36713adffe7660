"""Through the engine: ``lint_text`` with online checking on and off."""

from __future__ import annotations

from pathlib import Path

from notelint.engine.linter import lint_text
from notelint.vocabulary.tags import Vocabulary

from .scholar import FakeScholar, make_settings

NOTES = "# Vision\n\n* Sparse Voxel Fields for Fast Novel View Synthesis `ICCV` `Jane Q. Doe`\n"


def test_online_findings_through_the_engine(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary
) -> None:
    fake.on(
        "dblp", "Sparse Voxel Fields for Fast Novel View Synthesis", "dblp/eccv_single_author.json"
    )
    settings = make_settings(fake, tmp_path)
    findings = lint_text(NOTES, path="notes.md", settings=settings, vocabulary=vocab)
    online = [f for f in findings if f.code.startswith("NL45")]
    assert [f.code for f in online] == ["NL451"]
    assert online[0].path == "notes.md"
    assert fake.count() == 1


def test_engine_without_online_sends_nothing(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary
) -> None:
    settings = make_settings(fake, tmp_path, enabled=False)
    findings = lint_text(NOTES, path="notes.md", settings=settings, vocabulary=vocab)
    assert not [f for f in findings if f.code.startswith("NL45")]
    assert fake.count() == 0
