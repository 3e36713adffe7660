"""The spelling test set: public notes repositories, and our judgment of the words flagged in them.

Shared by ``test_spelling_judgments.py`` (notelint's precision and recall held to the figures
measured) and ``bench/spelling_quality.py`` (notelint side by side with codespell, typos and
cspell). A corpus is a repository at a fixed commit, read from a snapshot on this machine
(``$NOTELINT_REALWORLD/owner+name`` or a git mirror under ``/work/.mirror``), or a fixture.
Only our judgments are committed (``spelling_judgments.tsv``), never the repositories' text.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
JUDGMENTS = HERE / "spelling_judgments.tsv"
FIXTURES = HERE.parent / "fixtures" / "spelling"


@dataclass(frozen=True)
class Corpus:
    name: str  # owner/name of the repository, or fixture:<file>
    commit: str = ""
    shape: str = ""


CORPORA = (
    Corpus(
        "ahmdtaha/conference_notes",
        "5ccd79161e63be46a149a8725f7646e4ec6284c9",
        "yearly notes files, the user's format and its older shapes",
    ),
    Corpus(
        "patrick-llgc/Learning-Deep-Learning",
        "2714433f25ed1c13686f2d4e9558cc576fa6f0e6",
        "about 600 one-paper-per-file notes, bullets and paragraphs, some Chinese",
    ),
    Corpus(
        "aleju/papers",
        "dda37563a6407e880f0e5a4cc5dc2ab1386948ee",
        "100 one-paper-per-file notes in long bullet lists",
    ),
    Corpus(
        "dennybritz/deeplearning-papernotes",
        "7195945731e849d88f4702ac432973c57fc93e97",
        "a dated paper list and one prose note per paper",
    ),
    Corpus(
        "terryum/awesome-deep-learning-papers",
        "1a0a9dfb1ee27f74a1ab47ed1273694ec4778ae7",
        "a curated list: titles, authors, venues",
    ),
    Corpus("fixture:user-notes.md", "", "the user's newest notes file"),
)

# corpus name → lowercase word → (verdict, correction)
Judgments = dict[str, dict[str, tuple[str, str]]]


def load_judgments(path: Path = JUDGMENTS) -> Judgments:
    table: Judgments = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        corpus, word, verdict, correction = ([*line.split("\t"), "", ""])[:4]
        assert verdict in ("typo", "right", "skip"), line
        table.setdefault(corpus, {})[word] = (verdict, correction)
    return table


def materialize(corpus: Corpus, into: Path) -> list[str] | None:
    """Write the corpus's Markdown files under ``into``; their paths relative to it, or None
    when there is no snapshot of it on this machine."""
    if corpus.name.startswith("fixture:"):
        name = corpus.name.removeprefix("fixture:")
        into.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / name, into / name)
        return [name]
    key = corpus.name.replace("/", "+")
    given = os.environ.get("NOTELINT_REALWORLD")
    if given and (Path(given) / key).is_dir():
        shutil.copytree(Path(given) / key, into)
    else:
        mirror = Path("/work/.mirror") / key / "repo"
        git_dir = mirror / ".git" if (mirror / ".git").is_dir() else mirror
        if not (git_dir / "HEAD").is_file():
            return None
        archive = subprocess.run(
            ["git", "--git-dir", str(git_dir), "archive", corpus.commit],
            capture_output=True,
            check=False,
        )
        if archive.returncode != 0:
            return None
        into.mkdir(parents=True)
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return sorted(str(p.relative_to(into)) for p in into.rglob("*.md") if p.is_file())


def flagged_by_notelint(folder: Path) -> tuple[set[str], dict[str, str]]:
    """The distinct words (lowercase) ``notelint check --select NL501`` flags in ``folder``
    with its default settings, and the correction it would write for each word it fixes."""
    result = subprocess.run(
        [sys.executable, "-m", "notelint", "check", "--no-cache", "--select", "NL501",
         "--output-format", "json", "."],
        cwd=folder, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    words: set[str] = set()
    fixes: dict[str, str] = {}
    texts: dict[str, list[str]] = {}
    for finding in json.loads(result.stdout):
        lines = texts.get(finding["path"])
        if lines is None:
            # Lines as notelint counts them: only line feeds end a line (not \f or U+2028).
            text = (folder / finding["path"]).read_text(encoding="utf-8")
            lines = [line.removesuffix("\r") for line in text.split("\n")]
            texts[finding["path"]] = lines
        line = lines[finding["line"] - 1]
        word = line[finding["column"] - 1 : finding["end_column"] - 1].lower()
        words.add(word)
        if finding["fix"] is not None:
            fixes.setdefault(word, finding["fix"]["edits"][0]["content"].lower())
    return words, fixes
