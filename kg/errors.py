"""The exception hierarchy: every error kg raises on purpose is a KGError.

The CLI turns a KGError into a one-line message and a non-zero exit, never a traceback.
Messages say what went wrong, where (file and line when there is one), and what to do.
"""

from __future__ import annotations

__all__ = [
    "KGError",
    "InputError",
    "OntologyError",
    "ExtractionError",
    "GraphError",
    "LoaderError",
    "QueryError",
    "ExportError",
]


class KGError(Exception):
    """Base class of the errors kg raises on purpose."""


class InputError(KGError):
    """Input that cannot be read: a missing path, an unknown format, malformed content."""


class OntologyError(KGError):
    """The ontology or a vocabulary file is missing or malformed."""


class ExtractionError(KGError):
    """The extraction pipeline cannot be built or run."""


class GraphError(KGError):
    """A built graph directory is missing or unreadable."""


class LoaderError(KGError):
    """Neo4j cannot be reached, refuses the credentials, or a write fails for good."""


class QueryError(KGError):
    """An unknown canned query, a missing parameter, or a query that fails."""


class ExportError(KGError):
    """The graph cannot be exported, validated or served as RDF."""
