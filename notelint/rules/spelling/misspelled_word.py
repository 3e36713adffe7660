"""A word in an entry's title or summary is not in any dictionary.

## What it does
Checks every piece of prose in a notes file: entries' titles, summaries and the comment after
`` -- ``, and also headings, paragraphs, nested lists, ``tl;dr`` lines and tables (in a file
that ``not-a-notes-file`` passes over too: spelling is the one check that applies to any
prose). A word is right when pyspellchecker's English dictionary, notelint's built-in lists
(machine-learning, vision, NLP, medical, statistics terms, names and short forms such as
``conv`` or ``traj``), the repository's word list (``words.txt`` in the vocabulary folder),
the ``extra-words`` setting, the tag vocabulary or the file's
``<!-- notelint-accept word … -->`` knows it, or when it is common in English at large
(wordfreq's word frequencies). A word is reported when:

* it is a misspelling people are known to make (codespell's lists: ``performnace``,
  ``informations``, ``wit`` for *with*), even where a large word list holds it; or
* no layer knows it **and** it is close to a far more common word: one slip away (a letter
  missing, doubled, swapped or next on the keyboard) or, in longer words, a letter replaced,
  one too many or two slips (``evlaution``); or a known word run into a function word
  (``visionand``).

A word unknown everywhere with nothing close to it is most likely a name or a term, and is
not reported (``unknown-words = "info"`` lists them as info findings). Names are also known by
their context: runs of capitalised names (``Stefano Ermon``), author lists (``Authors:``,
``C. Szegedy et al.``, ``by Saining Xie``), possessives (``Colah's``), a paper's own name before
its title's colon (``Hiera: A ...``), bracketed labels after a link (``[Waymo, surfel]``), and a
link's text that its target names (``[packnet](packnet.md)``). A listed name is accepted in any
letter case. Each finding is at the word's exact position with up to three suggestions in its
letter case (``Recieve`` → ``Receive``).

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
``domain-dictionary`` and ``capitalized-names`` (both on by default), ``unknown-words``
(``"ignore"`` or ``"info"``).

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
clearly the likeliest (the only one as close, or far more frequent than the next), or with the
one correction of a known misspelling; a word is never split in two on a guess (only a known
word run into a function word, ``visionand`` → ``vision and``). It is unsafe: the word may be
right (a name the dictionaries do not know) and the suggestion wrong, so it is applied only
with ``--unsafe-fixes``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from notelint.model.document import DirectiveKind, Document, Entry, Span, TagSyntax
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.parse.shape import reads_as_title
from notelint.rules.base import CheckContext, Rule
from notelint.spelling.checker import Checker, Confidence, Misspelling, build_checker, one_edit
from notelint.vocabulary.tags import Vocabulary

if TYPE_CHECKING:
    from notelint.config.settings import Settings


class MisspelledWord(Rule):
    code = "NL501"
    name = "misspelled-word"
    category = Category.SPELLING
    severity = Severity.WARNING
    fixable = FixAvailability.SOMETIMES
    reads_any_prose = True

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
        findings.extend(self._check_other_prose(document, checker, ctx))
        return findings

    def _check_other_prose(
        self, document: Document, checker: Checker, ctx: CheckContext
    ) -> Iterator[Finding]:
        """Headings (as titles) and every line outside the entries' bullets and summaries:
        paragraphs, nested lists, ``tl;dr`` lines, tables, the file's preface."""
        source = ctx.source
        skipped = set(ctx.code_lines)
        if document.front_matter is not None:
            skipped.update(_lines(document.front_matter))
        titles: list[Span] = []
        if document.header is not None:
            titles.append(document.header.title_span)
        for section in document.sections:
            if section.heading_span is not None:
                titles.append(section.heading_span)
            for entry in section.entries:
                skipped.update(_lines(entry.head_span))
                for block in entry.summary:
                    skipped.update(_lines(block.span))
        for title in titles:
            skipped.update(_lines(title))
        for span in titles:
            yield from self._check_range(span.start_offset, span.end_offset, False, checker, ctx)
        run_start: int | None = None
        for number in range(1, source.line_count + 2):
            prose = (
                number <= source.line_count
                and number not in skipped
                and source.line_text(number).strip() != ""
            )
            if prose and run_start is None:
                run_start = number
            elif not prose and run_start is not None:
                start = source.line_starts[run_start - 1]
                end = source.line_ends[number - 2]
                yield from self._check_range(start, end, True, checker, ctx)
                run_start = None

    def _check_range(
        self, start: int, end: int, sentences: bool, checker: Checker, ctx: CheckContext
    ) -> Iterator[Finding]:
        text = ctx.source.text
        for found in checker.check(text, start, end, sentences=sentences):
            where = ctx.span(found.start, found.end)
            if _line_end_fragment(text, found.end) or _line_start_fragment(text, found.start):
                continue
            if _author_name(text, found.start, found.end):
                continue
            if not sentences and not _title_typo(found):
                continue
            yield self._finding(found, where, None, ctx)

    def _check_entry(self, entry: Entry, checker: Checker, ctx: CheckContext) -> Iterator[Finding]:
        text = ctx.source.text
        spans: list[tuple[Span, bool]] = []  # (range, running prose?)
        if entry.title_span is not None:
            # A bullet that is a sentence (bullet notes) is prose; a paper's title coins names.
            paper = bool(entry.tags or entry.summary) or reads_as_title(entry.title)
            spans.append((entry.title_span, not paper))
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
                if not sentences and not _title_typo(found):
                    continue  # titles coin names (Grokking, Slimmable): only clear slips
                yield self._finding(found, where, entry, ctx)

    def _finding(
        self, found: Misspelling, where: Span, entry: Entry | None, ctx: CheckContext
    ) -> Finding:
        fix = None
        if found.replacement is not None and found.replacement != found.word:
            fix = ctx.fix(
                f"replace '{found.word}' with '{found.replacement}'",
                [ctx.edit(found.start, found.end, found.replacement)],
                applicability=Applicability.UNSAFE,
            )
        # A word unknown everywhere with nothing close (``unknown-words = "info"``): a name
        # or a term to add to the word list, not a typo.
        severity = Severity.INFO if found.confidence is Confidence.UNKNOWN else None
        return self.finding(ctx, where, message(found), fix, entry=entry, severity=severity)


