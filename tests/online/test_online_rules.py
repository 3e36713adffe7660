"""The online venue rules end to end: notes → facts → lookups on the fake server → findings."""

from __future__ import annotations

import itertools
import json
import logging
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from notelint.model.findings import Applicability, Finding, Severity
from notelint.online import progress
from notelint.vocabulary.tags import Vocabulary

from .scholar import FakeScholar, Reply, codes, make_settings, run_rules

SPARSE = "Sparse Voxel Fields for Fast Novel View Synthesis"
CONVERSATIONAL = "Towards Conversational AI for Disease Management"
TRIAGE = "Triaging mammography with artificial intelligence: an implementation study"


def apply_fix(text: str, finding: Finding) -> str:
    assert finding.fix is not None
    for edit in sorted(finding.fix.edits, key=lambda e: e.span.start_offset, reverse=True):
        text = text[: edit.span.start_offset] + edit.content + text[edit.span.end_offset :]
    return text


def test_venue_contradicts_the_record(fake: FakeScholar, tmp_path: Path, vocab: Vocabulary) -> None:
    fake.on("dblp", SPARSE, "dblp/eccv_single_author.json")
    notes = f"# Vision\n\n* {SPARSE} `ICCV` `Jane Q. Doe`\n  > Voxels.\n"
    (finding,) = run_rules(notes, make_settings(fake, tmp_path), vocab)
    assert finding.code == "NL451"
    assert finding.severity is Severity.WARNING
    assert finding.message == "notes say ICCV, but ECCV 2024 (DBLP) has this paper"
    assert notes[finding.span.start_offset : finding.span.end_offset] == "`ICCV`"
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert apply_fix(notes, finding) == notes.replace("`ICCV`", "`ECCV`")
    assert fake.providers_asked() == ["dblp"]  # a published match ends the search


def test_published_version_is_preferred_over_corr(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary
) -> None:
    fake.on("dblp", "Segment Anything", "dblp/segment_anything.json")
    notes = "# Vision\n\n* Segment Anything `ICCV` `Meta`\n"
    assert run_rules(notes, make_settings(fake, tmp_path), vocab) == []
    assert fake.count() == 1


def test_missing_venue_gets_an_unsafe_fix(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary
) -> None:
    fake.on("dblp", "Segment Anything", "dblp/segment_anything.json")
    notes = "# Generic\n\n* Segment Anything `Meta`\n  > Masks.\n"
    (finding,) = run_rules(notes, make_settings(fake, tmp_path), vocab)
    assert finding.code == "NL455"
    assert "ICCV 2023 (DBLP)" in finding.message
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert (
        apply_fix(notes, finding) == "# Generic\n\n* Segment Anything `ICCV` `Meta`\n  > Masks.\n"
    )


def test_title_differs(fake: FakeScholar, tmp_path: Path, vocab: Vocabulary) -> None:
    fake.on("dblp", "Atention is All you Ned", "dblp/typo_title.json")
    notes = "# NLP\n\n* Atention is All you Ned `NeurIPS` `Google`\n"
    (finding,) = run_rules(notes, make_settings(fake, tmp_path), vocab)
    assert finding.code == "NL454"  # NIPS (conf/nips) is NeurIPS: no venue finding
    assert finding.message == "the title differs from DBLP's: “Attention is All you Need”"
    assert apply_fix(notes, finding) == "# NLP\n\n* Attention is All you Need `NeurIPS` `Google`\n"


def test_only_a_preprint(fake: FakeScholar, tmp_path: Path, vocab: Vocabulary) -> None:
    fake.on("dblp", CONVERSATIONAL, "dblp/corr_only.json")
    fake.on("semantic-scholar", CONVERSATIONAL, "semantic_scholar/match_arxiv_only.json")
    fake.on("arxiv", CONVERSATIONAL, "arxiv/conversational.xml")
    notes = f"# Medical\n\n* {CONVERSATIONAL} `NeurIPS` `Google`\n"
    (finding,) = run_rules(notes, make_settings(fake, tmp_path), vocab)
    assert finding.code == "NL452"
    assert finding.severity is Severity.INFO
    assert "notes say NeurIPS" in finding.message
    # Every provider was asked, in the configured order, once.
    assert fake.providers_asked() == ["dblp", "semantic-scholar", "openreview", "crossref", "arxiv"]
    arxiv_call = fake.calls[-1]
    assert arxiv_call.args["search_query"] == f'ti:"{CONVERSATIONAL}"'


