"""`kg papers`: JSON Lines on stdout or -o, one summary line on stderr, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

DATA = Path(__file__).resolve().parents[2] / "data" / "readers"
EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "listing.txt"


def _run(*args: str) -> tuple[int, list[dict], str]:
    result = CliRunner().invoke(cli, ["papers", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    papers = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, papers, result.stderr


def test_prints_json_lines_and_a_summary_on_stderr(caplog: pytest.LogCaptureFixture) -> None:
    code, papers, err = _run(str(DATA / "hf_quirks.txt"), str(DATA / "hf_no_blank_lines.txt"))
    assert code == 0
    assert [p["title"].split(":")[0] for p in papers] == [
        "ShardLite", "Orion-α", "TileServe", "Subscribers of Gradient Noise", "Ladder",
        "KVQuant-Lite",
    ]  # fmt: skip
    assert set(papers[0]) == {
        "id", "title", "abstract", "source", "arxiv_id", "authors", "categories", "published",
        "url",
    }  # fmt: skip
    assert "6 papers from 2 files, 3 duplicates merged, 2 skipped (no abstract: 2)" in err
    # each skipped entry is logged (to stderr outside tests) with path:line and reason
    assert "hf_quirks.txt:21: no abstract: 'Pipelined Decoding" in caplog.text


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "papers.jsonl"
    code, stdout_papers, err = _run(str(DATA / "papers.tsv"), "-o", str(out))
    assert code == 0 and stdout_papers == []
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == [
        "sparse-router-training-for-mixture-of-experts",
        "kvquant-lite-2-bit-key-value-cache-quantization",
    ]
    assert "2 papers from 1 file" in err


def test_warnings_exit_zero_but_strict_exits_non_zero_and_still_prints() -> None:
    code, papers, _ = _run(str(DATA / "papers.jsonl"))
    assert code == 0 and len(papers) == 4
    code, papers, err = _run("--strict", str(DATA / "papers.jsonl"))
    assert code == 1 and len(papers) == 4
    assert "Error: --strict: 4 entries skipped" in err and "papers.jsonl:4" in err
    assert "Traceback" not in err


def test_missing_path_reads_the_rest_and_exits_non_zero(tmp_path: Path) -> None:
    code, papers, err = _run(str(tmp_path / "missing.txt"), str(DATA / "papers.tsv"))
    assert code == 1 and len(papers) == 2
    assert "missing.txt: missing path" in err
    assert err.strip().splitlines()[-1].startswith("Error: 1 input(s) could not be read")
    assert "Traceback" not in err


def test_input_format_option() -> None:
    code, papers, _ = _run("--input-format", "csv", str(DATA / "papers.tsv"))
    assert code == 0 and len(papers) == 2
    result = CliRunner().invoke(
        cli, ["papers", "--input-format", "bibtex", str(DATA / "papers.tsv")]
    )
    assert result.exit_code == 2 and "bibtex" in result.stderr


def test_quiet_drops_the_summary() -> None:
    result = CliRunner().invoke(cli, ["-q", "papers", str(DATA / "papers.tsv")])
    assert result.exit_code == 0 and "papers from" not in result.stderr


def test_example_listing_reads_cleanly() -> None:
    code, papers, err = _run(str(EXAMPLE))
    assert code == 0
    assert len(papers) == 14 and "1 duplicate merged, 0 skipped" in err
    titles = {p["title"].split(":")[0] for p in papers}
    assert {"ZeRO", "ZeRO-Infinity", "ZeRO++", "FlashAttention", "FlashAttention-2"} <= titles


def test_output_that_is_also_an_input_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "papers.tsv"
    path.write_bytes((DATA / "papers.tsv").read_bytes())
    result = CliRunner().invoke(cli, ["papers", str(path), "-o", str(path)])
    assert result.exit_code == 1 and "is also an input" in result.stderr
    assert path.read_bytes() == (DATA / "papers.tsv").read_bytes()
