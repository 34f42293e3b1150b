# ruff: noqa: N803  (G is the networkx convention for a graph argument)
"""Export the graph as RDF: streaming N-Triples / N-Quads / TriG / Turtle, and JSON-LD.

N-Triples, N-Quads and TriG are written by the streaming writer here, and Turtle by
:mod:`kg.rdf.turtle`, node by node from :func:`kg.rdf.mapping.iter_node_triples`,
escaped per the W3C grammars; memory stays bounded whatever the size of the graph (no
rdflib Graph is built). JSON-LD goes through rdflib (:func:`to_rdflib`), which holds
the data in memory.

The data triples come first; the VoID description of the dataset closes the file
(its counts are gathered while streaming). In N-Quads and TriG the data sit in the
named graph ``<base>graph`` and the VoID description in the default graph.

>>> import io, networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("entity/zero", type="Method", name="ZeRO", aliases=[])
>>> out = io.StringIO()
>>> stats = write(G, out, "nt", base="http://ex.org/")
>>> out.getvalue().splitlines()[0].split()[2]
'<https://w3id.org/kg/ontology#Method>'
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.errors import ExportError
from kg.rdf.mapping import (
    DEFAULT_LICENSE,
    Stats,
    Triple,
    iter_node_triples,
    iter_triples,
    void_triples,
)
from kg.rdf.terms import PREFIXES, XSD, Lit, base_iri, graph_iri

__all__ = [
    "FORMATS",
    "STREAMING_FORMATS",
    "export",
    "write",
    "nt_term",
    "escape_string",
    "to_rdflib",
    "graph_triples",
    "nt_blocks",
]

log = logging.getLogger(__name__)

#: format name -> rdflib / file-extension name
FORMATS: dict[str, str] = {
    "nt": "nt",
    "nquads": "nquads",
    "trig": "trig",
    "turtle": "turtle",
    "jsonld": "json-ld",
}
STREAMING_FORMATS = frozenset({"nt", "nquads", "trig", "turtle"})

_XSD_STRING = XSD + "string"
_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\\ud800-\udfff]')
_ECHAR = {"\t": "\\t", "\b": "\\b", "\n": "\\n", "\r": "\\r", "\f": "\\f", '"': '\\"', "\\": "\\\\"}
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_predicate = itemgetter(1)


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    return _ECHAR.get(char) or f"\\u{ord(char):04X}"


def escape_string(value: str) -> str:
    """Escape a literal's lexical form for N-Triples / Turtle ``"..."`` strings.

    >>> escape_string('say "hi"\\n')
    'say \\\\"hi\\\\"\\\\n'
    """
    if _SURROGATE.search(value):  # not encodable in UTF-8: replace lone surrogates
        value = _SURROGATE.sub("\ufffd", value)
    return _ESCAPE.sub(_escape_char, value) if _ESCAPE.search(value) else value


def nt_term(term: str | Lit) -> str:
    """One term in N-Triples syntax (IRIs are already percent-encoded when minted)."""
    if isinstance(term, str):
        return "<" + term + ">"
    value, datatype = term
    text = '"' + escape_string(value) + '"'
    if datatype and datatype != _XSD_STRING:
        return text + "^^<" + datatype + ">"
    return text


def _block_lines(
    blocks: Iterable[list[Triple]], stats: Stats, graph: str | None
) -> Iterator[list[str]]:
    """N-Triples (``graph`` None) or N-Quads lines, a list per block, counting into ``stats``."""
    tail = " .\n" if graph is None else f" <{graph}> .\n"
    props = stats.properties
    suffixes: dict[str | None, str] = {None: '"', _XSD_STRING: '"'}
    search = _ESCAPE.search
    for block in blocks:
        lines: list[str] = []
        append = lines.append
        for s, p, o in block:
            if isinstance(o, str):
                append(f"<{s}> <{p}> <{o}>{tail}")
                continue
            value, datatype = o
            suffix = suffixes.get(datatype)
            if suffix is None:
                suffix = suffixes[datatype] = f'"^^<{datatype}>'
            if search(value):
                value = escape_string(value)
            append(f'<{s}> <{p}> "{value}{suffix}{tail}')
        props.update(map(_predicate, block))
        stats.triples += len(lines)
        yield lines


def write(
    G: nx.MultiDiGraph,
    out: IO[str],
    fmt: str,
    *,
    base: str | None = None,
    license_iri: str = DEFAULT_LICENSE,
    chunk: int = 4096,
) -> Stats:
    """Write ``G`` as RDF in format ``fmt`` (a key of :data:`FORMATS`) to text stream ``out``.

    Returns:
        The counts of the data triples written (the VoID description excluded).
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown RDF format {fmt!r}; choose one of {', '.join(FORMATS)}")
    base = base_iri(base)
    stats = Stats()
    if fmt not in STREAMING_FORMATS:
        graph = to_rdflib(G, base=base, license_iri=license_iri, stats=stats)
        text = graph.serialize(format=FORMATS[fmt], **_serialize_options(fmt))
        out.write(text if text.endswith("\n") else text + "\n")
        return stats
    if fmt == "turtle":
        _write_turtle(G, out, base, stats, license_iri, chunk)
        return stats
    named = graph_iri(base) if fmt != "nt" else None
    if fmt == "trig":
        out.write(f"<{named}> {{\n")
    blocks = iter_node_triples(G, base, stats)
    _write_blocks(out, _block_lines(blocks, stats, named if fmt == "nquads" else None), chunk)
    if fmt == "trig":
        out.write("}\n")
    meta = list(void_triples(base, stats, license_iri=license_iri, **_graph_meta(G)))
    _write_blocks(out, _block_lines([meta], Stats(), None), chunk)
    return stats


