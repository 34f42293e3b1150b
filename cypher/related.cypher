// related: the entities most often named in the same paper as one entity.
//
// @param name: string
// @param limit: int = 10
//
// Rows (docs/queries.md#related): name, type, papers (the number of papers naming
// both). Order: papers descending, then name. The entity itself is left out. `name`
// matches the entity's name or any alias, case-insensitively.
//
// Examples:
//   kg query related --param name=DiLoCo --param limit=5 --uri bolt://127.0.0.1:7687
//   cypher-shell -a bolt://127.0.0.1:7687 -u neo4j -p "$NEO4J_PASSWORD" \
//     -P '{name: "DiLoCo", limit: 5}' -f cypher/related.cypher
//   Browser: :param name => "DiLoCo"
//            :param limit => 5
//            then paste this file into the editor and run it.
MATCH (x:Entity)
WHERE toLower(x.name) = toLower($name)
   OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = toLower($name))
WITH collect(x) AS sources
UNWIND sources AS x
MATCH (x)<--(p:Paper)-->(n:Entity)
WHERE NOT n IN sources
WITH n, count(DISTINCT p) AS papers
RETURN n.name AS name, n.type AS type, papers
ORDER BY papers DESC, name, type
LIMIT $limit;
