"""Behaviour of the offline venue rules (NL401–NL404) against a small vocabulary defined here."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from notelint.config.settings import Settings
from notelint.engine.linter import lint_text
from notelint.model.findings import Applicability, Finding, Severity
from tests.helpers import apply_fixes, settings_with_vocabulary

VOCABULARY = """
[venue]
NeurIPS = { kind = "conference", aliases = ["NIPS"] }
ICLR = { kind = "conference" }
ICML = { kind = "conference" }
CVPR = { kind = "conference" }
CVPRW = { kind = "workshop" }
ICCV = { kind = "conference" }
TPAMI = { kind = "journal" }
Robotica = { kind = "journal" }
MIDL = {}
arXiv = { kind = "preprint" }
GitHub = { kind = "other" }

[track]
Workshop = {}
Oral = {}

[organisation]
Google = { country = "US" }
Meta = { country = "US" }

[country]
US = {}
"""

VENUE_RULES = ["NL401", "NL402", "NL403", "NL404"]


def settings_for(tmp_path: Path, **options: object) -> Settings:
    return settings_with_vocabulary(tmp_path, VOCABULARY, **options)


def lint(
    tmp_path: Path, text: str, select: Sequence[str] = VENUE_RULES, **options: object
) -> list[Finding]:
    return lint_text(text, settings=settings_for(tmp_path, **options), select=list(select))


def section(heading: str, *tag_lines: str) -> str:
    entries = "\n".join(f"* Paper {i} {tags}\n  > Summary.\n" for i, tags in enumerate(tag_lines))
    return f"# {heading}\n\n{entries}"


def codes(findings: Sequence[Finding]) -> list[tuple[str, int, str]]:
    return [(f.code, f.span.start_line, f.message) for f in findings]


# -- NL401 venue-contradicts-heading ---------------------------------------------------------


def test_venue_tag_contradicting_the_heading(tmp_path: Path) -> None:
    text = section("CVPR", "`ICCV` `Meta` `US`", "`CVPR` `Meta`", "`Meta` `US`")
    findings = lint(tmp_path, text)
    assert codes(findings) == [
        ("NL401", 3, "venue `ICCV` contradicts the section heading `CVPR`"),
    ]
    (finding,) = findings
    assert finding.span.start_column == text.splitlines()[2].index("`ICCV`") + 1
    assert finding.fix is None
    assert finding.severity is Severity.WARNING


@pytest.mark.parametrize(
    "heading",
    [
        "CVPR 2024",
        "CVPR'24",
        "CVPR ’24",
        "CVPR-2024",
        "CVPR2024",
        "CVPR (2024)",
        "cvpr 2024",
        "**CVPR 2024**",
        "`CVPR` 2024",
    ],
)
def test_headings_with_a_year_name_their_venue(tmp_path: Path, heading: str) -> None:
    findings = lint(tmp_path, section(heading, "`ICML`"), ["NL401"])
    assert codes(findings) == [
        ("NL401", 3, f"venue `ICML` contradicts the section heading `{heading}`"),
    ]


def test_alias_heading_names_its_venue(tmp_path: Path) -> None:
    assert lint(tmp_path, section("NIPS 2017", "`NeurIPS`"), ["NL401"]) == []
    assert codes(lint(tmp_path, section("NIPS 2017", "`ICML`"), ["NL401"])) == [
        ("NL401", 3, "venue `ICML` contradicts the section heading `NIPS 2017`"),
    ]


@pytest.mark.parametrize(
    ("heading", "tags"),
    [
        ("Generic", "`ICML` `US`"),  # not a venue
        ("Reading list", "`ICML`"),
        ("arXiv", "`ICML` `Meta`"),  # a preprint heading: "published since" is online's job
        ("Google", "`ICML`"),  # a tag, but not a venue
        ("CVPR", "`CVPR` `Workshop`"),  # a track is not a venue
        ("CVPR", "`CVPRW`"),  # the conference's own workshop
        ("CVPRW", "`CVPR` `Workshop`"),
        ("CVPR", "`arXiv`"),  # a preprint tag is not another venue
        ("CVPR", "`GitHub`"),
        ("CVPR", "`CVPR` `ICML`"),  # multiple-venues reports this one
        ("CVPR", "`CPVR`"),  # unknown-venue reports this one
    ],
)
def test_no_contradiction(tmp_path: Path, heading: str, tags: str) -> None:
    assert lint(tmp_path, section(heading, tags), ["NL401"]) == []


# -- NL402 multiple-venues -------------------------------------------------------------------


def test_two_venues_on_one_entry(tmp_path: Path) -> None:
    text = section("Reading list", "`NeurIPS` `ICCV` `Google`", "`ICML` `TPAMI` `MIDL`")
    findings = lint(tmp_path, text)
    assert codes(findings) == [
        ("NL402", 3, "entry has 2 venues: `NeurIPS` and `ICCV`"),
        ("NL402", 6, "entry has 3 venues: `ICML`, `TPAMI` and `MIDL`"),
    ]
    assert findings[0].span.start_column == text.splitlines()[2].index("`ICCV`") + 1


@pytest.mark.parametrize(
    "tags",
    [
        "`ICCV` `Workshop`",
        "`CVPR` `CVPRW`",
        "`CVPR` `arXiv`",
        "`CVPR` `GitHub`",
        "`NeurIPS` `NIPS`",  # one venue, two spellings: redundant-tags
        "`ICML` `ICML`",  # duplicate-tag
    ],
)
def test_one_venue(tmp_path: Path, tags: str) -> None:
    assert lint(tmp_path, section("Reading list", tags), ["NL402"]) == []


# -- NL403 unknown-venue ---------------------------------------------------------------------


def test_misspelt_venue(tmp_path: Path) -> None:
    text = section("Reading list", "`ICCLR` `Google`", "`CVRP` `Meta`", "`Neur-IPS`")
    findings = lint(tmp_path, text)
    assert codes(findings) == [
        ("NL403", 3, "unknown venue `ICCLR`; did you mean `ICLR`?"),
        ("NL403", 6, "unknown venue `CVRP`; did you mean `CVPR`?"),
        ("NL403", 9, "unknown venue `Neur-IPS`; did you mean `NeurIPS`?"),
    ]
    assert all(f.fix is not None and f.fix.applicability is Applicability.UNSAFE for f in findings)
    fixed = apply_fixes(text, findings)
    assert fixed == section("Reading list", "`ICLR` `Google`", "`CVPR` `Meta`", "`NeurIPS`")
    assert lint(tmp_path, fixed, ["NL301", *VENUE_RULES]) == []


def test_misspelt_venue_is_an_error_in_a_closed_vocabulary(tmp_path: Path) -> None:
    (finding,) = lint(tmp_path, section("Reading list", "`ICCLR`"), closed_vocabulary=True)
    assert finding.severity is Severity.ERROR


@pytest.mark.parametrize("tag", ["Gogle", "METR", "ICMLA", "Robotics"])
def test_not_a_misspelt_venue(tmp_path: Path, tag: str) -> None:
    assert lint(tmp_path, section("Reading list", f"`{tag}`"), ["NL403"]) == []


# -- NL404 unknown-venue-heading -------------------------------------------------------------


def test_heading_in_the_wrong_case(tmp_path: Path) -> None:
    text = section("Neurips 2024", "`NeurIPS`")
    findings = lint(tmp_path, text)
    assert codes(findings) == [("NL404", 1, "heading `Neurips` should be written `NeurIPS`")]
    (finding,) = findings
    assert (finding.span.start_column, finding.span.end_column) == (3, 10)
    assert finding.fix is not None
    assert finding.fix.applicability is Applicability.UNSAFE  # headings are prose
    assert apply_fixes(text, findings) == section("NeurIPS 2024", "`NeurIPS`")


def test_heading_in_the_wrong_case_of_an_alias_keeps_the_alias(tmp_path: Path) -> None:
    text = section("Nips 2017", "`NeurIPS`")
    (finding,) = lint(tmp_path, text)
    assert finding.message == "heading `Nips` should be written `NIPS`"


@pytest.mark.parametrize(
    ("heading", "meant", "fixed"),
    [
        ("CPVR", "CVPR", "CVPR"),
        ("ICCLR 2025", "ICLR", "ICLR 2025"),
        ("Neur-IPS 2024", "NeurIPS", "NeurIPS 2024"),
    ],
)
def test_heading_near_a_venue(tmp_path: Path, heading: str, meant: str, fixed: str) -> None:
    text = section(heading, "`Google`")
    findings = lint(tmp_path, text)
    name = heading.split(" ")[0]
    assert codes(findings) == [
        ("NL404", 1, f"heading `{name}` is not a venue; did you mean `{meant}`?")
    ]
    assert findings[0].fix is not None
    assert findings[0].fix.applicability is Applicability.UNSAFE
    assert apply_fixes(text, findings) == section(fixed, "`Google`")


@pytest.mark.parametrize(
    "heading",
    [
        "Generic",
        "Reading list",
        "Robotics",  # an ordinary word close to the journal Robotica
        "ICLR 2025",
        "CVPR",
        "arXiv",
        "NIPS 2017",  # an alias is a fine heading
        "Google",
        "2024",
        "TODO",
        "**CVPR**",
        "_ICLR 2025_",
    ],
)
def test_headings_left_alone(tmp_path: Path, heading: str) -> None:
    assert lint(tmp_path, section(heading, "`Google`"), ["NL404"]) == []
