"""British ↔ American spellings.

pyspellchecker's English dictionary is mostly American (``color``, ``normalize``), while notes
are written in both. The regular differences are rules, applied to a word the dictionaries do
not know: if its American form is known, the word is accepted. The irregular ones (``grey``,
``programme``, ``tyre``, ``defence``) are a word list, ``notelint/data/words/en-variants.txt``.

Rules (each yields the American candidate of a British form):

* ``-ise``/``-ised``/``-ises``/``-ising``/``-iser(s)``/``-isation(s)``/``-isable`` → ``-iz-``
  (``normalise``, ``tokeniser``, ``regularisation``), for stems of four or more letters;
* ``-yse``/``-ysed``/``-yses``/``-ysing``/``-yser(s)`` → ``-yz-`` (``analyse``, ``paralysed``);
* ``-our``, ``-ours``, ``-oured``, ``-ouring``, ``-ourful``, ``-ourable``, ``-ourite``,
  ``-ourism`` → ``-or-`` (``colour``, ``behaviour``, ``favourite``, ``tumour``);
* ``-tre``/``-tres``/``-tred`` (``-bre``) → ``-ter``/``-ber`` (``centre``, ``fibre``);
* ``-ogue(s)`` → ``-og(s)`` (``catalogue``, ``analogue``);
* a doubled ``l`` before ``-ed``/``-ing``/``-er``/``-ers`` after a single vowel → single
  (``modelling``, ``labelled``, ``travellers``);
* ``ae``/``oe`` → ``e`` in words of six or more letters (``haemorrhage``, ``oedema``,
  ``paediatric``, ``oesophageal``; both the ``ae`` and the ``e`` forms must be plausible: the
  American form has to be a known word).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_IZE_RE = re.compile(r"^(.{4,})is(e|ed|es|ing|er|ers|ation|ations|able|ational|ationally)$")
_YZE_RE = re.compile(r"^(.{2,})ys(e|ed|es|ing|er|ers)$")
_OUR_RE = re.compile(
    r"^(.{2,})our(s|ed|ing|ful|fully|able|ably|al|ally|ite|ites|ism|ist|less|er|ers)?$"
)
_TRE_RE = re.compile(r"^(.{2,})([tb])r(e|es|ed)$")
_OGUE_RE = re.compile(r"^(.{3,})ogue(s)?$")
_LL_RE = re.compile(r"^(.*[^aeiou][aeiou])ll(ed|ing|er|ers)$")


def american_forms(word: str) -> Iterator[str]:
    """Candidate American spellings of a lowercase ``word`` (may be several, or none)."""
    match = _IZE_RE.match(word)
    if match:
        yield f"{match.group(1)}iz{match.group(2)}"
    match = _YZE_RE.match(word)
    if match:
        yield f"{match.group(1)}yz{match.group(2)}"
    match = _OUR_RE.match(word)
    if match:
        yield f"{match.group(1)}or{match.group(2) or ''}"
    match = _TRE_RE.match(word)
    if match:
        ending = {"e": "", "es": "s", "ed": "ed"}[match.group(3)]
        yield f"{match.group(1)}{match.group(2)}er{ending}"
    match = _OGUE_RE.match(word)
    if match:
        yield f"{match.group(1)}og{match.group(2) or ''}"
    match = _LL_RE.match(word)
    if match:
        yield f"{match.group(1)}l{match.group(2)}"
    if len(word) >= 6 and ("ae" in word or "oe" in word):
        yield word.replace("ae", "e").replace("oe", "e")
        # one of several (``anaesthesia`` vs ``oesophagus``-style mixes are rare)
        if "ae" in word and "oe" in word:
            yield word.replace("ae", "e")
            yield word.replace("oe", "e")
    # Combinations: ``tumours`` is covered above; ``normalisations`` by the -ise rule;
    # ``colourised`` needs two steps.
    for first in (_IZE_RE, _YZE_RE):
        match = first.match(word)
        if match and "our" in match.group(1):
            yield f"{match.group(1).replace('our', 'or')}iz{match.group(2)}"
