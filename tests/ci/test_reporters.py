"""Every CI output format, parsed the way its consumer parses it."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from notelint.model.document import Span
from notelint.model.findings import Category, Finding, Severity
from notelint.reporters.github import annotation, escape_data, escape_property

from .conftest import CLEAN, NotesRepo, Run

EXPECTED = [("NL901", 4, "warning"), ("NL902", 5, "error"), ("NL903", 5, "info")]


def check(run_cli: Run, fmt: str, *extra: str) -> tuple[int, str]:
    code, out, err = run_cli("check", "--output-format", fmt, *extra)
    assert code in (0, 1), err
    return code, out


# -- text-like formats -------------------------------------------------------------------------


def test_concise_one_line_per_finding(notes_repo: NotesRepo, run_cli: Run) -> None:
    code, out = check(run_cli, "concise")
    assert code == 1
    lines = out.splitlines()
    pattern = re.compile(
        r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info): "
        r"(?P<code>NL\d{3}) (?P<rest>.*)$"
    )
    parsed = [pattern.match(line) for line in lines[:3]]
    assert all(parsed)
    assert [(m["code"], int(m["line"])) for m in parsed if m] == [(c, n) for c, n, _ in EXPECTED]
    assert parsed[0] and parsed[0]["rest"] == (
        "TODO left in: > TODO summarise: 100% of it, really"  # an unsafe fix: no [*]
    )
    assert [m["severity"] for m in parsed if m] == ["warning", "error", "info"]
    assert lines[3].startswith("Found 3 findings")
    assert len(lines) == 4


def test_concise_marks_safe_fixes(notes_repo: NotesRepo, run_cli: Run) -> None:
    notes_repo.write("notes/a.md", CLEAN.replace("recurrence.", "recurrence.  "))
    _, out = check(run_cli, "concise")
    assert out.splitlines()[0] == "notes/a.md:4:35: warning: NL904 [*] trailing whitespace"


def test_grouped_by_file(notes_repo: NotesRepo, run_cli: Run) -> None:
    notes_repo.write("notes/b.md", CLEAN.replace("> Attention", "> TODO"))
    code, out = check(run_cli, "grouped")
    assert code == 1
    blocks = [b for b in out.strip().split("\n\n")]
    assert blocks[0].splitlines()[0] == "notes/a.md:"
    assert blocks[1].splitlines()[0] == "notes/b.md:"
    a_lines = blocks[0].splitlines()[1:]
    assert [line.split()[1] for line in a_lines] == ["NL901", "NL902", "NL903"]
    assert a_lines[0].split()[0] == "4:5"
    assert blocks[-1].startswith("Found 4 findings")


def test_clean_run_exits_zero(notes_repo: NotesRepo, run_cli: Run) -> None:
    notes_repo.write("notes/a.md", CLEAN)
    for fmt in ("concise", "grouped", "json-lines", "github", "sarif", "junit", "gitlab", "rdjson"):
        assert check(run_cli, fmt)[0] == 0, fmt
    assert check(run_cli, "json-lines")[1] == ""
    assert json.loads(check(run_cli, "gitlab")[1]) == []


def test_json_lines(notes_repo: NotesRepo, run_cli: Run) -> None:
    _, out = check(run_cli, "json-lines")
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["rule"], r["line"], r["severity"]) for r in records] == EXPECTED
    first = records[0]
    assert first["path"] == "notes/a.md"
    assert (first["column"], first["end_line"], first["end_column"]) == (5, 4, 9)
    assert first["entry"] == "Attention Is All You Need"
    assert first["fix"]["applicability"] == "unsafe"
    assert first["fix"]["edits"][0]["content"] == "DONE"


# -- GitHub ------------------------------------------------------------------------------------


def _unescape(value: str) -> str:
    return (
        value.replace("%2C", ",")
        .replace("%3A", ":")
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%")
    )


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """What the Actions runner does with ``::command k=v,k=v::data``."""
    assert line.startswith("::")
    head, _, data = line[2:].partition("::")
    command, _, props = head.partition(" ")
    properties = {}
    for item in props.split(","):
        key, _, value = item.partition("=")
        properties[key] = _unescape(value)
    return command, properties, _unescape(data)


def test_github_annotations_and_full_report(notes_repo: NotesRepo, run_cli: Run) -> None:
    code, out = check(run_cli, "github")
    assert code == 1
    lines = out.splitlines()
    commands = [parse_workflow_command(line) for line in lines if line.startswith("::")]
    assert [(c, p["title"].split()[1], int(p["line"])) for c, p, _ in commands] == [
        ("warning", "NL901", 4),
        ("error", "NL902", 5),
        ("notice", "NL903", 5),
    ]
    _, props, message = commands[0]
    assert props["file"] == "notes/a.md"
    assert (props["col"], props["endLine"], props["endColumn"]) == ("5", "4", "9")
    assert message == "TODO left in: > TODO summarise: 100% of it, really"
    assert "%25" in lines[0]  # the % was escaped on the wire
    # The full text report follows (GitHub shows only some annotations per step).
    rest = "\n".join(line for line in lines if not line.startswith("::"))
    assert "notes/a.md:4:5: NL901 [todo-marker]" in rest
    assert "Found 3 findings" in rest
    assert "\x1b[" not in out


def test_github_escapes_properties_and_data(notes_repo: NotesRepo, run_cli: Run) -> None:
    notes_repo.write("notes/a.md", CLEAN)
    notes_repo.write("notes/odd: name, really.md", CLEAN.replace("> Attention", "> TODO"))
    _, out = check(run_cli, "github")
    line = next(line for line in out.splitlines() if line.startswith("::"))
    assert "odd%3A name%2C really.md" in line
    _, props, _ = parse_workflow_command(line)
    assert props["file"] == "notes/odd: name, really.md"
    assert props["title"] == "notelint NL901 (todo-marker)"


def test_github_escaping_rules() -> None:
    assert escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert escape_data("a:b,c") == "a:b,c"
    assert escape_property("50% a:b,c\n") == "50%25 a%3Ab%2Cc%0A"
    span = Span(
        start_line=2, start_column=1, start_offset=0, end_line=4, end_column=3, end_offset=9
    )
    finding = Finding(
        path="x.md",
        code="NL999",
        name="demo",
        category=Category.FORMAT,
        severity=Severity.ERROR,
        message="first line\nsecond: 100%",
        span=span,
    )
    from notelint.engine.registry import Registry
    from notelint.reporters.base import ReportContext

    text = annotation(finding, ReportContext(registry=Registry(()), root=Path.cwd()))
    command, props, data = parse_workflow_command(text)
    assert "\n" not in text
    assert command == "error"
    assert data == "first line\nsecond: 100%"
    # A multi-line span has no columns.
    assert props["line"] == "2" and props["endLine"] == "4" and "col" not in props


# -- SARIF -------------------------------------------------------------------------------------

LEVELS = {"none", "note", "warning", "error"}


def _check_message(message: Any) -> None:
    assert isinstance(message, dict) and isinstance(message.get("text"), str) and message["text"]


def _check_region(region: dict[str, Any]) -> None:
    assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert region["endLine"] >= region["startLine"]
    if region["endLine"] == region["startLine"]:
        assert region["endColumn"] >= region["startColumn"]


def _check_uri(location: dict[str, Any]) -> str:
    artifact = location["physicalLocation"]["artifactLocation"]
    uri = artifact["uri"]
    assert not uri.startswith("/") and "://" not in uri and "\\" not in uri
    assert artifact["uriBaseId"] == "%SRCROOT%"
    return str(uri)


def check_sarif(log: dict[str, Any]) -> None:
    """The SARIF 2.1.0 schema's required structure, and what GitHub code scanning needs."""
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "notelint"
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for rule in rules:
        for key in ("shortDescription", "fullDescription"):
            _check_message(rule[key])
        _check_message(rule["help"])
        assert rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in LEVELS
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file://") and base.endswith("/")
    assert run["columnKind"] == "unicodeCodePoints"
    for result in run["results"]:
        assert result["ruleId"] == rules[result["ruleIndex"]]["id"]
        assert result["level"] in LEVELS
        _check_message(result["message"])
        assert len(result["locations"]) == 1
        _check_uri(result["locations"][0])
        _check_region(result["locations"][0]["physicalLocation"]["region"])
        fingerprints = result["partialFingerprints"]
        assert fingerprints and all(
            isinstance(k, str) and isinstance(v, str) and v for k, v in fingerprints.items()
        )
        for fix in result.get("fixes", []):
            _check_message(fix["description"])
            for change in fix["artifactChanges"]:
                assert change["artifactLocation"]["uri"]
                for replacement in change["replacements"]:
                    _check_region(replacement["deletedRegion"])
                    assert isinstance(replacement["insertedContent"]["text"], str)


