"""``--fix``, ``--unsafe-fixes``, ``--diff``, ``--fix-only``, ``--show-fixes`` and
``--exit-non-zero-on-fix`` end to end, as a user runs them (the fake rules stand in for real
ones so that these tests say what the command does, whatever rules exist)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess

import pytest
from fixhelpers import Project

NOTES = "# S\n\n* A paper `US`   \n\t> teh summary\n"
FIXED_SAFE = "# S\n\n* A paper `US`\n\t> teh summary\n"
FIXED_ALL = "# S\n\n* A paper `US`\n\t> the summary\n"


def test_fix_applies_safe_fixes_and_reports_what_remains(project: Project) -> None:
    project.write("notes.md", NOTES)
    run = project.run("--fix", "--select", "NL901,NL902", "notes.md")
    assert project.read("notes.md") == FIXED_SAFE
    assert run.code == 1  # the typo remains: its fix is unsafe
    assert "notes.md:4:4: NL902 [fake-typo] typo" in run.out
    assert "Fixed 1 finding." in run.out
    assert "fixable with `notelint --fix --unsafe-fixes`" in run.out


def test_unsafe_fixes_flag_applies_unsafe_fixes_too(project: Project) -> None:
    project.write("notes.md", NOTES)
    run = project.run("--fix", "--unsafe-fixes", "--select", "NL901,NL902", "notes.md")
    assert project.read("notes.md") == FIXED_ALL
    assert run.code == 0  # nothing remains
    assert "Fixed 2 findings." in run.out


def test_check_subcommand_fix_is_the_same(project: Project) -> None:
    project.write("notes.md", NOTES)
    run = project.run("check", "--fix", "--select", "NL901", "notes.md")
    assert (run.code, project.read("notes.md")) == (0, FIXED_SAFE)


def test_second_fix_changes_nothing(project: Project) -> None:
    project.write("notes.md", NOTES)
    project.run("--fix", "--unsafe-fixes", "--select", "NL901,NL902", "notes.md")
    before = (project.root / "notes.md").stat().st_mtime_ns
    run = project.run("--fix", "--unsafe-fixes", "--select", "NL901,NL902", "notes.md")
    assert run.code == 0
    assert "Fixed" not in run.out
    assert (project.root / "notes.md").stat().st_mtime_ns == before  # not even rewritten


def test_diff_prints_a_unified_diff_and_writes_nothing(project: Project) -> None:
    project.write("notes.md", NOTES)
    run = project.run("--diff", "--select", "NL901", "notes.md")
    assert run.code == 1
    assert project.read("notes.md") == NOTES
    assert run.out == (
        "--- a/notes.md\n"
        "+++ b/notes.md\n"
        "@@ -1,4 +1,4 @@\n"
        " # S\n"
        " \n"
        "-* A paper `US`   \n"
        "+* A paper `US`\n"
        " \t> teh summary\n"
    )
    assert run.err == "Would fix 1 finding.\n"


def test_diff_of_a_clean_file_is_empty_and_exits_zero(project: Project) -> None:
    project.write("notes.md", FIXED_SAFE)
    run = project.run("--diff", "--select", "NL901", "notes.md")
    assert (run.code, run.out, run.err) == (0, "", "")


def test_diff_marks_a_missing_final_newline(project: Project) -> None:
    project.write("notes.md", NOTES.rstrip("\n") + "  ")
    run = project.run("--diff", "--select", "NL901", "notes.md")
    assert run.out.endswith(
        "-* A paper `US`   \n"
        "-\t> teh summary  \n"
        "\\ No newline at end of file\n"
        "+* A paper `US`\n"
        "+\t> teh summary\n"
        "\\ No newline at end of file\n"
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_diff_applies_with_git_apply(project: Project, newline: str) -> None:
    notes = NOTES.replace("\n", newline)
    project.write("notes.md", notes)
    run = project.run("--diff", "--unsafe-fixes", "--select", "NL901,NL902", "notes.md")
    (project.root / "fix.patch").write_bytes(run.out.encode("utf-8"))
    subprocess.run(
        ["git", "apply", "--whitespace=nowarn", "fix.patch"],
        cwd=project.root,
        check=True,
        capture_output=True,
    )
    assert project.read("notes.md") == FIXED_ALL.replace("\n", newline)


def test_fix_only_fixes_without_reporting_the_rest(project: Project) -> None:
    project.write("notes.md", NOTES)
    run = project.run("--fix-only", "--select", "NL901,NL902", "notes.md")
    assert project.read("notes.md") == FIXED_SAFE
    assert run.out == "Fixed 1 finding.\n"  # not the typo that remains, nor "All checks passed"
    assert run.code == 0
    run = project.run("--fix-only", "--select", "NL901,NL902", "notes.md")
    assert (run.code, run.out) == (0, "")


def test_show_fixes_lists_what_was_fixed(project: Project) -> None:
    project.write("notes.md", NOTES)
    run = project.run("--fix", "--show-fixes", "--select", "NL901", "notes.md")
    assert "Fixed in notes.md:\n  1 × NL901 [fake-trailing-space]\nFixed 1 finding." in run.out


def test_exit_non_zero_on_fix(project: Project) -> None:
    project.write("notes.md", NOTES)
    run = project.run("--fix", "--exit-non-zero-on-fix", "--select", "NL901", "notes.md")
    assert (run.code, project.read("notes.md")) == (1, FIXED_SAFE)
    run = project.run("--fix", "--exit-non-zero-on-fix", "--select", "NL901", "notes.md")
    assert run.code == 0  # nothing left to fix


def test_unreadable_and_undecodable_files_are_skipped_and_the_run_goes_on(
    project: Project,
) -> None:
    latin1 = "# S\n\n* Caf\xe9 `US`  \n\t> summary\n".encode("latin-1")
    project.write("a-latin1.md", latin1)
    project.write("b-binary.md", b"# S\x00\n  \n")
    project.write("c-notes.md", NOTES)
    run = project.run("--fix", "--select", "NL901", ".")
    assert (project.root / "a-latin1.md").read_bytes() == latin1
    assert (project.root / "b-binary.md").read_bytes() == b"# S\x00\n  \n"
    assert project.read("c-notes.md") == FIXED_SAFE
    assert "notelint: a-latin1.md: fixes not applied: not valid UTF-8" in run.err
    assert "notelint: b-binary.md: fixes not applied: looks like a binary file" in run.err
    assert run.code == 1


def test_a_refused_fix_is_reported_with_its_line_and_the_other_fixes_still_apply(
    project: Project,
) -> None:
    bad = "# S\n\n* A good paper `US`  \n\t> summary\n"
    project.write("a.md", bad)
    project.write("b.md", NOTES)
    run = project.run("--fix", "--select", "NL901,NL903", ".")
    # The word swap is refused; the trailing-space fix on the same line still applies.
    assert project.read("a.md") == "# S\n\n* A good paper `US`\n\t> summary\n"
    assert project.read("b.md") == FIXED_SAFE
    assert run.err.startswith(
        "notelint: a.md:3: NL903 fix refused: NL903 offers a safe fix that rewrites text "
        "outside tags (line 3: 'good' → 'bad')"
    )
    assert "('* A good paper `US`' → '* A bad paper `US`')" in run.err
    assert "fixable with `notelint --fix`" not in run.out
    assert "1 fix refused by the safety net" in run.out
    assert run.code == 1


def test_fix_failure_fails_fix_only_and_diff_too(project: Project) -> None:
    project.write("a.md", "# S\n\n* A `US`\n\t> summary\n")
    run = project.run("--fix-only", "--select", "NL906", "a.md")
    assert run.code == 1
    assert "did not settle after 10 rounds (rules involved: NL906)" in run.err
    run = project.run("--diff", "--select", "NL906", "a.md")
    assert (run.code, run.out) == (1, "")


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("crlf.md", NOTES.replace("\n", "\r\n"), FIXED_SAFE.replace("\n", "\r\n")),
        ("bom.md", "\ufeff" + NOTES, "\ufeff" + FIXED_SAFE),
        ("no-final-newline.md", NOTES.rstrip("\n"), FIXED_SAFE.rstrip("\n")),
        ("lone-cr.md", NOTES.replace("\n", "\r"), FIXED_SAFE.replace("\n", "\r")),
        (
            "mixed.md",
            "# S\r\n\n* A paper `US`   \r\n\t> teh summary\n",
            "# S\r\n\n* A paper `US`\r\n\t> teh summary\n",
        ),
    ],
)
def test_encoding_bom_and_line_endings_are_kept(
    project: Project, name: str, raw: str, expected: str
) -> None:
    project.write(name, raw.encode("utf-8"))
    project.run("--fix", "--select", "NL901", name)
    assert (project.root / name).read_bytes() == expected.encode("utf-8")


def test_inserted_lines_use_the_file_line_ending(project: Project) -> None:
    raw = "# S\r\n\r\n* A `US`\r\n\t> one\r\n* B `US`\r\n\t> two\r\n"
    project.write("notes.md", raw)
    project.run("--fix", "--select", "NL910", "notes.md")
    assert project.read("notes.md") == raw.replace("one\r\n", "one\r\n\r\n")


def test_mode_and_symlinks_are_kept(project: Project) -> None:
    real = project.write("store/notes.md", NOTES)
    real.chmod(0o600)
    link = project.root / "notes.md"
    link.symlink_to(real)
    project.run("--fix", "--select", "NL901", "notes.md")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == FIXED_SAFE
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert sorted(os.listdir(real.parent)) == ["notes.md"]
