"""The result cache: each file's :class:`~notelint.engine.FileResult`, reused while nothing that
could change it has changed.

Like ruff's cache, an entry is per file and is valid for one file content (a BLAKE2 hash of its
bytes) under one *run key*: a hash of everything else that can change a file's result — the
notelint version and the source of the installed package, the Python version, the effective
configuration, the rules known and enabled (with their modules, so plugins count), the
vocabulary folder (tag vocabularies and the word list) and the spelling dictionaries. A run
key has one cache file, ``<cache-dir>/results-<key>.bin``; a changed setting starts a new one
and the few most recent are kept.

What is stored is the whole first stage of a file — findings, the facts that project rules
collected, the suppression directives and their scopes — so cross-file rules (duplicate
entries) still see every file: the second stage (:meth:`Linter.finish`) always runs, over cached
and fresh results alike. Entries are decoded into fresh objects on every run, because ``finish``
adds findings and marks used suppressions on the results it is given.

Fixing cannot see a stale entry: the key is the content, so a file that ``--fix`` rewrote has a
new key. Entries of files that no longer exist are dropped when the cache is written. A cache
that cannot be read (truncated, corrupt, from another format, unreadable) is ignored and
rebuilt; a cache that cannot be written is skipped. Neither is ever an error.

Format: a small header (magic, format version, BLAKE2 checksum of the payload) and a
``marshal``-ed payload of plain tuples; no pickle, so a cache file planted in a repository
cannot run code. ``marshal`` is the fastest way to store and load plain Python data (tuples,
lists, dicts, strings, numbers), and it keeps tuples as tuples, so facts come back exactly
as a rule collected them.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notelint.atomic import write_output

if TYPE_CHECKING:
    from notelint.engine import FileResult, Linter

FORMAT_VERSION = 1
MAGIC = b"NLCACHE\x00"
_HEADER = len(MAGIC) + 2 + 32  # magic, format version (2 bytes), BLAKE2b-256 of the payload
_MARSHAL_VERSION = 4
KEEP_KEYS = 8  # cache files (run keys) kept side by side in one cache folder
GITIGNORE = "# Automatically created by notelint.\n*\n"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by notelint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)

# Settings that cannot change a file's result: where files are, how output looks, how the
# run is carried out, and what fails it (severity overrides and ``fail-on`` apply after the
# cache, in ``finish`` and the reporters).
_IRRELEVANT_SETTINGS = frozenset(
    {
        "paths",
        "include",
        "exclude",
        "extend_exclude",
        "respect_gitignore",
        "force_exclude",
        "output_format",
        "cache",
        "cache_dir",
        "jobs",
        "fail_on",
        "severity",
        "migrate",  # read by `notelint migrate` only
    }
)


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
    root = os.path.dirname(os.path.abspath(__file__))
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


def _spelling_stamp() -> list[tuple[str, int, int] | None]:
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


def run_key(linter: Linter) -> str:
    """Hash of everything besides a file's bytes that its result depends on."""
    from notelint import __version__
    from notelint.plugin_files import dependency_files

    settings = linter.settings
    config = settings.model_dump(mode="json", exclude=set(_IRRELEVANT_SETTINGS))
    rule_modules = sorted({cls.__module__ for cls in linter.registry.rules})
    parts: list[Any] = [
        FORMAT_VERSION,
        __version__,
        sys.version_info[:3],
        str(settings.root),
        sorted(config.items(), key=lambda item: item[0]),
        [(cls.code, cls.name, cls.__module__, cls.__qualname__) for cls in linter.registry.rules],
        [cls.code for cls in linter.rule_classes],
        [_file_stamp(getattr(sys.modules.get(name), "__file__", None)) for name in rule_modules],
        [_file_stamp(str(settings.resolve(p))) for p in settings.plugins],
        [_file_stamp(path) for path in dependency_files(settings)],
        _folder_contents(settings.vocabulary_dir()),
        _spelling_stamp(),
        package_stamp(),
    ]
    explicit = getattr(linter, "_vocabulary", None)
    if explicit is not None:  # a Vocabulary handed to the Linter rather than read from disk
        parts.append(sorted((k, v.model_dump_json()) for k, v in explicit.entries.items()))
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=12).hexdigest()


# -- FileResult <-> plain data ----------------------------------------------------------------


def _span_data(span: Any) -> tuple[int, int, int, int, int, int]:
    return (
        span.start_line,
        span.start_column,
        span.start_offset,
        span.end_line,
        span.end_column,
        span.end_offset,
    )