def test_sarif(notes_repo: NotesRepo, run_cli: Run) -> None:
    code, out = check(run_cli, "sarif")
    assert code == 1
    log = json.loads(out)
    check_sarif(log)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    # Descriptions and help come from the rule's documentation.
    todo = rules["NL901"]
    assert todo["shortDescription"]["text"] == "A TODO left in the notes."
    assert todo["fullDescription"]["text"] == "Finds `TODO` markers."
    assert "## Why is this bad?" in todo["help"]["markdown"]
    assert todo["defaultConfiguration"]["level"] == "warning"
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("NL901", "warning"),
        ("NL902", "error"),
        ("NL903", "note"),
    ]
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "notes/a.md"
    assert location["region"] == {"startLine": 4, "startColumn": 5, "endLine": 4, "endColumn": 9}
    assert results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {
        "text": "DONE"
    }
    assert Path(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"].removeprefix("file://")
    ).resolve() == (notes_repo.root.resolve())


def test_sarif_uris_are_repository_relative_from_a_subfolder(
    notes_repo: NotesRepo, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(notes_repo.root / "notes")
    _, out = check(run_cli, "sarif", "a.md")
    log = json.loads(out)
    uris = {_check_uri(r["locations"][0]) for r in log["runs"][0]["results"]}
    assert uris == {"notes/a.md"}


def test_sarif_fingerprints_survive_moved_lines(notes_repo: NotesRepo, run_cli: Run) -> None:
    before = json.loads(check(run_cli, "sarif")[1])["runs"][0]["results"]
    notes_repo.write("notes/a.md", "# Intro\n\nSome text.\n\n" + notes_repo.read("notes/a.md"))
    after = json.loads(check(run_cli, "sarif")[1])["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == [
        8,
        9,
        9,
    ]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]


