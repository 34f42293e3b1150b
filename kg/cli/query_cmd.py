"""``kg query``: run a canned query on Neo4j or on the embedded graph of ``kg build``."""

from __future__ import annotations

import click

from kg.cli._neo4j_options import neo4j_options
from kg.cli._options import format_option, param_option
from kg.queries.format import FORMATS, format_rows

__all__ = ["command"]


def _list_queries() -> str:
    from kg.queries.catalog import list_queries

    blocks = [f"{spec.usage()}\n    {spec.description}" for spec in list_queries()]
    return "\n".join(blocks)


@click.command(name="query")
@click.argument("name", required=False)
@click.argument(
    "directory",
    required=False,
    default="kg-out",
    type=click.Path(file_okay=False, path_type=str),
)
@param_option()
@format_option(FORMATS, "Output format on stdout.")
@click.option("--list", "list_", is_flag=True, help="List the canned queries and exit.")
@neo4j_options(uri_default=None)
def command(
    name: str | None,
    directory: str,
    params: tuple[str, ...],
    fmt: str,
    list_: bool,
    uri: str | None,
    user: str,
    password: str | None,
    database: str | None,
) -> None:
    """Run canned query NAME on Neo4j (with --uri) or on the graph in DIRECTORY.

    Without --uri (or NEO4J_URI) the query runs on the graph `kg build` wrote into
    DIRECTORY (default kg-out/); with it, the same query runs as cypher/NAME.cypher on
    Neo4j, with the same rows. Rows go to stdout, the row count to stderr.

    \b
    Example:
      kg query --list
      kg query lineage --param name=ZeRO
      kg query compare -p a=DiLoCo -p b=DiLoCoX --format json
      kg query top -p type=Hardware --uri bolt://localhost:7687
    """
    if list_:
        click.echo(_list_queries())
        return
    if not name:
        raise click.UsageError("name a query (kg query --list shows them)")
    from kg.queries.catalog import parse_param_args
    from kg.queries.run import run_query

    rows = run_query(
        name,
        parse_param_args(params),
        directory=directory,
        uri=uri,
        user=user,
        password=password,
        database=database,
    )
    text = format_rows(rows, fmt)
    if text:
        click.echo(text)
    if not (click.get_current_context().find_root().obj or {}).get("quiet"):
        click.echo(f"{len(rows)} row{'s' if len(rows) != 1 else ''}", err=True)
