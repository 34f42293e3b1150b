"""``kg serve``: the graph as a SPARQL 1.1 Protocol endpoint on loopback (Oxigraph server)."""

from __future__ import annotations

import sys

import click

__all__ = ["command"]


@click.command(name="serve")
@click.argument(
    "directory", required=False, default="kg-out", type=click.Path(file_okay=False, path_type=str)
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=7878,
    show_default=True,
    help="TCP port of the endpoint.",
)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default)."
)
@click.option(
    "--base-iri",
    envvar="KG_BASE_IRI",
    default=None,
    help="Base of instance IRIs [env KG_BASE_IRI].",
)
def command(directory: str, port: int, host: str, base_iri: str | None) -> None:
    """Serve the graph in DIRECTORY (default kg-out/) over the SPARQL 1.1 Protocol.

    Exports the graph into an Oxigraph store (pip package `oxigraph`) and runs its
    read-only server at http://HOST:PORT/query until Ctrl-C. Queries go by GET
    (?query=...) or POST; results in JSON, XML, CSV or TSV by the Accept header.

    \b
    Example:
      kg serve kg-out --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' \\
           http://127.0.0.1:7878/query
    """
    from kg.graph import read_graph
    from kg.rdf.serve import serve

    def ready(url: str) -> None:
        click.echo(f"SPARQL endpoint: {url} (Ctrl-C to stop)", err=True)

    code = serve(read_graph(directory), port, host=host, base=base_iri, on_ready=ready)
    if code:
        sys.exit(code)
