"""A word in an entry's title or summary is not in any dictionary.

## What it does
Checks the words of every entry's title, summary (quoted and loose blocks) and the text after
its tags against pyspellchecker's English dictionary, notelint's built-in dictionary of
machine-learning, computer-vision, NLP, medical-imaging and statistics terms and names, the
repository's word list (``words.txt`` in the vocabulary folder), the ``extra-words`` setting,
every tag and venue of the vocabulary, and the words the file accepts with
``<!-- notelint-accept word … -->``. Each unknown word is reported at its exact position with
up to three suggestions in the word's letter case (``Recieve`` → ``Receive``).

Tags (backticked), code blocks, code spans, URLs, link targets, HTML, e-mail addresses, math
and numbers are not prose and are skipped. A typo in a hyphenated compound is reported on the
part (``tung`` in ``fine-tung``). Acronyms (``LLMs``), CamelCase and tokens with digits
(``BiomedCLIP``, ``DINOv3``) are names and are not checked (``check-identifiers = true`` checks
them too), except a CamelCase name one letter short of a known name (``TimeSfomer``). In a
summary, an unknown Capitalised word inside a sentence is taken for a name too (``the
Perceiver resampler``) unless one missing, doubled or swapped letter away from a known word
(``the Transfomer encoder``). British and American spellings are both accepted
(``colour``/``color``, ``normalise``/``normalize``), and so are words derived from known ones
with a productive prefix or a regular suffix (``underdiagnosis``, ``contrastively``).

A word that is right but unknown goes in the word list: ``notelint words add WORD``, or
``notelint words learn PATH --write`` for every word flagged now. Settings, in
``[tool.notelint.spelling]``: ``languages`` (pyspellchecker's, default ``["en"]``),
``extra-words``, ``check-identifiers``, ``min-word-length`` (default 3),
``domain-dictionary`` and ``capitalized-names`` (both on by default).

## Why is this bad?
Typos in notes make them harder to search (a note about "retreival" is missed by a search for
"retrieval") and look careless when notes are shared.

## Example
```markdown
# Retrieval

* Dense Passage Retrieval for Open-Domain Question Answering `EMNLP` `Meta`
        > Dual BERT encoders trained with in-batch negatives make retreival competitive with BM25.
```

## Use instead
```markdown
# Retrieval

* Dense Passage Retrieval for Open-Domain Question Answering `EMNLP` `Meta`
        > Dual BERT encoders trained with in-batch negatives make retrieval competitive with BM25.
```

## Fix safety
The fix replaces the word with the best suggestion and is offered only when that suggestion is
clearly the likeliest (the only one as close, or far more frequent than the next). It is unsafe:
the word may be right (a name the dictionaries do not know) and the suggestion wrong, so it is
applied only with ``--unsafe-fixes``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from notelint.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.model import DirectiveKind, Document, Entry, Span, TagSyntax
from notelint.rules.base import CheckContext, Rule
from notelint.spelling.checker import Checker, Misspelling, build_checker
from notelint.vocabulary import Vocabulary

if TYPE_CHECKING:
    from notelint.config import Settings


class MisspelledWord(Rule):
    code = "NL501"
    name = "misspelled-word"
    category = Category.SPELLING
    severity = Severity.WARNING
    fixable = FixAvailability.SOMETIMES

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self._built: tuple[Vocabulary, Checker] | None = None

    def checker(self, vocabulary: Vocabulary) -> Checker:
        """The run's checker (built once per vocabulary: dictionaries load lazily)."""
        if self._built is None or self._built[0] is not vocabulary:
            self._built = (vocabulary, build_checker(self.settings, vocabulary))
        return self._built[1]

    def check_document(self, document: Document, ctx: CheckContext) -> Iterable[Finding]:
        checker = self.checker(ctx.vocabulary)
        accepted = [
            word
            for suppression in document.suppressions
            if suppression.kind is DirectiveKind.ACCEPT
            for word in suppression.words
        ]
        checker = checker.accepting(accepted)
        findings: list[Finding] = []
        for entry in document.entries:
            findings.extend(self._check_entry(entry, checker, ctx))
        return findings

    def _check_entry(self, entry: Entry, checker: Checker, ctx: CheckContext) -> Iterator[Finding]:
        text = ctx.source.text
        spans: list[tuple[Span, bool]] = []  # (range, running prose?)
        if entry.title_span is not None:
            spans.append((entry.title_span, False))
        if entry.trailing_span is not None:
            spans.append((entry.trailing_span, True))
        if entry.comment_span is not None:
            spans.append((entry.comment_span, True))
        spans.extend((block.span, True) for block in entry.summary)
        # `:hash:FB AI` in a comment or on a summary line is a tag, not prose.
        tag_spans = [
            (t.span.start_offset, t.span.end_offset)
            for t in entry.tags
            if t.syntax is not TagSyntax.BACKTICK
        ]
        for span, sentences in spans:
            found_words = checker.check(
                text, span.start_offset, span.end_offset, sentences=sentences
            )
            for found in found_words:
                if tag_spans and any(s <= found.start < e for s, e in tag_spans):
                    continue
                where = ctx.span(found.start, found.end)
                if where.start_line in ctx.code_lines:
                    continue
                if _line_end_fragment(text, found.end) or _line_start_fragment(text, found.start):
                    continue  # `lan-` / `guage` broken over two lines: half a word
                if _author_name(text, found.start, found.end):
                    continue  # `C. Szegedy et al.`: a curated list's authors
                if not sentences and not _clear_typo(found):
                    continue  # titles coin names (Grokking, Slimmable): only clear slips
                yield self._finding(found, where, entry, ctx)

    def _finding(self, found: Misspelling, where: Span, entry: Entry, ctx: CheckContext) -> Finding:
        fix = None
        if found.replacement is not None and found.replacement != found.word:
            fix = ctx.fix(
                f"replace '{found.word}' with '{found.replacement}'",
                [ctx.edit(found.start, found.end, found.replacement)],
                applicability=Applicability.UNSAFE,
            )
        return self.finding(ctx, where, message(found), fix, entry=entry)


