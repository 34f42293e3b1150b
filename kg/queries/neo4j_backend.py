"""Run a canned query file on a Neo4j driver and return the rows of ``docs/queries.md``.

The ``.cypher`` files are run unchanged (the trailing ``;`` that cypher-shell wants is
dropped, nothing else); parameters travel as ``$params``, never formatted into the text.
Rows are normalised to the contract: lists sorted and de-duplicated, floats rounded to
4 places with Python's ``round`` (Cypher's ``round`` rounds half up on the decimal
text, Python on the binary value, so rounding happens here for every backend alike).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from kg.errors import LoaderError, QueryError
from kg.queries.catalog import QuerySpec, bind, get_query

if TYPE_CHECKING:
    from neo4j import Driver

__all__ = ["run_cypher", "statement", "normalise"]

log = logging.getLogger(__name__)

Row = dict[str, Any]


def _one_line(message: object) -> str:
    return " ".join(str(message).split())


def statement(spec: QuerySpec) -> str:
    """The query text to send: the file without its trailing semicolon."""
    return spec.text.rstrip().removesuffix(";")


def normalise(value: Any) -> Any:
    """One cell per the contract: sorted distinct lists, floats rounded to 4 places."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, list):
        return sorted({normalise(v) for v in value if v is not None})
    return value


def run_cypher(
    driver: Driver,
    name: str,
    params: dict[str, Any] | None = None,
    *,
    database: str | None = None,
) -> list[Row]:
    """Run canned query ``name`` with ``params`` (strings converted per its header).

    Raises:
        QueryError: unknown query, bad parameters, or a query Neo4j rejects.
        LoaderError: Neo4j cannot be reached or refuses the credentials.
    """
    from neo4j import RoutingControl
    from neo4j.exceptions import (
        AuthError,
        ClientError,
        DriverError,
        Neo4jError,
        ServiceUnavailable,
    )

    spec = get_query(name)
    bound = bind(spec, params or {})
    log.info("running %s with %s", spec.path, bound)
    try:
        driver.verify_connectivity()  # fails at once; execute_query retries for 30 s
        records, _, _ = driver.execute_query(
            statement(spec), bound, database_=database, routing_=RoutingControl.READ
        )
    except AuthError as exc:
        raise LoaderError(
            f"Neo4j refused the credentials ({exc.message}); check --user/--password "
            "or NEO4J_USER/NEO4J_PASSWORD"
        ) from None
    except ServiceUnavailable as exc:
        raise LoaderError(
            f"cannot reach Neo4j ({_one_line(exc)}); start it (docker compose up -d --wait "
            "or scripts/neo4j-local start) or check --uri/NEO4J_URI"
        ) from None
    except ClientError as exc:
        if exc.code and "DatabaseNotFound" in exc.code:
            raise LoaderError(
                f"{exc.message}; check --database/NEO4J_DATABASE (or leave it out for the default)"
            ) from None
        raise QueryError(
            f"{spec.path}: Neo4j rejected the query: {_one_line(exc.message)}"
        ) from None
    except (Neo4jError, DriverError) as exc:
        raise QueryError(f"{spec.path}: the query failed: {_one_line(exc)}") from None
    return [
        {key: normalise(value) for key, value in zip(record.keys(), record.values(), strict=True)}
        for record in records
    ]
