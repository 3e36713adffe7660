"""What the online venue rules (``notelint/rules/venue/online_*.py``) share.

Every online rule collects the same per-file facts (:mod:`notelint.online.facts`) and reads the
same verification report (:func:`notelint.online.verify.shared_report`), so the lookups happen
once per run whatever the number of online rules selected. This module stays cheap to import:
the network code is imported only when ``check_project`` runs, and then only when online
checking is enabled.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from notelint.model.findings import Category, Edit, Finding, Fix, Severity
from notelint.online.facts import EntryFact, FileFacts, collect_entry_facts, span_from_json
from notelint.rules.base import CheckContext, ProjectContext, ProjectRule

if TYPE_CHECKING:
    from notelint.model.document import Document, Span
    from notelint.online.results import EntryResult


class OnlineVenueRule(ProjectRule):
    online: ClassVar[bool] = True
    # The docstring examples need the network: the docstring harness only checks they exist.
    examples_need_network: ClassVar[bool] = True
    category: ClassVar[Category] = Category.VENUE

    def collect(self, document: Document, ctx: CheckContext) -> FileFacts:
        return collect_entry_facts(document, ctx.vocabulary)

    def check_project(self, facts: Mapping[str, Any], ctx: ProjectContext) -> Iterator[Finding]:
        if not ctx.settings.online.enabled:
            return  # never touch the network unless asked to
        from notelint.online.verify import entries_of, shared_report

        report = shared_report(facts, ctx.settings, ctx.vocabulary, ctx)
        for key, entry in entries_of(facts):
            result = report.results.get(key)
            if result is not None:
                yield from self.judge(key[0], entry, result, ctx)

    def judge(
        self, path: str, entry: EntryFact, result: EntryResult, ctx: ProjectContext
    ) -> Iterable[Finding]:
        raise NotImplementedError

    # -- helpers -------------------------------------------------------------------------------
    def entry_finding(
        self,
        path: str,
        entry: EntryFact,
        message: str,
        *,
        span: Span | None = None,
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        if span is None:
            span = span_from_json(entry["title_span"] or entry["head_span"])
        return self.finding_at(
            path, span, message, fix=fix, entry_title=entry["title"], severity=severity
        )


def unsafe_fix(message: str, span: Span, content: str) -> Fix:
    from notelint.model.findings import Applicability

    edit = Edit.model_construct(span=span, content=content)
    return Fix.model_construct(applicability=Applicability.UNSAFE, message=message, edits=(edit,))


def quote(text: str) -> str:
    return f"“{text}”"
