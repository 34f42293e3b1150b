# expect: the subject of a paper role (proposes, uses, evaluatesOn, runsOn, comparesWith, mentions) is a kg:Paper
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA { <https://w3id.org/kg/resource/entity/zero> kg:uses <https://w3id.org/kg/resource/entity/pytorch> }
