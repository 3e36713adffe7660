"""``--output-format junit``: JUnit XML, for CI systems that show test reports.

One ``<testsuite>`` per file checked (its repository-relative path), one failing
``<testcase>`` per finding (named after the rule and position; the ``<failure>`` carries the
rule code as its type, the message, and the finding in text form), and a single passing
``<testcase>`` for a clean file, so clean files show as passed rather than missing.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from notelint.findings import Finding
from notelint.fingerprint import repo_relative
from notelint.reporters.base import ReportContext


def _suite(name: str, findings: list[Finding]) -> ET.Element:
    suite = ET.Element(
        "testsuite",
        {
            "name": name,
            "tests": str(max(len(findings), 1)),
            "failures": str(len(findings)),
            "errors": "0",
            "skipped": "0",
            "time": "0",
        },
    )
    if not findings:
        ET.SubElement(suite, "testcase", {"name": "notelint", "classname": name, "file": name})
        return suite
    for finding in findings:
        span = finding.span
        case = ET.SubElement(
            suite,
            "testcase",
            {
                "name": f"{finding.code} {finding.name} (line {span.start_line}, "
                f"column {span.start_column})",
                "classname": name,
                "file": name,
                "line": str(span.start_line),
            },
        )
        failure = ET.SubElement(
            case,
            "failure",
            {"message": finding.message, "type": f"{finding.code} ({finding.severity.value})"},
        )
        failure.text = (
            f"{name}:{span.start_line}:{span.start_column}: {finding.code} "
            f"[{finding.name}] {finding.severity.value}: {finding.message}"
        )
    return suite


def render(findings: Sequence[Finding], ctx: ReportContext) -> str:
    by_file: dict[str, list[Finding]] = {}
    for path in ctx.files:
        by_file.setdefault(repo_relative(path, ctx.root), [])
    for finding in findings:
        by_file.setdefault(repo_relative(finding.path, ctx.root), []).append(finding)
    root = ET.Element(
        "testsuites",
        {
            "name": "notelint",
            "tests": str(sum(max(len(v), 1) for v in by_file.values())),
            "failures": str(len(findings)),
            "errors": "0",
            "time": "0",
        },
    )
    for name in sorted(by_file):
        root.append(_suite(name, by_file[name]))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
