"""A ``<!-- notelint-… -->`` directive that notelint cannot understand.

## What it does
Reports inline directives with an unknown name (``notelint-disbale``), a rule code, prefix or
name that matches no rule, or a ``notelint-accept`` without words.

## Why is this bad?
A mistyped directive silences nothing, so the finding it was meant to hide keeps coming back,
and a reader cannot tell what the author intended.

## Example
```markdown
# ICCV

<!-- notelint-disable-next-line NL999 -->
* A Paper `ICCV`
  > A summary.
```

## Use instead
```markdown
# ICCV

<!-- notelint-disable-next-line NL102 -->
* A Paper `ICCV`
  > A summary.
```

## Fix safety
No fix: only the author knows which rule was meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from notelint.model.document import DirectiveKind, Document
from notelint.model.findings import Category, Finding, Severity
from notelint.rules.base import CheckContext, Rule


class InvalidSuppression(Rule):
    code = "NL001"
    name = "invalid-suppression"
    category = Category.STRUCTURE
    severity = Severity.ERROR

    def check_document(self, document: Document, ctx: CheckContext) -> Iterator[Finding]:
        for directive in document.suppressions:
            if directive.kind is DirectiveKind.INVALID:
                yield self.finding(ctx, directive.span, directive.error or "invalid directive")
                continue
            unknown = [c for c in directive.codes if not ctx.is_known_selector(c)]
            if unknown:
                names = ", ".join(f"'{c}'" for c in unknown)
                yield self.finding(
                    ctx,
                    directive.span,
                    f"{directive.kind.value} names no known rule: {names}",
                )
