// top: the most supported entities (named by the most papers) of each type.
//
// @param type: string = ""
// @param limit: int = 10
//
// Rows (docs/queries.md#top): type, name, support. Types in alphabetical order. Within
// a type at most `limit` rows by support descending, then name. An empty `type` means
// every type, otherwise it matches the type case-insensitively.
//
// Examples:
//   kg query top --param type=Hardware --param limit=5 --uri bolt://127.0.0.1:7687
//   cypher-shell -a bolt://127.0.0.1:7687 -u neo4j -p "$NEO4J_PASSWORD" \
//     -P '{type: "Hardware", limit: 5}' -f cypher/top.cypher
//   Browser: :param type => "Hardware"
//            :param limit => 5
//            then paste this file into the editor and run it.
MATCH (e:Entity)
WHERE $type = '' OR toLower(e.type) = toLower($type)
WITH e.type AS entityType, e.name AS name, coalesce(e.support, 0) AS support
ORDER BY support DESC, name
WITH entityType, collect({name: name, support: support})[..$limit] AS best
UNWIND best AS b
RETURN entityType AS type, b.name AS name, b.support AS support
ORDER BY type, support DESC, name;
