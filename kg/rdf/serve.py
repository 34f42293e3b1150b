# ruff: noqa: N803  (G is the networkx convention for a graph argument)
"""Serve the graph over the SPARQL 1.1 Protocol with the Oxigraph server (PyPI ``oxigraph``).

:func:`prepare_store` streams the export as N-Triples into an on-disk Oxigraph store
(``oxigraph load``); :func:`serve` then runs ``oxigraph serve-read-only`` bound to a
loopback address. The endpoint answers ``GET``/``POST`` SPARQL queries at ``/query``
with content negotiation (SPARQL results JSON, XML, CSV, TSV; RDF for CONSTRUCT).
"""

from __future__ import annotations

import logging
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from kg.errors import ExportError
from kg.rdf.export import export

__all__ = ["oxigraph_binary", "prepare_store", "serve", "endpoint_url"]

log = logging.getLogger(__name__)


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server (beside this Python, else on ``PATH``)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise ExportError(
            "the Oxigraph server is not installed: pip install oxigraph "
            "(it provides the `oxigraph` command kg serve runs)"
        )
    return found


def endpoint_url(host: str, port: int) -> str:
    """The SPARQL query endpoint of a server bound to ``host:port``."""
    return f"http://{host}:{port}/query"


def prepare_store(G: nx.MultiDiGraph, location: Path, *, base: str | None = None) -> Path:
    """Export ``G`` as N-Triples and load it into an Oxigraph store directory ``location``."""
    location.mkdir(parents=True, exist_ok=True)
    data = location.parent / f"{location.name}.nt"
    stats = export(G, data, "nt", base=base)
    store = location / "store"
    if store.exists():
        shutil.rmtree(store)
    result = subprocess.run(
        [oxigraph_binary(), "load", "--location", str(store), "--file", str(data)],
        capture_output=True,
        text=True,
        check=False,
    )
    data.unlink(missing_ok=True)
    if result.returncode != 0:
        raise ExportError(f"oxigraph load failed: {result.stderr.strip()}")
    log.info("loaded %d triples into the Oxigraph store at %s", stats.triples, store)
    return store


def serve(
    G: nx.MultiDiGraph,
    port: int,
    *,
    host: str = "127.0.0.1",
    base: str | None = None,
    location: Path | None = None,
    on_ready: Callable[[str], None] | None = None,
) -> int:
    """Serve ``G`` read-only at ``http://host:port/query`` until interrupted.

    Returns:
        The server's exit code (0 after Ctrl-C).
    """
    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("binding the SPARQL endpoint to %s exposes it beyond this machine", host)
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as tmp:
        store = prepare_store(G, Path(location or Path(tmp) / "kg"), base=base)
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        cmd = [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", bind]
        process = subprocess.Popen(cmd)
        previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
        if on_ready is not None:
            on_ready(endpoint_url(host if ":" not in host else f"[{host}]", port))
        try:
            return process.wait()
        except (KeyboardInterrupt, SystemExit):
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)
            if process.poll() is None:  # never leave the server running without us
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def _exit_on_sigterm(signum: int, frame: object) -> None:
    """SIGTERM ends ``kg serve`` like Ctrl-C: stop the server, remove the temporary store."""
    raise SystemExit(0)
