# ruff: noqa: N802, N803, N806  (G is the networkx convention for a graph)
"""The RDF side on the graph `kg build` makes of the whole shared corpus.

Every canned SPARQL query returns the rows of the embedded (networkx) backend, the
export of the corpus conforms to the SHACL shapes and round-trips, and rapper accepts
it. The corpus lives beside the checkout (``../shared/corpus``; ``KG_CORPUS_DIR``).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli import cli
from kg.graph import read_graph
from kg.queries.catalog import CANNED, bind, get_query
from kg.queries.embedded import run_embedded
from kg.rdf.export import export, to_rdflib, write
from kg.rdf.sparql import load_store, run_canned
from kg.rdf.validate import validate_file

CORPUS = Path(
    os.environ.get("KG_CORPUS_DIR", Path(__file__).resolve().parents[3] / "shared" / "corpus")
)

CASES: list[tuple[str, dict[str, str]]] = [
    ("lineage", {"name": "ZeRO"}),
    ("lineage", {"name": "DiLoCo"}),
    ("lineage", {"name": "transformer", "max_depth": "2"}),
    ("compare", {"a": "DiLoCo", "b": "DiLoCoX"}),
    ("compare", {"a": "ZeRO", "b": "FSDP"}),
    ("compare", {"a": "PyTorch", "b": "A100"}),
    ("entity", {"name": "ZeRO"}),
    ("entity", {"name": "PyTorch"}),
    ("entity", {"name": "Zero Redundancy Optimizer"}),
    ("papers-using", {"name": "A100"}),
    ("papers-using", {"name": "PyTorch"}),
    ("hardware-scale", {}),
    ("hardware-scale", {"limit": "5"}),
    ("top", {}),
    ("top", {"type": "hardware", "limit": "20"}),
    ("related", {"name": "PyTorch"}),
    ("related", {"name": "ZeRO", "limit": "5"}),
]


@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    files = sorted(CORPUS.glob("*.txt"))
    assert files, f"no corpus listings in {CORPUS}; set KG_CORPUS_DIR"
    out = tmp_path_factory.mktemp("corpus") / "kg-out"
    result = CliRunner().invoke(cli, ["-q", "build", *map(str, files), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return read_graph(out)


@pytest.fixture(scope="module")
def corpus_store(corpus_graph: nx.MultiDiGraph) -> ox.Store:
    return load_store(corpus_graph)


def _embedded(G: nx.MultiDiGraph, name: str, params: dict[str, str]) -> list[dict]:
    return run_embedded(G, name, bind(get_query(name), params))


@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_sparql_rows_equal_embedded_rows_on_the_corpus(
    corpus_graph: nx.MultiDiGraph, corpus_store: ox.Store, name: str, params: dict[str, str]
) -> None:
    assert run_canned(corpus_store, name, params) == _embedded(corpus_graph, name, params)


def test_every_query_has_a_corpus_case_with_rows(corpus_graph: nx.MultiDiGraph) -> None:
    assert {n for n, p in CASES if _embedded(corpus_graph, n, p)} == set(CANNED)


def test_lineage_of_zero_includes_zero_infinity(corpus_store: ox.Store) -> None:
    rows = run_canned(corpus_store, "lineage", {"name": "ZeRO"})
    assert any(
        r["direction"] == "descendant" and r["head"] == "ZeRO-Infinity" and r["tail"] == "ZeRO"
        for r in rows
    ), rows


def test_compare_diloco_and_dilocox_fills_both_columns(corpus_store: ox.Store) -> None:
    rows = {
        r["aspect"]: r for r in run_canned(corpus_store, "compare", {"a": "DiLoCo", "b": "DiLoCoX"})
    }
    assert rows["name"]["a"] == ["DiLoCo"] and rows["name"]["b"] == ["DiLoCoX"]
    assert rows["proposed_in"]["a"] and rows["proposed_in"]["b"]


@pytest.mark.parametrize("fmt", ["nt"])  # same triples in every format (unit tests: all)
def test_corpus_export_conforms_to_the_shapes(
    corpus_graph: nx.MultiDiGraph, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"kg.{ {'nt': 'nt', 'turtle': 'ttl', 'trig': 'trig'}[fmt] }"
    export(corpus_graph, path, fmt)
    report = validate_file(path)
    assert report.conforms, report.text()


def test_corpus_round_trip_and_rapper(corpus_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    out = io.StringIO()
    write(corpus_graph, out, "nt")
    assert isomorphic(Graph().parse(data=out.getvalue(), format="nt"), to_rdflib(corpus_graph))
    if shutil.which("rapper") is None:
        pytest.fail("rapper is not installed: apt-get install -y raptor2-utils")
    path = tmp_path / "kg.nt"
    path.write_text(out.getvalue(), encoding="utf-8")
    result = subprocess.run(
        ["rapper", "-i", "ntriples", "-c", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
