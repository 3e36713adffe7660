"""``notelint report``: one HTML file that stands alone, with the history from git."""

from __future__ import annotations

import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.stats.notes import FILES, write_notes


def git(root: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The notes committed over three months: 3 entries in Jan 2024, 3 in Mar, 1 in Apr."""
    root = tmp_path / "notes-repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "t@example.invalid")
    git(root, "config", "user.name", "T")
    write_notes(root)
    for name, date in (
        ("notes/conf_2024.md", "2024-01-15T10:00:00"),
        ("notes/conf_2025.md", "2024-03-02T10:00:00"),
        ("notes/reading.md", "2024-04-20T10:00:00"),
    ):
        git(root, "add", name, "notelint.toml")
        git(root, "commit", "-q", "--no-verify", "-m", name, date=date)
    monkeypatch.chdir(root)
    return root


class Page(HTMLParser):
    """What the page loads and links to, and its visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []
        self.svgs = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "svg":
            self.svgs += 1
        for attribute in ("src", "data"):
            if values.get(attribute):
                self.loads.append(str(values[attribute]))
        if tag == "link" and values.get("href"):
            self.loads.append(str(values["href"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, Page]:
    run = run_cli(capsys, "report", "-o", "out/report.html", *args)
    assert run.code == 0, run.err
    assert "Wrote out/report.html: 7 entries from 3 files" in run.err
    html = Path("out/report.html").read_text(encoding="utf-8")
    page = Page()
    page.feed(html)
    return html, page


def test_the_page_stands_alone(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html, page = report(capsys)
    assert page.loads == []  # no script, style sheet, image or font from anywhere
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "default-src 'none'" in html  # and the browser is told so
    assert page.svgs >= 4  # years, venues, organisations, countries, growth


def test_growth_comes_from_the_git_history(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html, _ = report(capsys)
    growth = html[html.index("<h2>Growth</h2>") : html.index("<h2>Findings</h2>")]
    # Months from the first commit to the last, February included with nothing added.
    labels = re.findall(r">(2024-0\d)<", growth)
    assert labels[:1] == ["2024-01"] and "2024-04" in labels
    assert "Entries added per month" in growth
    _, page = report(capsys, "--no-history")
    assert "No git history for these files." in "".join(page.text)


def test_entries_link_to_their_lines(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, page = report(capsys)
    assert "../notes/conf_2024.md#L3" in page.links
    _, based = report(capsys, "--link-base", "https://example.org/notes/blob/main/")
    assert "https://example.org/notes/blob/main/notes/conf_2025.md#L6" in based.links


def test_text_from_the_notes_is_escaped(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "* <img src=x onerror=alert(1)> Paper `Google`\n  > <script>alert(2)</script>\n"
    (history / "notes" / "reading.md").write_text(FILES["notes/reading.md"] + "\n" + hostile)
    run = run_cli(capsys, "report", "-o", "out/report.html")
    assert run.code == 0
    html = Path("out/report.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "alert(2)" not in html  # summaries are not shown; nothing of them leaks


def test_every_part_is_there(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html, page = report(capsys)
    for heading in (
        "Entries per year",
        "Venues",
        "Organisations and countries",
        "Tags that travel together",
        "Growth",
        "Findings",
        "Entries without a summary",
        "Every entry",
    ):
        assert f"<h2>{heading}</h2>" in html
    text = "".join(page.text)
    assert "1 entry has no summary." in text and "An Unsummarised Paper" in text
    assert "DeepMind" in html and "Google" in html  # the pair that travels together
    assert html.count("<tr>") >= 7


def test_a_bad_output_name_is_a_usage_error(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_cli(capsys, "report", "-o", "report.pdf")
    assert run.code == 2 and "the report is HTML" in run.err
    (history / "blocked").write_text("a file, not a folder")
    run = run_cli(capsys, "report", "-o", "blocked/report.html")
    assert run.code == 2 and "cannot write blocked/report.html" in run.err
