"""Spelling quality, side by side: notelint, codespell, typos and cspell on real notes.

    .venv/bin/python bench/spelling_quality.py              # every corpus on this machine
    .venv/bin/python bench/spelling_quality.py --unjudged   # also list flagged words not judged

The corpora are public notes repositories (``tests/realworld/spelling.py`` names them and
their commits; their text is read from a snapshot on this machine and never committed) and
the user's notes fixture. ``tests/realworld/spelling_judgments.tsv`` holds our judgment of
every distinct word any of the four tools flagged in them: ``typo`` (the author would correct
it) or ``right`` (a name, a term, a short form, another language), with the correction of a
typo. Figures are per distinct word (lowercase) and repository:

* precision: judged typos among the judged words a tool flagged;
* recall: the typos (of all the tools found) that a tool flagged;
* F1, and the wall time of the tool over the corpus in a fresh process;
* for notelint, its corrections (``--unsafe-fixes``): how many are the judged correction, and
  how many would change a right word.

The peers are installed into ``bench/.tools/`` on first use (pip: codespell, typos; npm:
cspell 9 with the software, scientific, medical, companies and fullstack dictionaries); a peer
that cannot be installed is skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tests.realworld.spelling import (  # noqa: E402 - the repository root is put on the path first
    CORPORA,
    Corpus,
    Judgments,
    flagged_by_notelint,
    load_judgments,
    materialize,
)

TOOLS = HERE / ".tools"
CSPELL_DICTIONARIES = (
    "software-terms",
    "scientific-terms-us",
    "medicalterms",
    "companies",
    "fullstack",
)
_CODESPELL_RE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<word>\S+) ==> ")
_TYPOS_RE = re.compile(r"^(?P<path>.+?):\d+:\d+: \w+: `(?P<word>[^`]+)` ")
_CSPELL_RE = re.compile(r"Unknown word \((?P<word>[^)]+)\)")


@dataclass
class Score:
    tool: str
    flagged: set[str]
    seconds: float
    typos: set[str] = field(default_factory=set)
    right: set[str] = field(default_factory=set)
    unjudged: set[str] = field(default_factory=set)

    def judge(self, judged: dict[str, tuple[str, str]]) -> None:
        for word in self.flagged:
            verdict = judged.get(word)
            if verdict is None:
                self.unjudged.add(word)
            elif verdict[0] == "skip":
                continue  # not prose (a tag, an identifier, a URL): no tool's business here
            elif verdict[0] == "typo":
                self.typos.add(word)
            else:
                self.right.add(word)

    @property
    def precision(self) -> float:
        judged = len(self.typos) + len(self.right)
        return len(self.typos) / judged if judged else 1.0

    def recall(self, all_typos: set[str]) -> float:
        return len(self.typos & all_typos) / len(all_typos) if all_typos else 1.0

    def f1(self, all_typos: set[str]) -> float:
        p, r = self.precision, self.recall(all_typos)
        return 2 * p * r / (p + r) if p + r else 0.0


def _run(command: list[str], cwd: Path) -> tuple[str, float]:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    return result.stdout + result.stderr, time.perf_counter() - started


def _words(pattern: re.Pattern[str], output: str) -> set[str]:
    return {m.group("word").lower() for m in map(pattern.search, output.splitlines()) if m}


def ensure_peers() -> dict[str, list[str] | str]:
    """Command per peer (files are appended), or why it is missing."""
    TOOLS.mkdir(exist_ok=True)
    peers: dict[str, list[str] | str] = {}
    venv = TOOLS / "spelling-venv"
    bin_dir = venv / "bin"
    if not (bin_dir / "codespell").exists() or not (bin_dir / "typos").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, check=False)
        subprocess.run(
            [str(bin_dir / "python"), "-m", "pip", "install", "-q", "codespell", "typos"],
            capture_output=True,
            check=False,
        )
    for name, command in (
        ("codespell", [str(bin_dir / "codespell")]),
        ("typos", [str(bin_dir / "typos"), "--format", "brief"]),
    ):
        peers[name] = command if Path(command[0]).exists() else f"skipped: pip install {name}"
    npm_dir = TOOLS / "cspell"
    cspell = npm_dir / "node_modules" / ".bin" / "cspell"
    if not cspell.exists() and shutil.which("npm") is not None:
        npm_dir.mkdir(exist_ok=True)
        packages = ["cspell@9", *(f"@cspell/dict-{name}" for name in CSPELL_DICTIONARIES)]
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(npm_dir), *packages],
            capture_output=True,
            check=False,
        )
    if cspell.exists():
        config = npm_dir / "cspell.json"
        config.write_text(
            json.dumps(
                {
                    "version": "0.2",
                    "language": "en",
                    "import": [
                        f"@cspell/dict-{name}/cspell-ext.json" for name in CSPELL_DICTIONARIES
                    ],
                    "dictionaries": list(CSPELL_DICTIONARIES),
                }
            ),
            encoding="utf-8",
        )
        peers["cspell"] = [str(cspell), "lint", "--no-progress", "--no-summary", "-c", str(config)]
    else:
        peers["cspell"] = "skipped: npm install cspell failed (or npm is missing)"
    return peers


def run_tools(
    folder: Path, files: list[str], peers: dict[str, list[str] | str]
) -> tuple[list[Score], dict[str, object], list[str]]:
    """Each tool's flagged words in ``folder``; notelint's fixes; notes on skipped peers."""
    scores: list[Score] = []
    started = time.perf_counter()
    flagged, fixes = flagged_by_notelint(folder)
    scores.append(Score("notelint", flagged, time.perf_counter() - started))
    notes: list[str] = []
    parsers: dict[str, Callable[[str], set[str]]] = {
        "codespell": lambda out: _words(_CODESPELL_RE, out),
        "typos": lambda out: _words(_TYPOS_RE, out),
        "cspell": lambda out: _words(_CSPELL_RE, out),
    }
    for name, parse in parsers.items():
        command = peers.get(name)
        if not isinstance(command, list):
            notes.append(f"{name}: {command}")
            continue
        output, seconds = _run([*command, *files], folder)
        scores.append(Score(name, parse(output), seconds))
    return scores, {"fixes": fixes}, notes


def report(corpus: Corpus, judgments: Judgments, scores: list[Score], extra: dict[str, object],
           show_unjudged: bool) -> tuple[set[str], list[Score]]:  # fmt: skip
    judged = judgments.get(corpus.name, {})
    for score in scores:
        score.judge(judged)
    all_typos = {word for word, (verdict, _) in judged.items() if verdict == "typo"}
    print(f"\n## {corpus.name} ({len(all_typos)} judged typos)\n")
    print("| tool | flagged | precision | recall | F1 | time |")
    print("|---|---|---|---|---|---|")
    for s in scores:
        unjudged = f" (+{len(s.unjudged)} unjudged)" if s.unjudged else ""
        print(
            f"| {s.tool} | {len(s.flagged)}{unjudged} | {s.precision:.2f} "
            f"| {s.recall(all_typos):.2f} | {s.f1(all_typos):.2f} | {s.seconds:.2f} s |"
        )
    fixes = extra["fixes"]
    assert isinstance(fixes, dict)
    right_fixes = sum(1 for w, fix in fixes.items() if judged.get(w, ("", ""))[1] == fix)
    on_right_words = sum(1 for w in fixes if judged.get(w, ("", ""))[0] == "right")
    print(
        f"\nnotelint corrections: {len(fixes)} words, {right_fixes} the judged correction, "
        f"{on_right_words} on right words"
    )
    if show_unjudged:
        for s in scores:
            if s.unjudged:
                print(f"\nunjudged ({s.tool}): {' '.join(sorted(s.unjudged))}")
    return all_typos, scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unjudged", action="store_true", help="list words not judged yet")
    parser.add_argument("--corpus", action="append", help="only these corpora (by name)")
    parser.add_argument("--no-peers", action="store_true", help="notelint only")
    args = parser.parse_args()
    judgments = load_judgments()
    peers = {} if args.no_peers else ensure_peers()
    totals: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as temporary:
        for corpus in CORPORA:
            if args.corpus and corpus.name not in args.corpus:
                continue
            folder = Path(temporary) / corpus.name.replace("/", "+")
            files = materialize(corpus, folder)
            if files is None:
                print(f"\n## {corpus.name}: skipped (no snapshot on this machine)")
                continue
            scores, extra, notes = run_tools(folder, files, peers)
            all_typos, judged_scores = report(corpus, judgments, scores, extra, args.unjudged)
            for note in notes:
                print(f"- {note}")
            for s in judged_scores:
                total = totals.setdefault(s.tool, [0, 0, 0, 0, 0.0])
                total[0] += len(s.typos)
                total[1] += len(s.right)
                total[2] += len(s.typos & all_typos)
                total[3] += len(all_typos)
                total[4] += s.seconds
    print("\n## All corpora (per distinct word and repository)\n")
    print("| tool | precision | recall | F1 | time |")
    print("|---|---|---|---|---|")
    for tool, (tp, fp, hit, typos, seconds) in totals.items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = hit / typos if typos else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"| {tool} | {precision:.2f} | {recall:.2f} | {f1:.2f} | {seconds:.2f} s |")


if __name__ == "__main__":
    main()
