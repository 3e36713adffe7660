"""The vocabulary data: the built-in layers in notelint/data/ and our own rules/tags.toml."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

from notelint.model.document import TagMatch
from notelint.vocabulary.tags import (
    BUILTIN_FILES,
    KNOWN_CATEGORIES,
    VENUE_KINDS,
    VocabEntry,
    Vocabulary,
    load_toml,
    load_vocabulary,
    parse_vocabulary,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "notelint" / "data"
RULES_DIR = REPO_ROOT / "rules"
USER_NOTES = Path(__file__).resolve().parent / "fixtures" / "user-notes.md"

# ISO 3166-1 alpha-2, all 249 officially assigned codes. Kept here, apart from countries.toml,
# so the data file is checked against an independent list.
_ISO_ALPHA2_TEXT = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ
    BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR
    CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
    GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU
    ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ
    LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF
    PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI
    SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR
    TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
"""
ISO_ALPHA2 = frozenset(_ISO_ALPHA2_TEXT.split())

# The two stray tags of the Sutton entry: the curated notes write `Turing Award` instead.
KNOWN_BAD_TAGS = frozenset({"Alan", "Turning"})

ENTRY_LINE = re.compile(r"^\* .*$", re.MULTILINE)
TAG = re.compile(r"`([^`\n]+)`")
DBLP_KEY = re.compile(r"^(conf|journals)/[a-z0-9]+$")


def note_tags() -> list[str]:
    """Every distinct tag on the entry lines of the user's notes, in order of appearance."""
    text = USER_NOTES.read_text(encoding="utf-8")
    tags: dict[str, None] = {}
    for line in ENTRY_LINE.findall(text):
        for tag in TAG.findall(line):
            tags.setdefault(tag.strip(), None)
    return list(tags)


def builtin_layers() -> dict[str, dict[str, VocabEntry]]:
    layers = {}
    for name in BUILTIN_FILES:
        with (DATA_DIR / name).open("rb") as handle:
            layers[name] = parse_vocabulary(tomllib.load(handle), name)
    return layers


def spellings(entry: VocabEntry) -> list[str]:
    return [entry.canonical, *entry.aliases]


@pytest.fixture(scope="module")
def builtin() -> Vocabulary:
    return load_vocabulary(None)


@pytest.fixture(scope="module")
def repo() -> Vocabulary:
    return load_vocabulary(RULES_DIR)


# -- the built-in layers ----------------------------------------------------------------------
def test_builtin_layers_load_with_expected_sizes(builtin: Vocabulary) -> None:
    assert len(builtin.in_category("country")) == len(ISO_ALPHA2)
    assert len(builtin.in_category("venue")) >= 150
    assert len(builtin.in_category("organisation")) >= 200


def test_builtin_files_are_each_one_category() -> None:
    expected = {
        "countries.toml": "country",
        "venues.toml": "venue",
        "organisations.toml": "organisation",
        "sectors.toml": "sector",
    }
    for name, layer in builtin_layers().items():
        assert {entry.category for entry in layer.values()} == {expected[name]}


def test_no_spelling_is_claimed_by_two_builtin_entries() -> None:
    # Within one file the loader raises; across files a later alias would silently delete the
    # earlier entry (an organisation aliased "IT" would remove Italy), so check it here.
    owners: dict[str, set[str]] = defaultdict(set)
    for name, layer in builtin_layers().items():
        for entry in layer.values():
            for text in spellings(entry):
                owners[text].add(f"{name}:{entry.canonical}")
    clashes = {text: sorted(who) for text, who in owners.items() if len(who) > 1}
    assert clashes == {}


def test_merging_the_builtin_layers_loses_no_entry(builtin: Vocabulary) -> None:
    assert len(builtin) == sum(len(layer) for layer in builtin_layers().values())


def test_builtin_spellings_are_unambiguous_ignoring_case(builtin: Vocabulary) -> None:
    # A case variant resolves only when exactly one entry matches it in lower case.
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in builtin:
        for text in spellings(entry):
            owners[text.lower()].add(entry.canonical)
    assert {text: sorted(who) for text, who in owners.items() if len(who) > 1} == {}


