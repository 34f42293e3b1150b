// papers-using: papers that use, run on or evaluate on an entity.
//
// @param name: string
//
// Rows (docs/queries.md#papers-using): paper, title, role (uses | runs_on |
// evaluates_on), count (device count on runs_on, else null). `name` matches the
// entity's name or any alias, case-insensitively.
//
// Examples:
//   kg query papers-using --param name=A100 --uri bolt://127.0.0.1:7687
//   cypher-shell -a bolt://127.0.0.1:7687 -u neo4j -p "$NEO4J_PASSWORD" \
//     -P '{name: "A100"}' -f cypher/papers-using.cypher
//   Browser: :param name => "A100"
//            then paste this file into the editor and run it.
MATCH (x:Entity)
WHERE toLower(x.name) = toLower($name)
   OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = toLower($name))
MATCH (p:Paper)-[r:USES|RUNS_ON|EVALUATES_ON]->(x)
WITH DISTINCT p.id AS paper, p.title AS title, toLower(type(r)) AS role,
     CASE WHEN type(r) = 'RUNS_ON' THEN r.count END AS devices
RETURN paper, title, role, devices AS `count`
ORDER BY paper, role, title, `count`;
