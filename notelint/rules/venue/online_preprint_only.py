"""The notes give a venue, but the paper was found only as a preprint.

## What it does
With `--online`, looks the entry's paper up and fires when the entry has a venue (a venue tag
or a venue section heading) but every provider that knows the paper knows it only as a preprint
(arXiv, CoRR) or as a submission that was not accepted (OpenReview's "Submitted to ICLR 2024").

## Why is this bad?
A venue in the notes says the paper passed that venue's review. If no database has the
published version, the tag may be a guess, a venue the paper was only submitted to, or a paper
published too recently to be indexed; worth a look either way.

## Example
```markdown
# Medical

* Towards Conversational AI for Disease Management `NeurIPS` `Google`
  > An agentic system for disease management built on AMIE.
```

## Use instead
```markdown
# arXiv

* Towards Conversational AI for Disease Management `Google`
  > An agentic system for disease management built on AMIE.
```

## Fix safety
No fix: only the author of the notes knows where the paper was accepted.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from notelint.model.findings import Finding, Severity
from notelint.online.facts import EntryFact
from notelint.online.results import EntryResult, Outcome, describe
from notelint.rules.base import ProjectContext
from notelint.rules.venue._online import OnlineVenueRule


class OnlinePreprintOnly(OnlineVenueRule):
    code: ClassVar[str] = "NL452"
    name: ClassVar[str] = "online-preprint-only"
    severity: ClassVar[Severity] = Severity.INFO

    def judge(
        self, path: str, entry: EntryFact, result: EntryResult, ctx: ProjectContext
    ) -> Iterable[Finding]:
        if result.outcome is not Outcome.PREPRINT_ONLY or not entry["venues"]:
            return
        assert result.record is not None
        venue = entry["venues"][0]["text"]
        yield self.entry_finding(
            path,
            entry,
            f"notes say {venue}, but the paper was found only as a preprint or submission: "
            f"{describe(result.record)}",
        )
