"""The same paper noted twice, in one file or across files.

## What it does
Reports an entry whose title is the same as an earlier entry's, in the same file or in another
file of the run. Titles are compared after Unicode normalisation (NFKC), ignoring letter case,
punctuation and spacing, so `CAD-Recode: Reverse Engineering` and `CAD Recode - reverse
engineering` are the same title. The first entry (by path, then line) is kept; every later one
is reported with the place of the first. A paper filed under two topic sections of one file
(`## Ranking` and `## Search`, as curated lists do on purpose) is cross-listed, not noted twice;
under two venue sections it is still reported, since one of the venues is wrong.

Across files, an index line (a link to the paper, `[Title](url)`, with no note of its own) is
not a second note: a README or a list by year that links to every paper lists them on purpose.
Only bullets that name papers are compared (not a label such as `**Year**: 2015`, nor an
outline's `* What`), and a title found in more than three files is a template's line copied into
many pages, not a paper. A one-word title is compared only when the entry has a known tag or a
link (`DINOv3` `Meta`): bare, it is a common word.

## Why is this bad?
Two notes on one paper drift apart: the tags, the venue and the summary get corrected in one
copy and not in the other, and counts and exports list the paper twice. Merge the two summaries
into one entry.

## Example
```markdown
# ICCV

* CAD-Recode: Reverse Engineering CAD Code from Point Clouds `ICCV` `LU`
    > Generate CadQuery Python code from a point cloud with an LLM.

# arXiv

* CAD-Recode: reverse engineering CAD code from point clouds `LU`
    > Reverse-engineer CAD models by writing Python code.
```

## Use instead
```markdown
# ICCV

* CAD-Recode: Reverse Engineering CAD Code from Point Clouds `ICCV` `LU`
    > Reverse-engineer CAD models from point clouds: an LLM writes CadQuery Python code.
```

## Fix safety
No fix: merging two notes means choosing between their summaries and tags.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from operator import attrgetter
from typing import Any

from notelint.model.document import SPAN_FIELDS, Document, Entry, Span, make_span
from notelint.model.findings import Category, Finding, FixAvailability, Severity
from notelint.parse.shape import has_line_comment, reads_as_paper
from notelint.rules._helpers import quoted
from notelint.rules.base import CheckContext, ProjectContext, ProjectRule
from notelint.rules.venue._shared import heading_venue

_NOT_WORD_RE = re.compile(r"[\W_]+")
# A paper noted twice is in two files, three at most (a note, and a list that names it); a line
# in more files than that is boilerplate from a template.
_MAX_FILES = 3
_span_fields = attrgetter(*SPAN_FIELDS)


def title_key(title: str) -> str:
    """Normalised title: NFKC, case-folded, punctuation and whitespace collapsed."""
    text = unicodedata.normalize("NFKC", title).casefold()
    return _NOT_WORD_RE.sub(" ", text).strip()


_SHORT = 2  # title words under which a bare title is too common a word to be a paper's


def _short_and_bare(key: str, entry: Entry) -> bool:
    """A one-word title ("replaced", "Dataset") with no known tag and no link: a word any
    outline repeats, not evidence of one paper noted twice."""
    if len(key.split()) >= _SHORT or "](" in entry.title:
        return False
    return not any(tag.resolved is not None for tag in entry.tags)


class DuplicateEntry(ProjectRule):
    code = "NL104"
    name = "duplicate-entry"
    category = Category.STRUCTURE
    severity = Severity.WARNING
    fixable = FixAvailability.NONE

    def collect(self, document: Document, ctx: CheckContext) -> list[tuple[Any, ...]]:
        """``(title key, title, (span fields…))`` for each titled entry, in file order: tuples,
        which the garbage collector stops tracking, since every file's facts live until the
        end of the run."""
        facts: list[tuple[Any, ...]] = []
        span_fields = _span_fields
        for number, section in enumerate(document.sections):
            # A topic section (not a venue): a curated list files one paper under several.
            topic = (
                section.heading is not None
                and heading_venue(section, ctx.source, ctx.vocabulary) is None
            )
            for entry in section.entries:
                span = entry.title_span
                if span is None or not reads_as_paper(entry):
                    continue  # a label or an outline's "* What": not a paper noted twice
                key = title_key(entry.title)
                if not key or _short_and_bare(key, entry):
                    continue
                # An index line: a link to the paper (or its note), with no note of its own.
                listed = "](" in entry.title and not (entry.summary or has_line_comment(entry))
                facts.append((key, entry.title, span_fields(span), number, topic, listed))
        return facts

    def check_project(self, facts: Mapping[str, Any], ctx: ProjectContext) -> Iterator[Finding]:
        # Runs over every entry of the repository on each check (and on each edit in the
        # language server): one dictionary step per entry groups the titles, and only the few
        # titles written more than once are looked at further, on raw tuples (a Span is built
        # only for a duplicate).
        by_key: dict[str, list[tuple[str, Any]]] = {}
        for path, rows in facts.items():
            for row in rows or ():
                group = by_key.get(row[0])
                if group is None:
                    by_key[row[0]] = [(path, row)]
                else:
                    group.append((path, row))
        found: list[tuple[str, int, Finding]] = []
        for group in by_key.values():
            if len(group) > 1 and len({path for path, _ in group}) <= _MAX_FILES:
                # (more files than that: a template's line copied into many pages)
                found.extend(self._duplicates(group))
        found.sort(key=lambda item: (item[0], item[1]))
        for _path, _offset, finding in found:
            yield finding

    def _duplicates(self, group: list[tuple[str, Any]]) -> Iterator[tuple[str, int, Finding]]:
        """The later copies of one title, in path then source order."""
        group.sort(key=lambda item: (item[0], _start_offset(item[1][2])))
        first: tuple[str, Any, int | None, bool, bool] | None = None  # path, span, …, listed
        for path, row in group:
            section, topic = (row[3], bool(row[4])) if len(row) > 4 else (None, False)
            listed = bool(row[5]) if len(row) > 5 else False
            if first is None:
                first = (path, row[2], section, topic, listed)
                continue
            if first[0] == path and first[2] != section and (topic or first[3]):
                continue  # cross-listed under another topic of the same file, on purpose
            if first[0] != path and (listed or first[4]):
                # A line of an index that links to the paper, in another file: listed there on
                # purpose, not noted twice. A later copy that is no index line is then the one
                # further copies are held to.
                if first[4] and not listed:
                    first = (path, row[2], section, topic, listed)
                continue
            title = str(row[1])
            where = f"{first[0]}:{_start_line(first[1])}"
            finding = self.finding_at(
                path,
                _span(row[2]),
                f"duplicate entry {quoted(title)}: first noted at {where}",
                entry_title=title,
            )
            yield path, _start_offset(row[2]), finding


# Span fields come as a tuple or list (``collect``, or the result cache's JSON) in the order of
# SPAN_FIELDS, or as a mapping (older caches).
def _start_offset(data: Any) -> int:
    return int(data[2] if isinstance(data, tuple | list) else data["start_offset"])


def _start_line(data: Any) -> int:
    return int(data[0] if isinstance(data, tuple | list) else data["start_line"])


def _span(data: Any) -> Span:
    """A span back from its facts: a list of the six fields, or a mapping of them."""
    if isinstance(data, Mapping):
        return make_span(*(int(data[name]) for name in SPAN_FIELDS))
    return make_span(*(int(value) for value in data))
