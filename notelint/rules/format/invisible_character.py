"""Ligatures, non-breaking spaces and invisible characters in the text.

## What it does
Reports characters that look like ordinary text, or like nothing at all, but are not what they
seem, as copying from a PDF or a web page leaves them:

- typographic ligatures: `ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ` (one character that shows as two or three letters, as
  in `Eﬃcient`);
- the no-break space U+00A0 and the narrow no-break space U+202F;
- the soft hyphen U+00AD, the zero-width space U+200B, the word joiner U+2060, a byte order mark
  U+FEFF inside the text, and other invisible formatting characters (Unicode category Cf);
- control characters (ESC, BEL, NUL, DEL and the C1 controls; tabs and line endings aside),
  which a terminal obeys instead of showing: a note can recolour or rewrite the screen of
  whoever prints it, and they make an XML report (JUnit) unreadable.

A run of such characters is one finding; the message names each character by its code point
and Unicode name. Code blocks are not checked. Joiners and direction marks next to letters of
scripts that use them (Arabic, Persian, Indic scripts) and inside emoji sequences are left
alone.

## Why is this bad?
The text reads right but does not match: a search for `Efficient` misses `Eﬃcient`, the spell
checker flags it, the title does not match the paper database, and two copies of a title that
differ only in a zero-width space are two different titles.

## Example
```markdown
# Generic

* MedVAE: Eﬃcient Automated Interpretation of Medical Images `MIDL` `US`
    > Two-stage VAE that reduces the cost of training on high\u00a0resolution images.
```

## Use instead
```markdown
# Generic

* MedVAE: Efficient Automated Interpretation of Medical Images `MIDL` `US`
    > Two-stage VAE that reduces the cost of training on high resolution images.
```

## Fix safety
Safe: a ligature becomes its letters (`ﬃ` → `ffi`), a no-break space a space, and the invisible
characters are deleted. The text reads the same before and after.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from notelint.model.document import Document
from notelint.model.findings import Applicability, Category, Finding, Fix, FixAvailability, Severity
from notelint.parse.source import ASCII_CONTROL_RE
from notelint.rules._helpers import joins_line_endings
from notelint.rules.base import CheckContext, Rule

# Everything that is not printable ASCII, tab or a line ending: where candidates can be.
_SUSPECT_RE = re.compile(r"[^\x09\x0a\x0d\x20-\x7e]+")
_KEPT_CONTROLS = frozenset("\t\n\r")
_SPACES = frozenset("\u00a0\u202f")
_LIGATURES = frozenset("\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06")
# Never meaningful in notes prose, whatever the neighbours.
_ALWAYS = frozenset("\u00ad\u200b\u2060\u2061\u2062\u2063\u2064\ufeff")


def _plain(char: str) -> bool:
    """Neighbours that make a joiner or direction mark stray: nothing, whitespace, Latin text,
    punctuation. Anything else (Arabic, Devanagari, emoji…) may need it."""
    if not char or char.isspace() or ord(char) < 0x0250:
        return True
    return unicodedata.category(char)[0] in "PZ"


def _control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" and char not in _KEPT_CONTROLS


def _candidate(char: str) -> bool:
    return (
        char in _SPACES
        or char in _LIGATURES
        or char in _ALWAYS
        or unicodedata.category(char) == "Cf"
        or _control(char)
    )


def _candidate_runs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Maximal runs of candidate characters within ``text[start:end]``."""
    run_start: int | None = None
    for offset in range(start, end + 1):
        candidate = offset < end and _candidate(text[offset])
        if candidate and run_start is None:
            run_start = offset
        elif not candidate and run_start is not None:
            yield run_start, offset
            run_start = None


def _reported(char: str, plain_context: bool) -> bool:
    if char in _SPACES or char in _LIGATURES or char in _ALWAYS or _control(char):
        return True
    if unicodedata.category(char) != "Cf":
        return False
    return plain_context


def _replacement(char: str) -> str:
    if char in _SPACES:
        return " "
    if char in _LIGATURES:
        return unicodedata.normalize("NFKC", char)
    return ""


def _describe(char: str) -> str:
    if _control(char):
        return f"U+{ord(char):04X}"  # control characters have no Unicode name
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}"


def _kind(char: str) -> str:
    if char in _LIGATURES:
        return "ligature"
    if char in _SPACES:
        return "non-breaking space"
    if char == "\ufeff":
        return "byte order mark"
    if _control(char):
        return "control character"
    return "invisible character"


def _message(run: str) -> str:
    first = run[0]
    if run == first * len(run):
        repeat = f" ×{len(run)}" if len(run) > 1 else ""
        return f"{_kind(first)} {_describe(first)}{repeat}"
    names = ", ".join(dict.fromkeys(_describe(char) for char in run))
    return f"{len(run)} invisible or look-alike characters: {names}"


class InvisibleCharacter(Rule):
    code = "NL205"
    name = "invisible-character"
    category = Category.FORMAT
    severity = Severity.WARNING
    fixable = FixAvailability.SAFE
    # Any Markdown file has lines: also checked in a file that is not notes.
    reads_any_prose = True

    def check_document(self, document: Document, ctx: CheckContext) -> Iterator[Finding]:
        source = ctx.source
        text = source.text
        if text.isascii() and ASCII_CONTROL_RE.search(text) is None:
            return
        code_lines = ctx.code_lines
        for match in _SUSPECT_RE.finditer(text):
            start, end = match.span()
            if code_lines and source.line_of(start) in code_lines:
                continue
            for run_start, run_end in _candidate_runs(text, start, end):
                yield from self._runs(ctx, run_start, run_end)

    def _runs(self, ctx: CheckContext, start: int, end: int) -> Iterator[Finding]:
        """Findings for the reported characters of one run of candidates, split where a
        character is not reported."""
        text = ctx.source.text
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        plain_context = _plain(before) and _plain(after)
        run_start: int | None = None
        for offset in range(start, end + 1):
            flagged = offset < end and _reported(text[offset], plain_context)
            if flagged and run_start is None:
                run_start = offset
            elif not flagged and run_start is not None:
                yield self._finding(ctx, run_start, offset)
                run_start = None

    def _finding(self, ctx: CheckContext, start: int, end: int) -> Finding:
        run = ctx.source.text[start:end]
        replacement = "".join(_replacement(char) for char in run)
        if replacement == " ":
            action = "replace it with a space"
        elif replacement:
            action = f"replace it with {replacement!r}"
        else:
            action = "delete it"
        fix: Fix | None = None
        if not joins_line_endings(ctx.source.text, start, end, replacement):
            fix = ctx.fix(action, [ctx.edit(start, end, replacement)], Applicability.SAFE)
        return self.finding(ctx, ctx.span(start, end), _message(run), fix)
