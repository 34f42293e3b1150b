"""Recognising the same paper twice, and the compact hash set behind it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.models import Paper
from kg.readers.dedupe import Deduplicator, HashSet
from kg.readers.normalize import title_slug


def _paper(id_: str, title: str, arxiv_id: str | None = None) -> Paper:
    return Paper(id=id_, title=title, abstract="A.", arxiv_id=arxiv_id)


def test_same_id_is_a_duplicate() -> None:
    seen = Deduplicator()
    assert not seen.is_duplicate(_paper("2101.00001", "One", "2101.00001"))
    assert seen.is_duplicate(_paper("2101.00001", "One, revised title", "2101.00001"))


def test_same_title_up_to_latex_case_and_punctuation_is_a_duplicate() -> None:
    seen = Deduplicator()
    assert not seen.is_duplicate(_paper("pangu-alpha", "PanGu-α: Large-scale Models"))
    assert seen.is_duplicate(_paper("other-id", "PanGu-$\\alpha$: large-scale models"))


def test_equal_titles_with_different_arxiv_ids_are_distinct_papers() -> None:
    seen = Deduplicator()
    assert not seen.is_duplicate(_paper("2101.00001", "Introduction", "2101.00001"))
    assert not seen.is_duplicate(_paper("2202.00002", "Introduction", "2202.00002"))
    # ...but a copy without arXiv id (a listing) matches the title
    assert seen.is_duplicate(_paper("introduction", "Introduction"))


def test_listing_copy_first_then_arxiv_record() -> None:
    seen = Deduplicator()
    assert not seen.is_duplicate(_paper("ladder-overlap", "Ladder: Overlap"))
    assert seen.is_duplicate(_paper("2301.01234", "Ladder: Overlap", "2301.01234"))


@given(st.lists(st.tuples(st.booleans(), st.integers(-(2**63), 2**63 - 1)), max_size=3000))
def test_hash_set_behaves_like_a_set(operations: list[tuple[bool, int]]) -> None:
    compact, reference = HashSet(4), set()
    for add, value in operations:
        if add:
            compact.add(value)
            reference.add(value or 1)  # 0 is stored as 1
        assert (value in compact) == ((value or 1) in reference)
    assert len(compact) == len(reference)
    assert all(v in compact for v in reference)


def test_different_titles_sharing_a_truncated_slug_stay_distinct() -> None:
    first = "SparseStream: Adaptive Sharded Data Parallelism for Long-Context Inference"
    second = first + " with Bounded Memory"
    slug = title_slug(first)
    assert slug == title_slug(second) and len(slug) == 60
    seen = Deduplicator()
    assert seen.admit(_paper(slug, first)) is not None
    renamed = seen.admit(_paper(slug, second))
    assert renamed is not None and renamed.id == slug + "-2" and renamed.title == second
    third = seen.admit(_paper(slug, second + " and Failures"))
    assert third is not None and third.id == slug + "-3"
    # the same titles again are duplicates, whatever their ids
    assert seen.admit(_paper(slug, second)) is None


def test_a_given_id_seen_before_is_the_same_paper() -> None:
    seen = Deduplicator()
    assert seen.admit(_paper("paper-17", "A Title")) is not None
    assert seen.admit(_paper("paper-17", "A Retitled Version")) is None
