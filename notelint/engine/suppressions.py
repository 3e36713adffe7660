"""Inline suppressions: which findings an ``<!-- notelint-… -->`` directive silences.

- ``notelint-disable-next-line CODES``: the next non-blank line that is not itself a directive.
- ``notelint-disable-line CODES``: the line the directive is on (e.g. after an entry's tags).
- ``notelint-disable CODES`` … ``notelint-enable [CODES]``: the lines between (to the end of
  the file without an ``enable``).
- ``notelint-disable-file CODES``: the whole file.

CODES are codes, prefixes, slugs or categories separated by spaces or commas; none means every
rule. Text after `` -- `` is a reason and is ignored. A finding is silenced when the line it
starts on is covered.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from notelint.model.document import DirectiveKind, Document
from notelint.model.findings import Finding
from notelint.parse.source import SourceText
from notelint.rules.base import Rule
from notelint.rules.selectors import specificity

# Directives about directives cannot be silenced by the directives they report on.
UNSUPPRESSIBLE = frozenset({"NL001", "NL002"})


@dataclass(frozen=True)
class _Scope:
    index: int  # into document.suppressions
    first_line: int
    last_line: int
    codes: tuple[str, ...]


class SuppressionIndex:
    def __init__(
        self,
        document: Document,
        source: SourceText,
        rule_for_code: Callable[[str], type[Rule] | None],
    ) -> None:
        self._rule_for_code = rule_for_code
        self.scopes: list[_Scope] = []
        directive_lines = {s.span.start_line for s in document.suppressions}
        open_regions: list[tuple[int, int, tuple[str, ...]]] = []
        last = source.line_count
        for index, directive in enumerate(document.suppressions):
            codes = tuple(directive.codes)
            line = directive.span.start_line
            kind = directive.kind
            if kind is DirectiveKind.DISABLE_FILE:
                self.scopes.append(_Scope(index, 1, last, codes))
            elif kind is DirectiveKind.DISABLE_LINE:
                self.scopes.append(_Scope(index, line, directive.span.end_line, codes))
            elif kind is DirectiveKind.DISABLE_NEXT_LINE:
                target = directive.span.end_line + 1
                while target <= last and (
                    not source.line_text(target).strip() or target in directive_lines
                ):
                    target += 1
                self.scopes.append(_Scope(index, target, target, codes))
            elif kind is DirectiveKind.DISABLE:
                open_regions.append((index, line, codes))
            elif kind is DirectiveKind.ENABLE:
                still_open = []
                for region in open_regions:
                    r_index, r_line, r_codes = region
                    if not codes or not r_codes or set(r_codes) <= set(codes):
                        self.scopes.append(_Scope(r_index, r_line, line, r_codes))
                    else:
                        still_open.append(region)
                open_regions = still_open
        for r_index, r_line, r_codes in open_regions:
            self.scopes.append(_Scope(r_index, r_line, last, r_codes))

    @classmethod
    def from_scopes(
        cls,
        scopes: list[tuple[int, int, int, tuple[str, ...]]],
        rule_for_code: Callable[[str], type[Rule] | None],
    ) -> SuppressionIndex:
        index = cls.__new__(cls)
        index._rule_for_code = rule_for_code
        index.scopes = [_Scope(i, first, last, tuple(codes)) for i, first, last, codes in scopes]
        return index

    def as_data(self) -> list[tuple[int, int, int, tuple[str, ...]]]:
        return [(s.index, s.first_line, s.last_line, s.codes) for s in self.scopes]

    def _covers(self, scope: _Scope, finding: Finding) -> bool:
        if not scope.first_line <= finding.span.start_line <= scope.last_line:
            return False
        if not scope.codes:
            return True
        rule = self._rule_for_code(finding.code)
        if rule is None:
            return finding.code in scope.codes
        return any(specificity(code, rule) is not None for code in scope.codes)

    def filter(self, findings: list[Finding], used: set[int]) -> list[Finding]:
        """Findings not silenced; indices of directives that silenced something go to ``used``.

        Each finding is checked only against the scopes on its line (looked up, not scanned),
        so thousands of directives and findings cost linear time, not their product."""
        if not self.scopes:
            return findings
        by_line: dict[int, list[tuple[int, _Scope]]] = {}
        ranges: list[tuple[int, _Scope]] = []
        for position, scope in enumerate(self.scopes):
            if scope.first_line == scope.last_line:
                by_line.setdefault(scope.first_line, []).append((position, scope))
            else:
                ranges.append((position, scope))
        ranges.sort(key=lambda item: item[1].first_line)
        range_starts = [scope.first_line for _, scope in ranges]
        kept = []
        for finding in findings:
            if finding.code in UNSUPPRESSIBLE:
                kept.append(finding)
                continue
            line = finding.span.start_line
            candidates = list(by_line.get(line, ()))
            if ranges:
                candidates.extend(
                    item
                    for item in ranges[: bisect_right(range_starts, line)]
                    if item[1].last_line >= line
                )
                candidates.sort(key=lambda item: item[0])  # the first directive wins
            hit = next((scope for _, scope in candidates if self._covers(scope, finding)), None)
            if hit is None:
                kept.append(finding)
            else:
                used.add(hit.index)
        return kept