def test_every_builtin_alias_resolves_to_its_entry(builtin: Vocabulary) -> None:
    for layer in builtin_layers().values():
        for entry in layer.values():
            for alias in entry.aliases:
                ref = builtin.resolve(alias)
                assert ref is not None, alias
                assert (ref.canonical, ref.match) == (entry.canonical, TagMatch.ALIAS), alias


def test_builtin_aliases_are_not_case_variants(builtin: Vocabulary) -> None:
    # "Neurips" must not be an alias of NeurIPS: case variants are detected and reported.
    offenders = []
    for entry in builtin:
        lowered = [text.lower() for text in spellings(entry)]
        if len(set(lowered)) != len(lowered):
            offenders.append(entry.canonical)
    assert offenders == []


# -- resolution -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "canonical", "category", "match"),
    [
        ("USA", "US", "country", TagMatch.ALIAS),
        ("UK", "GB", "country", TagMatch.ALIAS),
        ("US", "US", "country", TagMatch.EXACT),
        ("NIPS", "NeurIPS", "venue", TagMatch.FORMER),
        ("Facebook", "Meta", "organisation", TagMatch.FORMER),
        ("Neurips", "NeurIPS", "venue", TagMatch.CASE),
        ("CoRR", "arXiv", "venue", TagMatch.ALIAS),
        ("ICCV", "ICCV", "venue", TagMatch.EXACT),
        ("INRIA", "Inria", "organisation", TagMatch.CASE),
        ("Stanford", "Stanford", "organisation", TagMatch.EXACT),
    ],
)
def test_builtin_resolution(
    builtin: Vocabulary, text: str, canonical: str, category: str, match: TagMatch
) -> None:
    ref = builtin.resolve(text)
    assert ref is not None
    assert (ref.canonical, ref.category, ref.match) == (canonical, category, match)


def test_organisation_resolution_carries_its_country(builtin: Vocabulary) -> None:
    ref = builtin.resolve("Stanford")
    assert ref is not None
    assert ref.country == "US"


def test_ge_is_georgia_with_builtins_only(builtin: Vocabulary) -> None:
    ref = builtin.resolve("GE")
    assert ref is not None
    assert (ref.canonical, ref.category, ref.match) == ("GE", "country", TagMatch.EXACT)
    entry = builtin.get("GE")
    assert entry is not None
    assert entry.name == "Georgia"


def test_ge_is_germany_in_this_repository(repo: Vocabulary) -> None:
    ref = repo.resolve("GE")
    assert ref is not None
    assert (ref.canonical, ref.category, ref.match) == ("DE", "country", TagMatch.ALIAS)
    assert repo.get("GE") is None  # Georgia is not a tag here


# -- this repository's vocabulary (rules/) ----------------------------------------------------
def test_fixture_has_the_tags_we_expect() -> None:
    tags = note_tags()
    assert len(tags) > 50
    assert {"USA", "GE", "SnT", "INRIA", "academia", "Github", "Alan", "Turning"} <= set(tags)


def test_every_tag_in_the_notes_resolves(repo: Vocabulary) -> None:
    unresolved = [tag for tag in note_tags() if repo.resolve(tag) is None]
    assert sorted(unresolved) == sorted(KNOWN_BAD_TAGS)


def test_the_stray_sutton_tags_stay_unknown(repo: Vocabulary) -> None:
    assert all(repo.resolve(tag) is None for tag in KNOWN_BAD_TAGS)
    ref = repo.resolve("Turing Award")
    assert ref is not None
    assert ref.category == "label"


def test_rules_folder_lists_every_tag_of_the_notes_on_its_own() -> None:
    # rules/tags.toml is the complete list of our tags, built-in or not.
    own = load_vocabulary(RULES_DIR, builtin=False)
    unresolved = [tag for tag in note_tags() if own.resolve(tag) is None]
    assert sorted(unresolved) == sorted(KNOWN_BAD_TAGS)


