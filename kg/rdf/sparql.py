# ruff: noqa: N803  (G is the networkx convention for a graph argument)
"""SPARQL over the exported graph: an embedded pyoxigraph store and the canned queries.

The canned questions of ``docs/queries.md`` live in ``ontology/sparql/<name>.rq``. Each
file starts with a header comment: ``# <name>: <what it answers>``, then one line per
parameter (``# @param name: string``, ``# @param limit: int = 10``) and, for columns
holding lists, ``# @list papers, rules``. A parameter ``x`` appears in the query as
the variable ``?param_x``; :func:`bind_query` replaces it by an RDF term serialised by
pyoxigraph (escaped, typed), never by pasting the user's text. List cells come back as
``GROUP_CONCAT`` with the separator U+001F and are split, sorted and de-duplicated;
floats are rounded to 4 places, so the rows equal those of ``kg.queries.embedded``.

>>> spec = get_sparql("top")
>>> [(p.name, p.default) for p in spec.params]
[('type', ''), ('limit', 10)]
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.errors import ExportError, QueryError
from kg.queries.catalog import CANNED, Param, bind, parse_header, usage
from kg.rdf.export import nt_blocks
from kg.rdf.terms import XSD
from kg.resources import ontology_dir

__all__ = [
    "SparqlQuery",
    "LIST_SEPARATOR",
    "sparql_dir",
    "list_sparql",
    "get_sparql",
    "load_query_file",
    "bind_query",
    "load_store",
    "load_rdf_file",
    "run_query",
    "run_canned",
    "answer",
]

log = logging.getLogger(__name__)

LIST_SEPARATOR = "\u001f"
_LIST = re.compile(r"^#\s*@list\s+(.+?)\s*$")
_PARAM_VAR = re.compile(r"[?$]param_(\w+)\b")
_INTEGERS = {
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "unsignedInt",
        "unsignedLong",
    )
}
_FLOATS = {XSD + "decimal", XSD + "double", XSD + "float"}
_RDF_FORMATS = {
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


@dataclass(frozen=True, slots=True)
class SparqlQuery:
    """A SPARQL query file: name, description, typed parameters, list columns, text."""

    name: str
    description: str
    params: tuple[Param, ...]
    lists: frozenset[str]
    path: Path
    text: str

    def usage(self) -> str:
        """``name`` then its parameters, as ``kg query`` shows them."""
        return usage(self.name, self.params)


def sparql_dir() -> Path:
    """``ontology/sparql/``: the canned SPARQL queries."""
    return ontology_dir() / "sparql"


def load_query_file(path: Path, name: str | None = None) -> SparqlQuery:
    """Read a ``.rq`` file and its header comment (description, ``@param``, ``@list``)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryError(f"cannot read query file {path}: {exc.strerror}") from exc
    header = []
    lists: set[str] = set()
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        if match := _LIST.match(stripped):
            lists.update(c.strip() for c in match.group(1).split(",") if c.strip())
            continue
        header.append("//" + stripped[1:])
    description, params = parse_header(Path(path), "\n".join(header))
    return SparqlQuery(
        name or Path(path).stem, description, params, frozenset(lists), Path(path), text
    )


@cache
def get_sparql(name: str) -> SparqlQuery:
    """The canned SPARQL query ``name`` (same names as ``kg query``)."""
    if name not in CANNED:
        raise QueryError(f"unknown query {name!r}; known queries: {', '.join(CANNED)}")
    return load_query_file(sparql_dir() / f"{name}.rq", name)


def list_sparql() -> list[SparqlQuery]:
    """Every canned SPARQL query, in catalogue order."""
    return [get_sparql(name) for name in CANNED]


def _term(value: Any) -> str:
    """A Python parameter value as a SPARQL term, serialised (and escaped) by pyoxigraph."""
    if isinstance(value, bool):
        return str(ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean")))
    if isinstance(value, int):  # a bare integer is an xsd:integer, and LIMIT takes it
        return str(int(value))
    if isinstance(value, float):
        return str(ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "double")))
    return str(ox.Literal(str(value)))


def bind_query(query: SparqlQuery, raw: dict[str, Any]) -> str:
    """The query text with each ``?param_x`` replaced by the typed, escaped value of ``x``."""
    if not query.params and raw:
        raise QueryError(f"query {query.path} declares no parameters (# @param lines)")
    try:
        values = bind(_as_spec(query), raw) if query.params else {}
    except QueryError as exc:  # the catalogue's messages name `kg query`
        raise QueryError(str(exc).replace("kg query ", "kg sparql ")) from None
    terms = {name: _term(v) for name, v in values.items()}

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in terms:
            raise QueryError(
                f"{query.path}: ?param_{name} is used but not declared (# @param {name}: ...)"
            )
        return terms[name]

    return _PARAM_VAR.sub(replace, query.text)


