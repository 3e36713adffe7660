"""Several published papers match the entry, at different venues.

## What it does
With `--online`, fires when the entry gives no venue and the best matching records are published
at different venues (two papers with the same title, or a conference paper and its journal
version). notelint does not guess which one the notes mean; it lists them.

## Why is this bad?
Without a venue the entry does not say which paper it is about, and the other online checks
cannot verify it.

## Example
```markdown
# Generic

* Deep Learning `Google`
  > A review of deep learning.
```

## Use instead
```markdown
# Generic

* Deep Learning `Nature` `Google`
  > A review of deep learning.
```

## Fix safety
No fix: choosing among the papers is the reader's call.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from notelint.model.findings import Finding, Severity
from notelint.online.facts import EntryFact
from notelint.online.results import EntryResult, Outcome, describe
from notelint.rules.base import ProjectContext
from notelint.rules.venue._online import OnlineVenueRule


class OnlineAmbiguousMatch(OnlineVenueRule):
    code: ClassVar[str] = "NL457"
    name: ClassVar[str] = "online-ambiguous-match"
    severity: ClassVar[Severity] = Severity.INFO

    def judge(
        self, path: str, entry: EntryFact, result: EntryResult, ctx: ProjectContext
    ) -> Iterable[Finding]:
        if result.outcome is not Outcome.AMBIGUOUS:
            return
        venues = "; ".join(describe(r) for r in result.alternatives)
        yield self.entry_finding(
            path,
            entry,
            f"several published papers match this title ({venues}); "
            "add a venue tag to say which one",
        )
