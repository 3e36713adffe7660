"""The online check against servers that misbehave as real APIs, proxies and firewalls do.

For each: the run ends within its deadline plus a small margin, a warning names the provider,
nothing wrong is cached (the next good answer is asked for and used), and the API key never
reaches another host."""

from __future__ import annotations

import socket
import threading
import time
import tracemalloc
from functools import partial
from pathlib import Path

import pytest

from notelint.vocabulary.tags import Vocabulary

from .hostile import black_hole, connects_hang, drip, huge_chunked, raw_server
from .scholar import FakeScholar, Reply, codes, make_settings, run_rules

THREE = "* Segment Anything `ICCV`\n* Sparse Voxel Fields `ECCV`\n* Another Paper Title `CVPR`\n"
ONE = "* Segment Anything `ICCV`\n"


def _timed(notes: str, settings: object, vocab: Vocabulary) -> tuple[list[str], float]:
    started = time.monotonic()
    found = codes(run_rules(notes, settings, vocab))  # type: ignore[arg-type]
    return found, time.monotonic() - started


@pytest.mark.parametrize("retry_after", ["3600", "Fri, 01 Jan 2099 00:00:00 GMT"])
def test_long_retry_after_ends_the_provider_not_the_run(
    fake: FakeScholar,
    tmp_path: Path,
    vocab: Vocabulary,
    caplog: pytest.LogCaptureFixture,
    retry_after: str,
) -> None:
    fake.on("dblp", "Segment Anything", Reply(429, b"", headers={"Retry-After": retry_after}))
    settings = make_settings(fake, tmp_path, providers=["dblp"], deadline=20.0)
    with caplog.at_level("WARNING", logger="notelint.online"):
        found, took = _timed(THREE, settings, vocab)
    assert took < 3
    assert found == []  # nothing is "not found": it could not be verified
    assert "DBLP" in caplog.text and "asked to wait" in caplog.text
    assert fake.count("dblp") == 1  # the others do not sleep on the first one's answer


def test_retry_after_within_max_backoff_but_beyond_the_deadline(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary
) -> None:
    for title in ("Segment Anything", "Sparse Voxel Fields", "Another Paper Title"):
        fake.on("dblp", title, Reply(429, b"", headers={"Retry-After": "100"}))
    settings = make_settings(
        fake, tmp_path, providers=["dblp"], deadline=1.5, **{"max-backoff": 600.0}
    )
    found, took = _timed(THREE, settings, vocab)
    assert took < 1.5 + 1.0
    assert found == []


def test_a_dripping_body_is_bounded_by_the_timeout_and_the_deadline(
    tmp_path: Path, vocab: Vocabulary, caplog: pytest.LogCaptureFixture
) -> None:
    with raw_server(partial(drip, every=0.1)) as url:
        settings = make_settings(
            None, tmp_path, providers=["dblp"], dblp={"base-url": url}, timeout=0.5, deadline=2.0
        )
        with caplog.at_level("WARNING", logger="notelint.online"):
            found, took = _timed(ONE, settings, vocab)
    assert took < 2.0 + 1.0
    assert found == []
    assert "DBLP" in caplog.text


def test_black_holed_connects_count_as_unreachable(
    tmp_path: Path, vocab: Vocabulary, caplog: pytest.LogCaptureFixture
) -> None:
    with black_hole() as url:
        if not connects_hang(url):
            pytest.skip("this kernel refuses rather than drops connections to a full backlog")
        settings = make_settings(
            None, tmp_path, providers=["dblp"], dblp={"base-url": url}, timeout=0.4, deadline=60.0
        )
        with caplog.at_level("WARNING", logger="notelint.online"):
            found, took = _timed(THREE, settings, vocab)
    # Two connect timeouts and the provider is skipped: far from the 60 s deadline.
    assert took < 3
    assert found == []
    assert "DBLP" in caplog.text and "cannot connect" in caplog.text


def test_a_huge_body_is_refused_without_reading_it_into_memory(
    tmp_path: Path, vocab: Vocabulary, caplog: pytest.LogCaptureFixture
) -> None:
    with raw_server(partial(huge_chunked, megabytes=60)) as url:
        settings = make_settings(
            None, tmp_path, providers=["dblp"], dblp={"base-url": url}, deadline=20.0
        )
        tracemalloc.start()
        try:
            with caplog.at_level("WARNING", logger="notelint.online"):
                found, _ = _timed(ONE, settings, vocab)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert found == []
    assert "larger than 4 MB" in caplog.text
    assert peak < 30 * 1024 * 1024, peak


