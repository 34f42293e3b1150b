# ruff: noqa: N802, N803, N806  (G is the networkx convention for a graph)
"""`kg serve` answers SPARQL 1.1 Protocol requests sent by SPARQLWrapper over HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

from kg.graph import write_graph
from kg.queries.catalog import bind, get_query
from kg.queries.embedded import run_embedded
from kg.rdf.sparql import _value, bind_query, get_sparql
from tests.unit.rdf.sample_graph import make_graph

pytestmark = pytest.mark.sparql_endpoint


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(directory: Path) -> tuple[subprocess.Popen[str], str]:
    """Start `kg serve DIRECTORY` on a free loopback port; return it once it answers."""
    port = _free_port()
    kg = Path(sys.executable).parent / "kg"
    process = subprocess.Popen(
        [str(kg), "serve", str(directory), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            pytest.fail(f"kg serve exited with {process.returncode}: {process.stderr.read()}")
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2).read()
            return process, url
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                _stop(process)
                pytest.fail("kg serve did not answer within 60 s")
            time.sleep(0.2)


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("kg-out")
    write_graph(make_graph(), directory)
    return directory


@pytest.fixture(scope="module")
def endpoint(graph_dir: Path) -> Iterator[str]:
    process, url = _start(graph_dir)
    yield url
    _stop(process)


def test_terminating_kg_serve_stops_the_server(graph_dir: Path) -> None:
    process, url = _start(graph_dir)
    _stop(process)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).read()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return
        time.sleep(0.2)
    pytest.fail(f"the Oxigraph server behind {url} still answers after kg serve was stopped")


def test_sparqlwrapper_select_over_http(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(
        "PREFIX kg: <https://w3id.org/kg/ontology#>\n"
        "SELECT ?name WHERE { ?e a kg:Hardware ; kg:name ?name } ORDER BY ?name"
    )
    client.setReturnFormat(JSON)
    result = client.queryAndConvert()
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == ["A100", "V100"]


def test_post_and_csv_content_negotiation(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setMethod("POST")
    client.setQuery(
        "PREFIX kg: <https://w3id.org/kg/ontology#>\n"
        "SELECT (COUNT(?p) AS ?papers) WHERE { ?p a kg:Paper }"
    )
    client.setReturnFormat(CSV)
    body = client.query().convert()
    assert body.decode().split() == ["papers", "4"]


def test_canned_query_over_http_equals_embedded(endpoint: str) -> None:
    params = {"name": "ZeRO"}
    query = get_sparql("lineage")
    client = SPARQLWrapper(endpoint)
    client.setQuery(bind_query(query, params))
    client.setReturnFormat(JSON)
    result = client.queryAndConvert()
    import pyoxigraph as ox

    rows = []
    for b in result["results"]["bindings"]:
        row = {}
        for var in result["head"]["vars"]:
            cell = b.get(var)
            term = None
            if cell is not None:
                dt = cell.get("datatype")
                term = ox.Literal(cell["value"], datatype=ox.NamedNode(dt) if dt else None)
            row[var] = _value(term, var in query.lists)
        rows.append(row)
    expected = run_embedded(make_graph(), "lineage", bind(get_query("lineage"), params))
    assert rows == expected
    assert any(r["head"] == "ZeRO-Infinity" for r in rows)
