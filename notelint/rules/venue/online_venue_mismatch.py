"""The venue in the notes is not where the paper appeared.

## What it does
With `--online`, looks the entry's paper up (DBLP, Semantic Scholar, OpenReview, Crossref,
arXiv) and compares the venue the notes give — a venue tag, or a section heading that is a
venue — with the venue of the published record. It fires when the record is at another venue:
notes say `ICCV`, DBLP says ECCV 2024. A note that names a conference about a paper from that
conference's workshops fires too (add a `Workshop` tag to say so).

## Why is this bad?
The venue is how notes are filtered, counted and cited. A wrong venue sends a reader to the
wrong proceedings and spoils every statistic built from the tags.

## Example
```markdown
# Segmentation

* Segment Anything `CVPR` `Meta`
  > A promptable segmentation model and the SA-1B data set.
```

## Use instead
```markdown
# Segmentation

* Segment Anything `ICCV` `Meta`
  > A promptable segmentation model and the SA-1B data set.
```

## Fix safety
The fix replaces the venue tag with the record's venue and is unsafe: it changes what the notes
say, and the record could be the one that is wrong. It is offered only when the record's venue
is in the vocabulary and the paper is at a single venue.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from notelint.model.findings import Finding, FixAvailability, Severity
from notelint.online.facts import EntryFact, span_from_json
from notelint.online.results import EntryResult, Outcome, VenueVerdict, describe
from notelint.rules.base import ProjectContext
from notelint.rules.venue._online import OnlineVenueRule, unsafe_fix


class OnlineVenueMismatch(OnlineVenueRule):
    code: ClassVar[str] = "NL451"
    name: ClassVar[str] = "online-venue-mismatch"
    severity: ClassVar[Severity] = Severity.WARNING
    fixable: ClassVar[FixAvailability] = FixAvailability.UNSAFE

    def judge(
        self, path: str, entry: EntryFact, result: EntryResult, ctx: ProjectContext
    ) -> Iterable[Finding]:
        if result.outcome is not Outcome.MATCH or result.venue is not VenueVerdict.CONTRADICTS:
            return
        assert result.record is not None
        from notelint.online.venues import record_canonical

        venue = entry["venues"][0]
        where = "the section heading says" if venue["source"] == "heading" else "notes say"
        message = f"{where} {venue['text']}, but {describe(result.record)} has this paper"
        if result.alternatives:
            message += " (also " + ", ".join(describe(r) for r in result.alternatives) + ")"
        span = span_from_json(venue["span"]) if venue["span"] is not None else None
        fix = None
        canonical = record_canonical(result.record, ctx.vocabulary)
        if span is not None and canonical is not None and not result.alternatives:
            fix = unsafe_fix(
                f"replace `{venue['text']}` with `{canonical}`", span, f"`{canonical}`"
            )
        yield self.entry_finding(path, entry, message, span=span, fix=fix)