@pytest.mark.parametrize(
    ("text", "canonical", "category", "match"),
    [
        ("USA", "US", "country", TagMatch.ALIAS),
        ("UK", "GB", "country", TagMatch.ALIAS),
        ("GB", "GB", "country", TagMatch.EXACT),
        ("LU", "LU", "country", TagMatch.EXACT),
        ("SNT", "SNT", "organisation", TagMatch.EXACT),
        ("SnT", "SNT", "organisation", TagMatch.ALIAS),
        ("INRIA", "Inria", "organisation", TagMatch.CASE),
        ("UAustinTexas", "UT Austin", "organisation", TagMatch.ALIAS),
        ("academia", "Academia", "sector", TagMatch.CASE),
        ("Academia", "Academia", "sector", TagMatch.EXACT),
        ("Github", "GitHub", "venue", TagMatch.CASE),
        ("Oral", "Oral", "track", TagMatch.EXACT),
        ("Workshop", "Workshop", "track", TagMatch.EXACT),
        ("Richard S. Sutton", "Richard S. Sutton", "person", TagMatch.EXACT),
        ("RadAI", "Radiology: AI", "venue", TagMatch.ALIAS),
        (
            "Imaging Informatics and Artificial Intelligence",
            "European Radiology",
            "venue",
            TagMatch.ALIAS,
        ),
    ],
)
def test_repository_resolution(
    repo: Vocabulary, text: str, canonical: str, category: str, match: TagMatch
) -> None:
    ref = repo.resolve(text)
    assert ref is not None
    assert (ref.canonical, ref.category, ref.match) == (canonical, category, match)


def test_repository_organisations_imply_their_country(repo: Vocabulary) -> None:
    for tag, country in [("SNT", "LU"), ("UAustinTexas", "US"), ("PriorLabs", "DE")]:
        ref = repo.resolve(tag)
        assert ref is not None
        assert ref.country == country


def test_every_tag_of_the_notes_is_in_a_known_category(repo: Vocabulary) -> None:
    for tag in note_tags():
        ref = repo.resolve(tag)
        if ref is not None:
            assert ref.category in KNOWN_CATEGORIES, tag


def test_rules_files_use_known_categories() -> None:
    for path in sorted(RULES_DIR.glob("*.toml")):
        for entry in load_toml(path).values():
            assert entry.category in KNOWN_CATEGORIES, f"{path.name}: {entry.canonical}"


# -- field checks, on the built-ins and on the merged repository vocabulary -------------------
@pytest.fixture(scope="module", params=["builtin", "repo"])
def vocab(request: pytest.FixtureRequest, builtin: Vocabulary, repo: Vocabulary) -> Vocabulary:
    return builtin if request.param == "builtin" else repo


def test_country_aliases_map_to_iso_codes(vocab: Vocabulary) -> None:
    for entry in vocab.in_category("country"):
        assert entry.canonical in ISO_ALPHA2, entry.canonical
        for alias in entry.aliases:
            # An ISO code may be an alias only where it was re-mapped on purpose (GE for DE in
            # our notes), which removes that code's own entry.
            if alias in ISO_ALPHA2:
                assert vocab.get(alias) is None, f"{entry.canonical}: alias {alias} is a country"


def test_builtin_countries_are_exactly_iso(builtin: Vocabulary) -> None:
    countries = builtin.in_category("country")
    assert {entry.canonical for entry in countries} == ISO_ALPHA2
    assert all(entry.name for entry in countries)
    assert not any(alias in ISO_ALPHA2 for entry in countries for alias in entry.aliases)


def test_organisations_have_a_known_country(vocab: Vocabulary) -> None:
    countries = {entry.canonical for entry in vocab.in_category("country")}
    for entry in vocab.in_category("organisation"):
        assert entry.country in countries, f"{entry.canonical}: country {entry.country!r}"


def test_no_alias_collides_with_a_country_code(vocab: Vocabulary) -> None:
    for entry in vocab:
        if entry.category != "country":
            for text in spellings(entry):
                assert text not in ISO_ALPHA2, f"{entry.canonical}: {text} is an ISO code"


def test_venues_have_a_valid_kind_and_dblp_key(vocab: Vocabulary) -> None:
    for entry in vocab.in_category("venue"):
        assert entry.kind in VENUE_KINDS, f"{entry.canonical}: kind {entry.kind!r}"
        assert entry.name, entry.canonical
        if entry.dblp is not None:
            assert DBLP_KEY.match(entry.dblp), f"{entry.canonical}: dblp {entry.dblp!r}"


def test_dblp_keys_are_unique(builtin: Vocabulary) -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for entry in builtin.in_category("venue"):
        if entry.dblp is not None:
            owners[entry.dblp].append(entry.canonical)
    assert {key: who for key, who in owners.items() if len(who) > 1} == {}


