"""Check an RDF export against the SHACL shapes of ``ontology/shapes.ttl`` (pySHACL).

:func:`validate_file` parses an export (format from its extension), runs pySHACL without
inference (the shapes target every class explicitly) and returns a :class:`Report`
whose violations name the focus node, the property path, the offending value and the
shape's message, readable on a terminal by :meth:`Report.text`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import ExportError
from kg.resources import ontology_dir

__all__ = [
    "Violation",
    "Report",
    "validate_graph",
    "validate_file",
    "shapes_path",
    "RDF_EXTENSIONS",
]

log = logging.getLogger(__name__)

#: file extension -> rdflib format name
RDF_EXTENSIONS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}
_SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: where, which property, which value, what is wrong."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"
    value: str = ""

    def text(self) -> str:
        value = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus}\n  path: {self.path or '-'}{value}\n  {self.message}"


@dataclass
class Report:
    """The outcome of a validation: conforms, and the violations sorted by focus and path."""

    conforms: bool
    triples: int
    violations: list[Violation] = field(default_factory=list)

    def text(self, limit: int = 50) -> str:
        if self.conforms:
            return f"conforms: {self.triples} triples satisfy ontology/shapes.ttl"
        lines = [f"does not conform: {len(self.violations)} violation(s) in {self.triples} triples"]
        lines += [v.text() for v in self.violations[:limit]]
        if len(self.violations) > limit:
            lines.append(f"... and {len(self.violations) - limit} more")
        return "\n".join(lines)


def shapes_path() -> Path:
    """``ontology/shapes.ttl``."""
    return ontology_dir() / "shapes.ttl"


def _short(term: Any, graph: Any) -> str:
    if term is None:
        return ""
    try:
        return str(term.n3(graph.namespace_manager))
    except Exception:  # noqa: BLE001 - a display helper must not fail the report
        return str(term)


def validate_graph(data: Any, shapes: Path | None = None) -> Report:
    """Validate an ``rdflib.Graph`` (or Dataset) against the shapes."""
    import pyshacl
    from rdflib import Graph, Namespace

    shapes = shapes or shapes_path()
    if not shapes.is_file():
        raise ExportError(
            f"SHACL shapes not found at {shapes}; the ontology ships ontology/shapes.ttl"
        )
    shapes_graph = Graph().parse(shapes, format="turtle")
    from kg.rdf.terms import PREFIXES

    for prefix, namespace in PREFIXES.items():
        data.bind(prefix, namespace, override=True)
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph, inference="none", advanced=True, allow_warnings=True
    )
    sh = Namespace(_SH)
    violations = []
    for result in results.subjects(predicate=None, object=sh.ValidationResult):
        severity = results.value(result, sh.resultSeverity)
        violations.append(
            Violation(
                focus=_short(results.value(result, sh.focusNode), data),
                path=_short(results.value(result, sh.resultPath), data),
                message=str(results.value(result, sh.resultMessage) or ""),
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                value=_short(results.value(result, sh.value), data),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.message, v.value))
    return Report(bool(conforms), len(data), violations)


def validate_file(path: str | Path, shapes: Path | None = None) -> Report:
    """Parse the export at ``path`` (``.ttl .nt .nq .trig .jsonld``) and validate it."""
    from rdflib import Dataset, Graph

    path = Path(path)
    fmt = RDF_EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise ExportError(f"{path}: unknown RDF extension; use one of {', '.join(RDF_EXTENSIONS)}")
    if not path.is_file():
        raise ExportError(f"{path}: no such file; export one with `kg export -o {path.name}`")
    try:
        if fmt in ("nquads", "trig"):
            ds = Dataset()
            ds.parse(path, format=fmt)
            data = Graph()
            for s, p, o, _ in ds.quads((None, None, None, None)):
                data.add((s, p, o))
        else:
            data = Graph().parse(path, format=fmt)
    except Exception as exc:  # noqa: BLE001 - rdflib raises many parser-specific types
        raise ExportError(f"{path}: not valid {fmt}: {exc}") from exc
    return validate_graph(data, shapes)
