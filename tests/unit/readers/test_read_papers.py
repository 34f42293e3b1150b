"""read_papers: sniffing, dedupe across files and formats, and bad input that never crashes."""

from __future__ import annotations

import gzip
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kg.errors import InputError
from kg.readers import INPUT_FORMATS, ReadReport, read_papers
from kg.readers import report as report_module

ReadFn = Callable[..., Any]


def test_every_format_is_sniffed_from_content_whatever_the_name(
    data_dir: Path, tmp_path: Path
) -> None:
    for name in [
        "hf_quirks.txt",
        "arxiv_snapshot.jsonl",
        "arxiv_feed.xml",
        "papers.jsonl",
        "papers.csv",
    ]:
        renamed = tmp_path / (name.replace(".", "_") + ".dat")
        renamed.write_bytes((data_dir / name).read_bytes())
        expected = list(read_papers([data_dir / name]))
        assert [p.id for p in read_papers([renamed])] == [p.id for p in expected], name
        assert expected


def test_input_format_overrides_sniffing(read: ReadFn) -> None:
    # Read as a listing, a JSON Lines file is prose lines without titles: nothing parses.
    papers, report = read("papers.jsonl", input_format="hf-listing")
    assert papers == [] and report.warnings


def test_unknown_input_format_is_an_input_error(data_dir: Path) -> None:
    with pytest.raises(InputError, match="unknown input format 'bibtex'.*hf-listing"):
        list(read_papers([data_dir / "papers.csv"], input_format="bibtex"))
    assert set(INPUT_FORMATS) == {"hf-listing", "arxiv-json", "arxiv-atom", "jsonl", "csv"}


def test_same_paper_across_formats_is_one_record(read: ReadFn) -> None:
    # arXiv first: the listing's copies (slug ids, same titles) are duplicates
    papers, report = read("arxiv_snapshot.jsonl", "hf_no_blank_lines.txt")
    titles = [p.title for p in papers]
    assert (
        titles.count("Orion-α: Scaling Bilingual Language Models with Automatic Parallelism") == 1
    )
    assert [p.id for p in papers if p.title.startswith("Orion")] == ["2104.00042"]
    assert report.duplicates == 2  # Orion-α and Ladder
    # listing first: the arXiv record of the same title is the duplicate
    papers, report = read("hf_no_blank_lines.txt", "arxiv_feed.xml")
    assert [p.id for p in papers if p.title.startswith("Orion")] == [
        "orion-alpha-scaling-bilingual-language-models-with-automatic"
    ]
    assert report.duplicates == 2


def test_missing_path_is_an_error_and_other_files_are_still_read(
    read: ReadFn, tmp_path: Path
) -> None:
    papers, report = read(tmp_path / "nope.txt", "papers.tsv", tmp_path)
    assert len(papers) == 2
    assert not report.ok
    assert [(Path(e.path).name, e.reason.split(":")[0]) for e in report.errors] == [
        ("nope.txt", "missing path"),
        (tmp_path.name, "unreadable file"),
    ]
    assert report.skipped == {"missing path": 1, "unreadable file": 1}
    assert "2 input(s) could not be read" in report.summary()


def test_empty_and_whitespace_files_are_warnings(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_bytes(b"\n \n\t\n")
    report = ReadReport()
    assert (
        list(read_papers([tmp_path / "empty.txt", tmp_path / "blank.jsonl"], report=report)) == []
    )
    assert report.ok and report.skipped == {"empty file": 2}


def test_binary_file_is_a_warning_and_the_next_file_is_read(read: ReadFn, tmp_path: Path) -> None:
    binary = tmp_path / "model.bin"
    binary.write_bytes(bytes(range(256)) * 64)
    papers, report = read(binary, "papers.tsv")
    assert len(papers) == 2 and report.ok
    assert report.skipped == {"binary file": 1}
    assert report.warnings[0].path == str(binary) and report.warnings[0].line == 0


def test_gzip_input_is_read_transparently(data_dir: Path, tmp_path: Path) -> None:
    packed = tmp_path / "snapshot.json.gz"
    packed.write_bytes(gzip.compress((data_dir / "arxiv_snapshot.jsonl").read_bytes()))
    assert [p.id for p in read_papers([packed])] == [
        p.id for p in read_papers([data_dir / "arxiv_snapshot.jsonl"])
    ]


def test_truncated_gzip_keeps_what_was_read(tmp_path: Path) -> None:
    lines = "".join(f'{{"title": "Paper {n}", "abstract": "Abstract {n}."}}\n' for n in range(5000))
    packed = gzip.compress(lines.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) // 2])
    report = ReadReport()
    papers = list(read_papers([path], report=report))
    assert 0 < len(papers) < 5000
    assert report.skipped["read error"] == 1


def test_stdin_dash(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    data = (data_dir / "hf_no_blank_lines.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    papers = list(read_papers(["-"]))
    assert len(papers) == 3 and papers[0].source == "<stdin>:3"


def test_invalid_utf8_is_replaced_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Décodage Rapide\n\nNous décodons vite. Très vite.\n".encode("latin-1"))
    (paper,) = read_papers([path])
    assert paper.title == "D\ufffdcodage Rapide" and paper.abstract.startswith("Nous")


def test_summary_line(read: ReadFn) -> None:
    _, report = read("hf_quirks.txt", "papers.jsonl")
    assert report.summary() == (
        "7 papers from 2 files, 3 duplicates merged, 5 skipped "
        "(no abstract: 2, malformed JSON: 1, not a JSON object: 1, no title: 1)"
    )


def test_warnings_kept_in_memory_are_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report_module, "MAX_KEPT_WARNINGS", 10)
    path = tmp_path / "bad.jsonl"
    path.write_text("{broken\n" * 50 + '{"title": "T", "abstract": "A."}\n')
    report = ReadReport()
    assert len(list(read_papers([path], report=report))) == 1
    assert len(report.warnings) == 10 and report.skipped == {"malformed JSON": 50}


def test_accepts_a_single_path(data_dir: Path) -> None:
    assert len(list(read_papers(data_dir / "papers.tsv"))) == 2
    assert len(list(read_papers(str(data_dir / "papers.tsv")))) == 2
