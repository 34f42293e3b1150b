// load/clear-paper-facts: before a paper's facts are written again, delete the facts it
// stated in an earlier load that the new extraction no longer states: its role edges
// and the entity-to-entity relations whose `paper` is its id (found from the paper's
// `relation_heads`). So a paper extracted again replaces its own facts and nothing
// else, and loading the same graph twice deletes nothing. Papers not in the database
// match nothing. Returns the ids of the entities the deleted facts touched.
//
// @param rows: list of {id: Paper.id, keep_roles: list of "<entity id>|<key>",
//   keep_relations: list of "<head id>|<tail id>|<key>"}
//
// Example (Browser):
//   :param rows => [{id: "2101.00001", keep_roles: ["entity/zero|proposes"],
//                    keep_relations: []}]
UNWIND $rows AS row
MATCH (p:Paper {id: row.id})
CALL (p, row) {
  MATCH (p)-[r]->(e:Entity)
  WHERE NOT e.id + '|' + coalesce(r.key, '') IN row.keep_roles
  DELETE r
  RETURN e.id AS touched
  UNION
  UNWIND coalesce(p.relation_heads, []) AS head
  MATCH (h:Entity {id: head})-[r]->(t:Entity)
  WHERE r.paper = row.id
    AND NOT h.id + '|' + t.id + '|' + coalesce(r.key, '') IN row.keep_relations
  DELETE r
  WITH h, t
  UNWIND [h.id, t.id] AS touched
  RETURN touched
}
RETURN collect(DISTINCT touched) AS touched;
