"""Content keys: what a file's cached result, and a whole run's cache file, are valid for.

A file's entry is valid for one content (a BLAKE2 hash of its bytes) under one *run key*: a
hash of everything else that can change a file's result — the notelint version and the source
of the installed package, the Python version, the settings that declare they can change a
result, the rules known and enabled (with their modules, so plugins count), the vocabulary
folder (tag vocabularies and the word list) and the spelling dictionaries.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from notelint.store.codec import FORMAT_VERSION

if TYPE_CHECKING:
    from notelint.config.settings import Settings


class NamedRule(Protocol):
    """What a run key reads of a rule class."""

    code: ClassVar[str]
    name: ClassVar[str]


class KeyedLinter(Protocol):
    """What a run key reads of a linter: the store knows no more of the engine than this."""

    @property
    def settings(self) -> Settings: ...

    @property
    def rule_classes(self) -> Sequence[type[NamedRule]]: ...

    @property
    def known_rules(self) -> Sequence[type[NamedRule]]: ...

    @property
    def vocabulary_stamp(self) -> str | None: ...


def digest(data: bytes) -> bytes:
    """The content key of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).digest()


# -- the run key ------------------------------------------------------------------------------


def _file_stamp(path: str | None) -> tuple[str, int, int] | None:
    if not path:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (path, info.st_size, info.st_mtime_ns)


def package_stamp() -> list[tuple[str, int, int]]:
    """Size and modification time of every file of the installed notelint package.

    The version number alone would miss an edited rule in a development checkout (and in an
    editable install, which is how notelint is developed); a stat of some hundred files is
    about a millisecond."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # notelint/, not store/
    stamps: list[tuple[str, int, int]] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            stamps.append((os.path.relpath(path, root), info.st_size, info.st_mtime_ns))
    return stamps


def _folder_contents(folder: Path | None) -> list[tuple[str, bytes]]:
    """Name and content hash of each file directly in ``folder`` (vocabulary and word list)."""
    if folder is None:
        return []
    found: list[tuple[str, bytes]] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    for entry in entries:
        try:
            if not entry.is_file():
                continue
            with open(entry.path, "rb") as handle:
                found.append((entry.name, digest(handle.read())))
        except OSError:
            found.append((entry.name, b""))
    return found


def spelling_stamp() -> list[tuple[str, int, int] | None]:
    """The installed spelling dictionaries (pyspellchecker's resources), found without
    importing the package."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("spellchecker")
    except (ImportError, ValueError):
        return []
    if spec is None or not spec.submodule_search_locations:
        return []
    stamps: list[tuple[str, int, int] | None] = []
    for location in spec.submodule_search_locations:
        resources = os.path.join(location, "resources")
        try:
            names = sorted(os.listdir(resources))
        except OSError:
            continue
        stamps.extend(_file_stamp(os.path.join(resources, name)) for name in names)
    return stamps


def run_key(linter: KeyedLinter) -> str:
    """Hash of everything besides a file's bytes that its result depends on."""
    from notelint import __version__
    from notelint.config.plugins import dependency_files
    from notelint.config.settings import result_settings

    settings = linter.settings
    config = result_settings(settings)
    rule_modules = sorted({cls.__module__ for cls in linter.known_rules})
    parts: list[Any] = [
        FORMAT_VERSION,
        __version__,
        sys.version_info[:3],
        str(settings.root),
        sorted(config.items(), key=lambda item: item[0]),
        [(cls.code, cls.name, cls.__module__, cls.__qualname__) for cls in linter.known_rules],
        [cls.code for cls in linter.rule_classes],
        [_file_stamp(getattr(sys.modules.get(name), "__file__", None)) for name in rule_modules],
        [_file_stamp(str(settings.resolve(p))) for p in settings.plugins],
        [_file_stamp(path) for path in dependency_files(settings)],
        _folder_contents(settings.vocabulary_dir()),
        spelling_stamp(),
        package_stamp(),
    ]
    if linter.vocabulary_stamp is not None:  # a Vocabulary handed over rather than read
        parts.append(linter.vocabulary_stamp)
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=12).hexdigest()
