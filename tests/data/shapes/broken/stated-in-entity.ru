# expect: kg:statedIn names at most one kg:Paper
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA { <https://w3id.org/kg/resource/assertion/a3> kg:statedIn <https://w3id.org/kg/resource/entity/zero> }
