"""An arXiv-only note about a paper that has since been published.

## What it does
With `--online`, looks up the papers of arXiv-only notes — entries in a section whose heading is
arXiv, or tagged `arXiv` (or another preprint server, or a non-publication venue such as
`GitHub`), with no other venue — and fires when a published version exists, naming its venue.

## Why is this bad?
Notes kept as "arXiv" go stale: once the paper is accepted, the venue is the better reference
(peer-reviewed, final version) and belongs in the tags.

## Example
```markdown
# arXiv

* Segment Anything `Meta`
  > A promptable segmentation model and the SA-1B data set.
```

## Use instead
```markdown
# ICCV

* Segment Anything `Meta`
  > A promptable segmentation model and the SA-1B data set.
```

## Fix safety
No fix: moving the entry to another section, or tagging it, is a decision about how the notes
are organised.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from notelint.model.findings import Finding, Severity
from notelint.online.facts import EntryFact
from notelint.online.results import EntryResult, Outcome, describe
from notelint.rules.base import ProjectContext
from notelint.rules.venue._online import OnlineVenueRule


class OnlinePublishedSince(OnlineVenueRule):
    code: ClassVar[str] = "NL453"
    name: ClassVar[str] = "online-published-since"
    severity: ClassVar[Severity] = Severity.INFO

    def judge(
        self, path: str, entry: EntryFact, result: EntryResult, ctx: ProjectContext
    ) -> Iterable[Finding]:
        if result.outcome is not Outcome.MATCH or not entry["arxiv_only"]:
            return
        assert result.record is not None
        yield self.entry_finding(
            path, entry, f"this preprint has since been published: {describe(result.record)}"
        )