def test_same_preprint_in_the_arxiv_section_is_fine(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary
) -> None:
    fake.on("dblp", CONVERSATIONAL, "dblp/corr_only.json")
    notes = f"# arXiv\n\n* {CONVERSATIONAL} `Google`\n"
    assert run_rules(notes, make_settings(fake, tmp_path), vocab) == []


@pytest.mark.parametrize(
    "notes",
    ["# arXiv\n\n* Segment Anything `Meta`\n", "# Generic\n\n* Segment Anything `arXiv` `Meta`\n"],
)
def test_arxiv_note_published_since(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary, notes: str
) -> None:
    fake.on("dblp", "Segment Anything", "dblp/segment_anything.json")
    (finding,) = run_rules(notes, make_settings(fake, tmp_path), vocab)
    assert finding.code == "NL453"
    assert finding.message == "this preprint has since been published: ICCV 2023 (DBLP)"


def test_arxiv_ids_are_looked_up_in_one_batch(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary
) -> None:
    fake.on("semantic-scholar", "batch", "semantic_scholar/batch.json")
    notes = (
        "# arXiv\n\n"
        "* Words or Vision: Do Vision-Language Models Have Blind Faith in Text? `Google`\n"
        "  > Read at arXiv:2412.01234.\n\n"
        "* An Unknown Preprint About Nothing `Google`\n"
        "  > https://arxiv.org/abs/2501.99999v2\n"
    )
    findings = run_rules(notes, make_settings(fake, tmp_path), vocab)
    assert codes(findings) == ["NL453", "NL456"]
    assert findings[0].message.endswith("CVPR 2025 (Semantic Scholar)")
    batch = [c for c in fake.calls if c.key == "batch"]
    assert len(batch) == 1
    assert json.loads(batch[0].body) == {"ids": ["ARXIV:2412.01234", "ARXIV:2501.99999"]}
    # The published paper needed no title search; the unknown one asked every provider.
    assert fake.count() == 1 + 5


def test_not_found(fake: FakeScholar, tmp_path: Path, vocab: Vocabulary) -> None:
    notes = "# Generic\n\n* Notes From Our Reading Group, Week Three `Google`\n"
    (finding,) = run_rules(notes, make_settings(fake, tmp_path), vocab)
    assert finding.code == "NL456"
    assert finding.message.startswith("paper not found (asked DBLP, Semantic Scholar")
    assert fake.count() == 5  # Semantic Scholar's 404 is an answer, not an error


def test_ambiguous_is_reported_not_guessed(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary
) -> None:
    fake.on("dblp", "Learning to Rank Proposals", "dblp/ambiguous.json")
    settings = make_settings(fake, tmp_path)
    (finding,) = run_rules("* Learning to Rank Proposals `Google`\n", settings, vocab)
    assert finding.code == "NL457"
    assert "NeurIPS 2021 (DBLP)" in finding.message
    assert "Pattern Recognit. 2023 (DBLP)" in finding.message
    # A venue in the notes settles it …
    assert run_rules("* Learning to Rank Proposals `NeurIPS`\n", settings, vocab) == []
    # … unless it is neither of them.
    (wrong,) = run_rules("* Learning to Rank Proposals `ICCV`\n", settings, vocab)
    assert wrong.code == "NL451"
    assert "also" in wrong.message
    assert wrong.fix is None  # which venue to put is not ours to guess


