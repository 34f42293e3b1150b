# expect: kg:evaluatesOn goes from a paper to a kg:Dataset entity
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA { <https://w3id.org/kg/resource/paper/2101.00001> kg:evaluatesOn <https://w3id.org/kg/resource/entity/gpt-3> }
