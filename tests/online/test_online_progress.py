"""A long online check in CI (no terminal): a plain progress line at intervals, then a summary
per provider, on standard error."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from notelint.online.progress import OnlineTally, progress_line, summary_lines
from notelint.vocabulary.tags import Vocabulary

from .scholar import FakeScholar, codes, make_settings, run_rules


def test_the_line_counts_done_cache_hits_waits_and_time_left() -> None:
    tally = OnlineTally(total=480, done=120, cache_hits=85, started=100.0)
    tally.rate_limited["crossref"] = 3
    assert progress_line(tally, now=160.0) == (
        "notelint: online: 120/480 lookups done, 85 answers from the cache, "
        "3 rate-limit waits, about 3 min left"
    )
    assert progress_line(OnlineTally(total=8, started=0.0), now=5.0) == (
        "notelint: online: 0/8 lookups done, 0 answers from the cache"
    )


def test_the_summary_names_each_provider() -> None:
    tally = OnlineTally(total=6, cache_hits=2)
    tally.requests.update({"dblp": 6, "crossref": 1})
    tally.rate_limited.update({"dblp": 2})
    tally.retries.update({"dblp": 2})
    lines = summary_lines(tally, {"dblp": "DBLP", "crossref": "Crossref"})
    assert re.fullmatch(
        r"notelint: online: 6 lookups in \d+ s, 2 answered from the cache", lines[0]
    )
    assert lines[1:] == ["  Crossref: 1 request", "  DBLP: 6 requests (2 rate-limited, 2 retried)"]


def test_a_long_check_without_a_terminal_reports_as_it_goes(
    fake: FakeScholar,
    tmp_path: Path,
    vocab: Vocabulary,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CI", "true")
    notes = "".join(f"* Unknown Paper Number {i} `Google`\n" for i in range(6))
    settings = make_settings(
        fake,
        tmp_path,
        providers=["dblp"],
        dblp={"min-interval": 0.15},
        progress=True,
        **{"progress-interval": 0.2},
    )
    started = time.monotonic()
    findings = run_rules(notes, settings, vocab)
    assert codes(findings) == ["NL456"] * 6
    assert time.monotonic() - started > 0.6  # long enough for some progress lines
    err = capsys.readouterr().err.splitlines()
    progress = [line for line in err if re.match(r"notelint: online: \d+/6 lookups done", line)]
    assert progress, err
    done = [int(re.search(r"(\d+)/6", line)[1]) for line in progress]  # type: ignore[index]
    assert done == sorted(done)
    assert err[-2].startswith("notelint: online: 6 lookups in ")
    assert err[-1] == "  DBLP: 6 requests"


def test_quiet_or_a_short_check_says_nothing(
    fake: FakeScholar,
    tmp_path: Path,
    vocab: Vocabulary,
    capsys: pytest.CaptureFixture[str],
) -> None:
    notes = "".join(f"* Unknown Paper Number {i} `Google`\n" for i in range(6))
    settings = make_settings(fake, tmp_path, providers=["dblp"], progress=False)
    run_rules(notes, settings, vocab)
    short = make_settings(fake, tmp_path / "b", providers=["dblp"], progress=True)
    run_rules("* Unknown Paper Number 1 `Google`\n", short, vocab)
    assert "notelint: online" not in capsys.readouterr().err
