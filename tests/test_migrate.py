"""The older shapes of notes (../shared/legacy-formats.md), read into the same model and
rewritten by ``notelint migrate``: what a user sees in ``export``, ``check`` and ``migrate``.

The file under test is tests/realworld/legacy/conf_2019.md: every shape, with titles written
here."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from notelint.fix import migrate as migrate_module
from tests.helpers import run_cli

LEGACY = Path(__file__).parent / "realworld" / "legacy" / "conf_2019.md"
CURRENT = Path(__file__).parent.parent / "notes" / "conf_2025.md"
_BACKTICKED = re.compile(r"`([^`]+)`")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(LEGACY, tmp_path / "conf_2019.md")
    (tmp_path / "pyproject.toml").write_text("[tool.notelint]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _export(capsys: pytest.CaptureFixture[str], path: str) -> dict[str, Any]:
    run = run_cli(capsys, "export", path)
    assert run.code == 0, run.err
    document: dict[str, Any] = run.json()[0]
    return document


def _entries(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["title"]: e for s in document["sections"] for e in s["entries"]}


def _tags(entry: dict[str, Any]) -> list[tuple[str, str | None, int | None]]:
    return [
        (t["syntax"], t["resolved"]["canonical"] if t["resolved"] else t["name"], t["year"])
        for t in entry["tags"]
    ]


def test_export_reads_every_older_shape(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = _export(capsys, "conf_2019.md")
    header = document["header"]
    assert header["title"] == "Interesting CVPR2019 papers" and header["year"] == 2019
    assert header["preface"] == "> and my quick opinion -- one pass only"
    assert document["year"] == 2019
    sections = document["sections"]
    assert [s["heading"] for s in sections] == [
        "Generic",
        "arXiv 2021",
        "Unsupervised Learning",
        "WACV2020",
    ]
    assert [s["year"] for s in sections] == [None, 2021, None, 2020]
    assert [(t["text"], t["syntax"]) for t in sections[2]["labels"]] == [
        ("Selfsupervised", "heading")
    ]
    entries = _entries(document)
    # Titles exact: no hashtag, no comment, no shortcode.
    assert list(entries) == [
        "Sparse Kernels for Small Networks",
        "Ranking Losses Once More",
        "Quantised Products at Scale",
        "Compositional Product Search",
        "Peak Response Fields",
        "Rotating GANs",
        "Pre-training at Scale",
        "Learning to Wait",
        "Proxy Losses Again",
        "Retrieval of Fashion Items",
        "Segmenting Anything Twice",
        "Tiny Detectors",
        "Larger Detectors",
        "Even Larger Detectors",
    ]
    assert _tags(entries["Ranking Losses Once More"]) == [
        ("hashtag", "CVPR", 2019),
        ("hashtag", "ranking", None),
    ]
    assert _tags(entries["Quantised Products at Scale"]) == [
        ("shortcode", "Industry", None),
        ("shortcode", "Meta", None),  # :hash:Facebook, a former name of Meta
        ("shortcode", "Industry", None),  # on the summary line
        ("shortcode", "FB AI", None),  # a multi-word shortcode runs to the end of the line
    ]
    assert _tags(entries["Compositional Product Search"]) == [
        ("backtick", "ECCV", 2018),
        ("shortcode", "Industry", None),
        ("shortcode", "Adobe", None),
    ]
    assert _tags(entries["Tiny Detectors"])[0] == ("backtick", "NeurIPS", 2019)
    assert _tags(entries["Peak Response Fields"])[1] == ("backtick", "2018", 2018)
    comments = {title: e["comment"] for title, e in entries.items() if e["comment"]}
    assert comments == {
        "Quantised Products at Scale": "closed set only, no code",
        "Peak Response Fields": "important",
        "Rotating GANs": "a new kind of loss",
        "Pre-training at Scale": "Technicalities",
        "Learning to Wait": "Seems like a good idea, poorly written.",
    }
    # `>` with no space is a quote; quote paragraphs split by blank or tab-only lines are kept.
    assert [b["kind"] for b in entries["Proxy Losses Again"]["summary"]] == ["quote"]
    assert len(entries["Segmenting Anything Twice"]["summary"]) == 3


def _tag_and_venue_findings(capsys: pytest.CaptureFixture[str]) -> set[tuple[str, str]]:
    run = run_cli(
        capsys, "check", "--no-cache", "--output-format", "json", "--select", "NL3,NL4", "."
    )
    assert run.code in (0, 1), run.err
    found = set()
    for finding in run.json():
        named = _BACKTICKED.search(finding["message"])
        name = re.sub(r"(?:19|20)\d{2}$", "", named.group(1)) if named else ""
        found.add((finding["rule"], name))
    return found


def test_migrate_keeps_the_notes_and_their_findings(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before_doc = _export(capsys, "conf_2019.md")
    before_findings = _tag_and_venue_findings(capsys)
    assert ("NL401", "NIPS") in before_findings  # the venue rules read the fused tag

    diff = run_cli(capsys, "migrate", "conf_2019.md")
    assert diff.code == 1 and "+* Ranking Losses Once More `CVPR` `ranking`" in diff.out
    assert (project / "conf_2019.md").read_bytes() == LEGACY.read_bytes()  # a diff only

    written = run_cli(capsys, "migrate", "--write", "conf_2019.md")
    assert written.code == 0 and "Migrated 12 entries in 1 file." in written.out
    text = (project / "conf_2019.md").read_text(encoding="utf-8")
    assert "**#" not in text and ":hash:" not in text and " -- " not in text.split("\n", 3)[3]
    assert "* Compositional Product Search `ECCV` `2018` `Adobe` `Industry`" in text
    assert "* Sparse Kernels for Small Networks `arXiv`\n" in text  # the file says 2019
    assert "* Tiny Detectors `NIPS` `2019` `Google Brain` `UK`" in text  # no entity renamed
    assert "\t> Seems like a good idea, poorly written.\n" in text
    assert "### Unsupervised Learning\n* Proxy Losses Again `Selfsupervised`\n" in text

    after_doc = _export(capsys, "conf_2019.md")
    assert _tag_and_venue_findings(capsys) == before_findings
    before, after = _entries(before_doc), _entries(after_doc)
    assert list(before) == list(after)
    labels = {e["title"] for e in before_doc["sections"][2]["entries"]}
    said = {e["title"]: s["year"] or 2019 for s in before_doc["sections"] for e in s["entries"]}
    for title, old in before.items():
        new = after[title]
        # The same entities; a fused year becomes a year tag unless the section or file says it.
        old_names = {c for _, c, y in _tags(old)} | (
            {"Selfsupervised"} if title in labels else set()
        )
        old_names |= {str(y) for _, c, y in _tags(old) if y is not None and y != said[title]}
        assert {c for _, c, _ in _tags(new)} == old_names, title
        assert new["comment"] == "" and all(t["syntax"] == "backtick" for t in new["tags"])
        # No word of a comment or a summary is lost: they are the summary now, in order.
        old_words = old["comment"].split() + _summary_words(old)
        assert _summary_words(new) == old_words, title

    again = run_cli(capsys, "migrate", "conf_2019.md")
    assert again.code == 0 and again.out.startswith("Nothing to migrate")
    assert (project / "conf_2019.md").read_text(encoding="utf-8") == text


def _summary_words(entry: dict[str, Any]) -> list[str]:
    text = "\n".join(b["text"] for b in entry["summary"])
    for tag in entry["tags"]:
        if tag["syntax"] == "shortcode":
            text = text.replace(f":hash:{tag['text']}", " ")
    return re.sub(r"(?m)^[ \t]*>[ \t]?", " ", text).split()


def test_a_file_in_the_current_format_is_left_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(CURRENT, tmp_path / "conf_2025.md")
    monkeypatch.chdir(tmp_path)
    run = run_cli(capsys, "migrate", "--write", "conf_2025.md")
    assert run.code == 0 and "Migrated 0 entries in 0 files." in run.out
    assert (tmp_path / "conf_2025.md").read_bytes() == CURRENT.read_bytes()


def test_line_endings_and_bom_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "# arXiv\r\n\r\n* A Title **#iclr2020** -- worth a read\r\n"
    (tmp_path / "n.md").write_bytes(b"\xef\xbb\xbf" + text.encode())
    monkeypatch.chdir(tmp_path)
    assert run_cli(capsys, "migrate", "--write", "n.md").code == 0
    expected = "# arXiv\r\n\r\n* A Title `ICLR` `2020`\r\n\t> worth a read\r\n"
    assert (tmp_path / "n.md").read_bytes() == b"\xef\xbb\xbf" + expected.encode()


def test_heading_labels_can_stay_on_the_heading(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_cli(capsys, "migrate", "--heading-labels", "keep", "--write", "conf_2019.md")
    assert run.code == 0, run.err
    text = (project / "conf_2019.md").read_text(encoding="utf-8")
    assert "### Unsupervised Learning #Selfsupervised\n" in text
    assert "* Proxy Losses Again\n" in text


def test_the_setting_in_pyproject_is_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.notelint.migrate]\nheading-labels = "keep"\n', encoding="utf-8"
    )
    assert run_cli(capsys, "migrate", "--write", "conf_2019.md").code == 0
    assert "#Selfsupervised" in (project / "conf_2019.md").read_text(encoding="utf-8")


def test_an_entry_it_cannot_rewrite_is_named_and_the_rest_migrate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "# arXiv\n\n* A Title Over\n  Two Lines **#iclr2020**\n"
        "* Another Title **#iclr2020** <!-- notelint-disable-line -->\n"
        "* Third Title **#iclr2020**\n"
    )
    (tmp_path / "n.md").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = run_cli(capsys, "migrate", "--write", "n.md")
    assert run.code == 1
    assert "n.md:3: entry not migrated: the bullet runs over several lines" in run.err
    assert "n.md:5: entry not migrated: the bullet line holds an HTML comment" in run.err
    after = (tmp_path / "n.md").read_text(encoding="utf-8")
    assert "* Third Title `ICLR` `2020`\n" in after and "Two Lines **#iclr2020**" in after


def test_a_result_that_reads_back_differently_leaves_the_file(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    original = migrate_module._Planner._new_tags

    def drop_meta(self: Any, tags: Any, year: int | None) -> list[str]:
        return [t for t in original(self, tags, year) if t != "Facebook"]

    monkeypatch.setattr(migrate_module._Planner, "_new_tags", drop_meta)
    run = run_cli(capsys, "migrate", "--write", "conf_2019.md")
    assert run.code == 1
    assert "conf_2019.md:7: file not migrated: the tags would change (lost: Meta" in run.err
    assert (project / "conf_2019.md").read_bytes() == LEGACY.read_bytes()


def test_legacy_syntax_is_opt_in_and_names_each_shape(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    default = run_cli(capsys, "check", "--no-cache", "--output-format", "concise", ".")
    assert "NL210" not in default.out
    run = run_cli(
        capsys, "check", "--no-cache", "--select", "NL210", "--output-format", "concise", "."
    )
    assert "conf_2019.md:6:28: info: NL210 tag written as a bold hashtag **#cvpr2019**" in run.out
    assert "conf_2019.md:7:34: info: NL210 comment after ` -- `" in run.out
    assert "conf_2019.md:11:32: info: NL210 venue and year in one tag `ECCV2018`" in run.out
    assert "conf_2019.md:17:27: info: NL210 heading label `#Selfsupervised`" in run.out
    assert "conf_2019.md:19:2: info: NL210 `>` with no space after it" in run.out


def test_spelling_reads_comments_and_skips_hashtags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "n.md").write_text(
        "# arXiv\n\n* Learning to Rank -- we recieve better results :hash:Gogle Bran\n"
        "\t> A summary :hash:Faceboook\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    run = run_cli(
        capsys, "check", "--no-cache", "--select", "NL501", "--output-format", "concise", "n.md"
    )
    assert "'recieve' is a common misspelling" in run.out
    assert "Gogle" not in run.out and "Bran" not in run.out and "Faceboook" not in run.out


def test_init_points_to_migrate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(LEGACY, tmp_path / "conf_2019.md")
    monkeypatch.chdir(tmp_path)
    run = run_cli(capsys, "init")
    assert run.code == 0, run.err
    assert "12 entries in 1 file use older shapes" in run.out
    assert "`notelint migrate`" in run.out and "`legacy-syntax` rule (NL210)" in run.out
    vocabulary = (tmp_path / "rules" / "tags.toml").read_text(encoding="utf-8")
    assert "ECCV2018" not in vocabulary and "cvpr2019" not in vocabulary


def test_the_export_schema_describes_the_new_fields(capsys: pytest.CaptureFixture[str]) -> None:
    schema = run_cli(capsys, "export", "--schema").json()
    defs = schema["$defs"]
    assert set(defs["TagSyntax"]["enum"]) == {"backtick", "hashtag", "shortcode", "heading"}
    assert {"syntax", "name", "year"} <= set(defs["Tag"]["properties"])
    assert {"comment", "comment_span"} <= set(defs["Entry"]["properties"])
    assert {"labels", "year"} <= set(defs["Section"]["properties"])
    assert {"header", "year"} <= set(schema["properties"])
    assert {"title", "preface", "year"} <= set(defs["DocumentHeader"]["properties"])


def test_migrate_follows_tag_order_by_code_or_slug_and_rejects_a_bad_one(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.notelint.rules.tag-order]\norder = ["sector", "organisation", "venue"]\n', "utf-8"
    )
    assert run_cli(capsys, "migrate", "--write", "conf_2019.md").code == 0
    text = (project / "conf_2019.md").read_text(encoding="utf-8")
    assert "* Compositional Product Search `Industry` `Adobe` `ECCV` `2018`\n" in text
    (project / "pyproject.toml").write_text(
        '[tool.notelint.rules.NL308]\norder = "venue"\n', encoding="utf-8"
    )
    bad = run_cli(capsys, "migrate", "conf_2019.md")
    assert bad.code == 2 and "'order' must be a list of category names" in bad.err
