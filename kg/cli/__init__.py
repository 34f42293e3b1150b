"""The ``kg`` command: a thin click layer over the library.

Each sub-command lives in its own module ``kg/cli/<name>.py`` exposing ``command``, and
only parses options and calls a plain function of the library. Modules are imported on
demand, so ``kg papers`` never pays for importing spaCy. A ``KGError`` raised anywhere
becomes a one-line ``Error: ...`` on stderr and exit code 1, never a traceback.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys

import click

from kg import __version__
from kg.errors import KGError

__all__ = ["cli", "main"]

#: command name -> module under kg.cli (module names avoid clashing with library modules)
COMMANDS: dict[str, str] = {
    "papers": "papers_cmd",
    "extract": "extract_cmd",
    "build": "build_cmd",
    "stats": "stats_cmd",
    "load": "load_cmd",
    "query": "query_cmd",
    "export": "export_cmd",
    "validate": "validate_cmd",
    "sparql": "sparql_cmd",
    "serve": "serve_cmd",
}


class LazyGroup(click.Group):
    """A group that imports each command's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(
            name
            for name, module in COMMANDS.items()
            if importlib.util.find_spec(f"kg.cli.{module}") is not None
        )

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None or importlib.util.find_spec(f"kg.cli.{module_name}") is None:
            return None
        module = importlib.import_module(f"kg.cli.{module_name}")
        return module.command

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KGError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr; no progress bars.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Build a knowledge graph of ML-systems research from paper listings.

    \b
    Example:
      kg build examples/listing.txt          # graph in kg-out/, summary table
      kg query lineage --param name=ZeRO     # canned query on that graph
    """
    level = (
        logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    )
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    ctx.ensure_object(dict)
    ctx.obj["quiet"] = quiet


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="kg")