def test_openreview_and_a_venue_heading(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary
) -> None:
    phinets = (
        "PhiNets: Brain-inspired Non-contrastive Learning Based on Temporal Prediction Hypothesis"
    )
    stochastic = (
        "Has the Deep Neural Network learned the Stochastic Process? An Evaluation Viewpoint"
    )
    fake.on("openreview", phinets, "openreview/iclr_poster.json")
    fake.on("openreview", stochastic, "openreview/submitted.json")
    notes = f"# ICLR \n\n* {phinets} `JP`\n\n* {stochastic} `US`\n"
    (finding,) = run_rules(notes, make_settings(fake, tmp_path), vocab)
    assert finding.code == "NL452"
    assert finding.entry_title == stochastic
    assert finding.message.endswith("Submitted to ICLR 2025 (OpenReview)")


def test_crossref_journal(fake: FakeScholar, tmp_path: Path, vocab: Vocabulary) -> None:
    fake.on("crossref", TRIAGE, "crossref/journal_article.json")
    notes = f"# Generic\n\n* {TRIAGE} `Breast Cancer Research and Treatment` `US`\n"
    assert run_rules(notes, make_settings(fake, tmp_path), vocab) == []
    assert fake.providers_asked() == ["dblp", "semantic-scholar", "openreview", "crossref"]
    crossref = fake.calls[-1]
    assert crossref.args["mailto"] == "tests@example.org"
    assert crossref.args["query.bibliographic"] == TRIAGE


def test_crossref_lncs_chapter(fake: FakeScholar, tmp_path: Path, vocab: Vocabulary) -> None:
    fake.on("crossref", "Sparse Voxel Fields", "crossref/book_chapter.json")
    notes = "* Sparse Voxel Fields `ICCV`\n"
    (finding,) = run_rules(notes, make_settings(fake, tmp_path), vocab)
    assert finding.code == "NL451"
    assert "ECCV 2024 (Crossref)" in finding.message


def test_workshop_papers(fake: FakeScholar, tmp_path: Path, vocab: Vocabulary) -> None:
    title = (
        "RetailAction: Dataset for Multi-View Spatio-Temporal Localization of Human-Object "
        "Interactions in Retail"
    )
    fake.on("dblp", title, "dblp/workshop.json")
    settings = make_settings(fake, tmp_path)
    assert run_rules(f"* {title} `ICCV` `Workshop`\n", settings, vocab) == []
    (finding,) = run_rules(f"* {title} `ICCV`\n", settings, vocab)
    assert finding.code == "NL451"
    assert "ICCV (Workshops) 2025 (DBLP)" in finding.message


def test_authors_in_the_notes_reject_other_papers(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary
) -> None:
    fake.on("dblp", SPARSE, "dblp/eccv_single_author.json")
    vocab.merge_layer(
        {
            "Someone Else": vocab.lookup("Jane Q. Doe").model_copy(
                update={"canonical": "Someone Else"}
            )
        },  # type: ignore[union-attr]
        "extra",
    )
    (finding,) = run_rules(
        f"* {SPARSE} `ECCV` `Someone Else`\n", make_settings(fake, tmp_path), vocab
    )
    assert finding.code == "NL456"


# -- requests, cache, pacing -------------------------------------------------------------------

NOTES = (
    "# Generic\n\n"
    "* Segment Anything `ICCV` `Meta`\n"
    f"* {SPARSE} `ICCV`\n"
    "* Notes From Our Reading Group, Week Three\n"
    "* Segment Anything `ICCV`\n"  # the same paper twice: looked up once
)


def test_second_run_makes_no_requests(fake: FakeScholar, tmp_path: Path, vocab: Vocabulary) -> None:
    fake.on("dblp", "Segment Anything", "dblp/segment_anything.json")
    fake.on("dblp", SPARSE, "dblp/eccv_single_author.json")
    settings = make_settings(fake, tmp_path)
    first = run_rules(NOTES, settings, vocab)
    assert codes(first) == ["NL451", "NL456"]
    assert fake.count() == 1 + 1 + 5
    second = run_rules(NOTES, make_settings(fake, tmp_path), vocab)
    assert second == first
    assert fake.count() == 7  # nothing new: everything came from the cache
    refreshed = run_rules(NOTES, make_settings(fake, tmp_path, refresh=True), vocab)
    assert refreshed == first
    assert fake.count() == 14


