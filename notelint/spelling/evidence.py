"""Outside evidence about words the dictionaries do not settle: how common a word is in
English at large, and whether it is a misspelling people are known to make.

* **How common** — wordfreq's large English list (about 320,000 words counted over web text,
  subtitles, news, books and Wikipedia), as Zipf values (the log10 of uses per billion words:
  3 is a word met once in a million, 1 a very rare one). A word unknown to the dictionaries but
  common in English at large (``pixelated``, ``spacetime``, ``maths``, ``Feichtenhofer`` is
  not) is accepted; a rare one is judged by what it is close to (see
  :mod:`notelint.spelling.checker`).
* **Known misspellings** — codespell's lists of misspellings and real-word slips
  (``performnace``, ``epoches``, ``informations``, ``wit`` for *with*), with their
  corrections. Large frequency lists and even pyspellchecker's contain common misspellings
  (``thats``, ``wil``, ``postive``), so this list overrides them; only the repository's own
  word list and the built-in domain lists override it.

Both are read from the installed packages' data files (never imported: importing wordfreq
costs 0.2 s) and decoded once into the data cache (:mod:`notelint.store.datacache`), named after
the files' size and modification time, so a run loads each with one ``marshal`` call. A
missing package leaves its layer empty.

Licences: wordfreq's data is CC BY-SA 4.0 and codespell's dictionaries CC BY-SA 3.0; notelint
reads them from the installed packages and ships no copy of either.
"""

from __future__ import annotations

import gzip
import importlib.util
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from notelint.spelling.dictionary import WordCounts
from notelint.store import datacache

# Zipf values are stored as whole hundredths (``WordCounts`` holds unsigned integers).
ZIPF_SCALE = 100
# codespell's built-in lists that its own default run uses ("clear" and "rare").
MISSPELLING_FILES = ("dictionary.txt", "dictionary_rare.txt")
# The "rare" list holds real words that are usually slips (``statics``, ``gird``, ``wit``):
# reported, but never corrected without the author, who may have meant the word.
NOT_AUTOMATIC_FILES = frozenset({"dictionary_rare.txt"})
# Bumped when what is cached from the lists changes meaning.
_MISSPELLINGS_FORMAT = b"misspellings-2"


def _package_folder(package: str) -> Path | None:
    """A package's folder, found without importing it."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:
        return None
    return Path(next(iter(locations)))


def _stamp(paths: list[Path]) -> bytes:
    """Names, sizes and modification times: a new release of the package is a new copy."""
    parts = []
    for path in paths:
        stat = path.stat()
        parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts).encode()


# -- how common a word is --------------------------------------------------------------------


def _wordfreq_file() -> Path | None:
    folder = _package_folder("wordfreq")
    if folder is None:
        return None
    path = folder / "data" / "large_en.msgpack.gz"
    return path if path.is_file() else None


def decode_wordfreq(path: Path) -> dict[str, int]:
    """wordfreq's cBpack file: a header, then buckets of words, bucket *i* holding the words
    used about 10^(-i/100) of the time (so a word's Zipf value is 9 - i/100)."""
    import msgpack  # a dependency of wordfreq; needed only to build the cached copy

    packed = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
    zipfs: dict[str, int] = {}
    for index, bucket in enumerate(packed[1:]):
        value = 900 - index
        if value <= 0:
            break
        for word in bucket:
            if isinstance(word, str) and word not in zipfs:
                zipfs[word] = value
    return zipfs


@cache
def english_zipf() -> WordCounts:
    """Lowercase word → Zipf value × :data:`ZIPF_SCALE` (empty without wordfreq)."""
    path = _wordfreq_file()
    if path is None:
        return WordCounts.from_dict({})
    folder = datacache.cache_dir()
    try:
        stamp = _stamp([path])
    except OSError:
        return WordCounts.from_dict({})
    cached = datacache.copy_path(folder, "wordfreq-en", stamp, "-zipf")
    loaded = WordCounts.from_data(datacache.read(cached))
    if loaded is not None:
        return loaded
    try:
        built = WordCounts.from_dict(decode_wordfreq(path))
    except (OSError, ValueError, ImportError, IndexError, TypeError):
        return WordCounts.from_dict({})
    datacache.write(cached, built.to_data())
    return built


def zipf(word: str) -> float:
    """How common ``word`` (lowercase) is in English at large: 0 when wordfreq lacks it."""
    return (english_zipf().get(word) or 0) / ZIPF_SCALE


# -- misspellings people are known to make ----------------------------------------------------


def _misspelling_files() -> list[Path]:
    folder = _package_folder("codespell_lib")
    if folder is None:
        return []
    return [
        folder / "data" / name for name in MISSPELLING_FILES if (folder / "data" / name).is_file()
    ]


def parse_misspellings(text: str, *, automatic: bool = True) -> dict[str, str]:
    """codespell's format, one ``wrong->right`` per line: several corrections are separated by
    commas and end with one (``ned->need, end, nod,``); one correction followed by a comma and
    words is a correction with a reason not to apply it automatically. Value: the corrections
    joined by commas, and a trailing comma where codespell would not apply it on its own (or,
    with ``automatic=False``, where no correction of the list is to be applied on its own)."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        wrong, arrow, right = line.partition("->")
        wrong = wrong.strip().lower()
        if not arrow or not wrong or " " in wrong:
            continue
        right = right.strip()
        manual = right.endswith(",") or not automatic
        if "," in right and not manual:
            right = right.split(",", 1)[0]  # "fix, reason": the fix, not applied on its own
            manual = True
        corrections = [part.strip() for part in right.split(",") if part.strip()]
        if corrections:
            found.setdefault(wrong, ",".join(corrections) + ("," if manual else ""))
    return found


@cache
def known_misspellings() -> Mapping[str, str]:
    """Lowercase misspelling → its corrections joined by commas (empty without codespell)."""
    paths = _misspelling_files()
    if not paths:
        return {}
    try:
        stamp = _MISSPELLINGS_FORMAT + b"\n" + _stamp(paths)
    except OSError:
        return {}
    cached = datacache.copy_path(datacache.cache_dir(), "codespell", stamp, "-misspellings")
    loaded = datacache.read(cached)
    if isinstance(loaded, dict):
        return loaded
    merged: dict[str, str] = {}
    try:
        for path in paths:
            text = path.read_text(encoding="utf-8")
            automatic = path.name not in NOT_AUTOMATIC_FILES
            for wrong, right in parse_misspellings(text, automatic=automatic).items():
                merged.setdefault(wrong, right)
    except (OSError, UnicodeDecodeError):
        return {}
    datacache.write(cached, merged)
    return merged


def corrections(word: str) -> tuple[str, ...]:
    """The corrections of a known misspelling (lowercase), or ``()``."""
    found = known_misspellings().get(word)
    return tuple(part for part in found.split(",") if part) if found else ()


def auto_correction(word: str) -> str | None:
    """The one correction of a known misspelling, when it can be applied without a choice."""
    found = known_misspellings().get(word)
    if not found or found.endswith(",") or "," in found:
        return None
    return found
