"""A tag that is not in the vocabulary.

## What it does
Checks every tag against the vocabulary (the built-in data plus the repository's `rules/`).
A tag that is close to a known tag — the same letters in another case or with other
punctuation, or a small typo (`Turning` for `Turing`) — is a warning that names the tag it
probably meant. A tag that is merely new is reported as information, so that it gets added to
the vocabulary. With `closed-vocabulary = true` every unknown tag is an error. A backtick span
that is plainly inline code (`tf.mul()`, `feed_dict`, `p_t`, a path or a URL) is code on the
bullet line, not a tag, and is not reported.

Tags in the older syntaxes count too (`**#ranking**`, `:hash:adobe`, a heading's `#Label`),
and so does a venue with its year fused on (`ECCV2018` is `ECCV`); a year alone (`2018`) is a
year, not an unknown tag.

A tag close to a known *venue* (`ICCLR`, `CVRP`) is reported by `unknown-venue` (NL403)
instead, never by both.

## Why is this bad?
Tags are only useful when the same thing is always written the same way: a misspelt tag
silently drops the paper from every search and count for the tag it meant.

## Example
```markdown
# Reading list

* Attention Is All You Need `NeurIPS` `Gogle` `US`
```

## Use instead
```markdown
# Reading list

* Attention Is All You Need `NeurIPS` `Google` `US`
```

## Fix safety
When there is exactly one suggestion, the fix replaces the tag with it. It is unsafe: a tag
that looks like a typo may be a new name that happens to be close to a known one. New tags
have no fix; add them to the vocabulary (`rules/tags.toml`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from notelint.model.document import Entry, Section, Tag
from notelint.model.findings import Applicability, Category, Finding, FixAvailability, Severity
from notelint.rules.base import CheckContext, Rule
from notelint.rules.tags._shared import (
    entry_facts,
    has_canonical,
    remove_tag,
    replace_text,
    vocabulary_file_hint,
)
from notelint.vocabulary.code_spans import looks_like_code
from notelint.vocabulary.near_misses import fuzzy_index


class UnknownTag(Rule):
    code = "NL301"
    name = "unknown-tag"
    category = Category.TAGS
    severity = Severity.WARNING
    fixable = FixAvailability.SOMETIMES

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterable[Finding]:
        unresolved = entry_facts(ctx, entry).unresolved
        return self._check(unresolved, entry, ctx) if unresolved else ()

    def check_section(self, section: Section, ctx: CheckContext) -> Iterator[Finding]:
        """A heading's labels (``### Topic #Selfsupervised``), reported once at the heading."""
        for tag in section.labels:
            if tag.resolved is not None or tag.year is not None:
                continue
            suggestion = fuzzy_index(ctx.vocabulary).suggest(tag.text)
            if suggestion is not None:
                message = f"unknown label `{tag.text}`; did you mean {suggestion.names()}?"
                severity = Severity.ERROR if self.settings.closed_vocabulary else None
            elif self.settings.closed_vocabulary:
                message, severity = f"label `{tag.text}` is not in the vocabulary", Severity.ERROR
            else:
                hint = vocabulary_file_hint(self.settings)
                message = (
                    f"label `{tag.text}` is not in the vocabulary; "
                    f"if it is a new tag, add it to {hint}"
                )
                severity = Severity.INFO
            yield self.finding(ctx, tag.span, message, severity=severity)

    def _check(self, tags: list[Tag], entry: Entry, ctx: CheckContext) -> Iterator[Finding]:
        closed = self.settings.closed_vocabulary
        index = fuzzy_index(ctx.vocabulary)
        for tag in tags:
            if looks_like_code(tag.text):
                continue  # `tf.mul()`, `feed_dict`, `p_t`: inline code on the bullet, not a tag
            suggestion = index.suggest(tag.text)
            if suggestion is None:
                if closed:
                    message = f"tag `{tag.text}` is not in the vocabulary"
                    severity = Severity.ERROR
                else:
                    hint = vocabulary_file_hint(self.settings)
                    message = (
                        f"tag `{tag.text}` is not in the vocabulary; "
                        f"if it is a new tag, add it to {hint}"
                    )
                    severity = Severity.INFO
                yield self.finding(ctx, tag.span, message, entry=entry, severity=severity)
                continue
            if suggestion.is_venue:
                continue  # unknown-venue (NL403) reports it
            message = f"unknown tag `{tag.text}`; did you mean {suggestion.names()}?"
            fix = None
            target = suggestion.unique if tag.in_place else None
            if target is not None:
                if has_canonical(entry, target.canonical):
                    fix = ctx.fix(
                        f"remove `{tag.text}` (the entry has `{target.canonical}`)",
                        [remove_tag(ctx, tag)],
                        Applicability.UNSAFE,
                    )
                else:
                    spelling = suggestion.spelling(0)
                    fix = ctx.fix(
                        f"replace with `{spelling}`",
                        [replace_text(ctx, tag, spelling)],
                        Applicability.UNSAFE,
                    )
            yield self.finding(
                ctx,
                tag.span,
                message,
                fix,
                entry=entry,
                severity=Severity.ERROR if closed else None,
            )
