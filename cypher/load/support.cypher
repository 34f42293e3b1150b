// load/support: recompute `support` (distinct papers naming the entity) of the given
// entities, after a load changed which papers point at them. An entity that no paper
// names any more and that has no relationship left is deleted when `prune` is true
// (a paper extracted again no longer names it, and nothing else does).
//
// @param ids: list of string (Entity.id values)
// @param prune: boolean
//
// Example (Browser):
//   :param ids => ["entity/zero"]
//   :param prune => false
UNWIND $ids AS eid
MATCH (e:Entity {id: eid})
SET e.support = COUNT { MATCH (p:Paper)-->(e) RETURN DISTINCT p }
WITH e
WHERE $prune AND e.support = 0 AND NOT EXISTS { (e)--() }
DELETE e;
