// compare: two entities side by side: type, aliases, papers proposing and using each,
// hardware each runs on (with the largest device count), datasets each is evaluated on,
// papers comparing them directly, shared and distinct neighbours.
//
// @param a: string
// @param b: string
//
// Rows (docs/queries.md#compare): aspect, a, b: one row per aspect in the order name,
// type, aliases, proposed_in, used_in, runs_on, evaluated_on, compared_in,
// shared_neighbours, distinct_neighbours. Every cell a sorted list of strings. `a` and
// `b` match names or aliases case-insensitively, and several matches are united.
//
// Examples:
//   kg query compare --param a=DiLoCo --param b=DiLoCoX --uri bolt://127.0.0.1:7687
//   cypher-shell -a bolt://127.0.0.1:7687 -u neo4j -p "$NEO4J_PASSWORD" \
//     -P '{a: "DiLoCo", b: "DiLoCoX"}' -f cypher/compare.cypher
//   Browser: :param a => "DiLoCo"
//            :param b => "DiLoCoX"
//            then paste this file into the editor and run it.
OPTIONAL MATCH (x:Entity)
WHERE toLower(x.name) = toLower($a)
   OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = toLower($a))
WITH collect(x) AS xa
OPTIONAL MATCH (y:Entity)
WHERE toLower(y.name) = toLower($b)
   OR any(alias IN coalesce(y.aliases, []) WHERE toLower(alias) = toLower($b))
WITH xa, collect(y) AS xb
WITH xa, xb,
     // entities sharing a paper with each side, the compared entities left out
     COLLECT { UNWIND xa AS x MATCH (x)<--(:Paper)-->(n:Entity)
               WHERE NOT n IN xa AND NOT n IN xb RETURN DISTINCT n } AS na,
     COLLECT { UNWIND xb AS x MATCH (x)<--(:Paper)-->(n:Entity)
               WHERE NOT n IN xa AND NOT n IN xb RETURN DISTINCT n } AS nb,
     // papers naming both, at least one of them with compares_with
     COLLECT { UNWIND xa AS x MATCH (x)<--(p:Paper)
               WITH DISTINCT p
               WHERE EXISTS { MATCH (p)-->(y) WHERE y IN xb }
                 AND EXISTS { MATCH (p)-[:COMPARES_WITH]->(z) WHERE z IN xa OR z IN xb }
               RETURN p.id AS v ORDER BY v } AS compared
WITH xa, xb, na, nb, compared,
     COLLECT { UNWIND na AS n WITH n WHERE n IN nb
               WITH DISTINCT n.name AS v WHERE v IS NOT NULL RETURN v ORDER BY v } AS shared
UNWIND [{i: 0, xs: xa, mine: na, theirs: nb}, {i: 1, xs: xb, mine: nb, theirs: na}] AS side
CALL (side) {
  WITH side.xs AS xs,
       COLLECT { UNWIND side.xs AS x MATCH (x)<-[:PROPOSES|USES]-(p:Paper)
                 RETURN DISTINCT p } AS working
  CALL (working) {
    // hardware the proposing or using papers run on, with the largest stated count
    UNWIND working AS p
    MATCH (p)-[r:RUNS_ON]->(h:Entity)
    WITH h.name AS hardware, max(r.count) AS devices
    WITH CASE WHEN devices IS NULL THEN hardware
              ELSE hardware + ' x' + toString(devices) END AS v
    ORDER BY v
    RETURN collect(v) AS runsOn
  }
  RETURN {
    name: COLLECT { UNWIND xs AS x WITH DISTINCT x.name AS v WHERE v IS NOT NULL
                    RETURN v ORDER BY v },
    type: COLLECT { UNWIND xs AS x WITH DISTINCT x.type AS v WHERE v IS NOT NULL
                    RETURN v ORDER BY v },
    aliases: COLLECT { UNWIND xs AS x UNWIND coalesce(x.aliases, []) AS a
                       WITH DISTINCT a AS v RETURN v ORDER BY v },
    proposed_in: COLLECT { UNWIND xs AS x MATCH (x)<-[:PROPOSES]-(p:Paper)
                           WITH DISTINCT p.id AS v RETURN v ORDER BY v },
    used_in: COLLECT { UNWIND xs AS x MATCH (x)<-[:USES]-(p:Paper)
                       WITH DISTINCT p.id AS v RETURN v ORDER BY v },
    runs_on: runsOn,
    evaluated_on: COLLECT { UNWIND working AS p MATCH (p)-[:EVALUATES_ON]->(d:Entity)
                            WITH DISTINCT d.name AS v WHERE v IS NOT NULL
                            RETURN v ORDER BY v },
    distinct_neighbours: COLLECT { UNWIND side.mine AS n WITH n WHERE NOT n IN side.theirs
                                   WITH DISTINCT n.name AS v WHERE v IS NOT NULL
                                   RETURN v ORDER BY v }
  } AS v
}
WITH compared, shared, side.i AS i, v
ORDER BY i
WITH compared, shared, collect(v) AS sides
WITH compared, shared, sides,
     ['name', 'type', 'aliases', 'proposed_in', 'used_in', 'runs_on', 'evaluated_on',
      'compared_in', 'shared_neighbours', 'distinct_neighbours'] AS aspects
UNWIND range(0, size(aspects) - 1) AS k
WITH k, aspects[k] AS aspect, compared, shared, sides
RETURN aspect,
       CASE aspect WHEN 'compared_in' THEN compared WHEN 'shared_neighbours' THEN shared
                   ELSE sides[0][aspect] END AS a,
       CASE aspect WHEN 'compared_in' THEN compared WHEN 'shared_neighbours' THEN shared
                   ELSE sides[1][aspect] END AS b
ORDER BY k;
