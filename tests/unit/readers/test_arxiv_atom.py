"""The arXiv API Atom feed."""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Callable
from typing import Any

from kg.readers import ReadReport
from kg.readers.arxiv_atom import read_arxiv_atom

ReadFn = Callable[..., Any]


def test_feed_entries_become_papers(read: ReadFn) -> None:
    papers, report = read("arxiv_feed.xml")
    assert [p.id for p in papers] == ["2301.01234", "2104.00042"]
    ladder, orion = papers
    assert (
        ladder.title == "Ladder: Overlapping Communication with Computation in Tensor Parallelism"
    )
    assert ladder.abstract.endswith("speeds up inference of a 70B model by 1.3x on 8 H100 GPUs.")
    assert ladder.authors == ("Mei Lin", "Tomas Varga")
    assert ladder.categories == ("cs.DC", "cs.LG")
    assert ladder.published == "2023-01-03"
    assert ladder.url == "http://arxiv.org/abs/2301.01234v2"
    assert ladder.source.endswith("arxiv_feed.xml:8")
    assert orion.title.startswith("Orion-α:") and "&" in orion.abstract
    assert report.skipped == {"no abstract": 1}
    assert report.warnings[0].line == 41


def test_api_error_entry_is_reported_not_read_as_a_paper(read: ReadFn) -> None:
    papers, report = read("arxiv_api_error.xml")
    assert papers == []
    assert report.skipped == {"API error entry": 1}
    assert "incorrect id format" in report.warnings[0].reason


def test_malformed_xml_keeps_entries_before_the_error(read: ReadFn) -> None:
    papers, report = read("arxiv_feed_truncated.xml")
    assert [p.id for p in papers] == ["2104.00042"]
    assert report.skipped == {"malformed XML": 1}
    assert report.warnings[0].line == 11


def test_finished_entries_are_cleared_so_memory_stays_flat() -> None:
    entry = (
        "<entry><id>http://arxiv.org/abs/2101.{n:05d}v1</id><title>Paper {n}</title>"
        "<summary>Abstract {n}.</summary></entry>\n"
    )
    feed = (
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        + "".join(entry.format(n=n) for n in range(20000))
        + "</feed>\n"
    )
    report = ReadReport()
    stream = io.StringIO(feed)
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_arxiv_atom(stream, "f.xml", report))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20000 and not report.warnings
    # the tree of 20,000 parsed entries would take over 10 MB if entries were kept
    assert peak < 3_000_000, peak
