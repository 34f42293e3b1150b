"""The arXiv metadata snapshot (JSON Lines)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ReadFn = Callable[..., Any]


def test_snapshot_records_become_papers(read: ReadFn) -> None:
    papers, report = read("arxiv_snapshot.jsonl")
    assert [p.id for p in papers] == ["2301.01234", "2104.00042", "cs/0112017", "2310.07777"]
    ladder, orion, old, same_title = papers
    # newlines + indentation inside title and abstract collapse
    assert (
        ladder.title == "Ladder: Overlapping Communication with Computation in Tensor Parallelism"
    )
    assert ladder.abstract.startswith(
        "Tensor parallelism stalls on all-reduce at every layer. Ladder"
    )
    assert "\n" not in ladder.abstract and not ladder.abstract.endswith(" ")
    assert ladder.authors == ("Mei Lin", "Tomas Varga", "Ana Ruiz")
    assert ladder.categories == ("cs.DC", "cs.LG")
    assert ladder.published == "2023-01-03"  # first version, not the update date
    assert ladder.arxiv_id == "2301.01234" and ladder.url == "https://arxiv.org/abs/2301.01234"
    assert ladder.source.endswith("arxiv_snapshot.jsonl:1")
    # version suffix stripped, LaTeX title cleaned, authors from the string, date fallback
    assert orion.title.startswith("Orion-α: Scaling")
    assert orion.authors == ("Kwame Osei", "Lena Brandt")
    assert orion.published == "2021-04-30"
    assert old.arxiv_id == "cs/0112017" and old.authors == ("R. Hale",)
    # a different arXiv paper with an equal title is not a duplicate
    assert same_title.title == ladder.title and report.duplicates == 0


def test_bad_lines_are_reported_with_line_and_reason(read: ReadFn) -> None:
    _, report = read("arxiv_snapshot.jsonl")
    assert report.skipped == {"malformed JSON": 1, "no abstract": 1, "not a JSON object": 1}
    assert [(w.line, w.reason.split(":")[0]) for w in report.warnings] == [
        (4, "malformed JSON"),
        (5, "no abstract"),
        (6, "not a JSON object"),
    ]


def test_reading_the_snapshot_twice_merges_every_record(read: ReadFn) -> None:
    papers, report = read("arxiv_snapshot.jsonl", "arxiv_snapshot.jsonl")
    assert len(papers) == 4 and report.duplicates == 4
