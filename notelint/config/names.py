""" "Did you mean …?" for a mistyped name: an option, a rule, a selector, a subcommand."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

_CUTOFF = 0.75  # close enough to be a typo (`ordr` for `order`, `chekc` for `check`)


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``word`` most probably meant, compared without case, if one is close."""
    by_folded = {c.casefold(): c for c in candidates}
    found = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=_CUTOFF)
    return by_folded[found[0]] if found else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``"; did you mean 'x'?"``, or ``""`` when nothing is close."""
    match = closest(word, candidates)
    return f"; did you mean '{match}'?" if match else ""
