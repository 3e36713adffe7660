"""Property-based tests of ``--fix`` with every offline rule: generated notes files — valid,
broken and hostile — never crash the fixer, fixing is idempotent, and nothing is lost: the same
sections, the same entries, tags that mean the same, and the same words, except where an
intended edit (an unsafe fix) changes them."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from fixhelpers import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notelint.config.settings import Settings
from notelint.engine.linter import Linter
from notelint.fix.rounds import fix_source
from notelint.fix.safety import plain, tag_key, text_key
from notelint.model.document import Document
from notelint.parse.parser import parse
from notelint.parse.source import SourceText

_WORD = re.compile(r"\w+")
_BLANK_END = re.compile(r"(?:[^\S\r\n]|[\u200b-\u200d\u2060\u00ad\ufeff])+\Z")


@cache
def _linter() -> Linter:
    settings = Settings(root=REPO / "tests" / "fixtures" / "fix", vocabulary=str(REPO / "rules"))
    return Linter(settings, select=["ALL"])


# -- generators ------------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "Attention", "is", "all", "you", "need", "Segment", "Anything", "e\ufb03cient",
        "\ufb01ne", "de\u00adnoise", "Trained\u200b", "high\u00a0resolution", "teh", "recieve",
        "π!", "3D", "CAD-Recode:", "a.k.a.", "(1)", "--", "[54]", "_emphasis_", "*star*",
        "<b>", "&amp;", "https://example.org/x", "[link](https://example.org)", "x`y",
    ]
)  # fmt: skip
TAGS = st.sampled_from(
    [
        "US", "USA", "us", "UK", "GB", "GE", "DE", "INRIA", "Inria", "academia", "Github",
        "UAustinTexas", "SnT", "SNT", "ICCV", "ICCVV", "NeurIPS", "NIPS", "Google Brain",
        "Meta", "Gogle", "Turning", "Brandnewlab", "", " US ", "\u200bUS", "Stan\ufb01ord",
    ]
)  # fmt: skip
SPACE = st.sampled_from([" ", " ", " ", "  ", "\t", "\u00a0"])
TRAILING = st.sampled_from(["", "", "", " ", "  ", "\t", " \t"])
INDENT = st.sampled_from(["\t", "\t", "    ", "  ", "", "        ", " \t"])
HOSTILE_LINE = st.text(
    alphabet=st.sampled_from(list("ab `*-+#>[]()!<\\=~_|\t\u200b\u00a0\ufb03\r12.:")),
    max_size=30,
)


@st.composite
def title(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS, min_size=0, max_size=6))
    out = ""
    for word in words:
        out += (draw(SPACE) if out else "") + word
    return out


@st.composite
def entry(draw: st.DrawFn) -> list[str]:
    bullet = draw(st.sampled_from(["*", "*", "-", "+"]))
    tags = " ".join(f"`{t}`" for t in draw(st.lists(TAGS, max_size=5)))
    head = f"{bullet} {draw(title())}"
    if tags:
        head += draw(SPACE) + tags if draw(st.booleans()) else ""
        if head.endswith(tuple(bullet + " ")):
            head += tags
    head += draw(TRAILING)
    lines = [head]
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["quote", "quote", "loose", "blank", "hostile", "list"]))
        indent = draw(INDENT)
        if kind == "quote":
            label = draw(st.sampled_from(["", "", "Motivation: ", "Method: "]))
            lines.append(f"{indent}> {label}{draw(title())}{draw(TRAILING)}")
        elif kind == "loose":
            lines.append(f"{indent}{draw(title())}{draw(TRAILING)}")
        elif kind == "list":
            lines.append(f"{indent}{draw(st.integers(1, 9))}. {draw(title())}{draw(TRAILING)}")
        elif kind == "blank":
            lines.append(draw(TRAILING))
        else:
            lines.append(draw(HOSTILE_LINE))
    return lines


@st.composite
def notes(draw: st.DrawFn) -> str:
    lines: list[str] = []
    if draw(st.integers(0, 9)) == 0:
        lines += ["---", "title: notes", "---", ""]
    for _ in range(draw(st.integers(0, 3))):
        level = draw(st.integers(1, 4))
        heading = draw(st.sampled_from(["ICLR", "CVPR", "Generic", "Neurips", "CPVR", "arXiv"]))
        lines += [f"{'#' * level} {heading}{draw(TRAILING)}", draw(TRAILING)]
        for _ in range(draw(st.integers(0, 4))):
            lines += draw(entry())
            if draw(st.integers(0, 4)):
                lines.append(draw(TRAILING))
            if draw(st.integers(0, 12)) == 0:
                fence = draw(st.sampled_from(["```", "~~~", "```python"]))
                lines += [fence, "x = 1  ", "\t", fence.rstrip("python")]
            if draw(st.integers(0, 12)) == 0:
                lines.append(draw(HOSTILE_LINE))
            if draw(st.integers(0, 15)) == 0:
                lines.append("<!-- notelint-disable-next-line NL201 -->")
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    text = newline.join(lines)
    if draw(st.booleans()):
        text += newline
    if draw(st.integers(0, 6)) == 0:  # mixed line endings
        text = text.replace("\n", "\r\n", 1)
    return text


hostile_notes = st.text(
    alphabet=st.sampled_from(list("ab `*-+#>\n\r\t []()!<=_\u200b\u00a0\ufb03\u00ad12.:")),
    max_size=200,
)


# -- what must not be lost -------------------------------------------------------------------


def _words(document: Document, text: str) -> Counter[str]:
    """Words outside tags, compatibility forms and invisible characters normalised."""
    chars = list(text)
    for entry in document.entries:
        for tag in entry.tags:
            for offset in range(tag.span.start_offset, tag.span.end_offset):
                chars[offset] = " "
    return Counter(_WORD.findall(plain("".join(chars))))


def _outline(document: Document) -> list[tuple[str, int, int]]:
    return [(text_key(s.heading or ""), s.level, len(s.entries)) for s in document.sections]


def _assert_nothing_lost(before: str, after: str, *, unsafe: bool) -> None:
    vocabulary = _linter().vocabulary
    old = parse(SourceText(before, "notes.md"), vocabulary)
    new = parse(SourceText(after, "notes.md"), vocabulary)
    if unsafe:
        # Unsafe fixes may change heading levels, words and tags, never the entries.
        assert [len(s.entries) for s in old.sections] == [len(s.entries) for s in new.sections]
        return
    assert _outline(old) == _outline(new)
    for old_entry, new_entry in zip(old.entries, new.entries, strict=True):
        # A soft line break in a title renders as a space (wrapped-title joins them).
        assert text_key(old_entry.title).split() == text_key(new_entry.title).split()
        old_tags = {tag_key(t.text, vocabulary) for t in old_entry.tags} - {""}
        new_tags = {tag_key(t.text, vocabulary) for t in new_entry.tags} - {""}
        assert old_tags == new_tags
    assert _words(old, before) == _words(new, after)


def _check(text: str, *, unsafe: bool) -> None:
    linter = _linter()
    result = fix_source(linter, SourceText(text, "notes.md"), unsafe=unsafe)
    if result.error is not None:
        assert result.text == text
        return
    again = fix_source(linter, SourceText(result.text, "notes.md"), unsafe=unsafe)
    assert again.error is None, again.error
    assert again.text == result.text, "a second --fix changed the text again"
    _assert_nothing_lost(text, result.text, unsafe=unsafe)


_SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(notes())
def test_safe_fix_on_generated_notes(text: str) -> None:
    _check(text, unsafe=False)


@_SETTINGS
@given(notes())
def test_unsafe_fix_on_generated_notes(text: str) -> None:
    _check(text, unsafe=True)


@_SETTINGS
@given(hostile_notes)
def test_fix_on_hostile_text(text: str) -> None:
    _check(text, unsafe=False)
    _check(text, unsafe=True)


@_SETTINGS
@given(notes(), st.booleans())
def test_bytes_round_trip_keeps_bom_and_line_endings(text: str, bom: bool) -> None:
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    source = SourceText.from_bytes(raw, "notes.md")
    result = fix_source(_linter(), source)
    written = result.encoded()
    assert written.startswith(b"\xef\xbb\xbf") == bom
    if not result.changed:
        assert written == raw
        return
    # Every line ending that survives is one the file used; no new kind appears.
    before = set(re.findall(r"\r\n|\r|\n", text))
    after = set(re.findall(r"\r\n|\r|\n", result.text))
    assert after <= before or (not before and after <= {"\n"})
    # A final newline stays, or is added by missing-final-newline (NL208), never taken away
    # (a last line of spaces may be emptied, though).
    ends = ("\n", "\r")
    if _BLANK_END.sub("", text).endswith(ends):
        assert result.text.endswith(ends)
    elif result.text.strip():
        assert result.text.endswith(ends) == ("NL208" in {f.code for f in result.fixed})
