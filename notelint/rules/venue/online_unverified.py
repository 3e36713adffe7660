"""With `--online-strict`, an entry that could not be verified is an error.

## What it does
With `--online --online-strict`, fires on every entry whose paper could not be looked up: the
network is down, a provider kept failing (rate limits, server errors, timeouts) or the overall
deadline passed before the entry's turn. Without `--online-strict` it never fires: notelint then
prints one warning saying how many entries could not be verified, and the exit code is
unaffected.

## Why is this bad?
A CI job that must prove the venues are right cannot pass when they were not checked.

## Example
```markdown
# Segmentation

* Segment Anything `ICCV` `Meta`
  > Checked with --online-strict on a machine without network.
```

## Use instead
```markdown
# Segmentation

* Segment Anything `ICCV` `Meta`
  > Checked with --online-strict on a machine that reaches the providers.
```

## Fix safety
No fix.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from notelint.model.findings import Finding, Severity
from notelint.online.facts import EntryFact
from notelint.online.results import EntryResult, Outcome
from notelint.rules.base import ProjectContext
from notelint.rules.venue._online import OnlineVenueRule


class OnlineUnverified(OnlineVenueRule):
    code: ClassVar[str] = "NL458"
    name: ClassVar[str] = "online-unverified"
    severity: ClassVar[Severity] = Severity.ERROR

    def judge(
        self, path: str, entry: EntryFact, result: EntryResult, ctx: ProjectContext
    ) -> Iterable[Finding]:
        if result.outcome is not Outcome.UNVERIFIED or not ctx.settings.online.strict:
            return
        reason = f" ({result.reason})" if result.reason else ""
        yield self.entry_finding(path, entry, f"could not verify this entry online{reason}")
