# ruff: noqa: N803  (G is the networkx convention for a graph argument)
"""Write the graph of ``kg build`` into Neo4j: batched, idempotent and incremental.

.. code-block:: python

    from kg.graph import read_graph
    from kg.neo4j_loader import Neo4jSettings, load_graph

    settings = Neo4jSettings(uri="bolt://127.0.0.1:7687", password=os.environ["NEO4J_PASSWORD"])
    stats = load_graph(read_graph("kg-out"), settings)
    print(stats.render())

How it writes (queries in ``cypher/schema.cypher`` and ``cypher/load/*.cypher``):

1. constraints and indexes (``IF NOT EXISTS``), then waits for them to be online;
2. entity nodes, ``:Entity`` plus the ontology label of their class;
3. papers in groups of about ``batch_size`` rows, one transaction per group: delete the
   facts the group's papers stated before and no longer state, merge the paper nodes,
   their role edges and the relations they state; recount ``support`` and
   ``confidence`` of entities that lost a fact (an entity left with no paper and no
   edge is deleted);
4. relations no paper states (the graph's derived lineage), plus lineage read off the
   names between this graph's entities and those earlier loads left (a name loaded now
   links to one loaded before), after deleting derived edges to names no paper names
   any more; then ``support`` and ``confidence`` of the graph's entities, recomputed
   from the papers in the database.

Every write is ``UNWIND $rows ... MERGE`` with the data, labels and relationship types
as parameters (dynamic ``$(...)`` labels/types, Neo4j 5.26+), run through the driver's
``execute_write``, which retries transient failures. Loading the same graph again
deletes and creates nothing; loading new papers adds them; a paper extracted again
replaces its own facts and nothing else. A load cut short (server killed) leaves whole
transactions only: loading again finishes it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.cypher import read_cypher, schema_statements
from kg.errors import LoaderError
from kg.graph import DERIVED_KEY
from kg.load_plan import LoadPlan, PaperGroup, Row, StoredEntity, derived_rows, plan_load
from kg.ontology import Relation, load_ontology

if TYPE_CHECKING:
    from neo4j import Driver, ManagedTransaction

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "Neo4jSettings",
    "LoadPlan",
    "LoadStats",
    "StoredEntity",
    "derived_rows",
    "plan_load",
    "connect",
    "neo4j_errors",
    "load_graph",
    "load_with_driver",
]

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 2000
#: progress(rows done, rows total): called after each committed transaction.
Progress = Callable[[int, int], None]

_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_COUNTERS = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
    "labels_added",
    "labels_removed",
)


@dataclass(frozen=True, slots=True)
class Neo4jSettings:
    """Where to load: the CLI fills these from options and ``NEO4J_*`` variables."""

    uri: str = "bolt://localhost:7687"
    user: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str = "neo4j"
    #: how long the driver retries a transaction that failed transiently (seconds)
    retry_seconds: float = 30.0
    connect_timeout: float = 10.0


# -- talking to the server -------------------------------------------------------------


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


@contextmanager
def neo4j_errors(settings: Neo4jSettings, *, during: str = "") -> Iterator[None]:
    """Turn the driver's exceptions into a one-line :class:`LoaderError` saying what to do."""
    from neo4j.exceptions import (
        AuthError,
        ClientError,
        ConfigurationError,
        DriverError,
        Neo4jError,
        ServiceUnavailable,
        SessionExpired,
    )

    where = f"Neo4j at {settings.uri}"
    try:
        yield
    except AuthError:
        raise LoaderError(
            f"{where} refused the credentials for user {settings.user!r}: "
            "check --user/--password (NEO4J_USER/NEO4J_PASSWORD)"
        ) from None
    except (ServiceUnavailable, SessionExpired) as exc:
        if during:
            raise LoaderError(
                f"lost {where} {during} ({_one_line(exc)}); once it is back, run kg load "
                "again: loading is idempotent and finishes the graph"
            ) from None
        raise LoaderError(
            f"cannot reach {where}: start it (scripts/neo4j-local start, or docker compose "
            "up -d --wait) or fix --uri (NEO4J_URI)"
        ) from None
    except ClientError as exc:
        if exc.code and exc.code.endswith("DatabaseNotFound"):
            raise LoaderError(
                f"{where} has no database {settings.database!r}: fix --database "
                "(NEO4J_DATABASE); Community Edition has only 'neo4j'"
            ) from None
        raise LoaderError(f"{where} rejected a write: {_one_line(exc.message)}") from None
    except (Neo4jError, DriverError) as exc:
        raise LoaderError(f"{where} failed: {_one_line(exc)}") from None
    except (ConfigurationError, ValueError) as exc:
        raise LoaderError(
            f"bad Neo4j URI {settings.uri!r} ({_one_line(exc)}): use bolt://HOST:PORT "
            "or neo4j://HOST:PORT in --uri (NEO4J_URI)"
        ) from None


