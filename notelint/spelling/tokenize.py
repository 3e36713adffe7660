"""Words of research prose in Markdown, with exact source offsets.

:func:`tokenize` takes a range of the source text (a title, a summary block) and yields
:class:`Chunk` objects: a run of word characters between spaces and punctuation, such as
``fine-tung`` or ``Gemini’s``. A chunk holds one :class:`Token` per hyphen-separated part, so a
typo in a compound is reported on the part alone (``tung`` in ``fine-tung``), while the checker
can still accept a compound the dictionary knows as a whole (``x-ray``).

What is not prose is blanked out before words are looked for, keeping offsets: code spans
(backticked tags), URLs and bare domains, file names and paths, link targets and reference
labels, autolinks, HTML tags, comments and entities, e-mail addresses, @-mentions, inline math
(``$…$``) and LaTeX commands. Numbers are not words. A possessive (``model's``, ``authors'``,
``Gemini’s``) is left out of the token's span; contractions (``don't``) stay whole.

Tokens that look like identifiers rather than words are marked :attr:`TokenKind.NAME`:
ALL-CAPS acronyms (also with a plural ``s``: ``LLMs``), mixedCase and CamelCase (``kVp``,
``BiomedCLIP``), anything with a digit (``DINOv3``, ``GPT-4o``'s ``4o``) and snake_case or
dotted identifiers (``CLS_Token``, ``torch.nn``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum
from typing import NamedTuple


class TokenKind(StrEnum):
    WORD = "word"  # ordinary prose word: checked against the dictionary
    NAME = "name"  # identifier-like (acronym, CamelCase, digits): a name unless configured


class NameShape(StrEnum):
    """Why a token was taken for a name."""

    NONE = ""
    ACRONYM = "acronym"  # LLM, LLMs, VAE
    CAMEL = "camel"  # BiomedCLIP, kVp, TimeSformer
    DIGITS = "digits"  # DINOv3, 4o, L1
    CODE = "code"  # CLS_Token, torch.nn


class Token(NamedTuple):
    """One word (or hyphen-separated part of a compound) and where it is in the source."""

    start: int
    end: int
    text: str
    kind: TokenKind
    shape: NameShape = NameShape.NONE
    part: int = 0  # position in its compound (0 for a plain word)
    last: bool = True  # the last part of its compound

    @property
    def is_name(self) -> bool:
        return self.kind is TokenKind.NAME


class Chunk(NamedTuple):
    """A hyphenated compound or a single word, with its parts."""

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    initial: bool = True  # first word of a sentence (or of the checked range)


# -- what is not prose -----------------------------------------------------------------------

_TLDS = (
    "com|org|net|io|ai|edu|gov|dev|app|co|uk|de|fr|cn|jp|kr|ch|nl|eu|ca|us|ml|ly|me|info|"
    "html?|pdf|md|txt|json|ya?ml|csv|tsv|py|ipynb|js|ts|sh|cfg|ini|toml|zip|gz|tar|pt|pth|"
    "ckpt|onnx|h5|npy|npz|pkl|png|jpe?g|gif|svg|tex|bib|cpp|hpp|rs|go|java|rb"
)
# (trigger, pattern): a pattern runs only on text that contains its trigger, which keeps
# masking cheap (most summaries have no URL, address or math at all).
_SKIP_PATTERNS = [
    # HTML comments (inline directives) and tags, autolinks and entities.
    ("<", r"<!--.*?(?:-->|\Z)"),
    ("<", r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>"),
    ("<", r"<[^<>\s@]+@[^<>\s]+>"),
    ("<", r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"),
    ("&", r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"),
    # Link targets ``](…)``, reference labels ``][…]`` and reference definitions.
    ("](", r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"),
    ("][", r"\]\[[^\]\n]*\]"),
    ("]:", r"(?m:^[ \t>]*\[[^\]\n]+\]:[ \t]*\S+.*$)"),
    # URLs and paths (bare domains and file names: see _DOMAIN_RE).
    ("://", r"\b(?:https?|ftp|file|s3|gs|ssh)://[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]]"),
    ("www.", r"\bwww\.[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]]"),
    ("/", r"(?<![\w.])(?:~|\.{1,2})?/(?:[\w.-]+/)*[\w.-]*\w"),
    # E-mail addresses and @-mentions.
    ("@", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    ("@", r"(?<![\w@])@[\w-]+"),
    # Math and LaTeX.
    ("$$", r"\$\$.+?\$\$"),
    ("$", r"(?<![\\$\w])\$(?=\S)[^$\n]*?(?<=\S)\$(?![\w$])"),
    ("\\", r"\\[A-Za-z]+"),
    ("\\", r"\\[!-/:-@\[-`{-~]"),
]
_SKIPS = [(trigger, re.compile(pattern, re.DOTALL)) for trigger, pattern in _SKIP_PATTERNS]
# Every trigger but "www." holds one of these: a region with none of them skips the patterns.
_TRIGGER_CHARS = frozenset("<&]/@$\\")
# A bare domain or file name (``github.com/x/y``, ``src/models/vit.py``, ``Node.js``) is found
# from its dot: the regex looks for ``.com``-like endings, the match is widened to the name.
_DOMAIN_RE = re.compile(rf"(?i)\.(?:{_TLDS})\b")
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-/")
_URL_STOP = frozenset(" \t\r\n<>()\"'`")
_BACKTICKS_RE = re.compile(r"`+")

# -- what is a word --------------------------------------------------------------------------

_APOSTROPHES = "'’"
_CHUNK_RE = re.compile(r"[\w'’\u00ad\u0300-\u036f.-]+")
_ABBREVIATION_RE = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{0,2}")
_HYPHENS_RE = re.compile(r"-+")
_EDGE_CHARS = ".-_'’\u00ad"
_SENTENCE_ENDS = frozenset(".!?:;")
# Han, kana, hangul and their punctuation and full-width forms.
_CJK_RE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+")
# A line break followed by a list marker, a quote marker or a heading: a new item, which
# starts like a sentence even when the line before has no full stop (bullet notes).
_NEW_ITEM_RE = re.compile(r"\n[ \t>]*(?:[-*+#]|\d{1,9}[.)])")
_POSSESSIVE_RE = re.compile(r"(?:['’][sS]|(?<=[sS])['’])$")


def mask(text: str, start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with everything that is not prose replaced by spaces."""
    end = len(text) if end is None else end
    region = text[start:end]
    if not region:
        return region
    chars: list[str] | None = None

    def blank(s: int, e: int) -> None:
        nonlocal chars
        if chars is None:
            chars = list(region)
        for i in range(s, e):
            if chars[i] not in "\r\n":
                chars[i] = " "

    if "`" in region:
        for s, e in _code_spans(region):
            blank(s, e)
    if not _TRIGGER_CHARS.isdisjoint(region) or "www." in region:
        for trigger, pattern in _SKIPS:
            if trigger in region:
                for match in pattern.finditer(region):
                    blank(match.start(), match.end())
    if "." in region:
        for s, e in _domains(region):
            blank(s, e)
    if not region.isascii():
        # Chinese, Japanese and Korean are written without spaces and often glued to Latin
        # words (``RoI做instace``): the script is not checked, the Latin word next to it is.
        for match in _CJK_RE.finditer(region):
            blank(match.start(), match.end())
    return region if chars is None else "".join(chars)


