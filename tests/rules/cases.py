"""Rule cases as data: one Markdown file per rule, ``tests/rules/cases/NLxxx-slug.md``.

A case file is read as a person reads it::

    # NL201 trailing-whitespace

    ## bad: the documented example
    ````notes
    …the notes…
    ````
    ````findings
    3:15-3:18 the message, exactly
    ````
    ````fixed
    …the notes after `notelint --fix`…
    ````

    ## good: a hard line break is not trailing whitespace
    ````notes
    …notes on which the rule stays silent…
    ````

A ``bad`` case lists every finding of the rule (``line:column-line:column message``, as
``notelint check`` shows them). Its ``fixed`` block is the text after the safe fixes, or
``fixed-unsafe`` after ``--unsafe-fixes`` too; with neither, the case makes no claim about fixing.
A ``vocabulary`` block is the repository's ``rules/tags.toml`` for that case and a ``settings``
block a ``[tool.notelint]`` table (rule options). The cases titled ``bad: the documented
example`` and ``good: the documented fix`` are the rule docstring's own examples, so the
documentation is checked to the letter.

Notes hold characters a reader could not see, so three are spelled out in ``notes``,
``fixed`` and ``fixed-unsafe`` blocks: ``␠`` is a space and ``␉`` a tab at the end of a line,
and ``⟨U+XXXX⟩`` is any other invisible character (a zero-width space, a carriage return).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

CASES = Path(__file__).parent / "cases"
TEXT_BLOCKS = ("notes", "fixed", "fixed-unsafe")
DOCUMENTED_BAD = "bad: the documented example"
DOCUMENTED_GOOD = "good: the documented fix"

_HEADING_RE = re.compile(r"^# (NL\d{3}) ([a-z0-9-]+)\s*$", re.MULTILINE)
_CASE_RE = re.compile(r"^## (.+?)\s*$", re.MULTILINE)
_BLOCK_RE = re.compile(
    r"^(`{3,}|~{3,})([a-z-]+)( no-final-newline)?\n(.*?)^\1[ \t]*$", re.MULTILINE | re.DOTALL
)
_CODEPOINT_RE = re.compile(r"⟨U\+([0-9A-F]{4,6})⟩")
_TRAILING_RE = re.compile(r"([ \t]+)$", re.MULTILINE)


@dataclass
class Case:
    """One case; ``blocks`` holds each block's exact text (notes decoded)."""

    title: str
    blocks: dict[str, str] = field(default_factory=dict)

    @property
    def bad(self) -> bool:
        return self.title.startswith("bad")

    @property
    def notes(self) -> str:
        return self.blocks["notes"]

    @property
    def findings(self) -> list[str]:
        return [line for line in self.blocks.get("findings", "").splitlines() if line.strip()]


@dataclass
class CaseFile:
    path: Path
    code: str
    name: str
    cases: list[Case]

    def case(self, title: str) -> Case | None:
        return next((case for case in self.cases if case.title == title), None)


def decode(text: str) -> str:
    """A block as written in a case file → the exact text it stands for."""
    text = text.replace("␠", " ").replace("␉", "\t")
    return _CODEPOINT_RE.sub(lambda m: chr(int(m.group(1), 16)), text)


def encode(text: str) -> str:
    """The exact text → a block a reader can see (the inverse of :func:`decode`)."""
    spelled = "".join(_spell(char) for char in text).replace("⟨U+000D⟩⟨U+000A⟩", "⟨U+000D⟩\n")
    return _TRAILING_RE.sub(lambda m: m.group(1).replace(" ", "␠").replace("\t", "␉"), spelled)


def _spell(char: str) -> str:
    if char in "\n\t ":
        return char
    if char == "\r" or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn"):
        return f"⟨U+{ord(char):04X}⟩"
    return char


def fence(text: str) -> str:
    """A backtick fence longer than any run of backticks in ``text``."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(4, longest + 1)


def read(path: Path) -> CaseFile:
    text = path.read_text(encoding="utf-8")
    heading = _HEADING_RE.search(text)
    if heading is None:
        raise ValueError(f"{path.name}: the first line must be '# NLxxx slug'")
    blocks = [(m.start(), m.end()) for m in _BLOCK_RE.finditer(text)]
    # A "## " line inside a block is the notes' own heading, not a case.
    titles = [m for m in _CASE_RE.finditer(text) if not any(a <= m.start() < b for a, b in blocks)]
    cases = []
    for index, title in enumerate(titles):
        end = titles[index + 1].start() if index + 1 < len(titles) else len(text)
        case = Case(title.group(1))
        for block in _BLOCK_RE.finditer(text, title.end(), end):
            if block.group(2) in case.blocks:
                raise ValueError(f"{path.name}: '{case.title}' has two {block.group(2)} blocks")
            kind, body = block.group(2), block.group(4)
            if kind in TEXT_BLOCKS:
                body = decode(body)
                if block.group(3):  # the file ends without a line break
                    body = body.removesuffix("\n")
            case.blocks[kind] = body
        cases.append(case)
    return CaseFile(path, heading.group(1), heading.group(2), cases)


def write(path: Path, code: str, name: str, preamble: str, cases: list[Case]) -> None:
    parts = [f"# {code} {name}\n\n{preamble.strip()}\n"]
    for case in cases:
        lines = [f"## {case.title}\n"]
        for kind, body in case.blocks.items():
            flag = ""
            if kind in TEXT_BLOCKS:
                if body and not body.endswith("\n"):
                    flag = " no-final-newline"
                body = encode(body)
            if body and not body.endswith("\n"):
                body += "\n"
            marker = fence(body)
            lines.append(f"{marker}{kind}{flag}\n{body}{marker}\n")
        parts.append("\n".join(lines))
    path.write_text("\n".join(parts), encoding="utf-8")
