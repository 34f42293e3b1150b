// load/roles: paper -> entity role edges (USES, RUNS_ON, ...), merged on their key.
// The relationship type is a parameter ($(...) dynamic type, Neo4j 5.26+).
//
// @param rows: list of {src: Paper.id, dst: Entity.id, type: string, key: string,
//   props: map} (props: key, paper, sentence, start, end, rule, confidence, count).
//
// Example (Browser):
//   :param rows => [{src: "2101.00001", dst: "entity/zero", type: "PROPOSES",
//                    key: "proposes", props: {key: "proposes", paper: "2101.00001"}}]
UNWIND $rows AS row
MATCH (p:Paper {id: row.src})
MATCH (e:Entity {id: row.dst})
MERGE (p)-[r:$(row.type) {key: row.key}]->(e)
SET r = row.props;
