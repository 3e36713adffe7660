"""Adopting notelint on notes that are not clean: --diff-base and baselines."""

from __future__ import annotations

import json

import pytest

from notelint.gating.diff_base import parse_diff

from .conftest import CLEAN, NOTES, NotesRepo, Run

# NOTES with a summary under "Lonely Paper" that is still too short (NL902 stays).
TWO_LINE_ENTRY = NOTES + "  > Short.\n  > x\n"


def findings(run_cli: Run, *args: str) -> tuple[int, list[tuple[str, int]], str]:
    code, out, err = run_cli("check", "--output-format", "json-lines", *args)
    records = [json.loads(line) for line in out.splitlines()]
    return code, [(r["rule"], r["line"]) for r in records], err


# -- --diff-base -------------------------------------------------------------------------------


def test_diff_base_reports_only_changed_lines(notes_repo: NotesRepo, run_cli: Run) -> None:
    base = "HEAD"
    notes_repo.write("notes/a.md", NOTES + "* New Paper `ICCV`\n  > TODO write this summary\n")
    code, found, _ = findings(run_cli, "--diff-base", base)
    assert found == [("NL901", 7)]
    assert code == 1
    # Without the gate, the old findings are all there.
    assert len(findings(run_cli)[1]) == 4


def test_diff_base_clean_change_passes(notes_repo: NotesRepo, run_cli: Run) -> None:
    notes_repo.write("notes/a.md", NOTES + "* New Paper `ICCV`\n  > A proper summary here.\n")
    code, found, _ = findings(run_cli, "--diff-base", "HEAD")
    assert (code, found) == (0, [])


def test_diff_base_committed_changes_count(notes_repo: NotesRepo, run_cli: Run) -> None:
    base = "HEAD"
    notes_repo.write("notes/a.md", NOTES + "* New Paper `ICCV`\n  > TODO later on\n")
    notes_repo.commit("new entry")
    assert findings(run_cli, "--diff-base", "HEAD~1")[1] == [("NL901", 7)]
    assert findings(run_cli, "--diff-base", base)[1] == []


def test_whole_entry_finding_when_its_entry_is_touched(notes_repo: NotesRepo, run_cli: Run) -> None:
    notes_repo.write("notes/a.md", TWO_LINE_ENTRY)
    notes_repo.commit("two-line entry")
    # Edit a summary line of "Lonely Paper": the entry-level NL902 (on its title, line 5) comes
    # up; the tag finding NL903 on the untouched line 5 and the TODO on line 4 do not.
    notes_repo.write("notes/a.md", TWO_LINE_ENTRY.replace("> Short.", "> Short!"))
    assert findings(run_cli, "--diff-base", "HEAD")[1] == [("NL902", 5)]


def test_whole_entry_finding_when_a_line_of_its_entry_is_deleted(
    notes_repo: NotesRepo, run_cli: Run
) -> None:
    notes_repo.write("notes/a.md", TWO_LINE_ENTRY)
    notes_repo.commit("two-line entry")
    notes_repo.write("notes/a.md", TWO_LINE_ENTRY.replace("  > x\n", ""))
    assert findings(run_cli, "--diff-base", "HEAD")[1] == [("NL902", 5)]


def test_untouched_entry_stays_quiet(notes_repo: NotesRepo, run_cli: Run) -> None:
    notes_repo.write("notes/a.md", TWO_LINE_ENTRY)
    notes_repo.commit("two-line entry")
    # Editing the first entry's title line touches nothing of "Lonely Paper".
    notes_repo.write("notes/a.md", TWO_LINE_ENTRY.replace("Need `", "Needed `"))
    assert findings(run_cli, "--diff-base", "HEAD")[1] == []


def test_diff_base_new_files(notes_repo: NotesRepo, run_cli: Run) -> None:
    # Untracked: every line counts as changed.
    notes_repo.write("notes/new.md", CLEAN.replace("> Attention", "> TODO"))
    assert findings(run_cli, "--diff-base", "HEAD")[1] == [("NL901", 4)]


def test_diff_base_bad_revision(notes_repo: NotesRepo, run_cli: Run) -> None:
    code, _, err = run_cli("check", "--diff-base", "no-such-rev")
    assert code == 2
    assert err.startswith("notelint: error: --diff-base") and err[-1] == "\n"
    assert err.count("\n") == 1


def test_parse_diff() -> None:
    diff = (
        "diff --git a/notes/a.md b/notes/a.md\n"
        "--- a/notes/a.md\n+++ b/notes/a.md\n"
        "@@ -3,0 +4,2 @@ heading\n+x\n+y\n"
        "@@ -10 +12 @@\n-old\n+new\n"
        "@@ -20,3 +21,0 @@\n-a\n-b\n-c\n"
        "diff --git a/gone.md b/gone.md\n--- a/gone.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-z\n"
        'diff --git "a/notes/\\303\\251.md" "b/notes/\\303\\251.md"\n'
        '--- "a/notes/\\303\\251.md"\n+++ "b/notes/\\303\\251.md"\n@@ -1 +1 @@\n-a\n+b\n'
    )
    changes = parse_diff(diff)
    assert set(changes) == {"notes/a.md", "notes/é.md"}
    a = changes["notes/a.md"]
    assert a.lines == {4, 5, 12}
    assert a.deletions == {21}
    assert a.touches(22, 30) and a.touches(15, 21) and not a.touches(13, 20)
    assert changes["notes/é.md"].lines == {1}


