# expect: a paper role (proposes, uses, comparesWith, mentions) points to an entity of one of the five entity classes
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA { <https://w3id.org/kg/resource/paper/2101.00001> kg:uses "PyTorch" }