# -- JUnit -------------------------------------------------------------------------------------


def test_junit(notes_repo: NotesRepo, run_cli: Run) -> None:
    notes_repo.write("notes/b.md", CLEAN)
    code, out = check(run_cli, "junit")
    assert code == 1
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"notes/a.md", "notes/b.md"}
    failing = suites["notes/a.md"]
    cases = failing.findall("testcase")
    assert len(cases) == 3 and failing.get("tests") == "3"
    # The warning and the error fail; the info finding is shown as skipped, not a failure.
    assert failing.get("failures") == "2" and failing.get("skipped") == "1"
    failures = [c.find("failure") for c in cases]
    assert [f.get("type", "").split()[0] for f in failures if f is not None] == [
        "NL901",
        "NL902",
    ]
    assert failures[2] is None and cases[2].find("skipped") is not None
    assert failures[0] is not None and failures[0].get("message", "").startswith("TODO left in")
    assert cases[0].get("file") == "notes/a.md" and cases[0].get("line") == "4"
    # Names carry the rule and the entry, not the line: a moved entry is the same test.
    assert all("line" not in (c.get("name") or "") for c in cases)
    assert (cases[0].get("name") or "").startswith("NL901 todo-marker: ")
    clean = suites["notes/b.md"]
    clean_cases = clean.findall("testcase")
    assert len(clean_cases) == 1 and clean_cases[0].find("failure") is None
    assert clean.get("failures") == "0"
    assert root.get("tests") == "4" and root.get("failures") == "2"


def test_junit_names_survive_a_moved_entry(notes_repo: NotesRepo, run_cli: Run) -> None:
    def names() -> set[str]:
        root = ET.fromstring(check(run_cli, "junit")[1])
        return {c.get("name") or "" for c in root.iter("testcase")}

    before = names()
    text = (notes_repo.root / "notes/a.md").read_text(encoding="utf-8")
    notes_repo.write("notes/a.md", "\n\n\n" + text)
    assert names() == before


def test_junit_strict_has_no_file_or_line(notes_repo: NotesRepo, run_cli: Run) -> None:
    code, out = check(run_cli, "junit-strict")
    assert code == 1
    cases = list(ET.fromstring(out).iter("testcase"))
    assert cases and all(set(c.attrib) == {"name", "classname"} for c in cases)


def test_junit_all_clean(notes_repo: NotesRepo, run_cli: Run) -> None:
    notes_repo.write("notes/a.md", CLEAN)
    code, out = check(run_cli, "junit")
    assert code == 0
    root = ET.fromstring(out)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["notes/a.md"]
    assert suites[0].find("testcase/failure") is None


# -- GitLab ------------------------------------------------------------------------------------


