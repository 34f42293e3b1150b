// load/stated-floor: the lowest confidence of an entity-to-entity relation a paper
// states, in the whole database. Lineage read off the names gets less than that, as in
// `kg build`. Null when no paper states a relation.
//
// No parameters.
//
// Example (Browser):
//   (run as is)
MATCH (:Entity)-[r]->(:Entity)
WHERE r.paper IS NOT NULL
RETURN min(r.confidence) AS floor;
