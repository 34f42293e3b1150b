"""A streaming Turtle writer: prefixed names, ``;`` between a subject's triples, bounded memory.

The triples arrive node by node from :func:`kg.rdf.mapping.iter_node_triples`;
consecutive triples of one subject share it (``s p1 o1 ; p2 o2 .``). IRIs become
prefixed names when their local part is a plain ``PN_LOCAL`` (letters, digits, ``_``,
``-``, ``.`` not at the ends), otherwise ``<IRI>``. Literals are escaped like
N-Triples (valid Turtle) and keep their datatype (``"5"^^xsd:integer``).

>>> import io
>>> out = io.StringIO()
>>> write_turtle(out, [[("http://ex.org/a", "http://ex.org/p", ("x", None))]], {"ex": "http://ex.org/"})
>>> print(out.getvalue().splitlines()[-1])
ex:a ex:p "x" .
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import IO, cast

from kg.rdf.export import escape_string
from kg.rdf.mapping import Triple
from kg.rdf.terms import RDF_TYPE, XSD

__all__ = ["write_turtle", "turtle_prefixes"]

_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\\ud800-\udfff]')
_XSD_STRING = XSD + "string"


def turtle_prefixes(base: str, prefixes: dict[str, str]) -> dict[str, str]:
    """The standard prefixes plus ones for the instance IRIs under ``base``."""
    return {
        **prefixes,
        "paper": base + "paper/",
        "entity": base + "entity/",
        "assertion": base + "assertion/",
        "kgr": base,
    }


class _Names:
    """IRI -> prefixed name or ``<IRI>``, with a bounded cache."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        # longest namespace first, so <base>paper/ wins over <base>
        self._spaces = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda x: -len(x[0]))
        self._cache: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        """The name of an IRI that recurs (predicates, objects, datatypes): cached."""
        found = self._cache.get(iri)
        if found is None:
            if len(self._cache) >= 16384:
                self._cache.clear()
            found = self._cache[iri] = self.shorten(iri)
        return found

    def shorten(self, iri: str) -> str:
        """The name of an IRI, uncached (subjects: each is written once per run)."""
        for ns, prefix in self._spaces:
            if iri.startswith(ns) and _LOCAL.match(iri[len(ns) :]):
                return f"{prefix}:{iri[len(ns) :]}"
        return f"<{iri}>"


def write_turtle(
    out: IO[str],
    blocks: Iterable[list[Triple]],
    prefixes: dict[str, str],
    chunk: int = 4096,
) -> None:
    """Write the triples of ``blocks`` as Turtle to ``out``."""
    name = _Names(prefixes)
    name_of = {RDF_TYPE: "a"}
    suffixes: dict[str | None, str] = {None: '"', _XSD_STRING: '"'}
    out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes.items()) + "\n")
    buffer: list[str] = []
    previous: str | None = None
    for block in blocks:
        for s, p, o in block:
            if isinstance(o, str):
                obj = name(o)
            else:
                value, datatype = o
                suffix = suffixes.get(datatype)
                if suffix is None:  # datatype is not None here: None is in suffixes
                    suffix = suffixes[datatype] = f'"^^{name(cast(str, datatype))}'
                if _NEEDS_ESCAPE.search(value):
                    value = escape_string(value)
                obj = f'"{value}{suffix}'
            pred = name_of.get(p)
            if pred is None:
                pred = name_of[p] = name(p)
            if s == previous:
                buffer.append(f" ;\n    {pred} {obj}")
            else:
                end = " .\n\n" if previous is not None else "\n"
                buffer.append(f"{end}{name.shorten(s)} {pred} {obj}")
                previous = s
        if len(buffer) >= chunk:
            out.write("".join(buffer))
            buffer.clear()
    if previous is not None:
        buffer.append(" .\n")
    out.write("".join(buffer))
