// load/entities: create or update entity nodes with :Entity plus their class label.
// Properties are replaced whole; class labels the entity no longer has are removed.
// Labels are parameters ($(...) dynamic labels, Neo4j 5.26+), never text built from data.
//
// @param rows: list of {id: string, label: string, stale_labels: list of string,
//   props: map} (props: id, name, type, aliases, names, alt_types, specific, support,
//   confidence, vocab_id, parameters; nulls left out).
//
// Example (Browser):
//   :param rows => [{id: "entity/zero", label: "Method", stale_labels: ["System"],
//                    props: {id: "entity/zero", name: "ZeRO", names: ["zero"]}}]
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
SET e = row.props
SET e:$(row.label)
REMOVE e:$(row.stale_labels);