def test_every_rule_shares_one_lookup(fake: FakeScholar, tmp_path: Path, vocab: Vocabulary) -> None:
    settings = make_settings(fake, tmp_path, cache=False)
    run_rules("* Notes From Our Reading Group, Week Three\n", settings, vocab)
    assert fake.count() == 5  # not 5 per rule


def test_pacing_per_provider(fake: FakeScholar, tmp_path: Path, vocab: Vocabulary) -> None:
    notes = "".join(f"* Unknown Paper Number {i} `Google`\n" for i in range(5))
    settings = make_settings(
        fake, tmp_path, providers=["dblp"], dblp={"min-interval": 0.1, "max-connections": 3}
    )
    findings = run_rules(notes, settings, vocab)
    assert codes(findings) == ["NL456"] * 5
    arrivals = sorted(c.at for c in fake.calls)
    assert len(arrivals) == 5
    # Starts are paced on the client; arrivals carry some network jitter.
    assert arrivals[-1] - arrivals[0] >= 4 * 0.1 * 0.9
    assert min(b - a for a, b in itertools.pairwise(arrivals)) >= 0.05


def test_a_failing_provider_is_passed_over(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary
) -> None:
    fake.on("dblp", "Segment Anything", Reply(500, b"down"))
    fake.on("semantic-scholar", "Segment Anything", "semantic_scholar/match_segment_anything.json")
    notes = "* Segment Anything `ICCV`\n"
    assert run_rules(notes, make_settings(fake, tmp_path, retries=1), vocab) == []
    assert fake.providers_asked() == ["dblp", "dblp", "semantic-scholar"]


def test_errors_make_entries_unverified_not_missing(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary, caplog: pytest.LogCaptureFixture
) -> None:
    fake.on("dblp", "Segment Anything", Reply(429, b"", headers={"Retry-After": "0"}))
    settings = make_settings(fake, tmp_path, retries=1, providers=["dblp"])
    with caplog.at_level(logging.WARNING, logger="notelint.online"):
        assert run_rules("* Segment Anything `ICCV`\n", settings, vocab) == []
    assert "1 of 1 entry could not be verified (DBLP: HTTP 429 (after 2 attempts))" in caplog.text


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _offline_settings(tmp_path: Path, **overrides: object):  # type: ignore[no-untyped-def]
    dead = f"http://127.0.0.1:{_closed_port()}"
    tables = {
        name: {"base-url": f"{dead}/{name}"}
        for name in ("dblp", "semantic-scholar", "openreview", "crossref", "arxiv")
    }
    return make_settings(None, tmp_path, **tables, **overrides)  # type: ignore[arg-type]


def test_network_down_is_one_warning(
    tmp_path: Path, vocab: Vocabulary, caplog: pytest.LogCaptureFixture
) -> None:

    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="notelint.online"):
        findings = run_rules(NOTES, _offline_settings(tmp_path), vocab)
    assert findings == []
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    message = warnings[0].getMessage()
    assert message.startswith("online check: 4 of 4 entries could not be verified (DBLP: cannot")
    assert message.endswith("; …)")
    assert time.monotonic() - started < 5


def test_network_down_with_strict_is_an_error(tmp_path: Path, vocab: Vocabulary) -> None:

    findings = run_rules(NOTES, _offline_settings(tmp_path, strict=True), vocab)
    assert codes(findings) == ["NL458"] * 4
    assert all(f.severity is Severity.ERROR for f in findings)
    assert "cannot connect" in findings[0].message


