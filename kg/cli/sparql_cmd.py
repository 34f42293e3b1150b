"""``kg sparql``: a canned SPARQL query (or any .rq file) on the graph, via pyoxigraph."""

from __future__ import annotations

import click

from kg.cli._options import format_option, param_option
from kg.queries.format import FORMATS, format_rows

__all__ = ["command"]


def read_graph(directory: str):  # type: ignore[no-untyped-def]  # patched in tests
    from kg.graph import read_graph as _read

    return _read(directory)


@click.command(name="sparql")
@click.argument("name", required=False)
@click.argument(
    "directory", required=False, default="kg-out", type=click.Path(file_okay=False, path_type=str)
)
@param_option()
@format_option(FORMATS, "Output format of SELECT rows on stdout.")
@click.option(
    "--query",
    "query_file",
    type=click.Path(dir_okay=False, exists=True),
    help="Run this .rq file instead of a canned query.",
)
@click.option(
    "--data",
    type=click.Path(dir_okay=False, exists=True),
    help="Query this RDF file (an export) instead of DIRECTORY.",
)
@click.option(
    "--base-iri",
    envvar="KG_BASE_IRI",
    default=None,
    help="Base of instance IRIs [env KG_BASE_IRI].",
)
@click.option("--list", "list_", is_flag=True, help="List the canned SPARQL queries and exit.")
def command(
    name: str | None,
    directory: str,
    params: tuple[str, ...],
    fmt: str,
    query_file: str | None,
    data: str | None,
    base_iri: str | None,
    list_: bool,
) -> None:
    """Run canned SPARQL query NAME (ontology/sparql/NAME.rq) on the graph in DIRECTORY.

    The graph of `kg build` (default kg-out/) is exported into an in-memory
    pyoxigraph store; --data queries an export file instead. SELECT rows go to
    stdout as a table, JSON or CSV; ASK prints true/false; CONSTRUCT prints N-Triples.

    \b
    Example:
      kg sparql lineage --param name=ZeRO
      kg sparql compare -p a=DiLoCo -p b=DiLoCoX --format json
      kg sparql --query my.rq --data kg.nt --format csv
    """
    from kg.queries.catalog import parse_param_args
    from kg.rdf import sparql

    if list_:
        click.echo("\n".join(f"{q.usage()}\n    {q.description}" for q in sparql.list_sparql()))
        return
    if query_file and name and directory == "kg-out":  # `kg sparql --query F DIR`
        directory, name = name, None
    if not name and not query_file:
        raise click.UsageError("give a canned query NAME or --query FILE.rq (see --list)")
    result = sparql.answer(
        None if query_file else name,
        parse_param_args(params),
        graph=None if data else read_graph(directory),
        data=data,
        query_file=query_file,
        base=base_iri,
    )
    if isinstance(result, bool):
        click.echo("true" if result else "false")
    elif isinstance(result, str):
        click.echo(result, nl=False)
    else:
        text_out = format_rows(result, fmt)
        if text_out:
            click.echo(text_out)
