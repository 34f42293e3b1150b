"""The canned queries: one question, three backends (Cypher, networkx, SPARQL).

``kg.queries.catalog`` lists the queries shipped in ``cypher/`` and binds parameters;
``kg.queries.embedded`` answers them over the networkx graph of ``kg build``;
``kg.queries.neo4j_backend`` runs the ``.cypher`` files on a Neo4j driver;
``kg.queries.format`` prints rows as a table, JSON or CSV. ``docs/queries.md`` is
the contract for the rows.
"""
