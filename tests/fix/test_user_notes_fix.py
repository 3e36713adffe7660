"""Acceptance: the user's own notes (``tests/fixtures/user-notes.md``), fixed as a user would.

``notelint --fix`` makes the tags canonical and removes the ligature and whitespace problems,
and touches no other line; a second run changes nothing; ``--unsafe-fixes`` then corrects the
typos. The same holds for a CRLF copy (which stays CRLF) and a copy with a BOM (which keeps it).
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from fixhelpers import REPO, USER_NOTES, Project

from notelint.model.document import TagMatch
from notelint.parse.parser import parse
from notelint.parse.source import SourceText
from notelint.vocabulary.tags import Vocabulary, load_vocabulary

ORIGINAL = USER_NOTES.read_bytes().decode("utf-8")
_TAG = re.compile(r"`([^`]*)`")
_ODD = re.compile("[\ufb00-\ufb06\u00a0\u00ad\u200b-\u200d\u2060\ufeff]")


def _vocabulary() -> Vocabulary:
    return load_vocabulary(REPO / "rules")


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").split("\n")


# A summary line's markers: indentation, `>`, and a list marker or enumeration after it.
_SUMMARY_BODY = re.compile(
    r"[ \t]+(?:>[ \t]?)*[ \t]*(?:[*+-][ \t]+|\d{1,9}[.)][ \t]+|[A-Za-z][.)][ \t]+)?"
)


def _needs_safe_fix(line: str, vocabulary: Vocabulary) -> bool:
    """Would a user expect ``--fix`` to touch this line of their notes?"""
    if line != line.rstrip(" \t") or _ODD.search(line):
        return True  # trailing or whitespace-only, ligature, invisible or no-break space
    summary = _SUMMARY_BODY.match(line)
    if summary and re.search(r"\S {2,}\S", line[summary.end() :]):
        return True  # two spaces between words of a summary
    if not line.startswith(("* ", "- ", "+ ")):
        return False
    head = line[: line.index("`")] if "`" in line else line
    if "  " in head.strip():
        return True  # a double space in the title
    canonicals = []
    for text in _TAG.findall(line):
        ref = vocabulary.resolve(text)
        if ref is None:
            continue
        if ref.match is not TagMatch.EXACT or (ref.deprecated and ref.replaced_by):
            return True
        canonicals.append(ref.canonical)
    return len(canonicals) != len(set(canonicals))  # duplicates or two spellings of one tag


def _fix(project: Project, name: str, raw: bytes, *flags: str) -> str:
    project.write(name, raw)
    run = project.run("--fix", *flags, name)
    assert "fixes not applied" not in run.err, run.err
    assert "Fixed " in run.out
    return (project.root / name).read_bytes().decode("utf-8")


def test_fix_makes_tags_canonical_and_removes_ligatures_and_whitespace(
    user_project: Project,
) -> None:
    fixed = _fix(user_project, "notes.md", ORIGINAL.encode())
    vocabulary = _vocabulary()
    document = parse(SourceText(fixed, "notes.md"), vocabulary)
    for entry in document.entries:
        canonicals = []
        for tag in entry.tags:
            if tag.resolved is None:
                continue  # tags the vocabulary does not know are reported, never rewritten
            assert tag.resolved.match is TagMatch.EXACT, (entry.title, tag.text)
            assert not (tag.resolved.deprecated and tag.resolved.replaced_by), tag.text
            canonicals.append(tag.resolved.canonical)
        assert len(canonicals) == len(set(canonicals)), (entry.title, canonicals)
    for line in _lines(fixed):
        assert line == line.rstrip(" \t"), repr(line)
        assert not _ODD.search(line), repr(line)
    assert "MedVAE: Efficient Automated Interpretation" in fixed
    assert "`UT Austin`" in fixed and "`UAustinTexas`" not in fixed
    assert "`Academia`" in fixed and "`academia`" not in fixed
    assert "`Inria`" in fixed and "`INRIA`" not in fixed
    # The words are the user's own: nothing but tags, whitespace and ligatures changed.
    assert len(document.entries) == len(parse(SourceText(ORIGINAL, "o.md")).entries)


def test_fix_diff_shows_only_the_intended_lines(user_project: Project) -> None:
    user_project.write("notes.md", ORIGINAL.encode())
    run = user_project.run("--diff", "notes.md")
    assert run.code == 1
    assert user_project.read("notes.md") == ORIGINAL  # --diff writes nothing
    assert run.out.startswith("--- a/notes.md\n+++ b/notes.md\n@@ ")
    removed = [
        line[1:]
        for line in run.out.splitlines()
        if line.startswith("-") and line != "--- a/notes.md"
    ]
    added = [
        line[1:]
        for line in run.out.splitlines()
        if line.startswith("+") and line != "+++ b/notes.md"
    ]
    vocabulary = _vocabulary()
    lines = _lines(ORIGINAL)
    expected = [line for line in lines if _needs_safe_fix(line, vocabulary)]
    if not ORIGINAL.endswith("\n") and lines[-1] not in expected:
        expected.append(lines[-1])  # the last line gets its line break
    assert sorted(removed) == sorted(expected)
    # Each changed line is the same line with its tags, whitespace and characters normalised:
    # the same words in the same order, and tags that mean the same.
    removed = [line for line in removed if line.strip()]
    added = [line for line in added if line.strip()]

    def words(line: str) -> list[str]:
        prose = unicodedata.normalize("NFKC", _TAG.sub(" ", line))
        return prose.replace("\u200b", "").split()

    def tags(line: str) -> set[str]:
        meanings = set()
        for text in _TAG.findall(line):
            ref = vocabulary.resolve(text)
            if ref is not None and ref.deprecated and ref.replaced_by:
                ref = vocabulary.resolve(ref.replaced_by)
            meanings.add(ref.canonical if ref is not None else text)
        return meanings

    assert [words(line) for line in removed] == [words(line) for line in added]
    assert [tags(line) for line in removed] == [tags(line) for line in added]


def test_second_fix_changes_nothing(user_project: Project) -> None:
    fixed = _fix(user_project, "notes.md", ORIGINAL.encode())
    run = user_project.run("--fix", "notes.md")
    assert user_project.read("notes.md") == fixed
    assert "Fixed" not in run.out and run.err == ""
    run = user_project.run("--diff", "notes.md")
    assert (run.code, run.out) == (0, "")


def test_unsafe_fixes_then_correct_the_typos(user_project: Project) -> None:
    safe = _fix(user_project, "notes.md", ORIGINAL.encode())
    for typo in ("recieve", "medcial", "semnatic", "commerical", "negtaive"):
        assert typo in safe  # --fix alone never touches words
    fixed = _fix(user_project, "notes.md", safe.encode(), "--unsafe-fixes")
    for typo, word in [
        ("recieve", "receive"),
        ("medcial", "medical"),
        ("semnatic", "semantic"),
        ("commerical", "commercial"),
        ("negtaive", "negative"),
    ]:
        assert typo not in fixed and word in fixed
    run = user_project.run("--fix", "--unsafe-fixes", "notes.md")
    assert user_project.read("notes.md") == fixed
    assert "Fixed" not in run.out and run.err == ""


@pytest.mark.parametrize("flags", [(), ("--unsafe-fixes",)], ids=["safe", "unsafe"])
def test_crlf_copy_stays_crlf_and_bom_copy_keeps_its_bom(
    user_project: Project, flags: tuple[str, ...]
) -> None:
    lf = _fix(user_project, "lf.md", ORIGINAL.encode(), *flags)
    crlf_raw = ORIGINAL.replace("\n", "\r\n").encode()
    crlf = _fix(user_project, "crlf.md", crlf_raw, *flags)
    assert crlf == lf.replace("\n", "\r\n")
    assert "\n" not in crlf.replace("\r\n", "")
    bom = _fix(user_project, "bom.md", b"\xef\xbb\xbf" + ORIGINAL.encode(), *flags)
    assert (user_project.root / "bom.md").read_bytes().startswith(b"\xef\xbb\xbf")
    assert bom == "\ufeff" + lf
