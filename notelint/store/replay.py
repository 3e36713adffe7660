"""The replay cache: a plain ``notelint check`` whose inputs have not changed prints what the
previous identical run printed, without building the linter.

A warm run with the per-file cache (:mod:`notelint.store.results`) still imports pydantic and
the rules, loads the settings and the vocabulary and runs the second stage; most of its time is
that fixed cost. So, like a build tool, a run records a *manifest* of everything it read, with
its output and exit code, and the next run with the same command line first checks the
manifest, before importing anything heavy (:func:`notelint.cli.main` calls :func:`replay`
first).

What a manifest is keyed on (its file name is a hash of these): the manifest format, the
notelint version, the Python version and executable, the command line, the working directory,
the environment variables notelint reads (``NO_COLOR``, ``FORCE_COLOR``, ``NOTELINT_*``,
``XDG_CACHE_HOME``, ``HOME``) and those that change how text is written (``PYTHONIOENCODING``,
``PYTHONUTF8``, the locale), whether stdout and stderr are terminals and their encodings.

What a manifest checks (each must be as recorded, or the run is a real one):

- every config file candidate on the walk up from the working directory (or ``--config``):
  its content hash, or that it is absent;
- the size and modification time of every file of the notelint package and of the spelling
  dictionaries, the content of every rule module outside notelint (plugins, entry points) and
  the listing of every folder on ``sys.path`` (an installed or removed plugin);
- the vocabulary folder's listing and each of its files' content;
- the listing (names, and whether each is a folder) of every folder the run walked, the
  content (or absence) of every ``.gitignore`` consulted and of what git read to list the work
  tree (its index, ``info/exclude``, the excludes file, its configuration), and what each path
  given on the command line was (file, folder, missing);
- the content hash (BLAKE2) of every checked file. Content rather than (mtime, size, inode):
  hashing the 3.5 MB benchmark corpus costs a few milliseconds, and an edit that keeps the
  size and restores the modification time still counts.

Only plain ``check`` runs are recorded: not ``--fix``/``--diff``/``--fix-only``, ``--online``,
``--diff-base``/``--baseline``/``--write-baseline`` or ``--output-file`` (any option not in
:data:`REPLAYABLE_OPTIONS` makes a run not replayable), not with the online checks enabled in
the configuration, and only runs that exit 0 or 1. Manifests live in the result cache folder
(``<cache-dir>/replay-<key>.bin``), so ``--no-cache``, ``cache = false`` and ``--cache-dir``
apply. A manifest that cannot be read is a miss; one that cannot be written is skipped.

This module imports only the standard library.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from notelint.config.files import CONFIG_FILES, find_config
from notelint.store.atomic import write_output

if TYPE_CHECKING:
    from notelint.config.settings import Settings
    from notelint.discovery.finder import FileFinder

FORMAT_VERSION = 1
MAGIC = b"NLREPLAY"
MAX_MANIFESTS = 16

# ``check`` options that cannot make a run read or write anything beyond what the manifest
# records: flags, and options that take a value.
_FLAGS = frozenset(
    {"--statistics", "-q", "--quiet", "--exit-zero", "--no-color", "--force-exclude"}
)
_VALUED = frozenset(
    {"--config", "--select", "--extend-select", "--ignore", "--output-format", "--cache-dir"}
)
_VALUED |= {"--jobs", "-j"}
REPLAYABLE_OPTIONS = _FLAGS | _VALUED
_ENV_EXACT = (
    "NO_COLOR",
    "FORCE_COLOR",
    "XDG_CACHE_HOME",
    "HOME",
    "PYTHONIOENCODING",
    "PYTHONUTF8",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
)


def _options(argv: Sequence[str]) -> dict[str, str] | None:
    """The options of a normalised ``check`` command line, or None if it is not replayable."""
    if not argv or argv[0] != "check":
        return None
    found: dict[str, str] = {}
    items = list(argv[1:])
    index = 0
    positional_only = False
    while index < len(items):
        item = items[index]
        index += 1
        if item == "-":
            return None  # the notes come from standard input, which no manifest records
        if positional_only or not item.startswith("-"):
            continue
        if item == "--":
            positional_only = True
            continue
        name, equals, value = item.partition("=")
        if name in _FLAGS and not equals:
            found[name] = ""
        elif name in _VALUED:
            if not equals:
                if index >= len(items):
                    return None
                value = items[index]
                index += 1
            found[name] = value
        else:
            return None  # anything else (--fix, --online, abbreviations, -qj2…): a real run
    return found


def _run_key(argv: Sequence[str], cwd: str) -> str:
    from notelint import __version__

    env = sorted(
        (name, value)
        for name, value in os.environ.items()
        if name in _ENV_EXACT or name.startswith("NOTELINT_")
    )
    streams = [
        (stream.isatty(), getattr(stream, "encoding", None), getattr(stream, "errors", None))
        for stream in (sys.stdout, sys.stderr)
    ]
    parts = [
        FORMAT_VERSION,
        __version__,
        sys.version,
        sys.executable,
        list(argv),
        cwd,
        env,
        streams,
    ]
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


# -- locating the cache folder without loading the settings ----------------------------------


def _config_path(options: dict[str, str], cwd: Path) -> Path | None:
    if "--config" in options:
        return Path(options["--config"]).resolve()
    return find_config(cwd.resolve())


def _cache_folder(options: dict[str, str], cwd: Path) -> Path | None:
    """Where the result cache (and so the manifests) of this run live; None: no cache."""
    if "--cache-dir" in options:
        return Path(options["--cache-dir"]).resolve()
    path = _config_path(options, cwd)
    table: dict[str, Any] = {}
    root = cwd.resolve()
    if path is not None:
        import tomllib

        data = tomllib.loads(path.read_text(encoding="utf-8"))
        table = data.get("tool", {}).get("notelint", {}) if path.name == "pyproject.toml" else data
        root = path.parent
    if table.get("cache", True) is not True:
        return None
    folder = Path(str(table.get("cache-dir", table.get("cache_dir", ".notelint_cache"))))
    return folder if folder.is_absolute() else root / folder


# -- observations -----------------------------------------------------------------------------


def _hash_file(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.blake2b(handle.read(), digest_size=16).digest()
    except OSError:
        return None


def _listing(path: str, skip: str = "") -> tuple[tuple[str, bool], ...] | None:
    """Names in a folder (and which are folders), leaving out the cache folder ``skip``:
    writing the cache must not make the next run a real one."""
    try:
        with os.scandir(path) as entries:
            return tuple(
                sorted(
                    (entry.name, entry.is_dir())
                    for entry in entries
                    if not skip or os.path.abspath(entry.path) != skip
                )
            )
    except OSError:
        return None


def _kind(path: str) -> str:
    if os.path.isdir(path):
        return "dir"
    if os.path.exists(path):
        return "file"
    return "link" if os.path.islink(path) else "missing"


def _package() -> Any:
    from notelint.store.keys import package_stamp, spelling_stamp

    return (package_stamp(), spelling_stamp())


def _observe(kind: str, path: str, skip: str) -> Any:
    if kind == "f":
        return _hash_file(path)
    if kind == "d":
        return _listing(path, skip)
    if kind == "k":
        return _kind(path)
    if kind == "p":
        return _package()
    raise ValueError(kind)


# -- replaying --------------------------------------------------------------------------------


def _manifest_path(folder: Path, key: str) -> Path:
    return folder / f"replay-{key}.bin"


def _read(path: Path) -> Any:
    blob = path.read_bytes()
    if not blob.startswith(MAGIC):
        raise ValueError("not a manifest")
    body = blob[len(MAGIC) + 16 :]
    if hashlib.blake2b(body, digest_size=16).digest() != blob[len(MAGIC) : len(MAGIC) + 16]:
        raise ValueError("damaged manifest")
    return marshal.loads(body)


def replay(argv: Sequence[str]) -> int | None:
    """Print the recorded output of this run and return its exit code, if nothing it read has
    changed since it was recorded; else None (run it). Never raises."""
    try:
        options = _options(argv)
        if options is None:
            return None
        cwd = Path.cwd()
        folder = _cache_folder(options, cwd)
        if folder is None:
            return None
        manifest = _read(_manifest_path(folder, _run_key(argv, str(cwd))))
        skip, checks, chunks, code = manifest
        for kind, path, expected in checks:
            if _observe(kind, path, skip) != expected:
                return None
    except Exception:  # any problem with a manifest: a real run
        return None
    try:
        for to_stderr, text in chunks:
            stream = sys.stderr if to_stderr else sys.stdout
            stream.write(text)
            stream.flush()
    except BrokenPipeError:  # as a real run (notelint.cli) answers a closed pipe
        return 2
    return int(code)


# -- recording --------------------------------------------------------------------------------


class _Tee:
    """A text stream that also records what is written to it."""

    def __init__(self, stream: TextIO, chunks: list[tuple[bool, str]], is_stderr: bool) -> None:
        self._stream = stream
        self._chunks = chunks
        self._is_stderr = is_stderr

    def write(self, text: str) -> int:
        self._chunks.append((self._is_stderr, text))
        return self._stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class Recorder:
    """Collects what a ``check`` run read (see :func:`note_check`) and what it printed."""

    def __init__(self, argv: Sequence[str]) -> None:
        self.argv = list(argv)
        self.cwd = str(Path.cwd())
        self.key = _run_key(argv, self.cwd)
        self.chunks: list[tuple[bool, str]] = []
        self.checks: list[tuple[str, str, Any]] | None = None
        self.folder: Path | None = None
        self.skip = ""
        self._saved: tuple[Any, Any] | None = None

    def __enter__(self) -> Recorder:
        self._saved = (sys.stdout, sys.stderr)
        sys.stdout = _Tee(sys.stdout, self.chunks, False)
        sys.stderr = _Tee(sys.stderr, self.chunks, True)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._saved is not None
        sys.stdout, sys.stderr = self._saved

    def store(self, code: int) -> None:
        """Write the manifest if the run was a replayable one that finished normally."""
        if self.checks is None or self.folder is None or code not in (0, 1):
            return
        with contextlib.suppress(Exception):
            self.folder.mkdir(parents=True, exist_ok=True)
            body = marshal.dumps((self.skip, self.checks, self.chunks, code))
            blob = MAGIC + hashlib.blake2b(body, digest_size=16).digest() + body
            write_output(_manifest_path(self.folder, self.key), blob)
            _prune(self.folder)


def _prune(folder: Path) -> None:
    manifests = sorted(
        folder.glob("replay-*.bin"), key=lambda p: p.stat().st_mtime_ns, reverse=True
    )
    for old in manifests[MAX_MANIFESTS:]:
        with contextlib.suppress(OSError):
            old.unlink()


_recorder: Recorder | None = None


def start(argv: Sequence[str]) -> Recorder | None:
    """A recorder for this run, if its command line is replayable."""
    global _recorder
    try:
        if _options(argv) is None:
            return None
        _recorder = Recorder(argv)
    except Exception:
        return None
    return _recorder


def finish(recorder: Recorder, code: int) -> None:
    global _recorder
    _recorder = None
    recorder.store(code)


def note_check(
    settings: Settings,
    finder: FileFinder,
    given: Iterable[Path],
    files: Sequence[tuple[Path, str]],
    rule_modules: Iterable[str],
) -> None:
    """Record what ``check`` read (called by :func:`notelint.commands.check.run` once the files
    are found). Does nothing unless this run is being recorded."""
    recorder = _recorder
    if recorder is None:
        return
    try:
        recorder.checks = None
        if not settings.cache or settings.online.enabled:
            return
        folder = Path(settings.cache_dir)
        if not folder.is_absolute():
            folder = settings.root / folder
        options = _options(recorder.argv) or {}
        if _cache_folder(options, Path(recorder.cwd)) != folder:
            return  # the next run could not find the manifest: do not write it
        wanted: list[tuple[str, str]] = [("p", "")]
        cwd = Path(recorder.cwd)
        if "--config" in options:
            wanted.append(("f", str(Path(options["--config"]).resolve())))
        else:
            for parent in [cwd.resolve(), *cwd.resolve().parents]:
                wanted.extend(("f", str(parent / name)) for name in CONFIG_FILES)
        for name in sorted(set(rule_modules)):
            module = sys.modules.get(name)
            source = getattr(module, "__file__", None)
            if source and not name.startswith("notelint."):
                wanted.append(("f", source))
        for plugin in settings.plugins:
            wanted.append(("f", str(settings.resolve(plugin))))
        from notelint.config.plugins import dependency_files

        wanted.extend(("f", path) for path in dependency_files(settings))
        wanted.extend(("d", entry) for entry in sys.path if entry and os.path.isdir(entry))
        vocabulary = settings.vocabulary_dir()
        if vocabulary is not None:
            wanted.append(("d", str(vocabulary)))
            listing = _listing(str(vocabulary)) or ()
            wanted.extend(("f", str(vocabulary / name)) for name, is_dir in listing if not is_dir)
        wanted.extend(("k", str(path)) for path in given)
        skip = os.path.abspath(folder)
        # The cache folder's own contents change with every run (and are not notes).
        wanted.extend(
            ("d", walked)
            for walked in finder.walked
            if not (os.path.abspath(walked) + os.sep).startswith(skip + os.sep)
        )
        wanted.extend(("f", path) for path in finder.discovery_inputs())
        wanted.extend(("f", os.path.abspath(path)) for path, _ in files)
        checks: list[tuple[str, str, Any]] = []
        seen: set[tuple[str, str]] = set()
        for kind, path in wanted:
            if (kind, path) in seen:
                continue
            seen.add((kind, path))
            checks.append((kind, path, _observe(kind, path, skip)))
        recorder.checks = checks
        recorder.skip = skip
        recorder.folder = folder
    except Exception:
        recorder.checks = None


__all__ = ["REPLAYABLE_OPTIONS", "Recorder", "finish", "note_check", "replay", "start"]