def test_api_key_is_sent_but_never_stored_or_logged(
    fake: FakeScholar,
    tmp_path: Path,
    vocab: Vocabulary,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    secret = "s2-secret-key-0123456789"
    monkeypatch.setenv("SEMANTIC_SCHOLAR_API_KEY", secret)
    fake.on("semantic-scholar", "Segment Anything", "semantic_scholar/match_segment_anything.json")
    settings = make_settings(fake, tmp_path, providers=["semantic-scholar"])
    with caplog.at_level(logging.DEBUG):
        assert run_rules("* Segment Anything `ICCV`\n", settings, vocab) == []
    assert fake.calls[0].headers.get("X-Api-Key") == secret
    assert secret not in caplog.text
    cache_dir = tmp_path / "cache"
    for path in cache_dir.iterdir():
        assert secret.encode() not in path.read_bytes()


def test_disabled_means_no_network(fake: FakeScholar, tmp_path: Path, vocab: Vocabulary) -> None:
    settings = make_settings(fake, tmp_path, enabled=False)
    assert run_rules(NOTES, settings, vocab) == []
    assert fake.count() == 0
    assert not (tmp_path / "cache").exists()


def test_importing_the_rules_stays_cheap() -> None:
    code = (
        "import sys, notelint.rules.builtin\n"
        "heavy = ['httpx', 'rich', 'sqlite3', 'notelint.online.http', 'notelint.online.verify',"
        " 'notelint.online.cache', 'xml.etree.ElementTree']\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(progress.sys, "stderr", Tty())
    assert progress.wanted(50, True)
    assert not progress.wanted(50, False)  # --quiet
    assert not progress.wanted(2, True)  # too short to bother
    monkeypatch.setenv("CI", "true")
    assert not progress.wanted(50, True)


def test_non_publication_venues(fake: FakeScholar, tmp_path: Path, vocab: Vocabulary) -> None:
    fake.on("dblp", "Segment Anything", "dblp/segment_anything.json")
    settings = make_settings(fake, tmp_path)
    notes = "* CLIP-KO: Knocking Out Typographic Attacks `GitHub`\n* Segment Anything `GitHub`\n"
    (finding,) = run_rules(notes, settings, vocab)
    # Not found is expected of a repository; a repository later published as a paper is news.
    assert finding.code == "NL453"
    assert finding.entry_title == "Segment Anything"


def test_odd_shapes_are_failures_not_misses(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary
) -> None:
    # Valid JSON in an unexpected shape: the providers failed; the paper is not "not found".
    fake.on("dblp", "Segment Anything", Reply(body=b'{"result": {"hits": {"hit": [42, null]}}}'))
    fake.on("crossref", "Segment Anything", Reply(body=b'{"message": {"items": "nope"}}'))
    settings = make_settings(fake, tmp_path, providers=["dblp", "crossref"], strict=True)
    (finding,) = run_rules("* Segment Anything `ICCV`\n", settings, vocab)
    assert finding.code == "NL458"
    assert "DBLP: unexpected response shape" in finding.message
    assert "Crossref: unexpected response shape" in finding.message


def test_a_parser_bug_is_not_fatal(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary, monkeypatch: pytest.MonkeyPatch
) -> None:
    from notelint.online.providers import dblp

    def broken(data: object) -> list[object]:
        raise KeyError("surprise")

    monkeypatch.setattr(dblp, "parse", broken)
    settings = make_settings(fake, tmp_path, strict=True, providers=["dblp"])
    (finding,) = run_rules("* Segment Anything `ICCV`\n", settings, vocab)
    assert finding.code == "NL458"
    assert finding.message.endswith("(DBLP: unexpected response (KeyError))")


def test_each_run_looks_up_afresh_without_a_cache(
    fake: FakeScholar, tmp_path: Path, vocab: Vocabulary
) -> None:
    settings = make_settings(fake, tmp_path, cache=False, providers=["dblp"])
    notes = "* Notes From Our Reading Group, Week Three\n"
    run_rules(notes, settings, vocab)  # every online rule of the run shares one lookup
    assert fake.count() == 1
    run_rules(notes, settings, vocab)  # a new run: nothing is remembered but the cache
    assert fake.count() == 2