def _as_spec(query: SparqlQuery) -> Any:
    from kg.queries.catalog import QuerySpec

    return QuerySpec(query.name, query.description, query.params, query.path, query.text)


def load_store(G: nx.MultiDiGraph, *, base: str | None = None, chunk: int = 100_000) -> ox.Store:
    """An in-memory pyoxigraph store holding the export of ``G`` (data and VoID)."""
    store = ox.Store()
    for block in _chunks((line for lines in nt_blocks(G, base=base) for line in lines), chunk):
        store.load(block.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def _chunks(lines: Iterable[str], size: int) -> Iterator[str]:
    buffer: list[str] = []
    for line in lines:
        buffer.append(line)
        if len(buffer) >= size:
            yield "".join(buffer)
            buffer.clear()
    if buffer:
        yield "".join(buffer)


def load_rdf_file(path: str | Path) -> ox.Store:
    """A store loaded from an RDF file (format from the extension: .nt .nq .ttl .trig .jsonld)."""
    path = Path(path)
    fmt = _RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ExportError(f"{path}: unknown RDF extension; use one of {', '.join(_RDF_FORMATS)}")
    store = ox.Store()
    try:
        store.load(path=str(path), format=fmt)
    except (OSError, SyntaxError) as exc:
        raise ExportError(f"{path}: cannot load RDF: {exc}") from exc
    return store


def _value(term: Any, is_list: bool) -> Any:
    if term is None:
        return [] if is_list else None
    if isinstance(term, ox.Literal):
        text = term.value
        if is_list:
            return sorted({v for v in text.split(LIST_SEPARATOR) if v})
        datatype = term.datatype.value
        if datatype in _INTEGERS:
            return int(text)
        if datatype in _FLOATS:
            return round(float(text), 4)
        if datatype == XSD + "boolean":
            return text in ("true", "1")
        return text
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term.value)


def run_query(
    store: ox.Store, text: str, lists: Iterable[str] = ()
) -> list[dict[str, Any]] | bool | str:
    """Run a SPARQL query: SELECT -> rows, ASK -> bool, CONSTRUCT/DESCRIBE -> N-Triples."""
    try:
        # the union, so that exports with named graphs (TriG, N-Quads) answer too
        result = store.query(text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    except OSError as exc:
        raise QueryError(f"SPARQL query failed: {exc}") from exc
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QueryTriples):
        return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in result)
    list_columns = set(lists)
    names = [v.value for v in result.variables]
    return [
        {name: _value(solution[name], name in list_columns) for name in names}
        for solution in result
    ]


def run_canned(
    store: ox.Store, name: str, params: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Run canned query ``name`` with ``params`` (strings or typed values) on ``store``."""
    query = get_sparql(name)
    rows = run_query(store, bind_query(query, dict(params or {})), query.lists)
    assert isinstance(rows, list)
    return rows


def answer(
    name: str | None = None,
    params: dict[str, Any] | None = None,
    *,
    directory: str | Path = "kg-out",
    graph: nx.MultiDiGraph | None = None,
    data: str | Path | None = None,
    query_file: str | Path | None = None,
    base: str | None = None,
) -> list[dict[str, Any]] | bool | str:
    """The plain function behind ``kg sparql``: one query on the embedded graph.

    Args:
        name: a canned query (``ontology/sparql/<name>.rq``), unless ``query_file``.
        params: ``--param`` values (strings converted to the declared types).
        directory: the ``kg build`` output to export into the store (unless ``data``).
        graph: the graph itself, already read (instead of ``directory``).
        data: an RDF file (an export) to query instead of ``directory``.
        query_file: any ``.rq`` file; its ``# @param`` / ``# @list`` header is honoured.
        base: the base IRI of the export.
    """
    if (name is None) == (query_file is None):
        raise QueryError("give a canned query NAME or --query FILE.rq (not both)")
    query = get_sparql(name) if name else load_query_file(Path(str(query_file)))
    text = bind_query(query, dict(params or {}))
    if data is not None:
        store = load_rdf_file(data)
    else:
        if graph is None:
            from kg.graph import read_graph

            graph = read_graph(directory)
        store = load_store(graph, base=base)
    return run_query(store, text, query.lists)