def _domains(region: str) -> Iterator[tuple[int, int]]:
    for match in _DOMAIN_RE.finditer(region):
        left = match.start()
        while left > 0 and region[left - 1] in _NAME_CHARS:
            left -= 1
        if left == match.start() or not region[left].isalnum():
            continue  # ".com" alone, or a sentence's full stop before "co-training"
        right = match.end()
        if right < len(region) and region[right] == "/":
            while right < len(region) and region[right] not in _URL_STOP:
                right += 1
        yield left, right


def _code_spans(region: str) -> Iterator[tuple[int, int]]:
    """Code spans (CommonMark: a run of N backticks closed by a run of exactly N)."""
    runs = list(_BACKTICKS_RE.finditer(region))
    index = 0
    while index < len(runs):
        run = runs[index]
        width = run.end() - run.start()
        closing = next(
            (j for j in range(index + 1, len(runs)) if runs[j].end() - runs[j].start() == width),
            None,
        )
        if closing is None:  # an unclosed run: only the backticks themselves are not prose
            yield run.start(), run.end()
            index += 1
            continue
        yield run.start(), runs[closing].end()
        index = closing + 1


def tokenize(text: str, start: int = 0, end: int | None = None) -> Iterator[Chunk]:
    """The words of ``text[start:end]``; offsets are into ``text``."""
    masked = mask(text, start, end)
    previous_end = -1  # end of the previous word, relative to ``start`` (-1: none yet)
    for match in _CHUNK_RE.finditer(masked):
        relative = match.start()
        initial = previous_end < 0 or starts_sentence(masked, previous_end, relative)
        chunk = make_chunk(match.group(), start + relative, initial)
        if chunk is None:
            continue
        previous_end = chunk.end - start
        yield chunk


