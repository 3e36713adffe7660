"""The result cache and parallel checking change how fast a run is, never what it finds.

Every run here is compared byte for byte (JSON output) with a serial run without the cache on
the same files: a small generated corpus plus files made for the cross-file step (the same
entry noted in two files) and for suppressions (used and unused).
"""

from __future__ import annotations

import json
import marshal
from pathlib import Path

import pytest

from bench.corpus import generate
from notelint.config.settings import load_settings
from notelint.engine import runner
from notelint.engine.linter import Linter
from notelint.store import codec, keys
from notelint.store import results as cache_module
from notelint.store.results import shard_of
from tests.helpers import run_cli

DUPLICATE_FIRST = """# ICCV

* A Paper Noted Twice `ICCV` `Google` `US`
\t> The first note about it.

<!-- notelint-disable-next-line unknown-tag -->
* Another Paper `ICCV` `Gogle` `US`
\t> A summary with a silenced unknown tag.
"""
DUPLICATE_SECOND = """# CVPR

<!-- notelint-disable-next-line NL304 -->
* A Paper Noted Twice `ICCV` `Google` `US`
\t> The second note about it, with a suppression that silences nothing.

* A Third Paper `CVPR` `Meta` `US` `Meta`
\t> It has the same tag twice and a mispelled word.
"""


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # The run key stamps notelint's own files; keep it still while these tests run, even if
    # the package is being edited meanwhile.
    monkeypatch.setattr(keys, "package_stamp", lambda: [("notelint", 0, 0)])
    generate(tmp_path, entries=240, files=6, seed=3)
    notes = tmp_path / "notes"
    (notes / "zz-first.md").write_text(DUPLICATE_FIRST, encoding="utf-8")
    (notes / "zz-second.md").write_text(DUPLICATE_SECOND, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def check(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    run = run_cli(capsys, "check", "--output-format", "json", *args)
    assert run.code in (0, 1), run.err
    assert run.err == "", run.err
    return run.out


def reference(capsys: pytest.CaptureFixture[str]) -> str:
    return check(capsys, "--no-cache", "--jobs", "1")


def cache_files(root: Path) -> list[Path]:
    """The shard files of the one run key the tests use."""
    [key] = (root / ".notelint_cache").glob("results-*")
    return sorted(key.glob("*.bin"))


def cached_paths(root: Path) -> set[str]:
    return {path for shard in cache_files(root) for path in cache_module._parse(shard.read_bytes())}


@pytest.fixture
def always_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)


@pytest.fixture
def no_linting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if any file is linted: everything must come from the cache."""

    def refuse(self: Linter, source: object) -> None:
        raise AssertionError(f"linted although cached: {source}")

    monkeypatch.setattr(Linter, "lint_source", refuse)


def test_the_corpus_exercises_the_cross_file_step_and_suppressions(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    findings = json.loads(reference(capsys))
    rules = {f["rule"] for f in findings}
    assert any(f["rule"] == "NL104" and "Noted Twice" in f["message"] for f in findings)
    assert "NL002" in rules  # an unused suppression
    silenced = [f for f in findings if f["rule"] == "NL301" and f["path"] == "notes/zz-first.md"]
    assert silenced == []  # a used suppression


def test_parallel_run_matches_serial_run(
    corpus: Path, capsys: pytest.CaptureFixture[str], always_parallel: None
) -> None:
    expected = reference(capsys)
    stats = runner.RunStats()
    linter = Linter(load_settings())
    files = [(p, p.relative_to(corpus).as_posix()) for p in sorted(corpus.glob("notes/*.md"))]
    runner.lint_files(linter, files, cache=False, jobs=2, stats=stats)
    assert stats.workers == 2
    assert check(capsys, "--no-cache", "--jobs", "2") == expected
    assert check(capsys, "--no-cache", "--jobs", "3", "--output-format", "text") != expected


@pytest.mark.parametrize("collector_on", [True, False])
def test_a_run_leaves_the_garbage_collector_as_it_found_it(
    corpus: Path, always_parallel: None, collector_on: bool
) -> None:
    # A run pauses and freezes the collector in places; a program calling lint_files must get
    # back the collector it had, whichever path (cache, serial, parallel) the run took.
    import gc

    linter = Linter(load_settings())
    files = [(p, p.relative_to(corpus).as_posix()) for p in sorted(corpus.glob("notes/*.md"))]
    before = (gc.get_threshold(), gc.get_freeze_count())
    was_on = gc.isenabled()
    try:
        if not collector_on:
            gc.disable()
        # Serial, parallel, parallel filling the cache, all from the cache.
        for cache, jobs in ((False, 1), (False, 2), (True, 2), (True, 2)):
            runner.lint_files(linter, files, cache=cache, jobs=jobs)
            assert gc.isenabled() is collector_on
            assert (gc.get_threshold(), gc.get_freeze_count()) == before
    finally:
        if was_on:
            gc.enable()


def test_spawned_workers_build_their_own_linter(
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
    always_parallel: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = reference(capsys)
    monkeypatch.setattr(runner, "start_method", lambda: "spawn")
    assert check(capsys, "--no-cache", "--jobs", "2", "--ignore", "NL5") != expected
    assert check(capsys, "--no-cache", "--jobs", "2") == expected


def test_cold_and_warm_cache_match_uncached_run(
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = reference(capsys)
    assert not (corpus / ".notelint_cache").exists()  # --no-cache writes nothing
    assert check(capsys, "--jobs", "1") == expected  # cold: fills the cache
    assert (corpus / ".notelint_cache" / ".gitignore").read_text() == cache_module.GITIGNORE
    assert len(cached_paths(corpus)) == 8
    with monkeypatch.context() as patch:
        patch.setattr(Linter, "lint_source", _refuse)
        assert check(capsys) == expected  # warm: nothing linted, same bytes
        assert check(capsys) == expected  # twice: finish did not alter the cached entries


def test_parallel_cold_cache_then_one_changed_file(
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
    always_parallel: None,
) -> None:
    assert check(capsys, "--jobs", "2") == reference(capsys)
    # Change the file holding the first note of the duplicate: the other file comes from the
    # cache, and the cross-file finding must follow the change.
    first = corpus / "notes" / "zz-first.md"
    first.write_text(DUPLICATE_FIRST.replace("Noted Twice", "Noted Once"), encoding="utf-8")
    stats = runner.RunStats()
    linter = Linter(load_settings())
    files = [(p, p.relative_to(corpus).as_posix()) for p in sorted(corpus.glob("notes/*.md"))]
    runner.lint_files(linter, files, stats=stats)
    assert (stats.cached, stats.linted) == (7, 1)
    after = check(capsys, "--jobs", "2")
    assert after == reference(capsys)
    assert not any(
        f["rule"] == "NL104" and "Noted Twice" in f["message"] for f in json.loads(after)
    )


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"garbage",
        cache_module.MAGIC + b"\x01\x00" + b"\x00" * 40,  # right magic, bad checksum
        "truncate",
        "bad-payload",
        "bad-entry",
    ],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(
    corpus: Path, capsys: pytest.CaptureFixture[str], damage: object
) -> None:
    expected = reference(capsys)
    check(capsys)
    for path in cache_files(corpus):  # every shard damaged
        raw = path.read_bytes()
        if damage == "truncate":
            data = raw[: len(raw) // 2]
        elif damage == "bad-payload":
            data = _with_checksum(marshal.dumps({"not": "rows"}))
        elif damage == "bad-entry":
            rows = [(p, *entry) for p, entry in cache_module._parse(raw).items()]
            rows = [(p, content, display, b"\x00broken") for p, content, display, _ in rows]
            data = _with_checksum(marshal.dumps(rows))
        else:
            assert isinstance(damage, bytes)
            data = damage
        path.write_bytes(data)
    assert check(capsys) == expected
    assert len(cached_paths(corpus)) == 8  # rebuilt
    assert check(capsys) == expected


def test_an_unusable_cache_folder_is_never_fatal(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = reference(capsys)
    (corpus / "blocked").write_text("a file where the cache folder should be")
    assert check(capsys, "--cache-dir", "blocked") == expected
    folder = corpus / ".notelint_cache"
    check(capsys)
    for path in cache_files(corpus):
        path.unlink()
        path.mkdir()  # the shard file is a folder: cannot be read or replaced
    assert check(capsys) == expected
    assert folder.is_dir()


def test_cache_dir_option(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = reference(capsys)
    assert check(capsys, "--cache-dir", "elsewhere/cache") == expected
    assert not (corpus / ".notelint_cache").exists()
    assert list((corpus / "elsewhere" / "cache").glob("results-*/*.bin"))
    assert (corpus / "elsewhere" / "cache" / ".gitignore").is_file()


def test_entries_of_deleted_files_are_pruned(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check(capsys)
    gone = corpus / "notes" / "notes-001.md"
    assert str(gone) in cached_paths(corpus)
    gone.unlink()
    # Its entry goes when its shard is next written: check a new file of the same shard.
    neighbour = next(
        path
        for n in range(10_000)
        if shard_of(str(path := corpus / "notes" / f"neighbour-{n}.md")) == shard_of(str(gone))
    )
    neighbour.write_text("# ICCV\n\n* A Neighbour `US`\n\t> Summary.\n", encoding="utf-8")
    check(capsys)
    paths = cached_paths(corpus)
    assert str(gone) not in paths and str(neighbour) in paths
    assert len(paths) == 8
    # A run over one file keeps the entries of the others, which still exist.
    check(capsys, "notes/zz-first.md")
    assert cached_paths(corpus) == paths


def test_settings_and_vocabulary_changes_invalidate_the_cache(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def key() -> str:
        return keys.run_key(Linter(load_settings()))

    check(capsys)
    before = key()
    config = corpus / "notelint.toml"
    original = config.read_text()

    config.write_text(original + 'ignore = ["NL303"]\n')
    assert key() != before
    assert check(capsys) == reference(capsys)

    config.write_text(original + '[spelling]\nextra-words = ["mispelled"]\n')
    assert key() != before
    assert check(capsys) == reference(capsys)

    config.write_text(original)
    assert key() == before
    # Settings that cannot change a file's result keep the key.
    config.write_text(original + 'output-format = "json"\njobs = 1\nfail-on = "error"\n')
    assert key() == before
    config.write_text(original)

    rules = corpus / "rules"
    rules.mkdir()
    (rules / "words.txt").write_text("mispelled\n")
    assert key() != before
    with_word = key()
    output = check(capsys)
    assert output == reference(capsys)
    assert "mispelled" not in output
    (rules / "tags.toml").write_text('[organisation]\nGogle = { country = "US" }\n')
    assert key() not in (before, with_word)
    assert check(capsys) == reference(capsys)
    # one folder per run key, the old ones kept
    assert len(list((corpus / ".notelint_cache").glob("results-*"))) == 5


def test_the_cache_follows_files_rewritten_by_fix(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check(capsys)
    run_cli(capsys, "check", "--fix", "--output-format", "json")
    after_fix = reference(capsys)
    assert check(capsys) == after_fix  # no stale entry for a rewritten file


def test_packing_round_trips_results(corpus: Path) -> None:
    linter = Linter(load_settings())
    for path in sorted(corpus.glob("notes/*.md")):
        result = runner.lint_bytes(linter, path.read_bytes(), path.name)
        blob = codec.pack(result)
        assert blob is not None
        again = codec.unpack(blob)
        assert again == result
        assert again.used_suppressions is not result.used_suppressions


def test_results_that_marshal_cannot_store_are_not_cached(corpus: Path) -> None:
    linter = Linter(load_settings())
    path = corpus / "notes" / "zz-first.md"
    result = runner.lint_bytes(linter, path.read_bytes(), "zz-first.md")
    result.facts["NL999"] = object()
    assert codec.pack(result) is None


def _refuse(self: Linter, source: object) -> None:
    raise AssertionError(f"linted although cached: {source}")


def _with_checksum(payload: bytes) -> bytes:
    import hashlib

    header = cache_module.MAGIC + codec.FORMAT_VERSION.to_bytes(2, "little")
    return header + hashlib.blake2b(payload, digest_size=32).digest() + payload


def test_runs_writing_the_cache_at_once_keep_each_others_entries(corpus: Path) -> None:
    linter = Linter(load_settings())
    notes = sorted(corpus.glob("notes/*.md"))
    first, second = (cache_module.ResultCache.for_linter(linter) for _ in range(2))
    for store, path in ((first, notes[0]), (second, notes[1])):
        data = path.read_bytes()
        result = runner.lint_bytes(linter, data, path.name)
        store.put(str(path), keys.digest(data), path.name, codec.pack(result))
    first.save()
    second.save()  # read before the first one wrote: merges instead of dropping its entry
    assert cached_paths(corpus) == {str(notes[0]), str(notes[1])}


# A plugin rule that misbehaves only in a forked child (it remembers the process that imported
# it, which is the parent): the parent must lint what a child failed to deliver.
MISBEHAVING_PLUGIN = """
import os
from notelint.model.findings import Category, Severity
from notelint.rules.base import Rule

PARENT = os.getpid()
HOW = {how!r}


class Misbehaves(Rule):
    '''Misbehaves in forked children.

    ## What it does
    Nothing useful.

    ## Why is this bad?
    It is a test.

    ## Example
    ```markdown
    # ICCV
    ```

    ## Use instead
    ```markdown
    # ICCV
    ```

    ## Fix safety
    No fix.
    '''

    code = "NL990"
    name = "misbehaves-in-children"
    category = Category.STRUCTURE
    severity = Severity.WARNING

    def check_document(self, document, ctx):
        if os.getpid() != PARENT or HOW == "everywhere":
            if HOW == "killed":
                os._exit(3)
            raise RuntimeError("a rule bug")
        return []
"""


@pytest.mark.skipif(runner.start_method() != "fork", reason="forked children only")
@pytest.mark.parametrize("how", ["raises", "killed"])
def test_files_a_child_fails_to_deliver_are_linted_by_the_parent(
    corpus: Path, capsys: pytest.CaptureFixture[str], always_parallel: None, how: str
) -> None:
    expected = reference(capsys)
    plugin = corpus / "misbehaves.py"
    plugin.write_text(MISBEHAVING_PLUGIN.format(how=how), encoding="utf-8")
    config = corpus / "notelint.toml"
    config.write_text(config.read_text() + f'plugins = ["{plugin.as_posix()}"]\n')
    assert check(capsys, "--no-cache", "--jobs", "2") == expected
    assert check(capsys, "--no-cache", "--jobs", "3") == expected


@pytest.mark.skipif(runner.start_method() != "fork", reason="forked children only")
def test_a_rule_that_fails_everywhere_fails_the_parallel_run_as_a_serial_one(
    corpus: Path, capsys: pytest.CaptureFixture[str], always_parallel: None
) -> None:
    plugin = corpus / "misbehaves.py"
    plugin.write_text(MISBEHAVING_PLUGIN.format(how="everywhere"), encoding="utf-8")
    config = corpus / "notelint.toml"
    config.write_text(config.read_text() + f'plugins = ["{plugin.as_posix()}"]\n')
    for jobs in ("1", "2"):
        run = run_cli(capsys, "check", "--no-cache", "--jobs", jobs)
        assert run.code == 2
        assert "internal error: RuntimeError: a rule bug" in run.err


SLOW_PLUGIN = MISBEHAVING_PLUGIN.replace(
    """        if os.getpid() != PARENT or HOW == "everywhere":""",
    """        import pathlib
        import time

        pathlib.Path("linting").touch()  # (the test waits for this before it interrupts)
        time.sleep(0.5)
        if HOW == "never":""",
)


@pytest.mark.skipif(runner.start_method() != "fork", reason="forked children only")
def test_ctrl_c_stops_every_process_quietly(tmp_path: Path) -> None:
    # As a terminal sends it: SIGINT to the whole process group, parent and children, while
    # they lint (the plugin makes each file take half a second; the files are big enough
    # for a parallel run).
    import os
    import signal
    import subprocess
    import sys
    import time

    generate(tmp_path, entries=900, files=6, seed=5)
    assert sum(p.stat().st_size for p in tmp_path.glob("notes/*.md")) > runner.PARALLEL_MIN_BYTES
    plugin = tmp_path / "slow.py"
    plugin.write_text(SLOW_PLUGIN.format(how="sleep"), encoding="utf-8")
    config = tmp_path / "notelint.toml"
    config.write_text(config.read_text() + f'plugins = ["{plugin.as_posix()}"]\n')
    process = subprocess.Popen(
        [sys.executable, "-m", "notelint", "check", "--no-cache", "--jobs", "2"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not (tmp_path / "linting").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)  # well inside the parallel stage: every file takes half a second
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err == "notelint: interrupted\n"
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)  # no process of the group is left


def test_a_run_on_one_file_reads_and_writes_one_shard(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    check(capsys)
    before = {path: path.stat().st_mtime_ns for path in cache_files(corpus)}
    assert len(before) > 1
    loaded: list[Path] = []
    original = cache_module._Shard.__init__

    def counting(self: object, file: Path) -> None:
        loaded.append(file)
        original(self, file)  # type: ignore[arg-type]

    monkeypatch.setattr(cache_module._Shard, "__init__", counting)
    one = corpus / "notes" / "notes-002.md"
    one.write_text(one.read_text(encoding="utf-8") + "\n* A New Entry `US`\n\t> New.\n", "utf-8")
    check(capsys, "notes/notes-002.md")
    assert len(loaded) == 1
    after = {path: path.stat().st_mtime_ns for path in cache_files(corpus)}
    assert [path for path in after if after[path] != before.get(path)] == loaded
