"""Shared click options for commands that talk to Neo4j: --uri, --user, --password, --database.

Each option also reads its ``NEO4J_*`` environment variable; credentials never have a
default in code.

.. code-block:: python

    @click.command()
    @neo4j_options()                       # --uri defaults to bolt://localhost:7687
    def command(uri, user, password, database): ...

    @neo4j_options(uri_default=None)       # no URI: the command works without Neo4j
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

__all__ = ["DEFAULT_URI", "neo4j_options", "settings_from_options"]

DEFAULT_URI = "bolt://localhost:7687"
F = TypeVar("F", bound=Callable[..., Any])


def neo4j_options(
    *, uri_default: str | None = DEFAULT_URI, database_default: str | None = "neo4j"
) -> Callable[[F], F]:
    """Add ``--uri/--user/--password/--database`` (env ``NEO4J_URI`` ... ``NEO4J_DATABASE``)."""
    uri_help = "Neo4j Bolt URI [env NEO4J_URI]" + (
        f" [default: {uri_default}]" if uri_default else ""
    )
    db_help = "Neo4j database [env NEO4J_DATABASE]" + (
        f" [default: {database_default}]" if database_default else " [default: the server's]"
    )
    options = [
        click.option("--uri", envvar="NEO4J_URI", default=uri_default, help=uri_help),
        click.option(
            "--user",
            envvar="NEO4J_USER",
            default="neo4j",
            help="Neo4j user [env NEO4J_USER] [default: neo4j]",
        ),
        click.option(
            "--password",
            envvar="NEO4J_PASSWORD",
            default=None,
            help="Neo4j password [env NEO4J_PASSWORD; prefer the variable to the option]",
        ),
        click.option("--database", envvar="NEO4J_DATABASE", default=database_default, help=db_help),
    ]

    def decorate(fn: F) -> F:
        for option in reversed(options):
            fn = option(fn)
        return fn

    return decorate


def settings_from_options(
    uri: str, user: str, password: str | None, database: str | None, **extra: Any
) -> Any:
    """A :class:`kg.neo4j_loader.Neo4jSettings` from the option values."""
    from kg.neo4j_loader import Neo4jSettings

    return Neo4jSettings(
        uri=uri, user=user, password=password, database=database or "neo4j", **extra
    )