def test_replacements_of_deprecated_tags_exist(vocab: Vocabulary) -> None:
    for entry in vocab:
        if entry.replaced_by is not None:
            assert entry.deprecated, entry.canonical
            replacement = vocab.get(entry.replaced_by)
            assert replacement is not None, f"{entry.canonical}: {entry.replaced_by}"
            assert not replacement.deprecated
            assert replacement.category == entry.category


def test_only_venues_and_organisations_use_their_fields(vocab: Vocabulary) -> None:
    for entry in vocab:
        if entry.category != "venue":
            assert entry.kind is None and entry.dblp is None, entry.canonical
        if entry.category not in ("organisation", "venue"):
            assert entry.country is None, entry.canonical


def test_a_repository_layer_never_leaks_into_the_next_load() -> None:
    """The built-in layers are cached per process; merging a repository's layer must not
    change what the next load sees (e.g. GE taken from Georgia, UK's aliases)."""
    repo = load_vocabulary(RULES_DIR)
    assert repo.resolve("GE") is not None and repo.resolve("GE").canonical == "DE"  # type: ignore[union-attr]
    again = load_vocabulary(None)
    ge = again.resolve("GE")
    assert ge is not None and ge.canonical == "GE"
    assert again.get("DE") is not None and "GE" not in again.get("DE").aliases  # type: ignore[union-attr]


def test_tags_with_the_same_text_share_one_frozen_resolution() -> None:
    import pydantic

    vocabulary = load_vocabulary(None)
    first = vocabulary.resolve("USA")
    assert first is not None and first.canonical == "US"
    assert vocabulary.resolve("USA") is first
    assert vocabulary.resolve("usa") is not None and vocabulary.resolve("not a tag") is None
    with pytest.raises(pydantic.ValidationError):
        first.canonical = "GB"  # shared between tags, so it cannot change


def test_built_in_vocabulary_is_decoded_once_and_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from notelint.vocabulary import tags as vocabulary_module

    monkeypatch.setenv("NOTELINT_DICTIONARY_CACHE", str(tmp_path))
    expected = [(source, dict(layer)) for source, layer in vocabulary_module._builtin_layers()]
    fresh = vocabulary_module._builtin_layers.__wrapped__  # (the per-process memo bypassed)
    assert [(source, dict(layer)) for source, layer in fresh()] == expected  # writes copies
    copies = sorted(tmp_path.glob("*.toml-*.marshal"))
    assert len(copies) == len(vocabulary_module.BUILTIN_FILES)
    with monkeypatch.context() as patch:  # no TOML decoding now: the copies are read
        patch.setattr(vocabulary_module.tomllib, "loads", _refuse_to_decode)
        assert [(source, dict(layer)) for source, layer in fresh()] == expected
    for copy in copies:
        copy.write_bytes(b"not marshal data")  # a damaged copy is decoded anew
    assert [(source, dict(layer)) for source, layer in fresh()] == expected
    monkeypatch.setenv("NOTELINT_DICTIONARY_CACHE", "off")
    assert [(source, dict(layer)) for source, layer in fresh()] == expected


def _refuse_to_decode(text: str) -> None:
    raise AssertionError("decoded although a copy was cached")


def test_safe_fixes_never_rename_an_entity(tmp_path: Path) -> None:
    """Former names resolve to today's entity but only the opt-in NL310 reports them, with an
    unsafe fix; a merged lab keeps its own tag."""
    from notelint.config.settings import Settings
    from notelint.engine.linter import lint_text

    notes = "# NIPS\n\n* A 2017 Paper `NIPS` `Facebook` `Google Brain` `US`\n\t> A summary.\n"
    settings = Settings(root=tmp_path)
    default = lint_text(notes, path="n.md", settings=settings)
    assert not [f for f in default if f.fix is not None and f.code.startswith("NL3")]
    opted = lint_text(notes, path="n.md", settings=settings, extend_select=["NL310"])
    former = [f for f in opted if f.code == "NL310"]
    assert [f.message for f in former] == [
        "tag `NIPS` is a former name of `NeurIPS`",
        "tag `Facebook` is a former name of `Meta`",
    ]
    assert all(f.fix is not None and f.fix.applicability.value == "unsafe" for f in former)