def connect(settings: Neo4jSettings) -> Driver:
    """A driver that has reached the server and whose credentials were accepted.

    Raises:
        LoaderError: unreachable server, refused credentials, bad URI.
    """
    from neo4j import GraphDatabase

    scheme = settings.uri.partition("://")[0].lower()
    if scheme not in _SCHEMES or "://" not in settings.uri:
        raise LoaderError(
            f"bad Neo4j URI {settings.uri!r}: use bolt://HOST:PORT or neo4j://HOST:PORT "
            "in --uri (NEO4J_URI)"
        )
    auth = (settings.user, settings.password) if settings.password is not None else None
    with neo4j_errors(settings):
        driver = GraphDatabase.driver(
            settings.uri,
            auth=auth,
            max_transaction_retry_time=settings.retry_seconds,
            connection_timeout=settings.connect_timeout,
            connection_acquisition_timeout=settings.connect_timeout + 5,
            notifications_min_severity="WARNING",  # not "index already exists" on reloads
        )
        try:
            driver.verify_connectivity()
        except BaseException:
            driver.close()
            raise
    return driver


# -- writing ---------------------------------------------------------------------------


@dataclass(slots=True)
class LoadStats:
    """What a load wrote: input sizes and Neo4j's own counters, summed over transactions."""

    uri: str
    database: str
    papers: int = 0
    entities: int = 0
    relationships: int = 0
    transactions: int = 0
    seconds: float = 0.0
    counters: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_COUNTERS, 0))

    def add(self, counters: object) -> None:
        for name in _COUNTERS:
            self.counters[name] += int(getattr(counters, name, 0))

    @property
    def relationships_per_second(self) -> float:
        return self.relationships / self.seconds if self.seconds else 0.0

    def render(self) -> str:
        """The summary ``kg load`` prints."""
        c = self.counters
        return "\n".join(
            [
                f"Loaded {self.papers} papers, {self.entities} entities and "
                f"{self.relationships} relationships into database {self.database!r} "
                f"at {self.uri} in {self.seconds:.1f} s ({self.transactions} transactions, "
                f"{self.relationships_per_second:,.0f} relationships/s).",
                f"Created {c['nodes_created']} nodes and {c['relationships_created']} "
                f"relationships; deleted {c['nodes_deleted']} nodes and "
                f"{c['relationships_deleted']} relationships (facts replaced by papers "
                f"extracted again); set {c['properties_set']} properties.",
            ]
        )


def _run_steps(tx: ManagedTransaction, steps: list[tuple[str, Row]]) -> list[Any]:
    """One transaction: run each (query, params); return each step's counters."""
    return [tx.run(query, params).consume().counters for query, params in steps]


def _paper_tx(
    tx: ManagedTransaction,
    queries: dict[str, str],
    batch: list[PaperGroup],
    graph_entities: set[str],
) -> list[Any]:
    """One group of papers in one transaction: clear old facts, write, recount losers."""
    clear = tx.run(queries["clear"], {"rows": [g.keep for g in batch]})
    record = clear.single()
    counters = [clear.consume().counters]
    touched = record["touched"] if record is not None else []
    steps: list[tuple[str, Row]] = [
        (queries["papers"], {"rows": [g.paper for g in batch]}),
        (queries["roles"], {"rows": [r for g in batch for r in g.roles]}),
        (queries["relations"], {"rows": [r for g in batch for r in g.relations]}),
    ]
    # Entities only the old facts named (not in this graph): recount, drop bare ones.
    lost = sorted(set(touched) - graph_entities)
    if lost:
        steps.append((queries["support"], {"ids": lost, "prune": True}))
    return counters + _run_steps(tx, steps)


def _read_derivable(
    tx: ManagedTransaction, entities_query: str, floor_query: str
) -> tuple[list[StoredEntity], float | None]:
    """The database's named entities and its lowest stated relation confidence."""
    entities = [
        StoredEntity(r["id"], r["name"], tuple(r["aliases"]), r["type"])
        for r in tx.run(entities_query)
    ]
    record = tx.run(floor_query).single()
    return entities, record["floor"] if record is not None else None


