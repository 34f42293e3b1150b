# ruff: noqa: E501  (expected tables are wider than 100 columns)
"""``kg query`` on a directory written by ``kg.graph.write_graph`` (what ``kg build`` writes)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.graph import write_graph
from kg.queries.embedded import run_embedded
from tests.unit.queries.sample_graph import sample_graph


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("kg-out")
    write_graph(sample_graph(), directory)
    return directory


def _kg(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env={"NEO4J_URI": "", **(env or {})})


def test_lineage_table(built: Path) -> None:
    result = _kg("query", "lineage", "--param", "name=Zero Redundancy Optimizer", str(built))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "direction   depth  head              relation  tail              papers                  rules",
        "----------  -----  ----------------  --------  ----------------  ----------------------  -----------------------",
        "ancestor    1      ZeRO              is_a      Data Parallelism  1910.02054              is_a_apposition",
        "ancestor    2      Data Parallelism  is_a      Parallelism       1910.02054              is_a_apposition",
        "descendant  1      ZeRO-Infinity     extends   ZeRO              2104.07857, 2501.00001  builds_on, extends_verb",
        "descendant  1      ZeRO-Offload      extends   ZeRO                                      name_derivation",
    ]
    assert result.stderr == "4 rows\n"


def test_json_equals_the_embedded_rows_of_the_written_graph(built: Path) -> None:
    result = _kg(
        "query", "compare", "-p", "a=DiLoCo", "-p", "b=DiLoCoX", "--format", "json", str(built)
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == run_embedded(
        sample_graph(), "compare", {"a": "DiLoCo", "b": "DiLoCoX"}
    )


def test_csv_and_typed_params(built: Path) -> None:
    result = _kg(
        "query", "top", "-p", "type=hardware", "-p", "limit=2", "--format", "csv", str(built)
    )
    assert result.exit_code == 0, result.output
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["type", "name", "support"],
        ["Hardware", "A100", "3"],
        ["Hardware", "V100", "3"],
    ]


def test_default_directory_is_kg_out(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(built.parent)
    (built.parent / "kg-out").mkdir(exist_ok=True)
    write_graph(sample_graph(), built.parent / "kg-out")
    result = _kg("query", "hardware-scale", "-p", "limit=1", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [r["paper"] for r in json.loads(result.stdout)] == ["2104.07857"]


def test_list() -> None:
    result = _kg("query", "--list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "lineage name=<string> [max_depth=5]"
    assert 'top [type=""] [limit=10]' in lines
    assert len(lines) == 14


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "nope"], "Error: unknown query 'nope'; known queries: lineage, compare, entity"),
        (["query", "lineage"], "Error: query 'lineage' needs --param name=<string>"),
        (["query", "top", "-p", "limit=x"], "Error: --param limit=x: limit must be a int"),
        (["query", "top", "-p", "colour=red"], "Error: query 'top' has no parameter colour"),
    ],
)
def test_errors_are_one_line(built: Path, args: list[str], message: str) -> None:
    result = _kg(*args, str(built))
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1


def test_missing_graph_says_run_kg_build(tmp_path: Path) -> None:
    result = _kg("query", "top", str(tmp_path / "nothing"))
    assert result.exit_code == 1
    assert "run `kg build" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_name_is_required_without_list() -> None:
    result = _kg("query")
    assert result.exit_code == 2
    assert "kg query --list" in result.stderr


def test_unreachable_neo4j_is_one_line() -> None:
    result = _kg("query", "top", "--uri", "bolt://127.0.0.1:9", "--password", "x")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot reach Neo4j")
    assert len(result.stderr.splitlines()) == 1
