"""Fixtures of the online tests (the helpers are in :mod:`online.scholar`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from notelint.vocabulary.tags import Vocabulary, parse_vocabulary

from .scholar import VOCABULARY_TOML, FakeScholar


@pytest.fixture
def vocab() -> Vocabulary:
    vocabulary = Vocabulary()
    vocabulary.merge_layer(parse_vocabulary(VOCABULARY_TOML, "test"), "test")
    return vocabulary


@pytest.fixture(scope="session")
def scholar_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def fake(scholar_server: HTTPServer) -> Iterator[FakeScholar]:
    scholar_server.clear()
    scholar = FakeScholar(scholar_server)
    scholar_server.expect_request(re.compile("^/.*")).respond_with_handler(scholar.handle)
    yield scholar
    scholar_server.clear()
