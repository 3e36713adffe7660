"""Behaviour of the tag rules (NL301–NL308) against a small vocabulary defined here.

Every test writes its own ``rules/tags.toml`` and switches the built-in data off, so the tests
do not move when the shipped vocabulary grows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from notelint.config.settings import ConfigError, Settings
from notelint.engine.linter import lint_text
from notelint.model.findings import Applicability, Finding, Severity
from notelint.vocabulary.near_misses import fuzzy_index
from notelint.vocabulary.tags import load_vocabulary
from tests.helpers import apply_fixes, settings_with_vocabulary

VOCABULARY = """
[venue]
NeurIPS = { kind = "conference", aliases = ["NIPS"] }
ICLR = { kind = "conference" }
ICML = { kind = "conference" }
CVPR = { kind = "conference" }
ICCV = { kind = "conference" }
arXiv = { kind = "preprint" }

[track]
Workshop = {}
Oral = {}

[organisation]
Google = { country = "US" }
Stanford = { country = "US" }
Inria = { country = "FR" }
MIT = { country = "US" }
NYU = { country = "US" }
AIR = {}
Meta = { country = "US" }
SNT = { country = "LU", aliases = ["SnT"] }
"Google Brain" = { country = "US", deprecated = true, replaced-by = "DeepMind" }
DeepMind = { country = "GB" }
Legacy = { deprecated = true }

[country]
US = { aliases = ["USA"] }
GB = { aliases = ["UK"] }
DE = { aliases = ["GE"] }
FR = {}
LU = {}
CN = {}

[sector]
Academia = {}

[person]
Turing = {}

