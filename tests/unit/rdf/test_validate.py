# ruff: noqa: N802, N803, N806  (G is the networkx convention for a graph)
"""SHACL: every export conforms to ontology/shapes.ttl; broken data is reported readably."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.rdf.export import FORMATS, export
from kg.rdf.validate import validate_file

EXT = {"nt": "nt", "nquads": "nq", "trig": "trig", "turtle": "ttl", "jsonld": "jsonld"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_format_conforms(graph: nx.MultiDiGraph, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"kg.{EXT[fmt]}"
    export(graph, path, fmt)
    report = validate_file(path)
    assert report.conforms, report.text()
    assert report.triples > 300


def _broken(graph: nx.MultiDiGraph, tmp_path: Path) -> Path:
    graph.nodes["entity/a100"]["name"] = ""  # every entity has one non-empty name
    graph["paper/2104.07857"]["entity/a100"]["runs_on"]["confidence"] = 1.5  # not in [0, 1]
    path = tmp_path / "broken.nt"
    export(graph, path, "nt")
    return path


def test_violations_name_focus_path_and_message(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    report = validate_file(_broken(graph, tmp_path))
    assert not report.conforms
    by_path = {v.path: v for v in report.violations}
    assert "entity/a100" in by_path["kg:name"].focus
    assert "non-empty kg:name" in by_path["kg:name"].message
    assert "[0, 1]" in by_path["kg:confidence"].message
    assert "1.5" in by_path["kg:confidence"].value


def test_cli_validate_exit_codes(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    from kg.cli import cli

    good = tmp_path / "good.ttl"
    export(graph, good, "turtle")
    result = CliRunner().invoke(cli, ["validate", str(good)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("conforms")
    result = CliRunner().invoke(cli, ["validate", str(_broken(graph, tmp_path))])
    assert result.exit_code == 1
    assert "does not conform" in result.stdout and "kg:name" in result.stdout
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "missing.ttl")])
    assert result.exit_code == 1 and "no such file" in result.stderr
