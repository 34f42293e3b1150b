// lineage: ancestors and descendants of an entity along extends / is_a, one row per
// link with its depth and the papers that state it.
//
// @param name: string
// @param max_depth: int = 5
//
// Rows (docs/queries.md#lineage): direction, depth, head, relation, tail, papers, rules.
// `name` matches the entity's name or any alias, case-insensitively ("Zero Redundancy
// Optimizer" finds ZeRO). Derived links (name derivation) have papers = [].
//
// Examples:
//   kg query lineage --param name=ZeRO --uri bolt://127.0.0.1:7687
//   cypher-shell -a bolt://127.0.0.1:7687 -u neo4j -p "$NEO4J_PASSWORD" \
//     -P '{name: "ZeRO", max_depth: 5}' -f cypher/lineage.cypher
//   Browser: :param name => "ZeRO"
//            :param max_depth => 5
//            then paste this file into the editor and run it.
MATCH (s:Entity)
WHERE toLower(s.name) = toLower($name)
   OR any(alias IN coalesce(s.aliases, []) WHERE toLower(alias) = toLower($name))
WITH collect(s) AS sources
CALL (sources) {
  // ancestors: links leaving an entity reached forward from the sources
  UNWIND sources AS s
  MATCH (s)-[:EXTENDS|IS_A*0..]->(h:Entity)
  WITH DISTINCT s, h
  MATCH path = shortestPath((s)-[:EXTENDS|IS_A*0..]->(h))
  WITH h, min(length(path)) AS distance
  WHERE distance < $max_depth
  MATCH (h)-[r:EXTENDS|IS_A]->(t:Entity)
  RETURN 'ancestor' AS direction, distance + 1 AS depth, h AS headNode, r, t AS tailNode
  UNION ALL
  // descendants: links entering an entity reached backward from the sources
  UNWIND sources AS s
  MATCH (s)<-[:EXTENDS|IS_A*0..]-(t:Entity)
  WITH DISTINCT s, t
  MATCH path = shortestPath((s)<-[:EXTENDS|IS_A*0..]-(t))
  WITH t, min(length(path)) AS distance
  WHERE distance < $max_depth
  MATCH (h:Entity)-[r:EXTENDS|IS_A]->(t)
  RETURN 'descendant' AS direction, distance + 1 AS depth, h AS headNode, r, t AS tailNode
}
WITH direction, depth, headNode, toLower(type(r)) AS relation, tailNode, collect(r) AS links
RETURN direction, depth, headNode.name AS head, relation, tailNode.name AS tail,
       COLLECT { UNWIND links AS l WITH DISTINCT l.paper AS p WHERE p IS NOT NULL
                 RETURN p ORDER BY p } AS papers,
       COLLECT { UNWIND links AS l WITH DISTINCT l.rule AS x WHERE x IS NOT NULL
                 RETURN x ORDER BY x } AS rules
ORDER BY direction, depth, head, relation, tail, papers, rules;
