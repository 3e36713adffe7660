"""The entry's title is not the paper's title.

## What it does
With `--online`, compares the entry's title with the title of the record it matched (close
enough to be the same paper, but not equal once case, punctuation and spacing are ignored) and
fires on the difference: a typo, a missing word, an old working title.

## Why is this bad?
The title is what a reader searches for. A misspelt or outdated title makes the paper harder to
find, and duplicates harder to spot.

## Example
```markdown
# NLP

* Atention is All you Ned `NeurIPS` `Google`
  > The Transformer.
```

## Use instead
```markdown
# NLP

* Attention is All you Need `NeurIPS` `Google`
  > The Transformer.
```

## Fix safety
The fix replaces the title with the record's and is unsafe: it rewrites words, and databases
have their own spellings (DBLP's capitalisation, Crossref's markup).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from notelint.model.findings import Finding, FixAvailability, Severity
from notelint.online.facts import EntryFact, span_from_json
from notelint.online.records import PROVIDER_LABELS
from notelint.online.results import EntryResult, Outcome
from notelint.rules.base import ProjectContext
from notelint.rules.venue._online import OnlineVenueRule, quote, unsafe_fix

_WITH_RECORD = (Outcome.MATCH, Outcome.PREPRINT_ONLY, Outcome.VENUE_UNKNOWN)


class OnlineTitleMismatch(OnlineVenueRule):
    code: ClassVar[str] = "NL454"
    name: ClassVar[str] = "online-title-mismatch"
    severity: ClassVar[Severity] = Severity.WARNING
    fixable: ClassVar[FixAvailability] = FixAvailability.UNSAFE

    def judge(
        self, path: str, entry: EntryFact, result: EntryResult, ctx: ProjectContext
    ) -> Iterable[Finding]:
        if result.outcome not in _WITH_RECORD or result.record is None:
            return
        from notelint.online.matching import titles_differ

        record = result.record
        if not titles_differ(entry["title"], record):
            return
        label = PROVIDER_LABELS.get(record.provider, record.provider)
        fix = None
        if entry["title_span"] is not None and "`" not in record.title:
            fix = unsafe_fix(
                f"Use {label}'s title", span_from_json(entry["title_span"]), record.title
            )
        yield self.entry_finding(
            path, entry, f"the title differs from {label}'s: {quote(record.title)}", fix=fix
        )
