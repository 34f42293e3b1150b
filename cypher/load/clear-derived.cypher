// load/clear-derived: delete lineage read off the names (edges keyed `$key`, no paper)
// whose end no paper names any more (`support` 0: a paper extracted again dropped the
// name) and that is not in the graph being loaded, then that end itself if nothing else
// links it. Run after the papers are loaded, before derived edges are merged.
//
// @param type: string (the relationship type, EXTENDS)
// @param key: string ("extends|derived")
// @param graph: list of string (Entity.id values of the graph being loaded)
//
// Example (Browser):
//   :param type => "EXTENDS"
//   :param key => "extends|derived"
//   :param graph => ["entity/zero"]
MATCH (a:Entity)-[r:$($type) {key: $key}]->(b:Entity)
WHERE (coalesce(a.support, 0) = 0 AND NOT a.id IN $graph)
   OR (coalesce(b.support, 0) = 0 AND NOT b.id IN $graph)
DELETE r
WITH DISTINCT a, b
UNWIND [a, b] AS e
WITH DISTINCT e
WHERE coalesce(e.support, 0) = 0 AND NOT e.id IN $graph AND NOT EXISTS { (e)--() }
DELETE e;