def _write_turtle(
    G: nx.MultiDiGraph, out: IO[str], base: str, stats: Stats, license_iri: str, chunk: int
) -> None:
    from kg.rdf.turtle import turtle_prefixes, write_turtle

    def blocks() -> Iterator[list[Triple]]:
        for block in iter_node_triples(G, base, stats):
            stats.triples += len(block)
            stats.properties.update(map(_predicate, block))
            yield block
        yield list(void_triples(base, stats, license_iri=license_iri, **_graph_meta(G)))

    write_turtle(out, blocks(), turtle_prefixes(base, PREFIXES), chunk)


def nt_blocks(
    G: nx.MultiDiGraph, *, base: str | None = None, license_iri: str = DEFAULT_LICENSE
) -> Iterator[list[str]]:
    """The N-Triples export as blocks of lines (data, then VoID), for streaming loaders."""
    base = base_iri(base)
    stats = Stats()
    yield from _block_lines(iter_node_triples(G, base, stats), stats, None)
    meta = list(void_triples(base, stats, license_iri=license_iri, **_graph_meta(G)))
    yield from _block_lines([meta], Stats(), None)


def _write_blocks(out: IO[str], blocks: Iterator[list[str]], chunk: int) -> None:
    """Write line blocks in chunks of about ``chunk`` lines (bounded memory, few writes)."""
    buffer: list[str] = []
    for lines in blocks:
        buffer += lines
        if len(buffer) >= chunk:
            out.write("".join(buffer))
            buffer.clear()
    out.write("".join(buffer))


def _graph_meta(G: nx.MultiDiGraph) -> dict[str, Any]:
    return {
        "created": G.graph.get("created"),
        "inputs": [str(p) for p in G.graph.get("inputs") or ()],
        "version": G.graph.get("kg_version"),
    }


def _serialize_options(fmt: str) -> dict[str, Any]:
    if fmt == "jsonld":
        return {"context": dict(PREFIXES), "auto_compact": True}
    return {}


def graph_triples(
    G: nx.MultiDiGraph, *, base: str | None = None, license_iri: str = DEFAULT_LICENSE
) -> Iterator[Triple]:
    """All triples of the export, data then VoID, as terms (for in-memory stores)."""
    base = base_iri(base)
    stats = Stats()
    for triple in iter_triples(G, base, stats):
        stats.triples += 1
        stats.properties.add(triple[1])
        yield triple
    yield from void_triples(base, stats, license_iri=license_iri, **_graph_meta(G))


def to_rdflib(
    G: nx.MultiDiGraph,
    *,
    base: str | None = None,
    license_iri: str = DEFAULT_LICENSE,
    stats: Stats | None = None,
) -> Any:
    """The export as an in-memory ``rdflib.Graph`` (data and VoID), prefixes bound."""
    from rdflib import Graph, Literal, URIRef

    base = base_iri(base)
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    graph.bind("kgr", base, override=True)
    stats = stats if stats is not None else Stats()
    nodes: dict[str, URIRef] = {}

    def term(t: str | Lit) -> Any:
        if isinstance(t, str):
            found = nodes.get(t)
            if found is None:
                found = nodes[t] = URIRef(t)
            return found
        value, datatype = t
        return Literal(value, datatype=URIRef(datatype) if datatype else None)

    add = graph.add
    for s, p, o in iter_triples(G, base, stats):
        stats.triples += 1
        stats.properties.add(p)
        add((term(s), term(p), term(o)))
    for s, p, o in void_triples(base, stats, license_iri=license_iri, **_graph_meta(G)):
        add((term(s), term(p), term(o)))
    return graph


@contextmanager
def _open_out(path: str | Path) -> Iterator[IO[str]]:
    if str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror}; check the -o path") from exc


def export(
    G: nx.MultiDiGraph,
    output: str | Path,
    fmt: str = "turtle",
    *,
    base: str | None = None,
    license_iri: str = DEFAULT_LICENSE,
) -> Stats:
    """Export ``G`` to file ``output`` (``-`` = stdout) in format ``fmt``."""
    with _open_out(output) as out:
        stats = write(G, out, fmt, base=base, license_iri=license_iri)
    log.info(
        "exported %d triples (%d classes, %d properties) as %s to %s",
        stats.triples,
        len(stats.classes),
        len(stats.properties),
        fmt,
        output,
    )
    return stats
