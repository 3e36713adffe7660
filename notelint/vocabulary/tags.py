"""Tag vocabulary: canonical tags by category, their aliases, and how a tag text resolves.

Vocabularies are TOML files a person edits. Each top-level table is a category and each key in
it a canonical tag::

    [country]
    US = { name = "United States", aliases = ["USA"] }
    DE = { name = "Germany", aliases = ["GE"] }  # our notes write GE for Germany

    [organisation]
    Stanford = { country = "US", aliases = ["Stanford University"] }

    [venue]
    ICCV = { name = "International Conference on Computer Vision", kind = "conference",
             dblp = "conf/iccv" }

Layers are merged in order: the built-in data shipped in ``notelint/data/`` first, then the
repository's vocabulary folder (``rules/``). A later layer wins: an entry with the same canonical
tag is merged field by field (aliases are added), and an alias declared by a later layer removes
an earlier entry whose canonical spelling it is (that is how ``GE`` becomes Germany, not
Georgia).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from notelint.model.document import TagMatch, TagRef
from notelint.store import datacache

BUILTIN_FILES = ("countries.toml", "venues.toml", "organisations.toml", "sectors.toml")
# Where a tag goes that nothing places in a category (``init`` files every such tag there).
UNSORTED_CATEGORY = "label"
KNOWN_CATEGORIES = (
    "venue",
    "track",
    "organisation",
    "country",
    "person",
    "sector",
    "label",
)
# A year alone, or fused onto a name: ``2018``, ``ECCV2018``, ``ICLR-2019``, ``NIPS'2019``.
_FUSED_YEAR_RE = re.compile(r"(?:(.*?[^\W\d_])[-_'’ ]?)?((?:19|20)\d{2})")
VENUE_KINDS = ("conference", "journal", "workshop", "preprint", "other")


class VocabularyError(Exception):
    """A vocabulary file that cannot be used; the message names the file and the problem."""


class VocabEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    canonical: str = ""
    category: str = ""
    name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    # Names the entity had before (a venue's or a lab's former name): they resolve to it, but
    # rewriting them would rewrite history, so only an opt-in rule reports them.
    former_names: list[str] = Field(default_factory=list, alias="former-names")
    country: str | None = None
    deprecated: bool = False
    replaced_by: str | None = Field(default=None, alias="replaced-by")
    kind: str | None = None
    dblp: str | None = None
    note: str | None = None


def fold(text: str) -> str:
    """Key for case- and punctuation-insensitive comparison (``SnT`` ~ ``SNT`` ~ ``S.N.T``)."""
    if text.isascii():  # (NFKD changes nothing, casefold is lower)
        return "".join(filter(str.isalnum, text.lower()))
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@dataclass
class Vocabulary:
    entries: dict[str, VocabEntry] = field(default_factory=dict)
    _by_text: dict[str, VocabEntry] = field(default_factory=dict, repr=False)
    _by_lower: dict[str, list[VocabEntry]] = field(default_factory=dict, repr=False)
    _by_fold: dict[str, list[VocabEntry]] = field(default_factory=dict, repr=False)
    _resolved: dict[str, TagRef | None] = field(default_factory=dict, repr=False)
    _tags: dict[str, tuple[TagRef | None, str, int | None]] = field(
        default_factory=dict, repr=False
    )

    # -- building ----------------------------------------------------------------------------
    def merge_layer(self, layer: dict[str, VocabEntry], source: str) -> None:
        """Add a layer: its entries override earlier ones."""
        self.merge_layers([(layer, source)])

    def merge_layers(self, layers: Iterable[tuple[dict[str, VocabEntry], str]]) -> None:
        """Add layers (``(entries, source)``) in order; the look-up tables are rebuilt once,
        at the end: merging needs none of them."""
        for layer, source in layers:
            self._merge(layer, source)
        self._reindex()

    def _merge(self, layer: dict[str, VocabEntry], source: str) -> None:
        claimed: dict[str, str] = {}
        for entry in layer.values():
            for text in (entry.canonical, *entry.aliases, *entry.former_names):
                owner = claimed.get(text)
                if owner is not None and owner != entry.canonical:
                    raise VocabularyError(
                        f"{source}: '{text}' is claimed by both '{owner}' and '{entry.canonical}'"
                    )
                claimed[text] = entry.canonical
        for entry in layer.values():
            for alias in entry.aliases:
                if alias in self.entries and alias != entry.canonical:
                    del self.entries[alias]
        # A spelling this layer gives to one tag is taken from any earlier tag that had it. Only
        # earlier entries are looked at, and only spellings claimed by another canonical tag:
        # an entry must not lose the aliases its own layer gives it.
        for other in self.entries.values():
            if any(claimed.get(a, other.canonical) != other.canonical for a in other.aliases):
                other.aliases = [
                    a for a in other.aliases if claimed.get(a, other.canonical) == other.canonical
                ]
        for entry in layer.values():
            existing = self.entries.get(entry.canonical)
            if existing is None:
                self.entries[entry.canonical] = entry
            else:
                updates = entry.model_dump(exclude_unset=True, exclude={"aliases", "former_names"})
                merged = existing.model_copy(update=updates)
                # A later layer decides whether a name is a spelling or a former name: a
                # repository that lists NIPS among NeurIPS's aliases says it is a spelling.
                aliases = [a for a in existing.aliases if a not in entry.former_names]
                former = [f for f in existing.former_names if f not in entry.aliases]
                merged.aliases = list(dict.fromkeys([*aliases, *entry.aliases]))
                merged.former_names = list(dict.fromkeys([*former, *entry.former_names]))
                self.entries[entry.canonical] = merged

    def _reindex(self) -> None:
        self._resolved = {}
        self._tags = {}
        self._by_text = {}
        self._by_lower = {}
        self._by_fold = {}
        for entry in self.entries.values():
            for text in (entry.canonical, *entry.aliases, *entry.former_names):
                self._by_text.setdefault(text, entry)
                self._by_lower.setdefault(text.lower(), []).append(entry)
                self._by_fold.setdefault(fold(text), []).append(entry)

    # -- queries -----------------------------------------------------------------------------
    def __contains__(self, text: str) -> bool:
        return text in self._by_text

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[VocabEntry]:
        return iter(self.entries.values())

    def get(self, canonical: str) -> VocabEntry | None:
        return self.entries.get(canonical)

    def lookup(self, text: str) -> VocabEntry | None:
        """Entry whose canonical spelling or alias is exactly ``text``."""
        return self._by_text.get(text)

    def resolve(self, text: str) -> TagRef | None:
        """The entry ``text`` names, and how; the same (frozen) TagRef for the same text: a
        run resolves tens of thousands of tags with a few hundred distinct texts."""
        try:
            return self._resolved[text]
        except KeyError:
            pass
        resolved = self._resolved[text] = self._resolve(text)
        return resolved

    def resolve_tag(self, text: str) -> tuple[TagRef | None, str, int | None]:
        """What a tag's text names: ``(entry, name, year)``. A text the vocabulary does not
        know may be a year (``2018``) or a venue with its year fused on (``ECCV2018``,
        ``cvpr2019``, ``NIPS'2019``): the year is split off and the rest resolved, as long as
        it names a venue (``YOLO2020`` stays one unknown tag)."""
        try:
            return self._tags[text]
        except KeyError:
            pass
        found = self._tags[text] = self._resolve_tag(text)
        return found

    def _resolve_tag(self, text: str) -> tuple[TagRef | None, str, int | None]:
        ref = self.resolve(text)
        if ref is not None or not text[-1:].isdigit():
            return ref, text, None
        match = _FUSED_YEAR_RE.fullmatch(text)
        if match is None:
            return None, text, None
        stem, year = match.group(1), int(match.group(2))
        if not stem:
            return None, text, year
        stem_ref = self.resolve(stem)
        if stem_ref is None or stem_ref.category != "venue":
            return None, text, None
        return stem_ref, stem, year

    def _resolve(self, text: str) -> TagRef | None:
        entry = self._by_text.get(text)
        if entry is not None:
            how = TagMatch.EXACT if text == entry.canonical else TagMatch.ALIAS
        else:
            candidates = _unique(self._by_lower.get(text.lower(), []))
            if len(candidates) != 1:
                return None
            entry, how = candidates[0], TagMatch.CASE
        if entry.former_names and text.lower() in {f.lower() for f in entry.former_names}:
            how = TagMatch.FORMER
        return TagRef.model_construct(
            canonical=entry.canonical,
            category=entry.category,
            match=how,
            deprecated=entry.deprecated,
            replaced_by=entry.replaced_by,
            country=entry.country,
        )

    def same_folded(self, text: str) -> list[VocabEntry]:
        """Entries that differ from ``text`` only in case or punctuation."""
        return _unique(self._by_fold.get(fold(text), []))

    def texts(self) -> Iterable[str]:
        """Every spelling the vocabulary accepts (canonical forms and aliases)."""
        return self._by_text.keys()

    def in_category(self, category: str) -> list[VocabEntry]:
        return [e for e in self.entries.values() if e.category == category]


def _unique(entries: list[VocabEntry]) -> list[VocabEntry]:
    seen: dict[str, VocabEntry] = {}
    for entry in entries:
        seen.setdefault(entry.canonical, entry)
    return list(seen.values())


_KEY_RE = re.compile(r"\S")


def parse_vocabulary(data: dict[str, Any], source: str) -> dict[str, VocabEntry]:
    layer: dict[str, VocabEntry] = {}
    for category, table in data.items():
        if not isinstance(table, dict):
            raise VocabularyError(
                f"{source}: top-level key '{category}' must be a table of tags "
                f"(a category such as {', '.join(KNOWN_CATEGORIES)})"
            )
        for canonical, raw in table.items():
            if not _KEY_RE.search(canonical) or "`" in canonical:
                raise VocabularyError(f"{source}: [{category}] has an invalid tag {canonical!r}")
            if not isinstance(raw, dict):
                raise VocabularyError(
                    f"{source}: [{category}] {canonical} must be a table, e.g. "
                    f'{canonical} = {{ aliases = ["..."] }}'
                )
            try:
                entry = VocabEntry.model_validate({**raw, "canonical": canonical})
            except ValidationError as exc:
                err = exc.errors()[0]
                where = ".".join(str(p) for p in err["loc"])
                raise VocabularyError(
                    f"{source}: [{category}] {canonical}: {where}: {err['msg']}"
                ) from None
            entry.category = category
            if entry.kind is not None and entry.kind not in VENUE_KINDS:
                raise VocabularyError(
                    f"{source}: [{category}] {canonical}: kind must be one of "
                    f"{', '.join(VENUE_KINDS)}"
                )
            if canonical in layer:
                raise VocabularyError(f"{source}: tag '{canonical}' is defined twice")
            layer[canonical] = entry
    return layer


def load_toml(path: Path) -> dict[str, VocabEntry]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise VocabularyError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise VocabularyError(f"{path}: invalid TOML: nested too deeply") from None
    except OSError as exc:
        raise VocabularyError(f"{path}: {exc.strerror}") from None
    return parse_vocabulary(data, str(path))


@cache
def _builtin_layers() -> tuple[tuple[str, dict[str, VocabEntry]], ...]:
    layers = []
    # In the package folder rather than through importlib.resources, whose files() fails when
    # ``notelint`` is a namespace package installed in editable mode.
    data_dir = Path(__file__).parent.parent / "data"
    for name in BUILTIN_FILES:
        resource = data_dir / name
        if not resource.is_file():
            continue
        data = _decoded_toml(resource.read_bytes(), name)
        layers.append((f"notelint/data/{name}", parse_vocabulary(data, name)))
    _name_countries(layers)
    return tuple(layers)


# Country names that are as often something else in a tag: a US state, a person, a word.
_AMBIGUOUS_COUNTRY_NAMES = frozenset({"Georgia", "Jordan", "Chad", "Niger", "Guinea", "Turkey"})


def _name_countries(layers: list[tuple[str, dict[str, VocabEntry]]]) -> None:
    """A country's name (``China``) is a spelling of its code (``CN``): notes write both. Only
    one-word and well-known names, never one another entry already claims, never an
    ambiguous one."""
    claimed = {
        text
        for _, layer in layers
        for entry in layer.values()
        for text in (entry.canonical, *entry.aliases, *entry.former_names)
    }
    for _, layer in layers:
        for entry in layer.values():
            name = entry.name
            if entry.category != "country" or not name or name in claimed:
                continue
            if name in _AMBIGUOUS_COUNTRY_NAMES or "," in name or "(" in name:
                continue
            entry.aliases.append(name)
            claimed.add(name)


def _decoded_toml(raw: bytes, name: str) -> dict[str, Any]:
    """A built-in TOML file's data, from the decoded copy in the user's cache when there is one:
    tomllib is pure Python, and decoding the three built-in files took ~8 ms of every run."""
    copy = datacache.copy_path(datacache.cache_dir(), name, raw)
    data = datacache.read(copy)
    if isinstance(data, dict):
        return data
    data = tomllib.loads(raw.decode("utf-8"))
    datacache.write(copy, data)
    return data


def vocabulary_files(folder: Path) -> list[Path]:
    """The TOML vocabulary files of a repository's vocabulary folder, in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if p.is_file())


def load_vocabulary(folder: Path | None, *, builtin: bool = True) -> Vocabulary:
    layers: list[tuple[dict[str, VocabEntry], str]] = []
    if builtin:
        # merge_layers rebinds fields on the entries it keeps (never mutates their lists), so
        # a shallow copy protects the cached built-in layers.
        for source, layer in _builtin_layers():
            layers.append(({k: v.model_copy() for k, v in layer.items()}, source))
    if folder is not None:
        layers.extend((load_toml(path), str(path)) for path in vocabulary_files(folder))
    vocab = Vocabulary()
    vocab.merge_layers(layers)
    return vocab