def _chunks(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _paper_batches(groups: Sequence[PaperGroup], size: int) -> Iterator[list[PaperGroup]]:
    """Whole papers per batch, about ``size`` rows each (one big paper may exceed it)."""
    batch: list[PaperGroup] = []
    rows = 0
    for group in groups:
        if batch and rows + group.size > size:
            yield batch
            batch, rows = [], 0
        batch.append(group)
        rows += group.size
    if batch:
        yield batch


def load_with_driver(
    driver: Driver,
    G: nx.MultiDiGraph,
    *,
    database: str = "neo4j",
    uri: str = "",
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> LoadStats:
    """Load ``G`` through an open driver (see :func:`load_graph`; errors are the driver's)."""
    if batch_size < 1:
        raise LoaderError(f"--batch-size must be at least 1, not {batch_size}")
    t0 = time.perf_counter()
    plan = plan_load(G)
    graph_entities = {row["id"] for row in plan.entities}
    stats = LoadStats(
        uri=uri,
        database=database,
        papers=len(plan.papers),
        entities=len(plan.entities),
        relationships=plan.relationship_count,
    )
    total, done = plan.total_rows, 0

    def commit(work: Callable[..., list[Any]], *args: Any, rows: int) -> None:
        nonlocal done
        with driver.session(database=database) as session:
            for counters in session.execute_write(work, *args):
                stats.add(counters)
        stats.transactions += 1
        done += rows
        if progress is not None:
            progress(done, total)

    with driver.session(database=database) as session:
        for statement in schema_statements():
            session.run(statement).consume()
        session.run("CALL db.awaitIndexes(300)").consume()
    log.info("schema ready; writing %d entities, %d papers", stats.entities, stats.papers)

    queries = {
        name: read_cypher(f"load/{name}")
        for name in (
            "entities",
            "papers",
            "roles",
            "relations",
            "support",
            "derivable-entities",
            "stated-floor",
            "clear-derived",
        )
    }
    queries["clear"] = read_cypher("load/clear-paper-facts")
    for rows in _chunks(plan.entities, batch_size):
        commit(_run_steps, [(queries["entities"], {"rows": list(rows)})], rows=len(rows))
    for batch in _paper_batches(plan.papers, batch_size):
        commit(_paper_tx, queries, batch, graph_entities, rows=sum(g.size for g in batch))
    # Lineage read off the names across loads: a name loaded now links to one loaded
    # before (pairs within this graph are its own derived edges, in plan.derived). A
    # derived edge to a name no paper names any more goes first, and so does that name.
    with driver.session(database=database) as session:
        stored, floor = session.execute_read(
            _read_derivable, queries["derivable-entities"], queries["stated-floor"]
        )
    across = derived_rows(stored, floor, graph_entities)
    stats.relationships += len(across)
    clear = {
        "type": load_ontology().neo4j_rel_type(Relation.EXTENDS.value),
        "key": DERIVED_KEY,
        "graph": sorted(graph_entities),
    }
    commit(_run_steps, [(queries["clear-derived"], clear)], rows=0)
    for rows in _chunks(plan.derived + across, batch_size):
        commit(_run_steps, [(queries["relations"], {"rows": list(rows)})], rows=len(rows))
    for ids in _chunks(sorted(graph_entities), batch_size * 5):
        commit(_run_steps, [(queries["support"], {"ids": list(ids), "prune": False})], rows=0)

    stats.seconds = time.perf_counter() - t0
    log.info("%s", stats.render())
    return stats


def load_graph(
    G: nx.MultiDiGraph,
    settings: Neo4jSettings,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> LoadStats:
    """Load a built graph into the Neo4j of ``settings``.

    Args:
        G: the graph of ``kg build`` (``kg.graph.read_graph(DIR)``).
        settings: server, credentials and database.
        batch_size: rows (nodes + relationships) per transaction, about.
        progress: called with (rows done, rows total) after each transaction.

    Returns:
        Input sizes and the server's counters (nodes/relationships created, deleted).

    Raises:
        LoaderError: unreachable server, refused credentials, unknown database, a
            write that fails for good, or the server lost in the middle of the load.
        GraphError: a node or edge the ontology does not know.
    """
    driver = connect(settings)
    try:
        with neo4j_errors(settings, during="in the middle of the load"):
            return load_with_driver(
                driver,
                G,
                database=settings.database,
                uri=settings.uri,
                batch_size=batch_size,
                progress=progress,
            )
    finally:
        driver.close()
