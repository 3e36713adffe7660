"""``--output-format junit-strict``: the JUnit report (:mod:`.junit`) without the ``file`` and
``line`` attributes on ``<testcase>`` that the strict JUnit schema (Jenkins xunit) rejects."""

from __future__ import annotations

from collections.abc import Sequence

from notelint.model.findings import Finding
from notelint.reporters import junit
from notelint.reporters.base import ReportContext


def render(findings: Sequence[Finding], ctx: ReportContext) -> str:
    return junit.render(findings, ctx, strict=True)