def chunk_matches(masked: str) -> Iterator[re.Match[str]]:
    """The raw chunks of a masked range (see :func:`mask`), for :func:`make_chunk`."""
    return _CHUNK_RE.finditer(masked)


def chunk_texts(masked: str) -> list[str]:
    """The raw chunks of a masked range, as text (one C-level pass)."""
    return _CHUNK_RE.findall(masked)


def starts_sentence(masked: str, previous_end: int, start: int) -> bool:
    """Whether the gap ``masked[previous_end:start]`` after the previous word ends a sentence."""
    gap = masked[previous_end:start]
    if gap == " ":
        return False
    if not _SENTENCE_ENDS.isdisjoint(gap):
        return True
    return "\n" in gap and _NEW_ITEM_RE.search(gap) is not None


def make_chunk(raw: str, offset: int, initial: bool) -> Chunk | None:
    """The chunk of one raw match of the chunk pattern found at ``offset`` (None: no word).
    It depends on ``raw`` alone, apart from the offsets and ``initial``."""
    if raw.isalpha():  # the common case: a plain word, no punctuation to trim
        kind, shape = _classify_alpha(raw)
        end = offset + len(raw)
        return Chunk(offset, end, raw, (Token(offset, end, raw, kind, shape),), initial)
    return _chunk(raw, offset, initial)


def _chunk(raw: str, offset: int, initial: bool) -> Chunk | None:
    # Trim edge punctuation: a sentence's full stop, quotes, emphasis underscores, dashes.
    left = 0
    right = len(raw)
    while left < right and raw[left] in _EDGE_CHARS:
        left += 1
    while right > left and raw[right - 1] in _EDGE_CHARS:
        right -= 1
    if left == right:
        return None
    core = raw[left:right]
    if not any(ch.isalpha() for ch in core):
        return None  # numbers, punctuation
    start = offset + left
    end = offset + right
    if core.isalpha():  # a plain word with punctuation around it ("retrieval,")
        kind, shape = _classify_alpha(core)
        return Chunk(start, end, core, (Token(start, end, core, kind, shape),), initial)
    if "." in core:
        if _ABBREVIATION_RE.fullmatch(core):
            return None  # e.g. i.e. a.k.a U.S. Ph.D.
        # Dotted identifiers (torch.nn, v1.5): a name, not prose.
        token = Token(start, end, core, TokenKind.NAME, NameShape.CODE)
        return Chunk(start, end, core, (token,), initial)
    if "_" in core:
        token = Token(start, end, core, TokenKind.NAME, NameShape.CODE)
        return Chunk(start, end, core, (token,), initial)
    tokens: list[Token] = []
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for hyphens in _HYPHENS_RE.finditer(core):
        pieces.append((cursor, hyphens.start()))
        cursor = hyphens.end()
    pieces.append((cursor, len(core)))
    last_index = len(pieces) - 1
    for index, (s, e) in enumerate(pieces):
        while s < e and core[s] in _APOSTROPHES:
            s += 1
        while e > s and core[e - 1] in _APOSTROPHES and not _POSSESSIVE_RE.search(core[s:e]):
            e -= 1
        possessive = _POSSESSIVE_RE.search(core[s:e])
        if possessive is not None:
            e = s + possessive.start()
        if s >= e:
            continue
        piece = core[s:e]
        kind, shape = classify(piece)
        tokens.append(
            Token(start + s, start + e, piece, kind, shape, part=index, last=index == last_index)
        )
    if not tokens:
        return None
    return Chunk(start, end, core, tuple(tokens), initial)


def _classify_alpha(word: str) -> tuple[TokenKind, NameShape]:
    if word.islower() or (word[0].isupper() and word[1:].islower()):
        return TokenKind.WORD, NameShape.NONE
    return classify(word)


def classify(part: str) -> tuple[TokenKind, NameShape]:
    """Whether a word part reads as a prose word or as a name (acronym, CamelCase, digits)."""
    if any(ch.isdigit() for ch in part):
        return TokenKind.NAME, NameShape.DIGITS
    letters = [ch for ch in part if ch.isalpha()]
    if len(letters) >= 2:
        if all(ch.isupper() for ch in letters):
            return TokenKind.NAME, NameShape.ACRONYM
        if len(letters) >= 3 and letters[-1] == "s" and all(ch.isupper() for ch in letters[:-1]):
            return TokenKind.NAME, NameShape.ACRONYM  # LLMs, VLMs, CNNs
        if any(ch.isupper() for ch in letters[1:]):
            return TokenKind.NAME, NameShape.CAMEL
    return TokenKind.WORD, NameShape.NONE
