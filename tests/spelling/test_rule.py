"""NL501 misspelled-word end to end: what a user sees in findings, messages and fixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.config.settings import ConfigError, Settings, settings_from_table
from notelint.engine.linter import lint_text
from notelint.model.findings import Applicability, Finding

NOTE = """# Notes

* {title} `ICCV` `Meta`
\t> {summary}
"""


def lint(
    summary: str,
    *,
    title: str = "Segment Anything",
    settings: Settings | None = None,
    tmp_path: Path,
    text: str | None = None,
) -> list[Finding]:
    body = text if text is not None else NOTE.format(title=title, summary=summary)
    return lint_text(body, settings=settings or Settings(root=tmp_path), select=["NL501"])


def flagged(findings: list[Finding], text: str) -> list[str]:
    return [text[f.span.start_offset : f.span.end_offset] for f in findings]


def test_reports_the_word_at_its_exact_span(tmp_path: Path) -> None:
    text = NOTE.format(title="Segment Anything", summary="AI will recieve inputs.")
    (finding,) = lint("", text=text, tmp_path=tmp_path)
    assert finding.code == "NL501"
    assert finding.name == "misspelled-word"
    assert finding.severity.value == "warning"
    assert finding.category.value == "spelling"
    assert (finding.span.start_line, finding.span.start_column) == (4, 12)
    assert text[finding.span.start_offset : finding.span.end_offset] == "recieve"
    assert finding.message == ("'recieve' is a common misspelling of 'receive'")
    assert finding.entry_title == "Segment Anything"


def test_fix_is_unsafe_and_replaces_only_the_word(tmp_path: Path) -> None:
    text = NOTE.format(title="Segment Anything", summary="AI will recieve inputs.")
    (finding,) = lint("", text=text, tmp_path=tmp_path)
    assert finding.fix is not None
    assert finding.fix.applicability is Applicability.UNSAFE
    (edit,) = finding.fix.edits
    fixed = text[: edit.span.start_offset] + edit.content + text[edit.span.end_offset :]
    assert fixed == text.replace("recieve", "receive")


def test_titles_are_checked_and_case_is_preserved(tmp_path: Path) -> None:
    text = NOTE.format(title="Recieve Attention", summary="Fine.")
    (finding,) = lint("", text=text, tmp_path=tmp_path)
    assert flagged([finding], text) == ["Recieve"]
    assert "'Receive'" in finding.message
    assert finding.fix is not None and finding.fix.edits[0].content == "Receive"


def test_no_fix_when_the_best_suggestion_is_not_clear(tmp_path: Path) -> None:
    (finding,) = lint("A low dimensionl space.", tmp_path=tmp_path)
    assert finding.fix is None
    assert "'dimensional'" in finding.message


def test_hyphenated_compound_reports_the_part(tmp_path: Path) -> None:
    text = NOTE.format(title="CAD-Recode", summary="To fine-tung the LLM.")
    (finding,) = lint("", text=text, tmp_path=tmp_path)
    assert flagged([finding], text) == ["tung"]
    assert finding.fix is not None and finding.fix.edits[0].content == "tune"


def test_a_misspelt_prefix_is_suggested(tmp_path: Path) -> None:
    text = NOTE.format(title="ICL", summary="In-context learning for mulit-modal LLMs.")
    (finding,) = lint("", text=text, tmp_path=tmp_path)
    assert flagged([finding], text) == ["mulit"]
    assert finding.message == "'mulit' is a common misspelling of 'multi'"


def test_tags_code_urls_and_markup_are_never_checked(tmp_path: Path) -> None:
    text = """# Notes