def _line_end_fragment(text: str, end: int) -> bool:
    return text.startswith("-", end) and text[end + 1 : end + 2] in ("\n", "\r", "")


# An author in a reference: after an initial (`C. Szegedy`), or up to two names before
# `et al` or `and X.` (`Priya Goyal et al.`, `Yee Whye Teh et al.`).
_INITIAL_BEFORE_RE = re.compile(r"(?:^|[\s(,])[A-Z]\.(?:[ -]?[A-Z]\.)*[ ]?$")
_ET_AL_AFTER_RE = re.compile(r"(?:[ -][A-Z][\w'-]*){0,2},?\s+(?:et\.?\s?al\b|and [A-Z]\.)")


def _author_name(text: str, start: int, end: int) -> bool:
    if not text[start : start + 1].isupper():
        return False
    if _INITIAL_BEFORE_RE.search(text, max(0, start - 12), start):
        return True
    return _ET_AL_AFTER_RE.match(text, end) is not None


def _line_start_fragment(text: str, start: int) -> bool:
    """The word opens its line (after indentation and quote markers) and the line before
    ends with a hyphen."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t>"):
        return False
    before = text[: max(line_start - 1, 0)].rstrip("\r")
    return before.endswith("-") and line_start > 0


def _clear_typo(found: Misspelling) -> bool:
    """A near miss of a known name, or one edit from a dictionary word (``Trasformer``)."""
    if found.near_name:
        return True
    word = found.word.lower()
    return any(" " not in s and one_edit(word, s.lower()) for s in found.suggestions)


def one_edit(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours turns ``a`` into ``b``."""
    from rapidfuzz.distance import OSA

    return a != b and OSA.distance(a, b, score_cutoff=1) == 1


def message(found: Misspelling) -> str:
    if found.near_name:
        return f"'{found.word}' looks like a misspelling of the name '{found.suggestions[0]}'"
    if not found.suggestions:
        return f"unknown word '{found.word}'"
    quoted = [f"'{word}'" for word in found.suggestions]
    options = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    return f"unknown word '{found.word}'; did you mean {options}?"
