"""Hugging Face Daily Papers listings: every quirk of the saved page."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest

from kg.readers import ReadReport
from kg.readers.hf_listing import (
    is_chrome,
    looks_like_abstract,
    read_hf_listing,
    strip_glued_chrome,
)

ReadFn = Callable[..., Any]


def test_blank_line_separated_listing_with_every_quirk(read: ReadFn) -> None:
    papers, report = read("hf_quirks.txt")
    assert [p.title for p in papers] == [
        "ShardLite: Memory-Frugal Data Parallel Training with Sharded Optimizer States",
        "Orion-α: Scaling Bilingual Language Models with Automatic Parallelism",
        "TileServe: Serving Many Adapters on One GPU",
        "Subscribers of Gradient Noise: Why Small Batches Generalize",
    ]
    # the second ShardLite and the LaTeX-free Orion-α are the same papers again
    assert report.duplicates == 2
    # the title without abstract is reported with its line, the rest is kept
    assert report.skipped == {"no abstract": 1}
    assert [(w.line, w.reason) for w in report.warnings] == [
        (21, "no abstract: 'Pipelined Decoding Without a Draft Model'")
    ]
    assert papers[0].source.endswith("hf_quirks.txt:13")
    assert papers[0].id == "shardlite-memory-frugal-data-parallel-training-with-sharded-"
    assert papers[1].id == "orion-alpha-scaling-bilingual-language-models-with-automatic"
    assert all(p.abstract for p in papers)


def test_listing_without_blank_lines_and_title_glued_to_subscribe(read: ReadFn) -> None:
    papers, report = read("hf_no_blank_lines.txt")
    assert [p.title.split(":")[0] for p in papers] == ["Orion-α", "Ladder", "KVQuant-Lite"]
    assert papers[0].source.endswith(":3")
    assert papers[1].abstract.startswith("Tensor parallelism stalls")
    assert [(w.line, w.reason.split(":")[0]) for w in report.warnings] == [(7, "no abstract")]


def test_same_paper_across_two_listings_is_one_record(read: ReadFn) -> None:
    papers, report = read("hf_quirks.txt", "hf_no_blank_lines.txt")
    orion = [p for p in papers if p.title.startswith("Orion")]
    assert len(orion) == 1 and orion[0].source.endswith("hf_quirks.txt:17")
    assert report.duplicates == 3
    assert report.papers == len(papers) == 6


@pytest.mark.parametrize(
    "line",
    ["new", "Subscribe", "Daily Papers", "byAK and the research community", "Mar 12",
     "August 21, 2024", "12 Mar 2024", "2024-03-12", "42", "1.2k", "· 12 authors",
     "Get trending papers in your email inbox!", "GET TRENDING PAPERS IN YOUR EMAIL INBOX!",
     "Submitted by akhaliq"],
)  # fmt: skip
def test_chrome_lines(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    ["New Frontiers in Pipeline Parallelism", "Mamba 2", "March of the Experts", "8-bit Adam"],
)
def test_titles_are_not_chrome(line: str) -> None:
    assert not is_chrome(line)


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("SubscribePanGu-$α$: Models", "PanGu-$α$: Models"),
        ("Subscribe8-bit Optimizers", "8-bit Optimizers"),
        ("Get trending papers in your email inbox!SubscribeDeMo: Decoupled", "DeMo: Decoupled"),
        ("Subscribers of Gradient Noise", "Subscribers of Gradient Noise"),
        ("Daily Papers", "Daily Papers"),
    ],
)
def test_strip_glued_chrome(line: str, title: str) -> None:
    assert strip_glued_chrome(line) == title


def test_abstract_versus_title() -> None:
    assert looks_like_abstract("We present X. It is fast.")
    assert looks_like_abstract("x" * 400)
    assert looks_like_abstract("We show that small batches act as an implicit regulariser.")
    assert not looks_like_abstract("Attention as an RNN")
    assert not looks_like_abstract("Can Large Language Models Write Parallel Code?")


def test_short_abstract_right_after_a_title_is_kept() -> None:
    text = "Tiny: A Short Paper\nWe make it fast.\nNext Title\nIts abstract is here. Really.\n"
    report = ReadReport()
    papers = list(read_hf_listing(io.StringIO(text), "t.txt", report))
    assert [(p.title, p.abstract) for p in papers] == [
        ("Tiny: A Short Paper", "We make it fast."),
        ("Next Title", "Its abstract is here. Really."),
    ]


def test_second_prose_paragraph_continues_the_abstract() -> None:
    text = "A Title\n\nFirst paragraph of prose. It has two sentences.\n\nSecond one. Also prose.\n"
    report = ReadReport()
    (paper,) = read_hf_listing(io.StringIO(text), "t.txt", report)
    assert (
        paper.abstract == "First paragraph of prose. It has two sentences. Second one. Also prose."
    )


def test_prose_before_any_title_is_reported_not_invented_into_a_paper() -> None:
    text = "An orphan abstract. It has no title above it.\nA Title\nIts abstract. Two sentences.\n"
    report = ReadReport()
    papers = list(read_hf_listing(io.StringIO(text), "t.txt", report))
    assert [p.title for p in papers] == ["A Title"]
    assert report.skipped == {"no title": 1}
    assert report.warnings[0].line == 1


def test_last_title_without_abstract_at_end_of_file() -> None:
    report = ReadReport()
    papers = list(
        read_hf_listing(
            io.StringIO("A Title\nIts abstract. Two sentences.\nDangling\n"), "t", report
        )
    )
    assert len(papers) == 1 and report.skipped == {"no abstract": 1}
