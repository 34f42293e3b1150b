// load/clear-derived: delete lineage read off the names (edges keyed `$key`, no paper)
// that no longer holds: the pairs in `$keep` are today's, every other such edge goes,
// and so does an end of it that no paper names and nothing else links (a name a paper
// extracted again dropped). Run before today's derived edges are merged
// (`load/relations`).
//
// @param type: string (the relationship type, EXTENDS)
// @param key: string ("extends|derived")
// @param keep: list of "<head id>|<tail id>"
//
// Example (Browser):
//   :param type => "EXTENDS"
//   :param key => "extends|derived"
//   :param keep => ["entity/zero-infinity|entity/zero"]
MATCH (a:Entity)-[r:$($type) {key: $key}]->(b:Entity)
WHERE NOT a.id + '|' + b.id IN $keep
DELETE r
WITH DISTINCT a, b
UNWIND [a, b] AS e
WITH DISTINCT e
WHERE coalesce(e.support, 0) = 0 AND NOT EXISTS { (e)--() }
DELETE e;