* A Titel Here `Turning` `zer0int` `Typoo Tagg`
\t> The loss `a domain-specifc losss` is at https://github.com/foo/barr and
\t> <span class='boldd'>bold</span>.
\t> Mail jane.doo@example.org, see [the code](https://exampl.com/qwerty) or $\\lambda_{recn}$.

\t```python
\tdef recieve(): pass  # a typo in code is not prose
\t```
"""
    findings = lint("", text=text, tmp_path=tmp_path)
    assert flagged(findings, text) == ["Titel"]


def test_names_are_not_checked(tmp_path: Path) -> None:
    summary = "BiomedCLIP and nanoTabPFN beat LLMs, VLMs and DINOv3 on kVp and CLS_Token."
    assert lint(summary, tmp_path=tmp_path) == []


def test_a_name_one_letter_short_of_a_known_name(tmp_path: Path) -> None:
    text = NOTE.format(title="Video", summary="A modified TimeSfomer classifies videos.")
    (finding,) = lint("", text=text, tmp_path=tmp_path)
    assert flagged([finding], text) == ["TimeSfomer"]
    assert finding.message == "'TimeSfomer' looks like a misspelling of the name 'TimeSformer'"


def test_a_listed_name_near_a_known_name_is_accepted(tmp_path: Path) -> None:
    text = NOTE.format(title="Video", summary="A modified TimeSfomer classifies videos.")
    accepted = "<!-- notelint-accept TimeSfomer -->\n\n" + text
    assert lint("", text=accepted, tmp_path=tmp_path) == []


def test_check_identifiers_checks_names_too(tmp_path: Path) -> None:
    settings = settings_from_table(
        {"spelling": {"check-identifiers": True}}, root=tmp_path, config_path=None
    )
    text = NOTE.format(title="Video", summary="The QXRs beat ZorbNet, LLMs and PyTorch.")
    findings = lint("", text=text, settings=settings, tmp_path=tmp_path)
    assert flagged(findings, text) == ["QXRs", "ZorbNet"]


def test_ligatures_and_curly_apostrophes(tmp_path: Path) -> None:
    text = NOTE.format(title="MedVAE: Eﬃcient Automated Interpretation", summary="Gemini’s ok.")
    assert lint("", text=text, tmp_path=tmp_path) == []


def test_british_and_american_spellings(tmp_path: Path) -> None:
    summary = "We normalise colour and normalize color; the tumour behaviour is modelled."
    assert lint(summary, tmp_path=tmp_path) == []


def test_capitalised_unknown_word_inside_a_sentence_is_a_name(tmp_path: Path) -> None:
    assert lint("It uses the Zorblax resampler.", tmp_path=tmp_path) == []
    # ... unless it is one typing slip from a known word
    text = NOTE.format(title="T", summary="It uses the Transfomer encoder.")
    (finding,) = lint("", text=text, tmp_path=tmp_path)
    assert flagged([finding], text) == ["Transfomer"]


def test_capitalized_names_off(tmp_path: Path) -> None:
    settings = settings_from_table(
        {"spelling": {"capitalized-names": False}}, root=tmp_path, config_path=None
    )
    # With names by case off, a capitalised word inside a sentence is judged like any other:
    # one letter from a common word is a typo (with names on, it is taken for a name).
    assert lint("It uses the Encodor resampler.", tmp_path=tmp_path) == []
    (finding,) = lint("It uses the Encodor resampler.", settings=settings, tmp_path=tmp_path)
    assert "Encodor" in finding.message


def test_inline_accept_directive_is_per_file(tmp_path: Path) -> None:
    text = NOTE.format(title="Stats", summary="We use the rliable library.")
    accepted = "<!-- notelint-accept rliable frobnicate -->\n\n" + text
    assert lint("", text=accepted, tmp_path=tmp_path) == []
    assert flagged(lint("", text=text, tmp_path=tmp_path), text) == ["rliable"]


def test_repository_word_list(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "words.txt").write_text("# our words\nrliable\nZorbNet  # model\n")
    text = NOTE.format(title="Stats", summary="We use rliable, RLIABLE and ZorbNet. Zorbnet too.")
    findings = lint("", text=text, tmp_path=tmp_path)
    # A listed name in another letter case is the same word: spelling checks letters, not case.
    assert flagged(findings, text) == []


def test_extra_words_setting(tmp_path: Path) -> None:
    settings = settings_from_table(
        {"spelling": {"extra-words": ["rliable"]}}, root=tmp_path, config_path=None
    )
    assert lint("We use the rliable library.", settings=settings, tmp_path=tmp_path) == []


def test_vocabulary_tags_are_words(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "tags.toml").write_text(
        '[organisation]\nQuorvex = { aliases = ["Quorvex Labs"] }\n'
    )
    assert lint("Quorvex released it.", tmp_path=tmp_path) == []


def test_min_word_length(tmp_path: Path) -> None:
    text = NOTE.format(title="T", summary="Use teh model.")
    assert flagged(lint("", text=text, tmp_path=tmp_path), text) == ["teh"]
    settings = settings_from_table(
        {"spelling": {"min-word-length": 4}}, root=tmp_path, config_path=None
    )
    assert lint("", text=text, settings=settings, tmp_path=tmp_path) == []


def test_trailing_text_is_checked(tmp_path: Path) -> None:
    text = "# Notes\n\n* A title `ICCV` a remmark here\n\t> Fine.\n"
    assert flagged(lint("", text=text, tmp_path=tmp_path), text) == ["remmark"]


def test_other_languages(tmp_path: Path) -> None:
    settings = settings_from_table(
        {"spelling": {"languages": ["en", "de"]}}, root=tmp_path, config_path=None
    )
    summary = "Die Schwierigkeit ist gering."
    assert lint(summary, settings=settings, tmp_path=tmp_path) == []


def test_unknown_language_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown language 'xx'"):
        settings_from_table({"spelling": {"languages": ["xx"]}}, root=tmp_path, config_path=None)


def test_unknown_spelling_key_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"unknown key 'spelling\.check-names'"):
        settings_from_table({"spelling": {"check-names": True}}, root=tmp_path, config_path=None)


def test_titles_report_only_clear_slips(tmp_path: Path) -> None:
    from notelint.config.settings import Settings
    from notelint.engine.linter import lint_text

    text = (
        "* Grokking: Generalization Beyond Overfitting `US`\n  > Summary.\n"
        "* Slimmable Netwroks `US`\n  > Summary.\n"
        "* Paper `US`\n  > A word broken over lines: lan-\n  guage, and a typo: langauge.\n"
    )
    findings = lint_text(text, settings=Settings(root=tmp_path), select=["NL501"])
    assert sorted(f.message.split("'")[1] for f in findings) == ["Netwroks", "langauge"]


def test_authors_in_references_are_not_words(tmp_path: Path) -> None:
    from notelint.config.settings import Settings
    from notelint.engine.linter import lint_text

    text = (
        "- **Going deeper with convolutions** (2015), C. Szegedy et al. [[pdf]](http://x.org)\n"
        "- Massive Exploration (2017), Priya Goyal et al. [[pdf]](http://x.org)\n"
        "- Langevin Dynamics (2016), Yee Whye Teh et al.\n"
        "- MatConvNet (2015), A. Vedaldi and K. Lenc\n"
        "- Sequence Learning (2017), the Vinyals and Szegedy paper\n"
    )
    findings = lint_text(text, settings=Settings(root=tmp_path), select=["NL501"])
    assert [f.span.start_line for f in findings] == [5, 5]  # no initial, no `et al.`
