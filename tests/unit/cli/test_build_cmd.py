"""`kg build` and `kg stats` through the command line (click's CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.graph import read_graph
from kg.ontology import PAPER

LISTING = Path(__file__).resolve().parents[2] / "data" / "build-listing.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("build") / "graph-dir"
    result = CliRunner().invoke(cli, ["build", str(LISTING), "-o", str(out)])
    return out, result


def test_build_writes_graph_graphml_and_summary(built: tuple[Path, object]) -> None:
    out, result = built
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    for name in ("graph.json", "graph.graphml", "summary.json"):
        assert (out / name).is_file(), name
    graph = read_graph(out)
    papers = [n for n, d in graph.nodes(data=True) if d["type"] == PAPER]
    assert len(papers) == 4
    assert all(graph.out_degree(p) > 0 for p in papers)  # every paper names something
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["papers"] == 4


def test_build_prints_the_table_on_stdout_and_logs_on_stderr(built: tuple[Path, object]) -> None:
    _, result = built
    stdout, stderr = result.stdout, result.stderr  # type: ignore[attr-defined]
    assert stdout.startswith("4 papers, ")
    assert "entity type" in stdout and "edge type" in stdout and "top entities by support" in stdout
    assert "4 papers from 1 file" in stderr
    assert "graph.json" in stderr and "graph.json" not in stdout


def test_stats_prints_the_same_summary(built: tuple[Path, object]) -> None:
    out, result = built
    stats = CliRunner().invoke(cli, ["stats", str(out)])
    assert stats.exit_code == 0, stats.output
    assert stats.stdout == result.stdout  # type: ignore[attr-defined]


def test_stats_recounts_the_graph_without_summary_json(
    built: tuple[Path, object], tmp_path: Path
) -> None:
    out, result = built
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "graph.json").write_bytes((out / "graph.json").read_bytes())
    stats = CliRunner().invoke(cli, ["stats", str(copy)])
    assert stats.exit_code == 0, stats.output
    assert stats.stdout == result.stdout  # type: ignore[attr-defined]


def test_stats_without_a_graph_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["stats", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: no graph in {tmp_path}: run `kg build INPUT...` first\n"


def test_build_with_no_readable_input_fails_with_the_reason(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert "missing.txt" in result.stderr and "no such file" in result.stderr
    assert "Error: no papers read (" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "o" / "graph.json").exists()


def test_build_keeps_good_input_and_exits_1_for_a_missing_one(tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = CliRunner().invoke(
        cli, ["build", str(LISTING), str(tmp_path / "missing.txt"), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert (out / "graph.json").is_file()  # the good input was built
    assert result.stdout.startswith("4 papers, ")
    assert "Error: 1 input(s) could not be read" in result.stderr


def test_strict_turns_reading_warnings_into_an_exit_code(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    relaxed = CliRunner().invoke(
        cli, ["-q", "build", str(LISTING), str(empty), "-o", str(tmp_path / "a")]
    )
    assert relaxed.exit_code == 0, relaxed.output
    strict = CliRunner().invoke(
        cli, ["build", str(LISTING), str(empty), "-o", str(tmp_path / "b"), "--strict"]
    )
    assert strict.exit_code == 1
    assert "--strict" in strict.stderr and "empty.txt" in strict.stderr


def test_build_on_the_readme_example(tmp_path: Path) -> None:
    from kg.readers import read_papers

    example = Path(__file__).resolve().parents[3] / "examples" / "listing.txt"
    result = CliRunner().invoke(cli, ["-q", "build", str(example), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    n = sum(1 for _ in read_papers([str(example)]))
    assert result.stdout.startswith(f"{n} papers, ")
    graph = read_graph(tmp_path)
    assert graph.graph["papers"] == n
    assert graph.graph["inputs"] == [str(example)]


def test_an_unwritable_output_directory_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-q", "build", str(LISTING), "-o", str(blocker / "out")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot write the graph into {blocker / 'out'}: ")
    assert "Traceback" not in result.output
