"""Inside a git work tree, the files a run checks are the Markdown files git lists.

Each case builds a repository with one kind of ignore rule and compares what notelint finds with
``git ls-files --cached --others --exclude-standard``; the bounds that ``--force-exclude`` puts on
files named explicitly (pre-commit's case) follow.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from notelint.config.settings import load_settings
from notelint.discovery.finder import FileFinder
from notelint.discovery.markdown import is_markdown_name
from tests.helpers import run_cli

NOTE = "# ICCV\n\n* A Paper `ICCV`\n  > It works.\n"

pytestmark = pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
    reason="git is not installed",
)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # A home of its own: the machine's global git configuration must not take part.
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "notelint.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def write(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(NOTE, encoding="utf-8")


def found(root: Path, *given: str) -> set[str]:
    settings = load_settings(cwd=root)
    finder = FileFinder(settings)
    paths = [root / g for g in given] or [root]
    return {p.resolve().relative_to(root.resolve()).as_posix() for p in finder.find(paths)}


def git_lists(root: Path) -> set[str]:
    listed = git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    return {name for name in listed.split("\0") if name and is_markdown_name(name)}


Setup = Callable[[Path], None]


def _root_gitignore(root: Path) -> None:
    (root / ".gitignore").write_text("drafts/\n*.tmp.md\n", encoding="utf-8")


def _child_negation(root: Path) -> None:
    (root / ".gitignore").write_text("notes/old/*\n", encoding="utf-8")
    (root / "notes/old").mkdir(parents=True, exist_ok=True)
    (root / "notes/old/.gitignore").write_text("!keep.md\n", encoding="utf-8")


def _info_exclude(root: Path) -> None:
    (root / ".git/info").mkdir(exist_ok=True)
    (root / ".git/info/exclude").write_text("private.md\n", encoding="utf-8")


def _core_excludes_file(root: Path) -> None:
    excludes = root.parent / "global-ignore"
    excludes.write_text("scratch*.md\n", encoding="utf-8")
    git(root, "config", "core.excludesFile", str(excludes))


def _default_excludes_file(root: Path) -> None:
    ignore = Path(os.environ["XDG_CONFIG_HOME"]) / "git" / "ignore"
    ignore.parent.mkdir(parents=True, exist_ok=True)
    ignore.write_text("notes/local-*.md\n", encoding="utf-8")


def _tracked_but_ignored(root: Path) -> None:
    write(root, "notes/pinned.md")
    git(root, "add", "notes/pinned.md")
    (root / ".gitignore").write_text("pinned.md\n", encoding="utf-8")


def _nested_repository(root: Path) -> None:
    write(root, "vendor/lib/README.md")
    git(root / "vendor/lib", "init", "-q")


CASES: dict[str, Setup] = {
    "root .gitignore": _root_gitignore,
    "negation in a child folder": _child_negation,
    ".git/info/exclude": _info_exclude,
    "core.excludesFile": _core_excludes_file,
    "default excludes file": _default_excludes_file,
    "tracked file an ignore pattern matches": _tracked_but_ignored,
}

FILES = (
    "README.md",
    "notes/a.md",
    "notes/b.tmp.md",
    "notes/old/gone.md",
    "notes/old/keep.md",
    "notes/private.md",
    "notes/scratch1.md",
    "notes/local-x.md",
    "drafts/d.md",
)


@pytest.mark.parametrize("case", list(CASES))
def test_the_files_found_are_the_files_git_lists(repo: Path, case: str) -> None:
    write(repo, *FILES)
    CASES[case](repo)
    listed = git_lists(repo)
    assert listed != set(FILES) or case == "tracked file an ignore pattern matches"
    assert found(repo) == listed


def test_every_kind_of_ignore_rule_at_once(repo: Path) -> None:
    write(repo, *FILES)
    for setup in CASES.values():
        setup(repo)
    (repo / ".gitignore").write_text(
        "drafts/\n*.tmp.md\nnotes/old/*\npinned.md\n", encoding="utf-8"
    )
    assert found(repo) == git_lists(repo)
    assert found(repo, "notes") == {n for n in git_lists(repo) if n.startswith("notes/")}


def test_a_nested_repository_is_read_by_its_own_gitignore(repo: Path) -> None:
    write(repo, "notes/a.md")
    _nested_repository(repo)
    (repo / "vendor/lib/.gitignore").write_text("", encoding="utf-8")
    assert found(repo) == {"notes/a.md", "vendor/lib/README.md"}
    (repo / "vendor/lib/.gitignore").write_text("README.md\n", encoding="utf-8")
    assert found(repo) == {"notes/a.md"}


def test_without_git_the_gitignore_files_are_read(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(repo, "notes/a.md", "drafts/d.md")
    _root_gitignore(repo)
    monkeypatch.setenv("PATH", str(repo / "no-such-bin"))
    assert found(repo) == {"notes/a.md"}


def test_a_project_inside_a_folder_git_ignores_reads_its_own_gitignore(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / ".gitignore").write_text("scratch/\n", encoding="utf-8")
    project = repo / "scratch" / "project"
    write(project, "notes/a.md", "notes/old.md")
    (project / "notelint.toml").write_text("", encoding="utf-8")
    (project / ".gitignore").write_text("old.md\n", encoding="utf-8")
    assert found(project) == {"notes/a.md"}


def test_show_files_names_git_as_the_reason(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "notes/a.md", "notes/private.md")
    _info_exclude(repo)
    run = run_cli(capsys, "check", "--show-files", ".")
    assert "notes/private.md  (ignored by git)" in run.out


def test_a_change_to_info_exclude_is_not_replayed_stale(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The replay cache watches what git read: a new exclude changes the next run."""
    write(repo, "notes/a.md")
    (repo / "notes/b.md").write_text("# ICCV\n\n* B  `ICCV`\n", encoding="utf-8")
    first = run_cli(capsys, "check", ".")
    assert first.code == 1 and "notes/b.md" in first.out
    _info_exclude(repo)
    (repo / ".git/info/exclude").write_text("b.md\n", encoding="utf-8")
    second = run_cli(capsys, "check", ".")
    assert second.code == 0, second.out


# -- --force-exclude: what pre-commit names is bounded by the configuration ---------------------


def test_force_exclude_bounds_named_files_by_paths_and_include(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "notelint.toml").write_text(
        'paths = ["notes"]\ninclude = ["conf_*.md"]\n', encoding="utf-8"
    )
    write(repo, "README.md", "CHANGELOG.md", "notes/conf_2024.md", "notes/reading-list.md")
    named = ["README.md", "CHANGELOG.md", "notes/conf_2024.md", "notes/reading-list.md"]
    run = run_cli(capsys, "check", "--force-exclude", "--show-files", *named)
    checked, _, skipped = run.out.partition("Not checked:")
    assert checked.split() == ["notes/conf_2024.md"]
    assert "README.md  (outside the configured paths; --force-exclude)" in skipped
    assert "notes/reading-list.md  (matches no include pattern; --force-exclude)" in skipped
    # Named without --force-exclude, a file is checked whatever the configuration says.
    plain = run_cli(capsys, "check", "--show-files", "README.md")
    assert plain.out.split() == ["README.md"]


def test_include_applies_to_the_walk(repo: Path) -> None:
    (repo / "notelint.toml").write_text('include = ["notes/**/conf_*.md"]\n', encoding="utf-8")
    write(repo, "README.md", "notes/conf_2024.md", "notes/old/conf_2019.md", "notes/todo.md")
    assert found(repo) == {"notes/conf_2024.md", "notes/old/conf_2019.md"}
