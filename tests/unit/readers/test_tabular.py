"""Generic JSON Lines and CSV/TSV records."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.readers import ReadReport, read_papers

ReadFn = Callable[..., Any]


def test_jsonl_records_keep_given_ids_and_optional_fields(read: ReadFn) -> None:
    papers, report = read("papers.jsonl")
    assert [p.id for p in papers] == [
        "shardlite",  # given id kept
        "tileserve-serving-many-adapters-on-one-gpu",  # no id: title slug
        "2301.01234",  # arXiv id wins, version stripped
        "sparse-moe-router-9",
    ]
    shard, tile, ladder, router = papers
    assert shard.authors == ("Ana Ruiz", "Mei Lin") and shard.published == "2024-03-12"
    assert tile.title == "TileServe: Serving Many Adapters on One GPU"
    assert tile.categories == ("cs.DC", "cs.LG") and tile.url == "https://example.org/tileserve"
    assert ladder.abstract.startswith("Ladder overlaps")  # "Title"/"Summary" keys, any case
    assert router.authors == ("Kwame Osei", "Lena Brandt")
    assert router.source.endswith("papers.jsonl:9")


def test_jsonl_bad_lines_are_reported_and_skipped(read: ReadFn) -> None:
    _, report = read("papers.jsonl")
    assert report.skipped == {
        "no abstract": 1,
        "malformed JSON": 1,
        "not a JSON object": 1,
        "no title": 1,
    }
    assert [w.line for w in report.warnings] == [4, 5, 6, 7]


def test_kg_papers_output_reads_back_unchanged(read: ReadFn, tmp_path: Path) -> None:
    papers, _ = read("arxiv_snapshot.jsonl", "hf_quirks.txt")
    out = tmp_path / "papers.jsonl"
    out.write_text("".join(json.dumps(p.to_dict()) + "\n" for p in papers), encoding="utf-8")
    again, report = read(out)
    assert [(p.id, p.title, p.abstract, p.authors, p.published) for p in again] == [
        (p.id, p.title, p.abstract, p.authors, p.published) for p in papers
    ]
    assert not report.warnings


def test_json_array_of_objects(tmp_path: Path) -> None:
    path = tmp_path / "papers.json"
    path.write_text(json.dumps([{"title": "T One", "abstract": "A."}, {"title": "T Two"}]))
    report = ReadReport()
    papers = list(read_papers([path], report=report))
    assert [p.title for p in papers] == ["T One"] and report.skipped == {"no abstract": 1}


def test_csv_with_quoted_multiline_abstract(read: ReadFn) -> None:
    papers, report = read("papers.csv")
    assert [p.id for p in papers] == [
        "shardlite",
        "tileserve-serving-many-adapters-on-one-gpu",
        "2301.01234",
    ]
    assert papers[0].authors == ("Ana Ruiz", "Mei Lin")
    assert papers[1].abstract == (
        "TileServe batches requests across adapters. It pages adapter weights between host "
        "and device memory on a single A10G GPU."
    )
    assert papers[2].published == "2023-01-03" and papers[2].source.endswith("papers.csv:6")
    assert [(w.line, w.reason.split(":")[0]) for w in report.warnings] == [(5, "no abstract")]


def test_tsv_with_capitalised_header(read: ReadFn) -> None:
    papers, report = read("papers.tsv")
    assert [p.title for p in papers] == [
        "Sparse Router Training for Mixture-of-Experts",
        "KVQuant-Lite: 2-bit Key-Value Cache Quantization",
    ]
    assert not report.warnings


def test_csv_without_title_column_is_reported_with_its_columns(read: ReadFn) -> None:
    papers, report = read("no_title_column.csv")
    assert papers == []
    assert report.skipped == {"no title column": 1}
    (warning,) = report.warnings
    assert warning.line == 1 and "name_of_paper, summary_text" in warning.reason


def test_csv_without_abstract_column(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("title,year\nA Paper,2024\n")
    report = ReadReport()
    assert list(read_papers([path], report=report)) == []
    assert report.skipped == {"no abstract column": 1}


def test_csv_row_the_csv_module_rejects_is_skipped_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("title,abstract\nGood One,Fine.\nToo Long," + "x" * 500 + "\nGood Two,Also.\n")
    report = ReadReport()
    old_limit = csv.field_size_limit(200)
    try:
        papers = list(read_papers([path], report=report))
    finally:
        csv.field_size_limit(old_limit)
    assert [p.title for p in papers] == ["Good One", "Good Two"]
    assert report.skipped == {"malformed CSV row": 1}
    assert report.warnings[0].line == 3


def test_csv_extra_fields_are_reported_and_the_row_kept(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("title,abstract\nA Paper,Its abstract.,stray\n")
    report = ReadReport()
    papers = list(read_papers([path], report=report))
    assert [p.abstract for p in papers] == ["Its abstract."]
    assert report.warnings[0].line == 2 and "extra ignored" in report.warnings[0].reason
