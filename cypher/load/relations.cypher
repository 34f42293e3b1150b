// load/relations: entity -> entity relations (EXTENDS, IMPLEMENTED_IN, IS_A), one edge
// per stating paper (key "<relation>|<paper id>") plus derived lineage
// (key "extends|derived", no paper). Merged on the key; the type is a parameter.
//
// @param rows: list of {src: Entity.id, dst: Entity.id, type: string, key: string,
//   props: map} (props: key, paper, sentence, start, end, rule, confidence).
//
// Example (Browser):
//   :param rows => [{src: "entity/zero-infinity", dst: "entity/zero", type: "EXTENDS",
//                    key: "extends|2104.07857", props: {key: "extends|2104.07857"}}]
UNWIND $rows AS row
MATCH (a:Entity {id: row.src})
MATCH (b:Entity {id: row.dst})
MERGE (a)-[r:$(row.type) {key: row.key}]->(b)
SET r = row.props;