# -- baselines ---------------------------------------------------------------------------------


def test_baseline_round_trip(notes_repo: NotesRepo, run_cli: Run) -> None:
    code, found, err = findings(run_cli, "--write-baseline", "baseline.json")
    assert (code, found) == (0, [])
    assert "recorded 3 findings in baseline.json" in err
    data = json.loads((notes_repo.root / "baseline.json").read_text(encoding="utf-8"))
    records = data["findings"]
    assert sorted(r["rule"] for r in records) == ["NL901", "NL902", "NL903"]
    assert {r["path"] for r in records} == {"notes/a.md"}
    assert all("line" not in r for r in records)
    todo = next(r for r in records if r["rule"] == "NL901")
    assert (todo["entry"], todo["text"]) == ("Attention Is All You Need", "TODO")

    assert findings(run_cli, "--baseline", "baseline.json")[:2] == (0, [])


def test_write_baseline_says_what_it_recorded(notes_repo: NotesRepo, run_cli: Run) -> None:
    code, out, err = run_cli("check", "--no-cache", "--write-baseline", "base.json")
    assert code == 0
    size = (notes_repo.root / "base.json").stat().st_size
    assert "All checks passed" not in out
    assert out.strip() == (
        f"Recorded 3 findings in base.json ({size} bytes); `--baseline base.json` hides them"
        " (1 file checked)."
    )
    assert "recorded" not in err  # said once
    lines = (notes_repo.root / "base.json").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 + 2  # one line a finding
    assert size < 3 * 250


def test_baseline_survives_moved_lines_and_reports_new_findings(
    notes_repo: NotesRepo, run_cli: Run
) -> None:
    findings(run_cli, "--write-baseline", "baseline.json")
    moved = "# Preface\n\nSome words first.\n\n" + NOTES
    notes_repo.write("notes/a.md", moved)
    assert findings(run_cli, "--baseline", "baseline.json")[:2] == (0, [])
    notes_repo.write("notes/a.md", moved + "* Another `ICCV`\n  > TODO another one here\n")
    code, found, _ = findings(run_cli, "--baseline", "baseline.json")
    assert (code, found) == (1, [("NL901", 11)])


def test_baseline_counts_identical_findings(notes_repo: NotesRepo, run_cli: Run) -> None:
    notes_repo.write("notes/a.md", CLEAN.replace("> Attention", "> TODO TODO"))
    findings(run_cli, "--write-baseline", "baseline.json")
    notes_repo.write("notes/a.md", CLEAN.replace("> Attention", "> TODO TODO TODO"))
    # Same rule, entry and text three times: two are recorded, one is new.
    assert findings(run_cli, "--baseline", "baseline.json")[1] == [("NL901", 4)]


def test_rewriting_drops_what_disappeared(notes_repo: NotesRepo, run_cli: Run) -> None:
    findings(run_cli, "--write-baseline", "baseline.json")
    notes_repo.write("notes/a.md", NOTES.replace(" `draft`", " `ICCV`"))
    _, _, err = findings(run_cli, "--write-baseline", "baseline.json")
    assert "recorded 2 findings" in err
    records = json.loads((notes_repo.root / "baseline.json").read_text(encoding="utf-8"))
    assert sorted(r["rule"] for r in records["findings"]) == ["NL901", "NL902"]


def test_partial_run_keeps_other_files(notes_repo: NotesRepo, run_cli: Run) -> None:
    notes_repo.write("notes/b.md", CLEAN.replace("> Attention", "> TODO"))
    findings(run_cli, "--write-baseline", "baseline.json")
    notes_repo.write("notes/b.md", CLEAN)
    _, _, err = findings(run_cli, "notes/b.md", "--write-baseline", "baseline.json")
    assert "recorded 3 findings" in err  # a.md's three stay, b.md's one is gone
    assert findings(run_cli, "--baseline", "baseline.json")[:2] == (0, [])


def test_baseline_from_another_directory(
    notes_repo: NotesRepo, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    findings(run_cli, "--write-baseline", "baseline.json")
    monkeypatch.chdir(notes_repo.root / "notes")
    assert findings(run_cli, "a.md", "--baseline", "../baseline.json")[:2] == (0, [])


def test_baseline_errors(notes_repo: NotesRepo, run_cli: Run) -> None:
    code, _, err = run_cli("check", "--baseline", "missing.json")
    assert code == 2 and "no such baseline file" in err
    notes_repo.write("bad.json", "{not json")
    code, _, err = run_cli("check", "--baseline", "bad.json")
    assert code == 2 and "not a notelint baseline" in err


def test_baseline_with_diff_base(notes_repo: NotesRepo, run_cli: Run) -> None:
    findings(run_cli, "--write-baseline", "baseline.json")
    notes_repo.write("notes/a.md", NOTES + "* New Paper `ICCV`\n  > TODO write it up\n")
    found = findings(run_cli, "--baseline", "baseline.json", "--diff-base", "HEAD")[1]
    assert found == [("NL901", 7)]
