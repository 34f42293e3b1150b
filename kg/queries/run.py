"""Answer a canned query from Neo4j (when a URI is given) or from the embedded graph.

This is the plain function behind ``kg query``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from kg.queries.catalog import bind, get_query
from kg.queries.embedded import run_embedded

__all__ = ["run_query", "DEFAULT_DIR"]

log = logging.getLogger(__name__)

#: Where ``kg build`` writes the graph by default.
DEFAULT_DIR = Path("kg-out")


def run_query(
    name: str,
    params: dict[str, Any] | None = None,
    *,
    directory: str | Path = DEFAULT_DIR,
    uri: str | None = None,
    user: str = "neo4j",
    password: str | None = None,
    database: str | None = None,
) -> list[dict[str, Any]]:
    """Rows of canned query ``name`` (``docs/queries.md``).

    Args:
        name: a canned query (``kg.queries.catalog.CANNED``).
        params: parameter values; strings are converted to the declared types.
        directory: the ``kg build`` output read when no ``uri`` is given.
        uri: a Neo4j Bolt URI; when set, the query runs there with the credentials.

    Raises:
        QueryError: unknown query or bad parameters. GraphError: no graph in
        ``directory``. LoaderError: Neo4j unreachable or refusing the credentials.
    """
    spec = get_query(name)
    bound = bind(spec, params or {})
    if uri:
        if Path(directory) != DEFAULT_DIR:
            log.warning("a Neo4j URI is set (%s): querying Neo4j, not %s", uri, directory)
        return _run_neo4j(name, bound, uri=uri, user=user, password=password, database=database)
    from kg.graph import read_graph

    log.info("query %s on the embedded graph in %s", name, directory)
    return run_embedded(read_graph(directory), name, bound)


def _run_neo4j(
    name: str,
    bound: dict[str, Any],
    *,
    uri: str,
    user: str,
    password: str | None,
    database: str | None,
) -> list[dict[str, Any]]:
    from kg.neo4j_loader import Neo4jSettings, connect
    from kg.queries.neo4j_backend import run_cypher

    log.info("query %s on Neo4j at %s", name, uri)
    settings = Neo4jSettings(uri=uri, user=user, password=password, database=database or "neo4j")
    driver = connect(settings)  # one-line LoaderError when unreachable or refused
    try:
        return run_cypher(driver, name, bound, database=settings.database)
    finally:
        driver.close()