[label]
Beta = {}
Mirage = {}
Mirale = {}
"""


def settings_for(tmp_path: Path, vocabulary: str = VOCABULARY, **options: object) -> Settings:
    return settings_with_vocabulary(tmp_path, vocabulary, **options)


def notes(*tag_lines: str, heading: str = "Reading list") -> str:
    entries = "\n".join(f"* Paper {i} {tags}\n  > Summary.\n" for i, tags in enumerate(tag_lines))
    return f"# {heading}\n\n{entries}"


def lint(tmp_path: Path, text: str, select: Sequence[str], **options: object) -> list[Finding]:
    return lint_text(text, settings=settings_for(tmp_path, **options), select=list(select))


def summary(findings: Sequence[Finding]) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.span.start_line, f.span.start_column, f.message) for f in findings]


def tag_column(line: str, tag: str, nth: int = 1) -> int:
    """1-based column of the nth backticked ``tag`` on an entry line of ``notes``."""
    index = -1
    for _ in range(nth):
        index = line.index(f"`{tag}`", index + 1)
    return index + 1


ALL_TAG_RULES = ["NL301", "NL302", "NL303", "NL304", "NL305", "NL306", "NL307", "NL308"]
DEFAULT_TAG_RULES = ["NL301", "NL302", "NL303", "NL304", "NL305", "NL307"]


# -- NL301 unknown-tag ---------------------------------------------------------------------


def test_typo_names_the_tag_it_meant(tmp_path: Path) -> None:
    text = notes("`Turning` `GB`")
    findings = lint(tmp_path, text, ["NL301"])
    line = text.splitlines()[2]
    assert summary(findings) == [
        ("NL301", 3, tag_column(line, "Turning"), "unknown tag `Turning`; did you mean `Turing`?")
    ]
    (finding,) = findings
    assert finding.severity is Severity.WARNING
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert apply_fixes(text, findings) == notes("`Turing` `GB`")
    assert lint(tmp_path, apply_fixes(text, findings), ["NL301"]) == []


def test_new_tag_is_information(tmp_path: Path) -> None:
    findings = lint(tmp_path, notes("`Google` `OpenAI`"), ["NL301"])
    assert [(f.message, f.severity, f.fix) for f in findings] == [
        (
            "tag `OpenAI` is not in the vocabulary; if it is a new tag, add it to rules/tags.toml",
            Severity.INFO,
            None,
        )
    ]


def test_new_tag_hint_names_the_configured_vocabulary_folder(tmp_path: Path) -> None:
    vocab = tmp_path / "vocab"
    vocab.mkdir()
    (vocab / "tags.toml").write_text(VOCABULARY, encoding="utf-8")
    settings = Settings(root=tmp_path, vocabulary="vocab", builtin_vocabulary=False)
    (finding,) = lint_text(notes("`OpenAI`"), settings=settings, select=["NL301"])
    assert finding.message.endswith("add it to vocab/tags.toml")


@pytest.mark.parametrize(
    ("tag", "known"),
    [
        ("METR", "MIT"),  # distance 2 on four letters
        ("NUS", "NYU"),  # three letters: never a typo
        ("FAIR", "AIR"),  # the known tag is too short
        ("Meta", "Beta"),  # four letters: only a swap counts, and the first letter differs
        ("IJCAR", "IJCAI"),  # acronyms: another letter is another acronym
        ("ICMLA", "ICML"),  # acronyms: one more letter is another acronym
        ("Cells", "Cell"),  # names take no plural
        ("GPT4", "GPT3"),  # digits differ
    ],
)
def test_near_names_that_are_not_typos(tmp_path: Path, tag: str, known: str) -> None:
    vocabulary = f'[organisation]\n"{known}" = {{}}\n'
    settings = settings_for(tmp_path, vocabulary)
    findings = lint_text(notes(f"`{tag}`"), settings=settings, select=["NL301"])
    assert [(f.severity, f.fix) for f in findings] == [(Severity.INFO, None)], summary(findings)


@pytest.mark.parametrize(
    ("tag", "meant"),
    [
        ("Turning", "Turing"),  # one letter more
        ("Stanfrod", "Stanford"),  # two letters swapped
        ("Standford", "Stanford"),
        ("Acadmia", "Academia"),  # one letter less
        ("S.N.T", "SNT"),  # punctuation
        ("Go-ogle", "Google"),
    ],
)
def test_near_misses(tmp_path: Path, tag: str, meant: str) -> None:
    text = notes(f"`{tag}`")
    (finding,) = lint(tmp_path, text, ["NL301"])
    assert finding.message == f"unknown tag `{tag}`; did you mean `{meant}`?"
    assert finding.severity is Severity.WARNING
    assert apply_fixes(text, [finding]) == notes(f"`{meant}`")


def test_two_equally_close_tags_are_named_without_a_fix(tmp_path: Path) -> None:
    (finding,) = lint(tmp_path, notes("`Mirame`"), ["NL301"])
    assert finding.message == "unknown tag `Mirame`; did you mean `Mirage` or `Mirale`?"
    assert finding.fix is None


def test_near_miss_of_a_tag_the_entry_already_has_is_removed(tmp_path: Path) -> None:
    text = notes("`SNT` `S.N.T` `LU`")
    (finding,) = lint(tmp_path, text, ["NL301"])
    assert finding.fix is not None
    assert apply_fixes(text, [finding]) == notes("`SNT` `LU`")


def test_closed_vocabulary_makes_every_unknown_tag_an_error(tmp_path: Path) -> None:
    findings = lint(tmp_path, notes("`OpenAI` `Turning`"), ["NL301"], closed_vocabulary=True)
    assert [(f.message, f.severity) for f in findings] == [
        ("tag `OpenAI` is not in the vocabulary", Severity.ERROR),
        ("unknown tag `Turning`; did you mean `Turing`?", Severity.ERROR),
    ]


def test_venue_typos_are_left_to_unknown_venue(tmp_path: Path) -> None:
    text = notes("`ICCLR` `CVRP` `Gogle`")
    findings = lint(tmp_path, text, ["NL301", "NL403"])
    assert [(f.code, f.message) for f in findings] == [
        ("NL403", "unknown venue `ICCLR`; did you mean `ICLR`?"),
        ("NL403", "unknown venue `CVRP`; did you mean `CVPR`?"),
        ("NL301", "unknown tag `Gogle`; did you mean `Google`?"),
    ]


def test_repeated_unknown_tag_is_reported_once(tmp_path: Path) -> None:
    findings = lint(tmp_path, notes("`OpenAI` `OpenAI`"), ["NL301", "NL304"])
    assert [f.code for f in findings] == ["NL301", "NL304"]


def test_known_and_empty_tags_are_not_unknown(tmp_path: Path) -> None:
    assert lint(tmp_path, notes("`Google` `US` `` `SnT` `academia`"), ["NL301"]) == []


def test_fuzzy_index_is_built_once_per_vocabulary(tmp_path: Path) -> None:
    settings_for(tmp_path)
    vocabulary = load_vocabulary(tmp_path / "rules", builtin=False)
    index = fuzzy_index(vocabulary)
    assert fuzzy_index(vocabulary) is index
    assert index.suggest("Turning") is index.suggest("Turning")
    other = load_vocabulary(tmp_path / "rules", builtin=False)
    assert fuzzy_index(other) is not index


# -- NL302 tag-alias / NL303 tag-case --------------------------------------------------------


def test_alias_is_replaced_by_the_canonical_tag(tmp_path: Path) -> None:
    text = notes("`NIPS` `Google` `USA`")
    findings = lint(tmp_path, text, ["NL302"])
    line = text.splitlines()[2]
    assert summary(findings) == [
        ("NL302", 3, tag_column(line, "NIPS"), "tag `NIPS` is an alias of `NeurIPS`"),
        ("NL302", 3, tag_column(line, "USA"), "tag `USA` is an alias of `US`"),
    ]
    assert all(f.fix is not None and f.fix.applicability is Applicability.SAFE for f in findings)
    fixed = apply_fixes(text, findings)
    assert fixed == notes("`NeurIPS` `Google` `US`")
    assert lint(tmp_path, fixed, DEFAULT_TAG_RULES) == []


def test_case_variant_of_an_alias_is_an_alias_finding(tmp_path: Path) -> None:
    text = notes("`usa` `Snt`")
    findings = lint(tmp_path, text, ["NL302", "NL303"])
    assert [(f.code, f.message) for f in findings] == [
        ("NL302", "tag `usa` is an alias of `US`"),
        ("NL303", "tag `Snt` should be written `SNT`"),
    ]
    assert apply_fixes(text, findings) == notes("`US` `SNT`")


def test_wrong_case_is_fixed(tmp_path: Path) -> None:
    text = notes("`academia` `INRIA` `Neurips`")
    findings = lint(tmp_path, text, ["NL302", "NL303"])
    assert [(f.code, f.message) for f in findings] == [
        ("NL303", "tag `academia` should be written `Academia`"),
        ("NL303", "tag `INRIA` should be written `Inria`"),
        ("NL303", "tag `Neurips` should be written `NeurIPS`"),
    ]
    assert all(f.fix is not None and f.fix.applicability is Applicability.SAFE for f in findings)
    assert apply_fixes(text, findings) == notes("`Academia` `Inria` `NeurIPS`")


def test_alias_next_to_its_canonical_is_left_to_redundant_tags(tmp_path: Path) -> None:
    findings = lint(tmp_path, notes("`GB` `UK`", "`us` `US`"), DEFAULT_TAG_RULES)
    assert [(f.code, f.message) for f in findings] == [
        ("NL305", "`UK` means the same as `GB`"),
        ("NL305", "`us` means the same as `US`"),
    ]


# -- NL304 duplicate-tag / NL305 redundant-tags ----------------------------------------------


def test_duplicate_tag_removes_the_later_copy(tmp_path: Path) -> None:
    text = notes("`ICCV` `Meta` `ICCV`")
    findings = lint(tmp_path, text, DEFAULT_TAG_RULES)
    line = text.splitlines()[2]
    assert summary(findings) == [
        ("NL304", 3, tag_column(line, "ICCV", 2), "duplicate tag `ICCV`"),
    ]
    assert apply_fixes(text, findings) == notes("`ICCV` `Meta`")


def test_every_repetition_is_a_finding(tmp_path: Path) -> None:
    text = notes("`US` `US` `US`")
    findings = lint(tmp_path, text, ["NL304"])
    assert len(findings) == 2
    assert apply_fixes(text, findings) == notes("`US`")


def test_redundant_tags_keep_the_canonical_one(tmp_path: Path) -> None:
    text = notes("`UK` `Meta` `GB`")
    findings = lint(tmp_path, text, DEFAULT_TAG_RULES)
    line = text.splitlines()[2]
    assert summary(findings) == [
        ("NL305", 3, tag_column(line, "UK"), "`UK` means the same as `GB`"),
    ]
    assert findings[0].fix is not None
    assert findings[0].fix.applicability is Applicability.SAFE
    assert apply_fixes(text, findings) == notes("`Meta` `GB`")


def test_redundant_tags_without_the_canonical_keep_the_first_rewritten(tmp_path: Path) -> None:
    text = notes("`SnT` `LU` `snt`")
    findings = lint(tmp_path, text, DEFAULT_TAG_RULES)
    assert [(f.code, f.message) for f in findings] == [
        ("NL305", "`SnT` and `snt` both mean `SNT`"),
    ]
    assert findings[0].span.start_column == tag_column(text.splitlines()[2], "snt")
    assert apply_fixes(text, findings) == notes("`SNT` `LU`")


def test_alias_repeated_next_to_its_canonical_gives_one_finding_per_problem(
    tmp_path: Path,
) -> None:
    text = notes("`USA` `US` `USA`")
    findings = lint(tmp_path, text, DEFAULT_TAG_RULES)
    assert [(f.code, f.message) for f in findings] == [
        ("NL305", "`USA` means the same as `US`"),
        ("NL304", "duplicate tag `USA`"),
    ]
    fixed = apply_fixes(text, findings)
    assert fixed == notes("`US`")
    assert lint(tmp_path, fixed, DEFAULT_TAG_RULES) == []


def test_removing_the_first_tag_takes_the_space_after_it(tmp_path: Path) -> None:
    text = "# Reading list\n\n* Paper\n  `UK` `GB`\n  > Summary.\n"
    findings = lint(tmp_path, text, ["NL305"])
    assert apply_fixes(text, findings) == "# Reading list\n\n* Paper\n  `GB`\n  > Summary.\n"


# -- NL306 missing-implied-country -----------------------------------------------------------


def test_missing_implied_country(tmp_path: Path) -> None:
    text = notes("`ICML` `Stanford` `CN`", "`ICML` `Stanford`", "`Stanford` `US` `CN`")
    findings = lint(tmp_path, text, ["NL306"])
    line = text.splitlines()[2]
    assert summary(findings) == [
        (
            "NL306",
            3,
            tag_column(line, "Stanford"),
            "`Stanford` is in `US`, which is not among the entry's country tags",
        )
    ]
    assert findings[0].severity is Severity.INFO
    assert findings[0].fix is not None
    assert findings[0].fix.applicability is Applicability.UNSAFE
    fixed = apply_fixes(text, findings)
    assert fixed.splitlines()[2] == "* Paper 0 `ICML` `Stanford` `CN` `US`"
    assert lint(tmp_path, fixed, ["NL306"]) == []


def test_missing_implied_country_follows_country_aliases(tmp_path: Path) -> None:
    vocabulary = VOCABULARY.replace('Google = { country = "US" }', 'Google = { country = "USA" }')
    findings = lint_text(
        notes("`Google` `US`"), settings=settings_for(tmp_path, vocabulary), select=["NL306"]
    )
    assert findings == []


def test_opt_in_rules_are_off_by_default(tmp_path: Path) -> None:
    findings = lint_text(
        notes("`US` `Stanford` `CN`"), settings=settings_for(tmp_path), select=None
    )
    assert not [f for f in findings if f.code in ("NL306", "NL308")]


# -- NL307 deprecated-tag --------------------------------------------------------------------


def test_deprecated_tag_is_replaced(tmp_path: Path) -> None:
    text = notes("`Google Brain` `US`", "`Legacy`", "`google brain` `DeepMind`")
    findings = lint(tmp_path, text, DEFAULT_TAG_RULES)
    assert [(f.code, f.span.start_line, f.message) for f in findings] == [
        ("NL307", 3, "tag `Google Brain` is deprecated; use `DeepMind`"),
        ("NL307", 6, "tag `Legacy` is deprecated"),
        ("NL307", 9, "tag `google brain` is deprecated; use `DeepMind`"),
    ]
    first, second, _ = findings
    assert first.fix is not None and first.fix.applicability is Applicability.SAFE
    assert second.fix is None
    fixed = apply_fixes(text, findings)
    assert fixed == notes("`DeepMind` `US`", "`Legacy`", "`DeepMind`")


# -- NL308 tag-order -------------------------------------------------------------------------


def test_tag_order(tmp_path: Path) -> None:
    text = notes("`US` `Meta` `OpenAI` `ICCV`", "`ICCV` `Meta` `US`")
    findings = lint(tmp_path, text, ["NL308"])
    line = text.splitlines()[2]
    assert summary(findings) == [
        (
            "NL308",
            3,
            tag_column(line, "Meta"),
            "tag `Meta` (organisation) should come before `US` (country)",
        )
    ]
    fix = findings[0].fix
    assert fix is not None and fix.applicability is Applicability.UNSAFE and len(fix.edits) == 1
    # The unknown tag moves with the tag before it; the known ones take the category order.
    assert apply_fixes(text, findings) == notes("`ICCV` `Meta` `OpenAI` `US`", "`ICCV` `Meta` `US`")


def test_tag_order_keeps_unknown_tags_with_the_tag_before_them(tmp_path: Path) -> None:
    text = notes("`OpenAI` `Turing` `Alan` `Google` `US` `ICML` `Oral`")
    findings = lint(tmp_path, text, ["NL308"])
    assert [f.message for f in findings] == [
        "tag `Google` (organisation) should come before `Turing` (person)"
    ]
    fixed = apply_fixes(text, findings)
    assert fixed == notes("`OpenAI` `ICML` `Oral` `Google` `US` `Turing` `Alan`")
    assert lint(tmp_path, fixed, ["NL308"]) == []


def test_tag_order_is_configurable(tmp_path: Path) -> None:
    text = notes("`ICCV` `Meta` `US`")
    options = {"rules": {"NL308": {"order": ["country", "organisation", "venue"]}}}
    findings = lint(tmp_path, text, ["NL308"], **options)
    assert apply_fixes(text, findings) == notes("`US` `Meta` `ICCV`")


def test_tag_order_rejects_a_bad_option(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="order"):
        lint(tmp_path, notes("`US`"), ["NL308"], rules={"NL308": {"order": "venue"}})


# -- all together ----------------------------------------------------------------------------


def test_one_finding_per_problem_and_fixes_converge(tmp_path: Path) -> None:
    text = notes(
        "`NIPS` `USA` `UK` `GB` `USA` `academia` `S.N.T` `Turning` `OpenAI`",
        "`SnT` `SNT` `Google Brain` `GE`",
    )
    findings = lint(tmp_path, text, DEFAULT_TAG_RULES)
    assert [(f.code, f.span.start_line, f.message) for f in findings] == [
        ("NL302", 3, "tag `NIPS` is an alias of `NeurIPS`"),
        ("NL302", 3, "tag `USA` is an alias of `US`"),
        ("NL305", 3, "`UK` means the same as `GB`"),
        ("NL304", 3, "duplicate tag `USA`"),
        ("NL303", 3, "tag `academia` should be written `Academia`"),
        ("NL301", 3, "unknown tag `S.N.T`; did you mean `SNT`?"),
        ("NL301", 3, "unknown tag `Turning`; did you mean `Turing`?"),
        (
            "NL301",
            3,
            "tag `OpenAI` is not in the vocabulary; if it is a new tag, add it to rules/tags.toml",
        ),
        ("NL305", 6, "`SnT` means the same as `SNT`"),
        ("NL307", 6, "tag `Google Brain` is deprecated; use `DeepMind`"),
        ("NL302", 6, "tag `GE` is an alias of `DE`"),
    ]
    fixed = apply_fixes(text, findings)
    assert fixed == notes(
        "`NeurIPS` `US` `GB` `Academia` `SNT` `Turing` `OpenAI`",
        "`SNT` `DeepMind` `DE`",
    )
    assert [f.code for f in lint(tmp_path, fixed, DEFAULT_TAG_RULES)] == ["NL301"]


def test_nl301_a_typo_of_a_former_name_is_corrected_to_that_name(tmp_path: Path) -> None:
    findings = lint_text(
        "* Paper `Faceboook`\n  > S.\n", settings=Settings(root=tmp_path), select=["NL301"]
    )
    [finding] = findings
    assert finding.message == "unknown tag `Faceboook`; did you mean `Facebook`?"
    assert finding.fix is not None and finding.fix.edits[0].content == "Facebook"


# -- NL311 split-tag -------------------------------------------------------------------------


def test_nl311_a_word_filed_under_label_means_nothing_on_its_own(tmp_path: Path) -> None:
    # What init does with a tag it cannot place: `Medicine` under [label].
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "tags.toml").write_text("[label]\nMedicine = {}\n", encoding="utf-8")
    text = "* A Paper Title `Nature` `Medicine`\n  > A summary.\n"
    findings = lint_text(text, settings=Settings(root=tmp_path), select=["NL311"])
    [finding] = [f for f in findings if f.code == "NL311"]
    assert finding.message == "`Nature` `Medicine` is one name split in two tags: `Nature Medicine`"
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
