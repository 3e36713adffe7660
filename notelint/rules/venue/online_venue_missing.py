"""The entry has no venue, but the paper was published.

## What it does
With `--online`, looks up entries that give no venue (no venue tag, no venue section heading,
and not an arXiv-only note) and fires when the paper has a published version, naming its venue.

## Why is this bad?
An entry without a venue drops out of every venue filter and statistic, and a reader cannot tell
a peer-reviewed paper from a blog post.

## Example
```markdown
# Generic

* Segment Anything `Meta`
  > A promptable segmentation model and the SA-1B data set.
```

## Use instead
```markdown
# Generic

* Segment Anything `ICCV` `Meta`
  > A promptable segmentation model and the SA-1B data set.
```

## Fix safety
The fix adds the record's venue as a tag right after the title. It is unsafe: it adds a claim
to the notes on the word of a database. It is offered only when the venue is in the vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from notelint.model.findings import Finding, FixAvailability, Severity
from notelint.online.facts import EntryFact, end_point, span_from_json
from notelint.online.results import EntryResult, Outcome, VenueVerdict, describe
from notelint.rules.base import ProjectContext
from notelint.rules.venue._online import OnlineVenueRule, unsafe_fix


class OnlineVenueMissing(OnlineVenueRule):
    code: ClassVar[str] = "NL455"
    name: ClassVar[str] = "online-venue-missing"
    severity: ClassVar[Severity] = Severity.WARNING
    fixable: ClassVar[FixAvailability] = FixAvailability.UNSAFE

    def judge(
        self, path: str, entry: EntryFact, result: EntryResult, ctx: ProjectContext
    ) -> Iterable[Finding]:
        if (
            result.outcome is not Outcome.MATCH
            or result.venue is not VenueVerdict.NOT_NOTED
            or entry["arxiv_only"]
        ):
            return
        assert result.record is not None
        from notelint.online.venues import record_canonical

        canonical = record_canonical(result.record, ctx.vocabulary)
        fix = None
        if canonical is not None and entry["title_span"] is not None:
            at = end_point(span_from_json(entry["title_span"]))
            fix = unsafe_fix(f"Add `{canonical}`", at, f" `{canonical}`")
        yield self.entry_finding(
            path,
            entry,
            f"the entry has no venue; the paper appeared at {describe(result.record)}",
            fix=fix,
        )
