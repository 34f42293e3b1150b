// entity: everything about one entity, one row per fact touching it: its roles in
// papers and its relations to other entities, with the evidence sentence of each.
//
// @param name: string
//
// Rows (docs/queries.md#entity): entity, type, support, aliases, fact, direction (in |
// out), other (paper id or entity name), paper, sentence, rule, confidence. `name`
// matches the entity's name or any alias, case-insensitively.
//
// Examples:
//   kg query entity --param name="Zero Redundancy Optimizer" --uri bolt://127.0.0.1:7687
//   cypher-shell -a bolt://127.0.0.1:7687 -u neo4j -p "$NEO4J_PASSWORD" \
//     -P '{name: "Zero Redundancy Optimizer"}' -f cypher/entity.cypher
//   Browser: :param name => "Zero Redundancy Optimizer"
//            then paste this file into the editor and run it.
MATCH (x:Entity)
WHERE toLower(x.name) = toLower($name)
   OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = toLower($name))
CALL (x) {
  MATCH (p:Paper)-[r]->(x)
  RETURN r, 'in' AS direction, p.id AS other, p.id AS paper
  UNION ALL
  MATCH (o:Entity)-[r]->(x)
  RETURN r, 'in' AS direction, o.name AS other, coalesce(r.paper, '') AS paper
  UNION ALL
  MATCH (x)-[r]->(o:Entity)
  RETURN r, 'out' AS direction, o.name AS other, coalesce(r.paper, '') AS paper
}
RETURN x.name AS entity, x.type AS type, x.support AS support,
       COLLECT { UNWIND coalesce(x.aliases, []) AS a WITH DISTINCT a RETURN a ORDER BY a }
         AS aliases,
       toLower(type(r)) AS fact, direction, other, paper,
       coalesce(r.sentence, '') AS sentence, coalesce(r.rule, '') AS rule,
       r.confidence AS confidence
ORDER BY fact, direction, other, paper, entity, type, support, aliases, sentence, rule,
         confidence;
