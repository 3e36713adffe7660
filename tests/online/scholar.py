"""Helpers for the online tests: a fake scholarly web on 127.0.0.1 (one real HTTP server).

Each provider's base URL is ``http://127.0.0.1:PORT/<provider>``. Answers come from the bodies
stored under ``tests/fixtures/online/`` (each provider's real format, quirks included), chosen
by the title asked about; anything not set up gets the provider's own "nothing found" answer.
Every request is recorded with its arrival time, so tests can count requests and check pacing.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from notelint.config.online import PROVIDER_NAMES, OnlineSettings
from notelint.config.settings import Settings
from notelint.model.findings import Finding
from notelint.online.matching import normalize_title
from notelint.parse.parser import parse
from notelint.parse.source import SourceText
from notelint.rules.base import CheckContext, ProjectContext, ProjectRule
from notelint.rules.venue import (
    online_ambiguous_match,
    online_not_found,
    online_preprint_only,
    online_published_since,
    online_title_mismatch,
    online_unverified,
    online_venue_mismatch,
    online_venue_missing,
)
from notelint.vocabulary.tags import Vocabulary

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "online"

ONLINE_RULES: list[type[ProjectRule]] = [
    online_venue_mismatch.OnlineVenueMismatch,
    online_preprint_only.OnlinePreprintOnly,
    online_published_since.OnlinePublishedSince,
    online_title_mismatch.OnlineTitleMismatch,
    online_venue_missing.OnlineVenueMissing,
    online_not_found.OnlineNotFound,
    online_ambiguous_match.OnlineAmbiguousMatch,
    online_unverified.OnlineUnverified,
]

VOCABULARY_TOML = {
    "venue": {
        "ICCV": {
            "name": "International Conference on Computer Vision",
            "kind": "conference",
            "dblp": "conf/iccv",
        },
        "ECCV": {
            "name": "European Conference on Computer Vision",
            "kind": "conference",
            "dblp": "conf/eccv",
        },
        "CVPR": {
            "name": "Conference on Computer Vision and Pattern Recognition",
            "kind": "conference",
            "dblp": "conf/cvpr",
        },
        "ICLR": {
            "name": "International Conference on Learning Representations",
            "kind": "conference",
            "dblp": "conf/iclr",
        },
        "NeurIPS": {
            "name": "Conference on Neural Information Processing Systems",
            "kind": "conference",
            "dblp": "conf/nips",
            "aliases": ["NIPS"],
        },
        "TMLR": {
            "name": "Transactions on Machine Learning Research",
            "kind": "journal",
            "dblp": "journals/tmlr",
        },
        "Pattern Recognition": {"kind": "journal", "dblp": "journals/pr"},
        "Breast Cancer Research and Treatment": {
            "kind": "journal",
            "aliases": ["Breast Cancer Res Treat"],
        },
        "arXiv": {
            "name": "arXiv",
            "kind": "preprint",
            "dblp": "journals/corr",
            "aliases": ["CoRR"],
        },
        "GitHub": {"name": "GitHub", "kind": "other"},
    },
    "track": {"Workshop": {}},
    "organisation": {"Meta": {}, "Google": {}},
    "person": {"Jane Q. Doe": {}},
}


# -- the fake server ------------------------------------------------------------------------------


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    content_type: str = "application/json"


@dataclass
class Call:
    provider: str
    key: str
    at: float  # time.monotonic() on arrival
    headers: dict[str, str]
    path: str
    args: dict[str, str]
    body: bytes


def fixture_reply(name: str, status: int = 200, **kwargs: Any) -> Reply:
    path = FIXTURES / name
    content_type = "application/atom+xml" if path.suffix == ".xml" else "application/json"
    return Reply(status, path.read_bytes(), content_type=content_type, **kwargs)


DEFAULTS = {
    "dblp": lambda: fixture_reply("dblp/nothing.json"),
    "semantic-scholar": lambda: fixture_reply("semantic_scholar/not_found.json", 404),
    "openreview": lambda: fixture_reply("openreview/empty.json"),
    "crossref": lambda: fixture_reply("crossref/empty.json"),
    "arxiv": lambda: fixture_reply("arxiv/empty.xml"),
}


def query_key(provider: str, request: Request) -> str:
    if provider == "semantic-scholar" and request.path.endswith("/paper/batch"):
        return "batch"
    arg = {
        "dblp": "q",
        "semantic-scholar": "query",
        "openreview": "term",
        "crossref": "query.bibliographic",
        "arxiv": "search_query",
    }[provider]
    text = request.args.get(arg, "")
    if provider == "arxiv":
        text = text.removeprefix("ti:")
    return normalize_title(text)


class FakeScholar:
    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.routes: dict[tuple[str, str], list[Reply]] = {}
        self.calls: list[Call] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()

    def url(self, provider: str) -> str:
        return self.server.url_for(f"/{provider}").rstrip("/")

    def on(self, provider: str, title: str, *replies: Reply | str) -> None:
        """Answer questions about ``title`` with these replies, in order (the last repeats)."""
        key = "batch" if title == "batch" else normalize_title(title)
        self.routes[(provider, key)] = [
            fixture_reply(r) if isinstance(r, str) else r for r in replies
        ]

    def handle(self, request: Request) -> Response:
        provider = request.path.strip("/").split("/", 1)[0]
        key = query_key(provider, request)
        with self._lock:
            self.calls.append(
                Call(
                    provider,
                    key,
                    time.monotonic(),
                    dict(request.headers),
                    request.path,
                    dict(request.args),
                    request.get_data(),
                )
            )
            replies = self.routes.get((provider, key))
            reply = (replies.pop(0) if len(replies) > 1 else replies[0]) if replies else None
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if reply is None:
                reply = DEFAULTS[provider]()
            if reply.delay:
                time.sleep(reply.delay)
            return Response(
                reply.body,
                status=reply.status,
                headers=reply.headers,
                content_type=reply.content_type,
            )
        finally:
            with self._lock:
                self.in_flight -= 1

    def count(self, provider: str | None = None) -> int:
        return sum(1 for c in self.calls if provider is None or c.provider == provider)

    def providers_asked(self) -> list[str]:
        return [c.provider for c in self.calls]


# -- settings and running the rules -------------------------------------------------------------


def online_config(fake: FakeScholar | None, tmp_path: Path, **overrides: Any) -> dict[str, Any]:
    """The ``[tool.notelint.online]`` table of a test: every provider on the fake server,
    tiny pacing and backoff, a cache in ``tmp_path``."""
    config: dict[str, Any] = {
        "enabled": True,
        "contact": "tests@example.org",
        "cache-path": str(tmp_path / "cache" / "online.sqlite3"),
        "timeout": 2.0,
        "deadline": 30.0,
        "backoff": 0.01,
        "max-backoff": 1.0,
        "progress": False,
    }
    for name in PROVIDER_NAMES:
        table: dict[str, Any] = {"min-interval": 0.0}
        if fake is not None:
            table["base-url"] = fake.url(name)
        config[name] = table
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(config.get(key), dict):
            config[key] = {**config[key], **value}
        else:
            config[key] = value
    return config


def make_settings(fake: FakeScholar | None, tmp_path: Path, **overrides: Any) -> Settings:
    settings = Settings(root=tmp_path)
    settings.online = OnlineSettings.model_validate(online_config(fake, tmp_path, **overrides))
    return settings


def run_rules(
    notes: str | dict[str, str],
    settings: Settings,
    vocabulary: Vocabulary,
    rules: Sequence[type[ProjectRule]] = ONLINE_RULES,
) -> list[Finding]:
    """collect per file, then check_project, as the engine does."""
    files = {"notes.md": notes} if isinstance(notes, str) else notes
    instances = [cls(settings) for cls in rules]
    facts: dict[str, dict[str, Any]] = {rule.code: {} for rule in instances}
    for path, text in files.items():
        source = SourceText(text=text, path=path)
        document = parse(source, vocabulary)
        ctx = CheckContext(source, document, settings, vocabulary)
        for rule in instances:
            # The engine may cache facts as JSON: they must survive the round trip.
            facts[rule.code][path] = json.loads(json.dumps(rule.collect(document, ctx)))
    project = ProjectContext(settings=settings, vocabulary=vocabulary)
    findings: list[Finding] = []
    for rule in instances:
        findings.extend(rule.check_project(facts[rule.code], project))
    return sorted(findings, key=lambda f: f.sort_key)


def codes(findings: Sequence[Finding]) -> list[str]:
    return [f.code for f in findings]
