"""A suppression directive that silences nothing.

## What it does
Reports ``notelint-disable…`` directives that did not silence any finding in this run: the
problem was fixed, the directive points at the wrong line, or it names the wrong rule.
Directives that name only rules which are not enabled in this run are left alone.

## Why is this bad?
Stale directives pile up, hide future problems on the same line, and make readers wonder what
was once wrong. Removing them keeps suppressions meaningful, as ruff's unused-noqa rule does.

## Example
```markdown
# ICCV

<!-- notelint-disable-next-line -->
* A Paper `ICCV`
  > A summary.
```

## Use instead
```markdown
# ICCV

* A Paper `ICCV`
  > A summary.
```

## Fix safety
No fix: deleting a comment is left to the author, who may want to move it instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from notelint.model.document import DirectiveKind, Suppression
from notelint.model.findings import Category, Finding, Severity
from notelint.rules.base import Rule
from notelint.rules.selectors import specificity

_SILENCING = frozenset(
    {
        DirectiveKind.DISABLE,
        DirectiveKind.DISABLE_FILE,
        DirectiveKind.DISABLE_LINE,
        DirectiveKind.DISABLE_NEXT_LINE,
    }
)


class UnusedSuppression(Rule):
    code = "NL002"
    name = "unused-suppression"
    category = Category.STRUCTURE
    severity = Severity.WARNING

    def check_suppressions(
        self,
        path: str,
        suppressions: Sequence[Suppression],
        used: set[int],
        enabled: Sequence[type[Rule]],
    ) -> Iterator[Finding]:
        for index, directive in enumerate(suppressions):
            if directive.kind not in _SILENCING or index in used:
                continue
            if directive.codes and not any(
                specificity(code, rule) is not None for code in directive.codes for rule in enabled
            ):
                continue
            what = ", ".join(directive.codes) if directive.codes else "all rules"
            yield self.finding_at(
                path, directive.span, f"{directive.kind.value} ({what}) silences nothing"
            )
