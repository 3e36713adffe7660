"""Provider responses → records: each provider's real format and its quirks."""

from __future__ import annotations

import json

import pytest

from notelint.online.http import ProviderError
from notelint.online.providers import arxiv, crossref, dblp, openreview, semantic_scholar
from notelint.online.records import Record, Status

from .scholar import FIXTURES


def load(name: str) -> object:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


class TestDblp:
    def test_published_and_corr_versions(self) -> None:
        corr, iccv = dblp.parse(load("dblp/segment_anything.json"))
        assert corr.status is Status.PREPRINT
        assert corr.dblp_stream == "journals/corr"
        assert corr.arxiv_id == "2304.02643"
        assert iccv.status is Status.PUBLISHED
        assert iccv.title == "Segment Anything"  # DBLP's final period removed
        assert iccv.dblp_stream == "conf/iccv"
        assert iccv.year == 2023  # a string in the response
        assert iccv.authors[0] == "Alexander Kirillov 0001"
        assert iccv.venue_label == "ICCV 2023"

    def test_single_author_object_and_venue_list(self) -> None:
        (record,) = dblp.parse(load("dblp/eccv_single_author.json"))
        assert record.authors == ("Jane Q. Doe",)
        assert record.venue_names == ("ECCV (12)", "ECCV")
        assert record.venue_short == "ECCV"
        assert record.venue_label == "ECCV 2024"

    def test_no_hit_key_when_nothing_found(self) -> None:
        assert dblp.parse(load("dblp/nothing.json")) == []

    def test_unexpected_shape_is_an_error(self) -> None:
        with pytest.raises(ProviderError):
            dblp.parse({"error": "nope"})

    def test_proceedings_volumes_are_not_papers(self) -> None:
        data = {
            "result": {
                "hits": {
                    "@total": "1",
                    "hit": [
                        {
                            "info": {
                                "title": "ICCV 2023.",
                                "type": "Editorship",
                                "key": "conf/iccv/2023",
                            }
                        }
                    ],
                }
            }
        }
        assert dblp.parse(data) == []


class TestSemanticScholar:
    def test_published_paper(self) -> None:
        data = load("semantic_scholar/match_segment_anything.json")
        assert isinstance(data, dict)
        record = semantic_scholar.parse_paper(data["data"][0])
        assert record is not None
        assert record.status is Status.PUBLISHED
        assert record.dblp_stream == "conf/iccv"
        assert record.venue_short == "ICCV"
        assert record.arxiv_id == "2304.02643"

    def test_arxiv_only_paper_is_a_preprint(self) -> None:
        data = load("semantic_scholar/match_arxiv_only.json")
        assert isinstance(data, dict)
        record = semantic_scholar.parse_paper(data["data"][0])
        assert record is not None
        assert record.status is Status.PREPRINT
        assert record.venue_names == ()

    def test_null_in_batch_results(self) -> None:
        data = load("semantic_scholar/batch.json")
        assert isinstance(data, list)
        assert semantic_scholar.parse_paper(data[1]) is None
        first = semantic_scholar.parse_paper(data[0])
        assert first is not None and first.dblp_stream == "conf/cvpr"

    def test_no_venue_at_all_is_unknown(self) -> None:
        record = semantic_scholar.parse_paper({"title": "A Report", "venue": "", "externalIds": {}})
        assert record is not None and record.status is Status.UNKNOWN


class TestArxiv:
    def test_atom_with_namespaces(self) -> None:
        (record,) = arxiv.parse((FIXTURES / "arxiv/conversational.xml").read_bytes())
        assert (
            record.title == "Towards Conversational AI for Disease Management"
        )  # line break folded
        assert record.arxiv_id == "2503.06074"  # version suffix removed
        assert record.status is Status.PREPRINT
        assert record.authors == ("Anil Palepu", "Valentin Liévin")
        assert record.year == 2025

    def test_empty_feed(self) -> None:
        assert arxiv.parse((FIXTURES / "arxiv/empty.xml").read_bytes()) == []

    def test_error_feed_is_an_error(self) -> None:
        with pytest.raises(ProviderError, match="incorrect id format"):
            arxiv.parse((FIXTURES / "arxiv/error.xml").read_bytes())

    def test_malformed_xml(self) -> None:
        with pytest.raises(ProviderError, match="malformed"):
            arxiv.parse(b"<feed><entry>")


