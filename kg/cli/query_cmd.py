"""``kg query``: run a canned query on Neo4j or on the embedded graph of ``kg build``."""

from __future__ import annotations

import click

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
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A query parameter (repeatable); see --list for each query's parameters.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Output format on stdout.",
)
@click.option("--list", "list_", is_flag=True, help="List the canned queries and exit.")
@click.option(
    "--uri",
    envvar="NEO4J_URI",
    default=None,
    help="Neo4j Bolt URI [env NEO4J_URI]; without it the query runs on DIRECTORY.",
)
@click.option(
    "--user", envvar="NEO4J_USER", default="neo4j", show_default=True, help="[env NEO4J_USER]"
)
@click.option("--password", envvar="NEO4J_PASSWORD", default=None, help="[env NEO4J_PASSWORD]")
@click.option("--database", envvar="NEO4J_DATABASE", default=None, help="[env NEO4J_DATABASE]")
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

    DIRECTORY is what `kg build` wrote (default kg-out/). Rows go to stdout.

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
