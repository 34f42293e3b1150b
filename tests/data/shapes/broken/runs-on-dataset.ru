# expect: kg:runsOn goes from a paper to a kg:Hardware entity
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA { <https://w3id.org/kg/resource/paper/2101.00001> kg:runsOn <https://w3id.org/kg/resource/entity/c4> }
