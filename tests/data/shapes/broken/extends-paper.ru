# expect: kg:extends and kg:isA link an entity to an entity
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA { <https://w3id.org/kg/resource/entity/zero-infinity> kg:extends <https://w3id.org/kg/resource/paper/slug-only> }
