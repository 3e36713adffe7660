"""No scholarly database knows the paper.

## What it does
With `--online`, fires when every configured provider answered and none has a record whose
title is close enough to the entry's (and, when the notes give authors, shares an author).
Entries whose only venue says they are not a publication (a venue of kind `other`, such as
`GitHub`) are not expected to be found and stay silent.

## Why is this bad?
Usually the title is mistyped beyond recognition, or the entry is not a paper (a blog post, a
talk, a report), or the paper is too new to be indexed. All are worth knowing; the finding is
information, not an error.

## Example
```markdown
# Generic

* Notes From Our Reading Group, Week Three `Google`
  > What we discussed.
```

## Use instead
```markdown
# Generic

* Attention Is All You Need `NeurIPS` `Google`
  > The Transformer.
```

## Fix safety
No fix.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from notelint.model.findings import Finding, Severity
from notelint.online.facts import EntryFact
from notelint.online.records import PROVIDER_LABELS
from notelint.online.results import EntryResult, Outcome
from notelint.rules.base import ProjectContext
from notelint.rules.venue._online import OnlineVenueRule


class OnlineNotFound(OnlineVenueRule):
    code: ClassVar[str] = "NL456"
    name: ClassVar[str] = "online-paper-not-found"
    severity: ClassVar[Severity] = Severity.INFO

    def judge(
        self, path: str, entry: EntryFact, result: EntryResult, ctx: ProjectContext
    ) -> Iterable[Finding]:
        if result.outcome is not Outcome.NOT_FOUND or entry["not_paper"]:
            return
        asked = ", ".join(PROVIDER_LABELS[p] for p in ctx.settings.online.providers)
        yield self.entry_finding(path, entry, f"paper not found (asked {asked})")
