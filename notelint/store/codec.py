"""A file's result as plain data: tuples, strings and numbers that ``marshal`` stores.

``marshal`` is the fastest way to store and load plain Python data, it keeps tuples as tuples
(so facts come back exactly as a rule collected them), and unlike pickle it cannot be made to
run code by a cache file planted in a repository. Results are decoded into fresh objects on
every run, because the second stage adds findings and marks used suppressions on them.

Measured against msgspec's MessagePack on the 250 results of the 50k-entry benchmark corpus:
decoding, the hot path of a warm run, takes 56 ms with ``marshal`` and 94 ms with msgspec
(which also gives lists back where a rule stored tuples); encoding 23 ms against 13 ms. So
``marshal`` stays: faster where it matters, and no dependency.
"""

from __future__ import annotations

import marshal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from notelint.model.results import FileResult

FORMAT_VERSION = 1
MARSHAL_VERSION = 4


# -- FileResult <-> plain data ----------------------------------------------------------------


def _span_data(span: Any) -> tuple[int, int, int, int, int, int]:
    return (
        span.start_line,
        span.start_column,
        span.start_offset,
        span.end_line,
        span.end_column,
        span.end_offset,
    )


def encode_result(result: FileResult) -> tuple[Any, ...]:
    """A FileResult as plain tuples, lists and strings (what ``marshal`` stores)."""
    path = result.path
    findings = []
    for f in result.findings:
        fix = f.fix
        fix_data = None
        if fix is not None:
            fix_data = (
                fix.applicability.value,
                fix.message,
                tuple((_span_data(e.span), e.content) for e in fix.edits),
            )
        findings.append(
            (
                None if f.path == path else f.path,
                f.code,
                f.name,
                f.category.value,
                f.severity.value,
                f.message,
                _span_data(f.span),
                fix_data,
                f.entry_title,
            )
        )
    suppressions = [
        (s.kind.value, list(s.codes), list(s.words), _span_data(s.span), s.error)
        for s in result.suppressions
    ]
    scopes = [(i, first, last, tuple(codes)) for i, first, last, codes in result.suppression_scopes]
    return (
        path,
        findings,
        result.facts,
        suppressions,
        sorted(result.used_suppressions),
        scopes,
        result.error,
    )


def decode_result(data: tuple[Any, ...]) -> FileResult:
    """A fresh FileResult from :func:`encode_result`'s data."""
    from notelint.model.document import DirectiveKind, Span, Suppression, make_span
    from notelint.model.findings import Applicability, Category, Edit, Finding, Fix, Severity
    from notelint.model.results import FileResult

    path, findings_data, facts, suppressions_data, used, scopes, error = data
    finding_from = Finding.from_fields
    categories = {c.value: c for c in Category}
    severities = {s.value: s for s in Severity}
    # Spans are frozen: equal ones (a finding's and its fix's) can be one object.
    spans: dict[tuple[int, ...], Span] = {}

    def span(values: tuple[int, int, int, int, int, int]) -> Span:
        found = spans.get(values)
        if found is None:
            found = spans[values] = make_span(*values)
        return found

    findings: list[Finding] = []
    for (
        f_path,
        code,
        name,
        category,
        severity,
        message,
        span_data,
        fix_data,
        title,
    ) in findings_data:
        fix = None
        if fix_data is not None:
            applicability, fix_message, edits = fix_data
            fix = Fix.model_construct(
                applicability=Applicability(applicability),
                message=fix_message,
                edits=tuple(
                    Edit.model_construct(span=span(e_span), content=content)
                    for e_span, content in edits
                ),
            )
        findings.append(
            finding_from(
                {
                    "path": path if f_path is None else f_path,
                    "code": code,
                    "name": name,
                    "category": categories[category],
                    "severity": severities[severity],
                    "message": message,
                    "span": span(span_data),
                    "fix": fix,
                    "entry_title": title,
                }
            )
        )
    suppressions = [
        Suppression.model_construct(
            kind=DirectiveKind(kind), codes=codes, words=words, span=span(s_span), error=s_error
        )
        for kind, codes, words, s_span, s_error in suppressions_data
    ]
    return FileResult(
        path=path,
        findings=findings,
        facts=facts,
        suppressions=suppressions,
        used_suppressions=set(used),
        suppression_scopes=[(i, a, b, tuple(codes)) for i, a, b, codes in scopes],
        error=error,
    )


def pack(result: FileResult) -> bytes | None:
    """The stored form of a result; None when it holds something ``marshal`` cannot store
    (a project rule's facts that are not plain data): such a result is not cached."""
    try:
        return marshal.dumps(encode_result(result), MARSHAL_VERSION)
    except ValueError:
        return None


def unpack(blob: bytes) -> FileResult:
    data = marshal.loads(blob)
    if not isinstance(data, tuple) or len(data) != 7:
        raise ValueError("not a cached result")
    return decode_result(data)
