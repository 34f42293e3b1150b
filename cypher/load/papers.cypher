// load/papers: create or update paper nodes; a paper's properties are replaced whole.
//
// @param rows: list of {id: string, props: map}; props holds every property of the
//   node (id, name, title, abstract, arxiv_id, published, url, authors, categories,
//   source, relation_heads), nulls left out.
//
// Example (Browser):
//   :param rows => [{id: "2101.00001", props: {id: "2101.00001", title: "ZeRO-X"}}]
UNWIND $rows AS row
MERGE (p:Paper {id: row.id})
SET p = row.props;