class TestCrossref:
    def test_list_valued_title_and_reviews_skipped(self) -> None:
        data = load("crossref/journal_article.json")
        assert isinstance(data, dict)
        records = [crossref.parse_item(i) for i in data["message"]["items"]]
        article, review = records
        assert review is None  # a peer review of the paper is not the paper
        assert article is not None
        assert article.title.startswith("Triaging mammography")
        assert article.venue_names[0] == "Breast Cancer Research and Treatment"
        assert article.venue_short == "Breast Cancer Res Treat"
        assert article.year == 2025

    def test_book_chapter_with_subtitle(self) -> None:
        data = load("crossref/book_chapter.json")
        assert isinstance(data, dict)
        record = crossref.parse_item(data["message"]["items"][0])
        assert record is not None
        assert record.title == "Sparse Voxel Fields: Fast Novel View Synthesis"
        assert record.alt_titles == ("Sparse Voxel Fields",)
        assert record.status is Status.PUBLISHED
        # The proceedings come before the series.
        assert record.venue_names[:2] == ("ECCV", "Computer Vision – ECCV 2024")
        assert record.venue_names.index("Lecture Notes in Computer Science") > 1

    def test_markup_in_titles(self) -> None:
        record = crossref.parse_item(
            {"type": "journal-article", "title": ["Learning <i>k</i>-means &amp; more"]}
        )
        assert record is not None and record.title == "Learning k-means & more"


class TestOpenReview:
    def test_accepted_poster(self) -> None:
        data = load("openreview/iclr_poster.json")
        assert isinstance(data, dict)
        record = openreview.parse_note(data["notes"][0])
        assert record is not None
        assert record.status is Status.PUBLISHED
        assert record.venue_short == "ICLR"
        assert record.year == 2025
        assert record.venue_label == "ICLR 2025"

    def test_rejected_submission(self) -> None:
        data = load("openreview/submitted.json")
        assert isinstance(data, dict)
        record = openreview.parse_note(data["notes"][0])
        assert record is not None
        assert record.status is Status.SUBMITTED
        assert record.venue_label == "Submitted to ICLR 2025"

    def test_api_v1_plain_values(self) -> None:
        data = load("openreview/v1_tmlr.json")
        assert isinstance(data, dict)
        record = openreview.parse_note(data["notes"][0])
        assert record is not None
        assert record.status is Status.PUBLISHED
        assert record.venue_short == "TMLR"


def test_records_round_trip_through_json() -> None:
    (record,) = dblp.parse(load("dblp/eccv_single_author.json"))
    assert Record.from_json(json.loads(json.dumps(record.to_json()))) == record


class TestRealWorldOddities:
    """Records seen in the real APIs that look like publications and are not, or that broke
    the parser; each fixture is in its API's own shape."""

    def test_dblp_data_and_reference_works_are_not_publications(self) -> None:
        (paper,) = dblp.parse(load("dblp/data_and_reference.json"))
        assert paper.dblp_stream == "conf/icml"

    def test_crossref_author_parts_of_the_wrong_type_lose_only_that_author(self) -> None:
        data = load("crossref/odd_author_parts.json")
        assert isinstance(data, dict)
        (item,) = data["message"]["items"]
        record = crossref.parse_item(item)
        assert record is not None
        assert record.authors == ("Ann Smith", "Bo Li")

    def test_openreview_under_review_is_not_published(self) -> None:
        data = load("openreview/tmlr_under_review.json")
        assert isinstance(data, dict)
        record = openreview.parse_note(data["notes"][0])
        assert record is not None
        assert record.status is Status.SUBMITTED
        assert record.venue_short is None

    def test_semantic_scholar_ssrn_is_a_preprint_server(self) -> None:
        data = load("semantic_scholar/match_ssrn.json")
        assert isinstance(data, dict)
        record = semantic_scholar.parse_paper(data["data"][0])
        assert record is not None
        assert record.status is not Status.PUBLISHED