def test_gitlab_code_quality(notes_repo: NotesRepo, run_cli: Run) -> None:
    code, out = check(run_cli, "gitlab")
    assert code == 1
    issues = json.loads(out)
    assert [(i["check_name"], i["location"]["lines"]["begin"], i["severity"]) for i in issues] == [
        ("NL901", 4, "minor"),
        ("NL902", 5, "major"),
        ("NL903", 5, "info"),
    ]
    for issue in issues:
        assert issue["location"]["path"] == "notes/a.md"
        assert issue["description"] and isinstance(issue["fingerprint"], str)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert "TODO left in" in issues[0]["description"]


def test_gitlab_fingerprints_stable_across_line_shifts(notes_repo: NotesRepo, run_cli: Run) -> None:
    before = json.loads(check(run_cli, "gitlab")[1])
    notes_repo.write("notes/a.md", "\n\n\n" + notes_repo.read("notes/a.md"))
    after = json.loads(check(run_cli, "gitlab")[1])
    assert [i["location"]["lines"]["begin"] for i in after] == [7, 8, 8]
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]


def test_gitlab_identical_findings_get_distinct_fingerprints(
    notes_repo: NotesRepo, run_cli: Run
) -> None:
    notes_repo.write("notes/a.md", CLEAN.replace("> Attention", "> TODO TODO"))
    issues = json.loads(check(run_cli, "gitlab")[1])
    assert len(issues) == 2 and issues[0]["fingerprint"] != issues[1]["fingerprint"]


# -- reviewdog ---------------------------------------------------------------------------------


def test_rdjson(notes_repo: NotesRepo, run_cli: Run) -> None:
    # Columns count UTF-8 bytes in reviewdog's format: "é" is two.
    notes_repo.write(
        "notes/a.md", CLEAN.replace("Attention replaces recurrence.", "é TODO and more")
    )
    code, out = check(run_cli, "rdjson")
    assert code == 1
    payload = json.loads(out)
    assert payload["source"]["name"] == "notelint"
    (diag,) = payload["diagnostics"]
    assert diag["severity"] == "WARNING"
    assert diag["code"]["value"] == "NL901"
    assert diag["location"]["path"] == "notes/a.md"
    # "  > é TODO": TODO starts at code point 7, byte 8.
    assert diag["location"]["range"] == {
        "start": {"line": 4, "column": 8},
        "end": {"line": 4, "column": 12},
    }
    assert diag["suggestions"] == [
        {"range": diag["location"]["range"], "text": "DONE"},
    ]
    assert "TODO left in" in diag["message"]


def test_rdjson_severities(notes_repo: NotesRepo, run_cli: Run) -> None:
    payload = json.loads(check(run_cli, "rdjson")[1])
    assert [d["severity"] for d in payload["diagnostics"]] == ["WARNING", "ERROR", "INFO"]


# -- --output-file -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "junit"])
def test_output_file(notes_repo: NotesRepo, run_cli: Run, fmt: str) -> None:
    target = notes_repo.root / "reports" / "deep" / f"notelint.{fmt}"
    code, out, _ = run_cli("check", "--output-format", fmt, "--output-file", str(target))
    assert code == 1
    assert out == ""
    text = target.read_text(encoding="utf-8")
    if fmt == "junit":
        assert ET.fromstring(text).tag == "testsuites"
    else:
        assert json.loads(text)


def test_exit_zero_with_ci_format(notes_repo: NotesRepo, run_cli: Run) -> None:
    code, out, _ = run_cli("check", "--output-format", "gitlab", "--exit-zero")
    assert code == 0 and len(json.loads(out)) == 3


def test_a_long_report_ends_with_an_overview(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from notelint.cli import main

    many = "".join(f"* Paper {i} `US`  \n  > Summary {i}.\n\n" for i in range(45))
    (tmp_path / "a.md").write_text(many, encoding="utf-8")
    (tmp_path / "b.md").write_text("* One `US`  \n  > S.\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.notelint]\n", encoding="utf-8")
    import os

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        capsys.readouterr()
        assert main(["check", "--no-cache"]) == 1
        out = capsys.readouterr().out
        assert "By rule:\n     46  NL201 trailing-whitespace  (46 with --fix)\n" in out
        assert "Most findings: a.md (45), b.md (1)." in out
        assert out.index("By rule:") < out.index("Found 46 findings")
        assert main(["check", "--no-cache", "b.md"]) == 1
        assert "By rule:" not in capsys.readouterr().out  # fits on a screen
    finally:
        os.chdir(cwd)
