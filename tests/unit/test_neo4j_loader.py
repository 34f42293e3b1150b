# ruff: noqa: N803, N806  (G is the networkx convention for a graph)
"""The loader without a server: rows planned from a graph, batching, Cypher files, CLI
options and the errors raised before any connection."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import neo4j_loader
from kg.cli import cli
from kg.cypher import cypher_dir, read_cypher, schema_statements, statements
from kg.errors import LoaderError
from kg.graph import write_graph
from kg.models import Evidence
from kg.neo4j_loader import Neo4jSettings, PaperGroup, _paper_batches, connect

EV = Evidence(sentence="s.", start=0, end=2, rule="test", confidence=0.8)


def test_paper_batches_keep_papers_whole_and_near_the_size() -> None:
    groups = [PaperGroup({"id": str(i)}, [{}] * (i % 4), [], {}) for i in range(50)]
    batches = list(_paper_batches(groups, 10))
    assert [g for b in batches for g in b] == groups
    for batch in batches:
        assert sum(g.size for g in batch) <= 10 or len(batch) == 1
    big = PaperGroup({"id": "big"}, [{}] * 30, [], {})
    assert list(_paper_batches([big], 10)) == [[big]]


def test_statements_split_on_line_final_semicolons_and_drop_comments() -> None:
    text = "// header\nCREATE INDEX a\n  FOR (n:A) ON (n.x);\n\nRETURN 'a;b';\nRETURN 2"
    assert statements(text) == ["CREATE INDEX a\n  FOR (n:A) ON (n.x)", "RETURN 'a;b'", "RETURN 2"]


def test_schema_has_unique_ids_a_name_index_and_an_alias_fulltext_index() -> None:
    schema = " ".join(" ".join(s.split()) for s in schema_statements())
    assert "FOR (p:Paper) REQUIRE p.id IS UNIQUE" in schema
    assert "FOR (e:Entity) REQUIRE e.id IS UNIQUE" in schema
    assert "FOR (e:Entity) ON (e.name)" in schema
    assert "FULLTEXT INDEX entity_names" in schema and "[e.names]" in schema
    assert all("IF NOT EXISTS" in s for s in schema_statements())


def test_load_queries_take_data_only_as_parameters() -> None:
    files = sorted((cypher_dir() / "load").glob("*.cypher"))
    assert len(files) == 9
    for path in files:
        text = read_cypher(f"load/{path.stem}")
        body = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("//"))
        assert body.lstrip().startswith(("UNWIND $", "MATCH ")), path
        assert not re.search(r"\{\w*\}|%s", body), path
        assert text.lstrip().startswith("// load/"), "a header comment names the file"


def test_bad_uri_scheme_is_a_loader_error_before_connecting() -> None:
    with pytest.raises(LoaderError, match="use bolt://HOST:PORT"):
        connect(Neo4jSettings(uri="http://localhost:7474", password="x"))


def test_cli_takes_connection_settings_from_the_environment(
    one_paper_graph: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write_graph(one_paper_graph, tmp_path)
    seen: dict[str, object] = {}

    def fake_load(G: nx.MultiDiGraph, settings: Neo4jSettings, **kw: object) -> object:
        seen.update(settings=settings, nodes=G.number_of_nodes(), **kw)
        return neo4j_loader.LoadStats(uri=settings.uri, database=settings.database)

    monkeypatch.setattr(neo4j_loader, "load_graph", fake_load)
    env = {
        "NEO4J_URI": "bolt://db.example:7687",
        "NEO4J_USER": "loader",
        "NEO4J_PASSWORD": "from-env",
        "NEO4J_DATABASE": "graphs",
    }
    result = CliRunner().invoke(cli, ["load", str(tmp_path), "--batch-size", "7"], env=env)
    assert result.exit_code == 0, result.output
    assert seen["settings"] == Neo4jSettings(
        uri="bolt://db.example:7687", user="loader", password="from-env", database="graphs"
    )
    assert seen["batch_size"] == 7 and seen["nodes"] == 4
    assert "Loaded 0 papers" in result.stdout


def test_cli_defaults_are_the_local_server_and_database_neo4j(
    one_paper_graph: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write_graph(one_paper_graph, tmp_path)
    seen: dict[str, Neo4jSettings] = {}

    def fake_load(G: nx.MultiDiGraph, settings: Neo4jSettings, **kw: object) -> object:
        seen["settings"] = settings
        return neo4j_loader.LoadStats(uri=settings.uri, database=settings.database)

    monkeypatch.setattr(neo4j_loader, "load_graph", fake_load)
    for var in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(var, raising=False)
    result = CliRunner().invoke(cli, ["load", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert seen["settings"] == Neo4jSettings()
    assert (seen["settings"].uri, seen["settings"].user) == ("bolt://localhost:7687", "neo4j")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["load", "{tmp}/missing"], "no such file or directory"),
        (["load", "{tmp}"], "holds no graph.json"),
        (["load", "{tmp}", "{tmp}/x.txt"], "give one built graph DIR"),
        (["load", "--batch-size", "0", "{tmp}"], "--batch-size"),
    ],
)
def test_cli_input_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "x.txt").write_text("")
    result = CliRunner().invoke(cli, [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