def test_a_cross_host_redirect_is_not_followed_and_the_key_stays_home(
    fake: FakeScholar,
    tmp_path: Path,
    vocab: Vocabulary,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    secret = "s2-secret-key-0123456789"
    monkeypatch.setenv("SEMANTIC_SCHOLAR_API_KEY", secret)
    received: list[bytes] = []
    lock = threading.Lock()

    def record(conn: socket.socket) -> None:
        with lock:
            received.append(b"asked")
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")

    with raw_server(record) as elsewhere:
        other = elsewhere.replace("127.0.0.1", "localhost") + "/graph/v1/paper/search/match"
        fake.on(
            "semantic-scholar", "Segment Anything", Reply(302, b"", headers={"Location": other})
        )
        settings = make_settings(fake, tmp_path, providers=["semantic-scholar"])
        with caplog.at_level("WARNING", logger="notelint.online"):
            assert run_rules(ONE, settings, vocab) == []
    assert received == []
    assert fake.calls[0].headers.get("X-Api-Key") == secret
    assert "redirects are not followed" in caplog.text
    assert secret not in caplog.text


WRONG_SHAPES = [
    ("dblp", 200, b'{"result": {}}'),
    ("dblp", 200, b'{"result": {"hits": []}}'),
    ("dblp", 200, b"{}"),
    ("dblp", 200, b'{"result": {"hits": {"@total": "1", "hit": "one"}}}'),
    ("crossref", 200, b"{}"),
    ("crossref", 200, b'{"message": {"items": {}}}'),
    ("crossref", 200, b'{"message": {"items": "nope"}}'),
    ("openreview", 200, b"{}"),
    ("openreview", 200, b'{"notes": {}}'),
    ("semantic-scholar", 200, b'{"result": {}}'),
    ("semantic-scholar", 200, b'{"data": {}}'),
    ("semantic-scholar", 404, b"<html><body>Not Found</body></html>"),
    ("semantic-scholar", 404, b'{"message": "Missing Authentication Token"}'),
    ("arxiv", 200, b"<html><body>proxy login</body></html>"),
]


@pytest.mark.parametrize(("provider", "status", "body"), WRONG_SHAPES)
def test_a_wrong_shape_is_a_provider_failure_and_never_cached(
    fake: FakeScholar,
    tmp_path: Path,
    vocab: Vocabulary,
    caplog: pytest.LogCaptureFixture,
    provider: str,
    status: int,
    body: bytes,
) -> None:
    fake.on(provider, "Segment Anything", Reply(status, body))
    settings = make_settings(fake, tmp_path, providers=[provider])
    with caplog.at_level("WARNING", logger="notelint.online"):
        first = codes(run_rules(ONE, settings, vocab))
    assert "NL456" not in first  # a failure is not "no such paper"
    assert "could not be verified" in caplog.text
    asked = fake.count(provider)
    # The provider's real "nothing found" answer now: asked again (nothing was cached), and
    # this time the entry is reported as not found.
    fake.routes.clear()
    assert codes(run_rules(ONE, settings, vocab)) == ["NL456"]
    assert fake.count(provider) > asked


def test_semantic_scholars_own_not_found_is_a_miss(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary, caplog: pytest.LogCaptureFixture
) -> None:
    settings = make_settings(fake, tmp_path, providers=["semantic-scholar"])
    with caplog.at_level("WARNING", logger="notelint.online"):
        assert codes(run_rules(ONE, settings, vocab)) == ["NL456"]
    assert "could not be verified" not in caplog.text


def test_offline_findings_survive_every_failure(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary
) -> None:
    from notelint.engine.linter import lint_text

    fake.on("dblp", "Segment Anything", Reply(429, b"", headers={"Retry-After": "3600"}))
    settings = make_settings(fake, tmp_path, providers=["dblp"])
    findings = lint_text(
        "* Segment Anything `ICCV` \n", path="notes.md", settings=settings, vocabulary=vocab
    )
    assert "NL201" in [f.code for f in findings]  # the trailing space is still reported
