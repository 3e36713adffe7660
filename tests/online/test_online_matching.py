"""Title normalisation, fuzzy matching, authors, and venue comparison through the vocabulary."""

from __future__ import annotations

from notelint.online.facts import VenueFact
from notelint.online.matching import (
    authors_compatible,
    candidates,
    contenders,
    family_name,
    normalize_title,
    titles_differ,
)
from notelint.online.records import Record, Status
from notelint.online.venues import agrees, clean_venue_name, record_canonical
from notelint.vocabulary.tags import Vocabulary


def rec(title: str, status: Status = Status.PUBLISHED, **kw: object) -> Record:
    return Record(provider="dblp", title=title, status=status, **kw)  # type: ignore[arg-type]


def venue(canonical: str, dblp: str | None) -> VenueFact:
    return VenueFact(text=canonical, canonical=canonical, dblp=dblp, source="tag", span=None)


def test_normalize_title() -> None:
    assert normalize_title("MedVAE: Eﬃcient Automated Interpretation") == normalize_title(
        "MedVAE: Efficient automated interpretation."
    )
    assert normalize_title("Vision Transformers Don’t Need") == "visiontransformersdontneed"
    assert normalize_title("Earth Observation  Tasks") == normalize_title("Earth Observation Tasks")
    assert normalize_title("Café <i>au</i> lait") == "cafeaulait"


def test_threshold_and_published_first() -> None:
    records = [
        rec("Segment Anything", Status.PREPRINT),
        rec("Segment Anything", Status.PUBLISHED),
        rec("Segment Anything Else Entirely"),
    ]
    found = candidates("Segment anything.", [], records, threshold=90)
    assert [c.record.status for c in found] == [Status.PUBLISHED, Status.PREPRINT]
    assert all(c.score == 100 for c in found)


def test_typo_still_matches_but_other_papers_do_not() -> None:
    paper = rec("Attention is All you Need")
    found = candidates("Atention is All you Ned", [], [paper], threshold=90)
    assert found and found[0].score < 100
    assert not candidates("Attention Is What You Want", [], [paper], threshold=90)


def test_authors_must_overlap_when_notes_give_them() -> None:
    paper = rec("Welcome to the Era of Experience", authors=("David Silver", "Richard S. Sutton"))
    assert authors_compatible(["Richard S. Sutton"], paper)
    assert not authors_compatible(["Yann LeCun"], paper)
    assert authors_compatible([], paper)
    assert family_name("Alexander Kirillov 0001") == "kirillov"
    assert family_name("Sutton, Richard S.") == "sutton"


def test_contenders_within_margin() -> None:
    found = candidates(
        "Learning to Rank",
        [],
        [rec("Learning to Rank"), rec("Learning to Rank!"), rec("Learning to Rankk")],
        threshold=80,
    )
    assert len(contenders(found, 2.0)) == 2


def test_titles_differ_ignores_case_punctuation_and_subtitles() -> None:
    record = rec(
        "Sparse Voxel Fields: Fast Novel View Synthesis", alt_titles=("Sparse Voxel Fields",)
    )
    assert not titles_differ("sparse voxel fields", record)
    assert not titles_differ("Sparse Voxel Fields — Fast Novel View Synthesis", record)
    assert titles_differ("Sparse Voxel Field", record)


def test_clean_venue_name() -> None:
    assert clean_venue_name("ECCV (12)") == "ECCV"
    assert clean_venue_name("ICLR 2024 poster") == "ICLR"
    assert clean_venue_name("ICCV (Workshops)") == "ICCV (Workshops)"


def test_record_canonical(vocab: Vocabulary) -> None:
    assert record_canonical(rec("x", dblp_stream="conf/eccv"), vocab) == "ECCV"
    assert record_canonical(rec("x", venue_names=("ECCV (12)",)), vocab) == "ECCV"
    assert record_canonical(rec("x", venue_names=("ICLR 2024 poster",)), vocab) == "ICLR"
    assert record_canonical(rec("x", venue_names=("Computer Vision – ECCV 2024",)), vocab) == "ECCV"
    assert (
        record_canonical(rec("x", venue_names=("European Conference on Computer Vision",)), vocab)
        == "ECCV"
    )
    assert record_canonical(rec("x", venue_names=("NIPS",)), vocab) == "NeurIPS"
    assert record_canonical(rec("x", venue_names=("Some Workshop on Things",)), vocab) is None
    # Preprint venues are never a record's venue.
    assert (
        record_canonical(rec("x", dblp_stream="journals/corr", venue_names=("CoRR",)), vocab)
        is None
    )


def test_agrees(vocab: Vocabulary) -> None:
    iccv = venue("ICCV", "conf/iccv")
    assert agrees(iccv, rec("x", dblp_stream="conf/iccv"), vocab, workshop_tagged=False)
    assert not agrees(iccv, rec("x", dblp_stream="conf/eccv"), vocab, workshop_tagged=False)
    # S2 style: no DBLP key, a long name containing the acronym.
    s2 = rec("x", venue_names=("2023 IEEE/CVF International Conference on Computer Vision (ICCV)",))
    assert agrees(iccv, s2, vocab, workshop_tagged=False)
    # Workshops: fine when the notes say so, a contradiction when they do not.
    workshop = rec("x", dblp_stream="conf/iccvw", venue_names=("ICCV (Workshops)",))
    assert agrees(iccv, workshop, vocab, workshop_tagged=True)
    assert not agrees(iccv, workshop, vocab, workshop_tagged=False)
    # A venue the vocabulary does not know is compared by name.
    breast = VenueFact(
        text="Breast Cancer Research and Treatment",
        canonical="Breast Cancer Research and Treatment",
        dblp=None,
        source="tag",
        span=None,
    )
    unknown = rec("x", venue_names=("Breast Cancer Research and Treatment",))
    assert agrees(breast, unknown, vocab, workshop_tagged=False)
    assert not agrees(breast, rec("x", venue_names=("The Lancet",)), vocab, workshop_tagged=False)
