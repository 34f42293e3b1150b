"""The catalogue: every canned query has a file, a description, typed parameters."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from kg.cypher import statements
from kg.errors import QueryError
from kg.queries.catalog import (
    CANNED,
    Param,
    bind,
    get_query,
    list_queries,
    parse_header,
    parse_param_args,
)
from kg.queries.embedded import QUERIES
from kg.resources import cypher_dir


def test_every_canned_query_has_a_file_an_embedded_twin_and_a_description() -> None:
    assert [s.name for s in list_queries()] == list(CANNED)
    assert set(CANNED) == set(QUERIES)
    for spec in list_queries():
        assert spec.path == cypher_dir() / f"{spec.name}.cypher"
        assert len(spec.description) > 20, spec.name
        assert f"kg query {spec.name}" in spec.text
        assert "cypher-shell" in spec.text and ":param" in spec.text


@pytest.mark.parametrize("name", CANNED)
def test_declared_parameters_match_the_embedded_signature(name: str) -> None:
    spec = get_query(name)
    sig = list(inspect.signature(QUERIES[name]).parameters.values())[1:]
    assert [p.name for p in spec.params] == [p.name for p in sig]
    for declared, py in zip(spec.params, sig, strict=True):
        if declared.required:
            assert py.default is inspect.Parameter.empty
        else:
            assert py.default == declared.default


@pytest.mark.parametrize("name", CANNED)
def test_queries_use_parameters_only_and_no_apoc(name: str) -> None:
    spec = get_query(name)
    body = "\n".join(line for line in spec.text.splitlines() if not line.startswith("//"))
    assert "apoc." not in body.lower()
    for p in spec.params:
        assert f"${p.name}" in body


def test_parse_header() -> None:
    text = (
        "// demo: what it answers,\n"
        "// continued.\n"
        "//\n"
        "// @param name: string\n"
        '// @param kind: string = ""\n'
        "// @param label: string = Method\n"
        "// @param limit: int = 10\n"
        "// @param ratio: float = 0.5\n"
        "// Examples: ...\n"
        "MATCH (n) RETURN n\n"
    )
    description, params = parse_header(Path("demo.cypher"), text)
    assert description == "what it answers, continued."
    assert params == (
        Param("name", "string"),
        Param("kind", "string", "", required=False),
        Param("label", "string", "Method", required=False),
        Param("limit", "int", 10, required=False),
        Param("ratio", "float", 0.5, required=False),
    )


def test_a_bad_header_names_file_and_line() -> None:
    with pytest.raises(QueryError, match=r"q.cypher:2: unknown parameter type 'list'"):
        parse_header(Path("q.cypher"), "// q: x\n// @param xs: list\n")
    with pytest.raises(QueryError, match=r"q.cypher:1: default 'ten' is not a int"):
        parse_header(Path("q.cypher"), "// @param limit: int = ten\n")


def test_bind_converts_and_fills_defaults() -> None:
    top = get_query("top")
    assert bind(top, {}) == {"type": "", "limit": 10}
    assert bind(top, parse_param_args(["type=Hardware", "limit=3"])) == {
        "type": "Hardware",
        "limit": 3,
    }
    assert bind(get_query("lineage"), {"name": "a=b", "max_depth": 2}) == {
        "name": "a=b",
        "max_depth": 2,
    }
    assert parse_param_args(["name=a=b"]) == {"name": "a=b"}


def test_bind_errors() -> None:
    with pytest.raises(QueryError, match=r"'lineage' needs --param name=<string>"):
        bind(get_query("lineage"), {})
    with pytest.raises(QueryError, match=r"'top' has no parameter nme; usage: kg query top"):
        bind(get_query("top"), {"nme": "x"})
    with pytest.raises(QueryError, match=r"--param limit=ten: limit must be a int"):
        bind(get_query("top"), {"limit": "ten"})
    with pytest.raises(QueryError, match=r"--param limit=-1: limit must be 0 or more"):
        bind(get_query("top"), {"limit": "-1"})
    with pytest.raises(QueryError, match=r"write it as key=value"):
        parse_param_args(["ZeRO"])


def test_unknown_query_lists_the_known_ones() -> None:
    with pytest.raises(
        QueryError, match=r"unknown query 'lineages'; known queries: lineage, compare"
    ):
        get_query("lineages")


@pytest.mark.parametrize("name", CANNED)
def test_each_file_is_one_statement_ending_in_a_semicolon(name: str) -> None:
    """cypher-shell -f and Browser run the file as it is: one statement, `;` only at its end."""
    text = get_query(name).text
    assert text.rstrip().endswith(";")
    assert text.count(";") == 1, "no `;` anywhere else, comments included"
    assert len(statements(text)) == 1
