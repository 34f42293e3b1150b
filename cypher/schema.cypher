// schema: the constraints and indexes `kg load` creates before it writes anything.
// Every statement is idempotent (IF NOT EXISTS), so loading again changes nothing.
//
// Parameters: none.
//
// Nodes: (:Paper {id}) and (:Entity:<Class> {id}), where <Class> is the entity's
// ontology class (Method, System, Hardware, Dataset, Model). Entity.names holds the
// lower-cased name and aliases, so a name or alias is found with the full-text index
// (exact phrase: quote it) or with `WHERE toLower($name) IN e.names`.
//
// Example:
//   cypher-shell -a bolt://127.0.0.1:7687 -u neo4j -p "$NEO4J_PASSWORD" -f cypher/schema.cypher
//   CALL db.index.fulltext.queryNodes('entity_names', '"zero redundancy optimizer"')
//     YIELD node RETURN node.name;
CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (p:Paper) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name);
CREATE INDEX entity_type IF NOT EXISTS FOR (e:Entity) ON (e.type);
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.names];
