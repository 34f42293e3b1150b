// hardware-scale: papers by the largest device count they run on, with the systems and
// methods they propose (what ran at that scale).
//
// @param limit: int = 20
//
// Rows (docs/queries.md#hardware-scale): paper, title, hardware (of the largest count,
// ties: the smallest name), count, proposes. Order: count descending, then paper.
//
// Examples:
//   kg query hardware-scale --param limit=10 --uri bolt://127.0.0.1:7687
//   cypher-shell -a bolt://127.0.0.1:7687 -u neo4j -p "$NEO4J_PASSWORD" \
//     -P '{limit: 10}' -f cypher/hardware-scale.cypher
//   Browser: :param limit => 10
//            then paste this file into the editor and run it.
MATCH (p:Paper)-[r:RUNS_ON]->(:Entity)
WHERE r.count IS NOT NULL
WITH p, max(r.count) AS largest
MATCH (p)-[r:RUNS_ON]->(h:Entity)
WHERE r.count = largest
WITH p, largest, min(h.name) AS hardware
RETURN p.id AS paper, p.title AS title, hardware, largest AS `count`,
       COLLECT { MATCH (p)-[:PROPOSES]->(e:Entity) WITH DISTINCT e.name AS n
                 WHERE n IS NOT NULL RETURN n ORDER BY n } AS proposes
ORDER BY `count` DESC, paper
LIMIT $limit;
