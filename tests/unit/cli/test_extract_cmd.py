import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli


def test_kg_extract_writes_one_line_per_paper(tmp_path):
    src = tmp_path / "papers.jsonl"
    src.write_text(
        json.dumps({"id": "a", "title": "Zorb: Fast Things", "abstract": "We run Zorb on 8 GPUs."})
        + "\n"
        + json.dumps({"id": "b", "title": "Quux: Slow", "abstract": "Quux uses PyTorch."})
        + "\n"
    )
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == ["a", "b"]
    assert "extracted: 2 papers" in result.stderr
    gpu = next(e for e in lines[0]["entities"] if e["type"] == "Hardware")
    assert gpu["count"] == 8 and gpu["roles"] == ["runs_on"]


def test_kg_extract_quiet_and_stdout(tmp_path):
    src = tmp_path / "p.jsonl"
    src.write_text(json.dumps({"id": "a", "title": "Zorb: X", "abstract": "We use Zorb."}) + "\n")
    result = CliRunner().invoke(cli, ["-q", "extract", str(src)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "a"
    assert result.stderr == ""


def test_kg_extract_missing_input_is_one_line_error(tmp_path):
    result = CliRunner().invoke(
        cli, ["extract", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl")]
    )
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_strict_makes_a_skipped_entry_an_error_but_keeps_what_parsed(tmp_path: Path) -> None:
    src = tmp_path / "papers.jsonl"
    src.write_text(
        '{"id": "p1", "title": "Ring attention", "abstract": "We run on 8 GPUs."}\n{not json\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(src), "-o", str(out), "--strict"])
    assert result.exit_code == 1
    assert "--strict" in result.stderr and "papers.jsonl:2" in result.stderr
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["p1"]
