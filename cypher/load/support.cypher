// load/support: recompute `support` (distinct papers naming the entity) and
// `confidence` (1 - Π(1 - c_p) over those papers, c_p the highest confidence among the
// paper's role edges to the entity, as `kg build` computes it) of the given entities,
// after a load changed which papers point at them. So an incremental load leaves the
// same values as loading all papers at once. An entity that no paper names any more
// and that has no relationship left is deleted when `prune` is true (a paper
// extracted again no longer names it, and nothing else does).
//
// @param ids: list of string (Entity.id values)
// @param prune: boolean
//
// Example (Browser):
//   :param ids => ["entity/zero"]
//   :param prune => false
UNWIND $ids AS eid
MATCH (e:Entity {id: eid})
WITH e, COLLECT {
  MATCH (p:Paper)-[r]->(e)
  WITH p, max(r.confidence) AS best
  RETURN best
} AS best
SET e.support = size(best),
    e.confidence = CASE size(best)
      WHEN 0 THEN e.confidence
      ELSE round(1.0 - reduce(q = 1.0, c IN best | q * (1.0 - coalesce(c, 0.5))), 4)
    END
WITH e
WHERE $prune AND e.support = 0 AND NOT EXISTS { (e)--() }
DELETE e;