def encode_result(result: FileResult) -> tuple[Any, ...]:
    """A FileResult as plain tuples, lists and strings (what ``marshal`` stores)."""
    path = result.path
    findings = []
    for f in result.findings:
        fix = f.fix
        fix_data = None
        if fix is not None:
            fix_data = (
                fix.applicability.value,
                fix.message,
                tuple((_span_data(e.span), e.content) for e in fix.edits),
            )
        findings.append(
            (
                None if f.path == path else f.path,
                f.code,
                f.name,
                f.category.value,
                f.severity.value,
                f.message,
                _span_data(f.span),
                fix_data,
                f.entry_title,
            )
        )
    suppressions = [
        (s.kind.value, list(s.codes), list(s.words), _span_data(s.span), s.error)
        for s in result.suppressions
    ]
    scopes = [(i, first, last, tuple(codes)) for i, first, last, codes in result.suppression_scopes]
    return (
        path,
        findings,
        result.facts,
        suppressions,
        sorted(result.used_suppressions),
        scopes,
        result.error,
    )


def decode_result(data: tuple[Any, ...]) -> FileResult:
    """A fresh FileResult from :func:`encode_result`'s data."""
    from notelint.engine import FileResult
    from notelint.findings import Applicability, Category, Edit, Finding, Fix, Severity
    from notelint.model import DirectiveKind, Span, Suppression, make_span

    path, findings_data, facts, suppressions_data, used, scopes, error = data
    finding_from = Finding.from_fields
    categories = {c.value: c for c in Category}
    severities = {s.value: s for s in Severity}
    # Spans are frozen: equal ones (a finding's and its fix's) can be one object.
    spans: dict[tuple[int, ...], Span] = {}

    def span(values: tuple[int, int, int, int, int, int]) -> Span:
        found = spans.get(values)
        if found is None:
            found = spans[values] = make_span(*values)
        return found

    findings: list[Finding] = []
    for (
        f_path,
        code,
        name,
        category,
        severity,
        message,
        span_data,
        fix_data,
        title,
    ) in findings_data:
        fix = None
        if fix_data is not None:
            applicability, fix_message, edits = fix_data
            fix = Fix.model_construct(
                applicability=Applicability(applicability),
                message=fix_message,
                edits=tuple(
                    Edit.model_construct(span=span(e_span), content=content)
                    for e_span, content in edits
                ),
            )
        findings.append(
            finding_from(
                {
                    "path": path if f_path is None else f_path,
                    "code": code,
                    "name": name,
                    "category": categories[category],
                    "severity": severities[severity],
                    "message": message,
                    "span": span(span_data),
                    "fix": fix,
                    "entry_title": title,
                }
            )
        )
    suppressions = [
        Suppression.model_construct(
            kind=DirectiveKind(kind), codes=codes, words=words, span=span(s_span), error=s_error
        )
        for kind, codes, words, s_span, s_error in suppressions_data
    ]
    return FileResult(
        path=path,
        findings=findings,
        facts=facts,
        suppressions=suppressions,
        used_suppressions=set(used),
        suppression_scopes=[(i, a, b, tuple(codes)) for i, a, b, codes in scopes],
        error=error,
    )


def pack(result: FileResult) -> bytes | None:
    """The stored form of a result; None when it holds something ``marshal`` cannot store
    (a project rule's facts that are not plain data): such a result is not cached."""
    try:
        return marshal.dumps(encode_result(result), _MARSHAL_VERSION)
    except ValueError:
        return None


def unpack(blob: bytes) -> FileResult:
    data = marshal.loads(blob)
    if not isinstance(data, tuple) or len(data) != 7:
        raise ValueError("not a cached result")
    return decode_result(data)


# -- the cache file ---------------------------------------------------------------------------

# One entry: absolute path -> (content digest, display path, packed result).
Entry = tuple[bytes, str, bytes]


