"""Cypher shipped with kg: files under ``cypher/`` read relative to the package.

Queries live in ``.cypher`` files with header comments (what they do, parameters, an
example), never in Python strings, and data always travels as ``$parameters``.

>>> statements("CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x);\\n// note\\nRETURN 1;")
['CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)', 'RETURN 1']
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kg.errors import KGError
from kg.resources import cypher_dir

__all__ = ["cypher_path", "read_cypher", "statements", "schema_statements"]


def cypher_path(name: str) -> Path:
    """The path of ``cypher/<name>.cypher`` (``name`` may have a sub-folder: ``load/papers``)."""
    return cypher_dir() / f"{name}.cypher"


@cache
def read_cypher(name: str) -> str:
    """The text of ``cypher/<name>.cypher``, comments included, trailing ``;`` dropped.

    Raises:
        KGError: when the file is missing (a broken installation).
    """
    path = cypher_path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KGError(f"{path}: cannot read kg's Cypher ({exc}); reinstall kg") from exc
    return text.rstrip().removesuffix(";")


def statements(text: str) -> list[str]:
    """Split a script into statements: ``;`` ends a statement at the end of a line.

    Whole-line ``//`` comments are dropped; a ``;`` inside a line is left alone.
    """
    out: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("//"):
            continue
        if stripped.endswith(";"):
            current.append(line.rstrip()[:-1].rstrip())
            out.append("\n".join(current).strip())
            current = []
        else:
            current.append(line)
    if "".join(current).strip():
        out.append("\n".join(current).strip())
    return [s for s in out if s]


def schema_statements() -> list[str]:
    """The constraint and index statements of ``cypher/schema.cypher``, in order."""
    return statements(cypher_path("schema").read_text(encoding="utf-8"))