def _lines(span: Span) -> range:
    return range(span.start_line, span.end_line + 1)


def _line_end_fragment(text: str, end: int) -> bool:
    return text.startswith("-", end) and text[end + 1 : end + 2] in ("\n", "\r", "")


# An author in a reference: after an initial (`C. Szegedy`), or up to two names before
# `et al` or `and X.` (`Priya Goyal et al.`, `Yee Whye Teh et al.`).
_INITIAL_BEFORE_RE = re.compile(r"(?:^|[\s(,])[A-Z]\.(?:[ -]?[A-Z]\.)*[ ]?$")
_AUTHORS_LABEL_RE = re.compile(r"(?i)\b(?:authors?|by)\b[*_]*\s*[:：]")
_ET_AL_AFTER_RE = re.compile(r"(?:[ -][A-Z][\w'-]*){0,2},?\s+(?:et\.?\s?al\b|and [A-Z]\.)")


def _author_name(text: str, start: int, end: int) -> bool:
    if not text[start : start + 1].isupper():
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if _AUTHORS_LABEL_RE.search(text, line_start, start):
        return True  # "**Authors**: Anastasiya Mishchuk, Dmytro Mishkin"
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


def _title_typo(found: Misspelling) -> bool:
    """In a title: a known misspelling, a lowercase word judged as in prose, or a capitalised
    word that is a clear slip (Title Case hides which words are names)."""
    if found.confidence is Confidence.KNOWN or not found.word[:1].isupper():
        return True
    return _clear_typo(found)


def _clear_typo(found: Misspelling) -> bool:
    """A near miss of a known name, or one edit from a dictionary word (``Trasformer``)."""
    if found.near_name:
        return True
    word = found.word.lower()
    return any(" " not in s and one_edit(word, s.lower()) for s in found.suggestions)


def message(found: Misspelling) -> str:
    if found.near_name:
        return f"'{found.word}' looks like a misspelling of the name '{found.suggestions[0]}'"
    if not found.suggestions or found.confidence is Confidence.UNKNOWN:
        return f"unknown word '{found.word}'"
    quoted = [f"'{word}'" for word in found.suggestions]
    options = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    if found.confidence is Confidence.KNOWN:
        return f"'{found.word}' is a common misspelling of {options}"
    return f"unknown word '{found.word}'; did you mean {options}?"
