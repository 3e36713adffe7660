"""Derived words: a prefix or a suffix added to a known word.

Research prose coins words freely (``underdiagnosis``, ``conformalized``, ``contrastively``,
``groundedness``); no list has them all. A word the dictionaries do not know is accepted when
it is a known word with

* a productive prefix: ``under``/``over``/``micro``/``multi``/``inter``/``pseudo``/… in front of
  a known word of four letters or more, and short prefixes (``re``, ``un``, ``pre``, ``non``,
  ``sub``, ``co``, ``de``, ``dis``, ``mis``) in front of a known word of five or more
  (``resampler``, ``nonnegative``; but ``untill`` is not ``un`` + ``till``);
* a regular suffix, for words of seven letters or more: ``-ly`` after ``-ive``/``-al``/``-ent``/
  ``-ant``/``-ous``/``-ful``/``-less``/``-ar``/``-ed`` (``contrastively``; ``basicly`` is not
  accepted, the adverb of ``basic`` is ``basically``), ``-ity``/``-ities`` from ``-able``,
  ``-ible``, ``-al``, ``-ive``, ``-ar``, ``-ic`` (``exchangeability``), ``-ies`` from ``-y``
  (``severities``), ``-ize``/``-ized``/``-izing``/``-ization``/``-izer`` on a noun or adjective
  (``conformalized``, ``synergizing``), ``-ional`` from ``-ion`` (``intersectional``),
  ``-ness`` (``groundedness``), and, with no prefix stripped, ``-able`` on a verb
  (``promptable``) and ``-er``/``-ers`` on a verb (``resampler``, ``tokenizers``).

Each rule yields the candidate base forms; the dictionary accepts the word if one is known.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# fmt: off
LONG_PREFIXES = (
    "anti", "auto", "chemo", "counter", "cross", "cyber", "down", "electro", "endo", "extra",
    "hemi", "hetero", "homo", "hyper", "hypo", "infra", "inter", "intra", "macro", "mega",
    "meta", "micro", "mini", "mono", "multi", "nano", "neuro", "omni", "over", "para", "peri",
    "photo", "poly", "post", "proto", "pseudo", "quasi", "radio", "retro", "self", "semi",
    "super", "supra", "tele", "thermo", "trans", "ultra", "under",
)
# fmt: on
SHORT_PREFIXES = ("bio", "co", "de", "dis", "geo", "mis", "neo", "non", "pre", "re", "sub", "un")
MIN_LONG_REST = 4
MIN_SHORT_REST = 5
MIN_SUFFIXED = 7

_LY_RE = re.compile(r"^(.{3,}(?:ive|al|ent|ant|ous|ful|less|ar|ed))ly$")
_ITY_RE = re.compile(r"^(.{3,})(abil|ibil|al|iv|ar|ic)it(?:y|ies)$")
_IES_RE = re.compile(r"^(.{4,})ies$")
_IZE_RE = re.compile(r"^(.{4,})iz(?:e|ed|es|ing|ation|ations|er|ers)$")
_IONAL_RE = re.compile(r"^(.{3,}ion)al(?:ly)?$")
_NESS_RE = re.compile(r"^(.{4,})ness(?:es)?$")
_ABLE_RE = re.compile(r"^(.{4,})able$")


def base_forms(word: str) -> Iterator[tuple[str, bool]]:
    """Candidate known words that lowercase ``word`` derives from, each with whether a prefix
    was stripped to get it (such a base must be a common word: see
    :meth:`~notelint.spelling.dictionary.Lexicon.common`)."""
    stems = [word]
    for prefix in LONG_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_LONG_REST:
            stems.append(word[len(prefix) :])
    for prefix in SHORT_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_SHORT_REST:
            stems.append(word[len(prefix) :])
    for index, stem in enumerate(stems):
        prefixed = index > 0
        if prefixed:
            yield stem, True
        if len(stem) >= MIN_SUFFIXED:
            # A prefix and an agent or -able suffix together explain too much:
            # "interperter" is not inter + pert + er.
            for base in _unsuffixed(stem, agent=not prefixed):
                yield base, prefixed


def _unsuffixed(word: str, *, agent: bool) -> Iterator[str]:
    match = _LY_RE.match(word)
    if match:
        yield match.group(1)
    match = _ITY_RE.match(word)
    if match:
        stem, ending = match.groups()
        yield stem + {"abil": "able", "ibil": "ible", "al": "al", "iv": "ive", "ar": "ar",
                      "ic": "ic"}[ending]  # fmt: skip
    match = _IES_RE.match(word)
    if match:
        yield match.group(1) + "y"
    match = _IZE_RE.match(word)
    if match and not match.group(1).endswith("s"):  # "fixesize" is not fixes + ize
        stem = match.group(1)
        yield stem
        yield stem + "ize"
        if not stem.endswith("l"):  # synergy → synergize, but not normally → normallize
            yield stem + "y"
    match = _IONAL_RE.match(word)
    if match:
        yield match.group(1)
    match = _NESS_RE.match(word)
    if match:
        stem = match.group(1)
        yield stem
        if stem.endswith("i"):
            yield stem[:-1] + "y"
    if not agent:
        return
    match = _ABLE_RE.match(word)
    if match:
        stem = match.group(1)
        yield stem
        yield stem + "e"
        if stem.endswith("i"):
            yield stem[:-1] + "y"
    if word.endswith(("er", "ers")):
        bare = word.removesuffix("s").removesuffix("r")  # sampler → sample
        yield bare
        if len(bare) > MIN_SUFFIXED - 2:
            yield bare.removesuffix("e")  # labeler → label
