"""The benchmark corpus generator: deterministic, and every format it writes reads cleanly."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path
from types import ModuleType

import pytest

from kg.readers import INPUT_FORMATS, ReadReport, read_papers

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "make_corpus.py"


@pytest.fixture(scope="module")
def make_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_same_seed_same_papers_other_seed_other_papers(make_corpus: ModuleType) -> None:
    first = list(make_corpus.generate_papers(200, seed=3))
    assert first == list(make_corpus.generate_papers(200, seed=3))
    assert first != list(make_corpus.generate_papers(200, seed=4))
    assert len({p["id"] for p in first}) == 200


def test_papers_look_like_ml_systems_abstracts(make_corpus: ModuleType) -> None:
    papers = list(make_corpus.generate_papers(500, seed=1))
    derived = [p for p in papers if p["facts"]["extends"]]
    assert derived, "some papers are new versions of earlier systems"
    for paper in derived:
        assert f"extends {paper['facts']['extends']}" in paper["abstract"]
    for paper in papers:
        facts = paper["facts"]
        assert paper["title"].startswith(f"{facts['system']}: ")
        assert facts["implemented_in"] in paper["abstract"]
        assert facts["hardware"].split()[0] in paper["abstract"]
        assert all(d in paper["abstract"] for d in facts["datasets"])


@pytest.mark.parametrize("fmt", INPUT_FORMATS)
def test_every_format_reads_back_with_nothing_skipped(
    make_corpus: ModuleType, fmt: str, tmp_path: Path
) -> None:
    path = tmp_path / "corpus.dat"
    with open(path, "w", encoding="utf-8", newline="" if fmt == "csv" else None) as out:
        make_corpus.write_corpus(300, fmt, out, seed=2)
    report = ReadReport()
    papers = list(read_papers([path], report=report))  # sniffed, not told the format
    expected = list(make_corpus.generate_papers(300, seed=2))
    assert not report.warnings and report.duplicates == 0
    assert [p.title for p in papers] == [e["title"] for e in expected]
    assert [p.abstract for p in papers] == [e["abstract"] for e in expected]
    if fmt != "hf-listing":
        assert [p.id for p in papers] == [e["id"] for e in expected]
        assert [p.published for p in papers] == [e["published"] for e in expected]


def test_command_line_writes_to_stdout(
    make_corpus: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    make_corpus.main(["3", "--format", "jsonl", "--seed", "9"])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    buffer = io.StringIO()
    make_corpus.write_corpus(3, "jsonl", buffer, seed=9)
    assert buffer.getvalue().splitlines() == lines