class ResultCache:
    """The entries of one run key, loaded at the start of a run and written at its end."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key
        self.file = folder / f"results-{key}.bin"
        self.entries: dict[str, Entry] = {}
        self.dirty = False
        self._touched: set[str] = set()  # paths this run checked (or found damaged)
        self._loaded_stamp: tuple[int, int, int] | None = None
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_linter(cls, linter: Linter, folder: Path | None = None) -> ResultCache:
        settings = linter.settings
        if folder is None:
            folder = Path(settings.cache_dir)
            if not folder.is_absolute():
                folder = settings.root / folder
        cache = cls(folder, run_key(linter))
        cache.load()
        return cache

    # -- reading ---------------------------------------------------------------------------
    def load(self) -> None:
        """Read the cache file; anything wrong with it means an empty cache."""
        self._loaded_stamp = _stamp(self.file)
        try:
            raw = self.file.read_bytes()
        except OSError:
            return
        try:
            self.entries = _parse(raw)
        except Exception:  # corrupt in any way: ignore it, it will be rewritten
            self.entries = {}
            self.dirty = True

    def get(self, absolute: str, content: bytes, display: str) -> FileResult | None:
        entry = self.entries.get(absolute)
        if entry is None or entry[0] != content or entry[1] != display:
            self.misses += 1
            return None
        try:
            result = unpack(entry[2])
        except Exception:  # a damaged entry: drop it and lint the file
            del self.entries[absolute]
            self._touched.add(absolute)
            self.dirty = True
            self.misses += 1
            return None
        self.hits += 1
        return result

    # -- writing ---------------------------------------------------------------------------
    def put(self, absolute: str, content: bytes, display: str, blob: bytes | None) -> None:
        self._touched.add(absolute)
        if blob is None:
            if self.entries.pop(absolute, None) is not None:
                self.dirty = True
            return
        self.entries[absolute] = (content, display, blob)
        self.dirty = True

    def _merge_concurrent(self) -> None:
        """Another run (pre-commit starts several at once) may have written the cache since
        this one read it: keep its entries for files this run did not check."""
        if _stamp(self.file) == self._loaded_stamp:
            return
        try:
            theirs = _parse(self.file.read_bytes())
        except Exception:
            return
        for path, entry in theirs.items():
            if path not in self._touched:
                self.entries[path] = entry

    def prune(self) -> None:
        """Forget files that no longer exist."""
        gone = [path for path in self.entries if not os.path.exists(path)]
        for path in gone:
            del self.entries[path]
        if gone:
            self.dirty = True

    def save(self) -> None:
        """Write the cache if it changed; failures are ignored (the next run relints)."""
        self.prune()
        if not self.dirty:
            return
        self._merge_concurrent()
        self.prune()
        try:
            self._prepare_folder()
            payload = marshal.dumps(
                [(path, *entry) for path, entry in self.entries.items()], _MARSHAL_VERSION
            )
            header = MAGIC + FORMAT_VERSION.to_bytes(2, "little")
            data = header + hashlib.blake2b(payload, digest_size=32).digest() + payload
            write_output(self.file, data)
            self._forget_old_keys()
        except (OSError, ValueError):
            return
        self.dirty = False

    def _prepare_folder(self) -> None:
        if self.folder.is_dir():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
        (self.folder / "CACHEDIR.TAG").write_text(CACHEDIR_TAG, encoding="utf-8")

    def _forget_old_keys(self) -> None:
        others = []
        for path in self.folder.glob("results-*.bin"):
            if path != self.file:
                try:
                    others.append((path.stat().st_mtime_ns, path))
                except OSError:
                    continue
        others.sort(reverse=True)
        for _mtime, path in others[KEEP_KEYS - 1 :]:
            with contextlib.suppress(OSError):
                path.unlink()


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _parse(raw: bytes) -> dict[str, Entry]:
    if len(raw) < _HEADER or not raw.startswith(MAGIC):
        raise ValueError("not a notelint cache file")
    version = int.from_bytes(raw[len(MAGIC) : len(MAGIC) + 2], "little")
    if version != FORMAT_VERSION:
        raise ValueError("another cache format")
    checksum = raw[len(MAGIC) + 2 : _HEADER]
    payload = raw[_HEADER:]
    if hashlib.blake2b(payload, digest_size=32).digest() != checksum:
        raise ValueError("checksum mismatch")
    rows = marshal.loads(payload)
    entries: dict[str, Entry] = {}
    for path, content, display, blob in _rows(rows):
        entries[path] = (content, display, blob)
    return entries


def _rows(rows: object) -> Iterator[tuple[str, bytes, str, bytes]]:
    if not isinstance(rows, list):
        raise ValueError("bad payload")
    for row in rows:
        if not (isinstance(row, tuple) and len(row) == 4):
            raise ValueError("bad row")
        path, content, display, blob = row
        if not (
            isinstance(path, str)
            and isinstance(content, bytes)
            and isinstance(display, str)
            and isinstance(blob, bytes)
        ):
            raise ValueError("bad row")
        yield path, content, display, blob


def clear(folder: Path) -> None:
    """Remove notelint's cache files from ``folder`` (the folder itself stays)."""
    for path in _cache_files(folder):
        with contextlib.suppress(OSError):
            path.unlink()


def _cache_files(folder: Path) -> Iterable[Path]:
    return folder.glob("results-*.bin") if folder.is_dir() else ()


__all__ = [
    "FORMAT_VERSION",
    "ResultCache",
    "clear",
    "decode_result",
    "digest",
    "encode_result",
    "pack",
    "run_key",
    "unpack",
]
