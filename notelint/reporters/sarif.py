"""``--output-format sarif``: SARIF 2.1.0, as GitHub code scanning and other tools read it.

One run whose driver lists every rule (id, name, short and full description and help from the
rule's documentation, default level, category tag) and one result per finding: level
(``error``/``warning``/``note``), message, a physical location with a repository-relative URI
(``uriBaseId`` ``%SRCROOT%``) and a region (1-based lines and columns in code points, end
column exclusive, as SARIF defines them), the fix when there is one, and a line-independent
``partialFingerprints`` entry (see :mod:`notelint.gating.fingerprint`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from notelint import __version__
from notelint.gating.fingerprint import fingerprints, repo_relative, repository_root
from notelint.model.document import Span
from notelint.model.findings import Finding, Severity
from notelint.reporters.base import ReportContext
from notelint.rules.base import Rule, doc_sections

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"
INFORMATION_URI = "https://pypi.org/project/notelint/"
FINGERPRINT_KEY = "notelintFingerprint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub code scanning's own severity scale for non-security results.
PROBLEM_SEVERITY = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "recommendation",
}


def _first_paragraph(text: str) -> str:
    return text.strip().split("\n\n", 1)[0].replace("\n", " ").strip()


def rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    doc = rule.documentation()
    sections = doc_sections(doc)
    summary = _first_paragraph(sections.get("", "")) or rule.name.replace("-", " ")
    what = _first_paragraph(sections.get("What it does", "")) or summary
    body = doc.strip() or summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": what},
        "help": {
            "text": body,
            "markdown": f"# {rule.name} ({rule.code})\n\n{body}",
        },
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": ["notes", rule.category.value],
            "precision": "very-high",
            "problem.severity": PROBLEM_SEVERITY[rule.severity],
        },
    }


def _minimal_descriptor(finding: Finding) -> dict[str, Any]:
    """For findings of codes the registry does not hold (the engine's NL000)."""
    text = finding.name.replace("-", " ")
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": text},
        "fullDescription": {"text": text},
        "help": {"text": text, "markdown": text},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"tags": ["notes", finding.category.value]},
    }


def region(span: Span) -> dict[str, int]:
    end_line = max(span.end_line, span.start_line)
    end_column = span.end_column
    if end_line == span.start_line:
        end_column = max(end_column, span.start_column)
    return {
        "startLine": span.start_line,
        "startColumn": span.start_column,
        "endLine": end_line,
        "endColumn": end_column,
    }


def _location(uri: str, span: Span) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
            "region": region(span),
        }
    }


def _fix(finding: Finding, uri: str) -> list[dict[str, Any]]:
    fix = finding.fix
    if fix is None:
        return []
    return [
        {
            "description": {"text": f"{fix.message} ({fix.applicability.value} fix)"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            "deletedRegion": region(edit.span),
                            "insertedContent": {"text": edit.content},
                        }
                        for edit in fix.edits
                    ],
                }
            ],
        }
    ]


def _root_uri(root: Path) -> str:
    uri = repository_root(root).resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def render(findings: Sequence[Finding], ctx: ReportContext) -> str:
    rules: list[dict[str, Any]] = [rule_descriptor(rule) for rule in ctx.registry.rules]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    for finding in findings:
        if finding.code not in index:
            index[finding.code] = len(rules)
            rules.append(_minimal_descriptor(finding))
    prints = fingerprints(findings, ctx.source_line, ctx.root)
    results = []
    artifacts: dict[str, int] = {}
    for finding, fingerprint in zip(findings, prints, strict=True):
        uri = repo_relative(finding.path, ctx.root)
        artifacts.setdefault(uri, len(artifacts))
        location = _location(uri, finding.span)
        location["physicalLocation"]["artifactLocation"]["index"] = artifacts[uri]
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": LEVELS[finding.severity],
            "message": {"text": f"{finding.message} [{finding.name}]"},
            "locations": [location],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        }
        if finding.entry_title:
            result["properties"] = {"entry": finding.entry_title}
        fixes = _fix(finding, uri)
        if fixes:
            result["fixes"] = fixes
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "notelint",
                        "semanticVersion": __version__,
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": _root_uri(ctx.root)}},
                "artifacts": [
                    {"location": {"uri": uri, "uriBaseId": "%SRCROOT%"}} for uri in artifacts
                ],
                "columnKind": "unicodeCodePoints",
                "results": results,
                "invocations": [{"executionSuccessful": True}],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
