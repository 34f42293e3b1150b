"""Where the data files shipped with kg live: ``ontology/`` and ``cypher/``.

In a source checkout (and an editable install) they sit at the repository root beside
``kg/``; in a wheel they are copied to ``kg/_data/``. Paths are always resolved relative
to this file, never to the working directory.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["resource_dir", "ontology_dir", "cypher_dir"]

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the directory of a shipped resource folder (``ontology`` or ``cypher``)."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg resource folder {name!r} not found beside {_PACKAGE}")


def ontology_dir() -> Path:
    return resource_dir("ontology")


def cypher_dir() -> Path:
    return resource_dir("cypher")
